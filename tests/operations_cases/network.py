"""Operations of the Network tab, each done through its widgets as the user does it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox

from careerdesk.core import models as m
from careerdesk.core import network
from careerdesk.ui.network import tab as tab_module
from careerdesk.ui.network.dialogs import (
    JobDialog,
    LinkGoalDialog,
    LogInteractionDialog,
    TagCadenceDialog,
)
from careerdesk.ui.network.import_dialog import ImportDialog

from .case import Case

FIXTURES = Path(__file__).parent.parent / "io" / "fixtures"


def _tab(window):
    return window.show_tab("network_tab")


def _contact_with(window, *, interactions: bool = False, goals: bool = False) -> int:
    """A listed contact of the example plan (with interactions or goal links), shown."""
    query = m.Contact.select(m.Contact.id).where(m.Contact.archived == False)  # noqa: E712
    if interactions:
        query = query.where(m.Contact.id.in_(m.Interaction.select(m.Interaction.contact)))
    if goals:
        query = query.where(m.Contact.id.in_(m.GoalContact.select(m.GoalContact.contact)))
    contact_id = query.order_by(m.Contact.id).first().id
    _tab(window).select_contact(contact_id)
    return contact_id


@contextmanager
def _answering(dialog_class, fill) -> Iterator[None]:
    """The dialog's exec() fills it like the user, then OK."""

    def exec_(dialog) -> int:
        fill(dialog)
        return QDialog.DialogCode.Accepted

    with mock.patch.object(dialog_class, "exec", exec_):
        yield


def _type(edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, text)
    edit.editingFinished.emit()


def _add_contact(window) -> None:
    with mock.patch.object(
        tab_module.QInputDialog, "getText", return_value=("Rosalind Franklin", True)
    ):
        _tab(window).new_button.click()


def _edit_field(field: str, text: str):
    def act(window) -> None:
        _contact_with(window)
        _type(_tab(window).details.edits[field], text)

    return act


def _change_relationship(window) -> None:
    contact_id = _contact_with(window)
    combo = _tab(window).details.relationship_combo
    now = network.contact_details(contact_id, window.ctx.today()).relationship
    index = next(i for i in range(combo.count()) if combo.itemData(i) != now)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def _edit_notes(window) -> None:
    _contact_with(window)
    notes = _tab(window).details.notes_edit
    notes.setFocus()
    notes.setPlainText("Met at the conference.\nLikes <b>tea</b>.")
    notes.editingFinished.emit()


def _edit_tags(window) -> None:
    _contact_with(window)
    _type(_tab(window).details.tags_edit, "mentor, brand new tag")


def _set_cadence(window) -> None:
    _contact_with(window)
    details = _tab(window).details
    details.ideal_spin.setValue(21)
    details.max_spin.setValue(45)
    details.max_spin.editingFinished.emit()


def _archive(window) -> None:
    _contact_with(window, interactions=True)
    _tab(window).archive_button.click()


def _delete(window) -> None:
    _contact_with(window, interactions=True, goals=True)
    with mock.patch.object(tab_module, "message", return_value=QMessageBox.StandardButton.Yes):
        _tab(window).delete_button.click()


def _log_interaction(window) -> None:
    _contact_with(window, interactions=True)
    today = window.ctx.today()

    def fill(dialog: LogInteractionDialog) -> None:
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("coffee"))
        dialog.summary_edit.setText("Talked about the new team")
        dialog.follow_up_check.setChecked(True)
        dialog.follow_up_edit.set_value(today + dt.timedelta(days=3))

    with _answering(LogInteractionDialog, fill):
        _tab(window).details.log_button.click()


def _select_first(tree) -> None:
    tree.setCurrentItem(tree.topLevelItem(0))


def _edit_interaction(window) -> None:
    _contact_with(window, interactions=True)
    details = _tab(window).details
    _select_first(details.interactions)

    def fill(dialog: LogInteractionDialog) -> None:
        older_than_the_others = dialog.date_edit.value() - dt.timedelta(days=40)
        dialog.date_edit.set_value(older_than_the_others)
        dialog.summary_edit.setText("Edited summary")

    with _answering(LogInteractionDialog, fill):
        details.findChild(type(details.log_button), "edit_interaction_button").click()


def _delete_interaction(window) -> None:
    _contact_with(window, interactions=True)
    details = _tab(window).details
    _select_first(details.interactions)  # the newest: "last contacted" moves back
    details.findChild(type(details.log_button), "delete_interaction_button").click()


def _contacted_today(window) -> None:
    _contact_with(window)
    _tab(window).details.today_button.click()


def _contacted_from_queue(window) -> None:
    tab = _tab(window)
    tab._after_first_paint()  # the queue fills once the tab is painted
    tab.reach_out.refresh()
    queue = tab.reach_out.queue
    _select_first(queue)
    assert queue.currentItem().data(0, Qt.ItemDataRole.UserRole) is not None
    tab.reach_out.contacted_button.click()


def _follow_up_done_from_queue(window) -> None:
    tab = _tab(window)
    tab._after_first_paint()
    tab.reach_out.refresh()
    queue = tab.reach_out.queue
    # The example plan has a follow-up due in three days: it heads the queue.
    item = next(
        queue.topLevelItem(i)
        for i in range(queue.topLevelItemCount())
        if queue.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 1) is not None
    )
    queue.setCurrentItem(item)
    tab.reach_out.contacted_button.click()


def _add_job(window) -> None:
    _contact_with(window)

    def fill(dialog: JobDialog) -> None:
        dialog.company_edit.setText("Old Firm")
        dialog.position_edit.setText("Analyst")

    details = _tab(window).details
    with _answering(JobDialog, fill):
        details.findChild(type(details.log_button), "add_job_button").click()


def _remove_job(window) -> None:
    contact_id = m.Employment.select().order_by(m.Employment.id).first().contact_id
    _tab(window).select_contact(contact_id)
    details = _tab(window).details
    _select_first(details.jobs)
    details.findChild(type(details.log_button), "remove_job_button").click()


def _link_goal(window) -> None:
    contact_id = _contact_with(window)
    linked = {g.goal_id for g in network.goals_helped(contact_id)}

    def fill(dialog: LinkGoalDialog) -> None:
        combo = dialog.goal_combo
        combo.setCurrentIndex(
            next(i for i in range(combo.count()) if combo.itemData(i) not in linked)
        )
        dialog.role_edit.setText("Reviews my plan")

    details = _tab(window).details
    with _answering(LinkGoalDialog, fill):
        details.findChild(type(details.log_button), "link_goal_button").click()


def _unlink_goal(window) -> None:
    _contact_with(window, goals=True)
    details = _tab(window).details
    _select_first(details.goals)
    details.findChild(type(details.log_button), "unlink_goal_button").click()


def _wait_for_step(window, steps: int) -> None:
    for _ in range(500):
        if window.ctx.undo_stack.count() > steps:
            break
        QTest.qWait(20)


def _tag_cadences(window) -> None:
    def fill(dialog: TagCadenceDialog) -> None:
        ideal, maximum = dialog.spins[0]
        ideal.setValue(10)
        maximum.setValue(20)

    steps = window.ctx.undo_stack.count()
    with _answering(TagCadenceDialog, fill):
        _tab(window).tags_button.click()
    _wait_for_step(window, steps)  # the write runs in a worker


def _import(kind: str, name: str):
    def act(window) -> None:
        tab = _tab(window)
        steps = window.ctx.undo_stack.count()

        def accept(dialog: ImportDialog) -> int:
            return QDialog.DialogCode.Accepted

        with mock.patch.object(ImportDialog, "exec", accept):
            tab.start_import(kind, FIXTURES / name)
            _wait_for_step(window, steps)  # the read and the write run in a worker

    return act


CASES = [
    Case("network: new contact", _add_contact),
    Case("network: edit company", _edit_field("company", "Analytical Engines")),
    Case("network: edit e-mail", _edit_field("email", "someone@example.org")),
    Case("network: change relationship", _change_relationship),
    Case("network: edit notes", _edit_notes),
    Case("network: edit tags (a new tag)", _edit_tags),
    Case("network: own keep-in-touch cadence", _set_cadence),
    Case("network: archive contact", _archive),
    Case("network: delete contact with history", _delete),
    Case("network: log interaction with follow-up", _log_interaction),
    Case("network: edit interaction", _edit_interaction),
    Case("network: delete interaction", _delete_interaction),
    Case("network: contacted today (details)", _contacted_today),
    Case("network: contacted today (reach-out queue)", _contacted_from_queue),
    Case("network: follow-up done (reach-out queue)", _follow_up_done_from_queue),
    Case("network: add past job", _add_job),
    Case("network: remove past job", _remove_job),
    Case("network: link goal", _link_goal),
    Case("network: unlink goal", _unlink_goal),
    Case("network: tag cadences", _tag_cadences),
    Case("network: import LinkedIn connections", _import("linkedin", "linkedin_connections.csv")),
    Case("network: import vCards", _import("vcard", "google_30.vcf")),
    Case("network: import CSV", _import("csv", "contacts_utf8.csv")),
]
