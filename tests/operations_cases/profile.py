"""Operations of the Profile tab: About me, self-assessment items, career history."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from careerdesk.core import profile
from careerdesk.ui.profile.dialogs import AssessmentItemDialog, RoleDialog

from .case import Case


def _tab(window):
    window.show_tab("profile_tab")
    return window.profile_tab


def _edit_field(name: str, text: str):
    def act(window) -> None:
        tab = _tab(window)
        widget = tab.fields[name]
        if hasattr(widget, "setText"):
            widget.setText(text)
        else:
            widget.setPlainText(text)
        tab._save_field(name)

    return act


def _accepting(fill):
    def exec_(dialog):
        fill(dialog)
        return dialog.DialogCode.Accepted

    return exec_


def _select_item(tab, item_id: int) -> None:
    tab._select_item(item_id)


def _add_item(window) -> None:
    tab = _tab(window)

    def fill(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("interest"))
        dialog.text.setText("Open-source communities")

    with mock.patch.object(AssessmentItemDialog, "exec", _accepting(fill)):
        tab.add_item()


def _edit_item(window) -> None:
    tab = _tab(window)
    _select_item(tab, profile.assessment_items()[0].id)

    def fill(dialog):
        dialog.text.setText("Turning vague problems into designs")
        dialog.detail.setText("seen in the 2025 review")

    with mock.patch.object(AssessmentItemDialog, "exec", _accepting(fill)):
        tab.edit_item()


def _move_item_to_constraints(window) -> None:
    tab = _tab(window)
    _select_item(tab, profile.assessment_items()[0].id)

    def fill(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("constraint"))
        dialog.area.setCurrentIndex(dialog.area.findData("time"))

    with mock.patch.object(AssessmentItemDialog, "exec", _accepting(fill)):
        tab.edit_item()


def _remove_item(window) -> None:
    tab = _tab(window)
    _select_item(tab, profile.assessment_items()[1].id)
    tab.remove_item()


def _add_role(window) -> None:
    tab = _tab(window)

    def fill(dialog):
        dialog.title.setText("Intern")
        dialog.start.set_value(dt.date(2016, 6, 1))
        dialog.end.set_value(dt.date(2016, 9, 30))

    with mock.patch.object(RoleDialog, "exec", _accepting(fill)):
        tab.add_role()


def _edit_role(window) -> None:
    tab = _tab(window)
    tab.history.selectRow(0)

    def fill(dialog):
        dialog.title.setText("Staff Engineer")
        dialog.level.setText("Staff")

    with mock.patch.object(RoleDialog, "exec", _accepting(fill)):
        tab.edit_role()


def _remove_role(window) -> None:
    tab = _tab(window)
    tab.history.selectRow(1)
    tab.remove_role()


CASES = [
    Case("edit the name", _edit_field("name", "Alex M. Morgan")),
    Case("edit the headline", _edit_field("headline", "Staff engineer in the making")),
    Case("edit the location", _edit_field("location", "Utrecht")),
    Case("edit the e-mail", _edit_field("email", "alex@example.net")),
    Case("edit what growth means", _edit_field("growth_definition", "Leading people.")),
    Case("add a self-assessment item", _add_item),
    Case("edit a self-assessment item", _edit_item),
    Case("move an item to the constraints", _move_item_to_constraints),
    Case("remove a self-assessment item", _remove_item),
    Case("add a career role", _add_role),
    Case("edit a career role", _edit_role),
    Case("remove a career role", _remove_role),
]
