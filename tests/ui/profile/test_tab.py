"""The Profile tab: career history and self-assessment, added, edited and removed with undo."""

from __future__ import annotations

import datetime as dt

import pytest
from database_dump import canonical_dump
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from careerdesk.app import create_window
from careerdesk.core import models as m
from careerdesk.ui.profile.dialogs import AssessmentItemDialog, RoleDialog


@pytest.fixture
def tab(window):
    window.show_tab("profile_tab")
    return window.profile_tab


def history_titles(tab):
    return [tab.history.item(r, 0).text() for r in range(tab.history.rowCount())]


def fill_role(monkeypatch, **texts):
    def accept(dialog):
        for name, value in texts.items():
            widget = getattr(dialog, name)
            if isinstance(value, dt.date):
                widget.set_value(value)
            elif isinstance(value, bool):
                widget.setChecked(value)
            else:
                widget.setText(value)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RoleDialog, "exec", accept)


def test_add_edit_and_remove_a_role_each_one_undo_step(tab, monkeypatch):
    fill_role(
        monkeypatch,
        title="Intern",
        organisation="Lumen Data",
        start=dt.date(2016, 6, 1),
        end=dt.date(2016, 9, 30),
    )
    tab.add_role_button.click()
    role = m.CareerRole.get(m.CareerRole.title == "Intern")
    assert (role.start_date, role.end_date) == (dt.date(2016, 6, 1), dt.date(2016, 9, 30))
    assert history_titles(tab)[-1] == "Intern"

    tab.history.selectRow(len(history_titles(tab)) - 1)
    fill_role(monkeypatch, title="Data intern")
    tab.edit_role_button.click()
    assert m.CareerRole.get_by_id(role.id).title == "Data intern"
    tab.ctx.undo_stack.undo()
    assert m.CareerRole.get_by_id(role.id).title == "Intern"

    tab.history.selectRow(len(history_titles(tab)) - 1)
    tab.remove_role_button.click()
    assert m.CareerRole.get_or_none(m.CareerRole.id == role.id) is None
    tab.ctx.undo_stack.undo()
    assert m.CareerRole.get_by_id(role.id).title == "Intern"


def test_a_role_ending_before_it_starts_is_refused(tab, monkeypatch):
    messages = []
    monkeypatch.setattr(
        tab.ctx, "report_error", lambda exc, parent=None: messages.append(str(exc))
    )
    before = m.CareerRole.select().count()
    fill_role(
        monkeypatch, title="Time traveller", start=dt.date(2020, 1, 1), end=dt.date(2019, 1, 1)
    )
    tab.add_role_button.click()
    assert messages == ["A role cannot end before it starts."]
    assert m.CareerRole.select().count() == before
    assert tab.ctx.undo_stack.count() == 0


def test_self_assessment_items_are_added_edited_and_removed(tab, monkeypatch):
    def accept(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("value"))
        dialog.text.setText("Honesty")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AssessmentItemDialog, "exec", accept)
    tab.add_item_button.click()
    item = m.AssessmentItem.get(m.AssessmentItem.text == "Honesty")
    assert item.kind == "value"
    rows = tab.assessment.findItems("Honesty", Qt.MatchFlag.MatchRecursive)
    assert len(rows) == 1 and rows[0].parent().text(0) == "Values"

    tab.assessment.setCurrentItem(rows[0])
    assert tab.edit_item_button.isEnabled()
    seen = {}

    def edit(dialog):
        seen["shown"] = (dialog.kind.currentData(), dialog.text.text())
        dialog.text.setText("Honesty, also when it is hard")
        dialog.kind.setCurrentIndex(dialog.kind.findData("constraint"))
        dialog.area.setCurrentIndex(dialog.area.findData("work_life"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AssessmentItemDialog, "exec", edit)
    steps = tab.ctx.undo_stack.count()
    tab.edit_item_button.click()
    assert seen["shown"] == ("value", "Honesty")  # the editor opens on the stored item
    edited = m.AssessmentItem.get_by_id(item.id)
    assert (edited.text, edited.kind, edited.constraint_area) == (
        "Honesty, also when it is hard",
        "constraint",
        "work_life",
    )
    assert tab.ctx.undo_stack.count() == steps + 1
    row = tab.assessment.currentItem()  # still selected, now under Constraints
    assert (row.text(0), row.parent().text(0)) == ("Honesty, also when it is hard", "Constraints")
    tab.ctx.undo_stack.undo()
    assert (
        m.AssessmentItem.get_by_id(item.id).text,
        m.AssessmentItem.get_by_id(item.id).kind,
    ) == (
        "Honesty",
        "value",
    )

    row = tab.assessment.findItems("Honesty", Qt.MatchFlag.MatchRecursive)[0]
    tab.assessment.setCurrentItem(row)
    tab.remove_item_button.click()
    assert m.AssessmentItem.get_or_none(m.AssessmentItem.id == item.id) is None
    tab.ctx.undo_stack.undo()
    assert m.AssessmentItem.get_by_id(item.id).text == "Honesty"


def test_double_clicking_an_item_opens_its_editor(tab, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(
        AssessmentItemDialog,
        "exec",
        lambda dialog: opened.append(dialog.text.text()) or QDialog.DialogCode.Rejected,
    )
    tab.window().show()
    qtbot.waitExposed(tab.window())
    row = tab.assessment.topLevelItem(0).child(0)
    rect = tab.assessment.visualItemRect(row)
    viewport = tab.assessment.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [row.text(0)]
    assert tab.ctx.undo_stack.count() == 0


def test_a_wrong_role_keeps_the_dialog_open_with_what_was_typed(qtbot, monkeypatch, today):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    dialog = RoleDialog(today)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("Time traveller")
    dialog.start.set_value(dt.date(2020, 1, 1))
    dialog.end.set_value(dt.date(2019, 1, 1))
    dialog.accept()
    assert shown == ["A role cannot end before it starts."]
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.title.text() == "Time traveller"
    dialog.end.set_value(dt.date(2021, 1, 1))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_opening_about_me_on_a_new_file_writes_nothing_and_the_first_edit_is_one_step(
    qtbot, tmp_path
):
    path = tmp_path / "new.careerdesk"
    window = create_window(path)
    qtbot.addWidget(window)
    before = canonical_dump(path)
    window.show_tab("profile_tab")
    assert canonical_dump(path) == before  # shown, not written
    name = window.profile_tab.fields["name"]
    name.setText("Alex Morgan")
    name.editingFinished.emit()
    assert [p.name for p in m.Profile.select()] == ["Alex Morgan"]
    window.ctx.undo_stack.undo()
    assert canonical_dump(path) == before
    assert name.text() == ""
    window.close()
