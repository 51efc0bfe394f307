"""The check-in wizard walked end to end: review, reflect, adjust the plan; one undo."""

from __future__ import annotations

import datetime as dt

from database_dump import canonical_dump
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QListWidget, QWizard

from careerdesk.core import models as m
from careerdesk.ui.journal.checkin_wizard import CheckInWizard

GOAL = "Lead the payments platform redesign"


def _walk(wizard: CheckInWizard, qtbot, today: dt.date) -> dict:
    """What a user does in each page; returns what the pages showed."""
    seen = {"pages": []}
    wizard.show()  # as exec() does
    seen["pages"].append(wizard.currentPage().objectName())
    wizard.period.setCurrentIndex(wizard.period.findData("monthly"))
    wizard.next()
    seen["pages"].append(wizard.currentPage().objectName())
    table = wizard.goal_table
    titles = [table.item(r, 0).text() for r in range(table.rowCount())]
    seen["goals"] = titles
    row = titles.index(GOAL)
    seen["moved"] = table.item(row, wizard.MOVED).text()
    table.item(row, wizard.COMMENT).setText("Design review slipped a month.")
    wizard.next()
    seen["pages"].append(wizard.currentPage().objectName())
    wizard.wellbeing.setValue(4)
    wizard.balance.setValue(2)
    wizard.went_well.setPlainText("Shipped the retries design.")
    wizard.not_well.setPlainText("Too many meetings.")
    wizard.learned.setPlainText("Write the doc first.")
    wizard.will_change.setPlainText("Block two mornings a week.")
    wizard.next()
    page = wizard.currentPage()
    seen["pages"].append(page.objectName())
    page.goal.setCurrentIndex(page.goal.findText(GOAL))
    page.target.set_value(dt.date(2027, 8, 31))
    qtbot.mouseClick(page.findChild(QAbstractButton, "change_move"), Qt.MouseButton.LeftButton)
    page.step_title.setText("Book the architecture review")
    page.step_due.set_value(dt.date(2026, 12, 15))
    qtbot.mouseClick(page.findChild(QAbstractButton, "change_add_step"), Qt.MouseButton.LeftButton)
    steps = page.findChild(QListWidget, "change_open_steps")
    steps.item(0).setCheckState(Qt.CheckState.Checked)
    seen["done_step"] = steps.item(0).text().split(" — ")[0]
    changes = page.findChild(QListWidget, "change_list")
    seen["changes"] = [changes.item(i).text() for i in range(changes.count())]
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    wizard.hide()
    return seen


def test_checkin_wizard_end_to_end_and_one_undo(window, qtbot, monkeypatch, today):
    window.show_tab("journal_tab")
    before = canonical_dump(window.ctx.db_path)
    goal = m.Goal.get(m.Goal.title == GOAL)
    seen = {}

    def walk_and_finish(wizard):
        seen.update(_walk(wizard, qtbot, today))
        return QWizard.DialogCode.Accepted

    monkeypatch.setattr(CheckInWizard, "exec", walk_and_finish)
    qtbot.mouseClick(window.findChild(QAbstractButton, "new_checkin"), Qt.MouseButton.LeftButton)

    assert seen["pages"] == [
        "checkin_page_when",
        "checkin_page_goals",
        "checkin_page_reflection",
        "checkin_page_changes",
    ]
    assert GOAL in seen["goals"] and "points" in seen["moved"]
    assert seen["changes"] == [
        "Move the target of “Lead the payments platform redesign” to 31 08 2027",
        "Add the step “Book the architecture review” to “Lead the payments platform redesign”,"
        " due 15 12 2026",
        f"Mark “{seen['done_step']}” done",
    ]
    checkin = m.CheckIn.select().order_by(m.CheckIn.id.desc()).get()
    assert (checkin.date, checkin.period, checkin.wellbeing, checkin.work_life_balance) == (
        today,
        "monthly",
        4,
        2,
    )
    assert checkin.reflection.startswith("Went well: Shipped the retries design.")
    assert checkin.next_actions == "Block two mornings a week."
    assert "Moved the target date of “Lead the payments platform redesign”" in checkin.notes
    snap = m.CheckInGoal.get(m.CheckInGoal.checkin == checkin.id, m.CheckInGoal.goal == goal.id)
    assert snap.note == "Design review slipped a month."
    assert m.Goal.get_by_id(goal.id).target_date == dt.date(2027, 8, 31)
    step = m.Step.get(m.Step.title == "Book the architecture review")
    assert (step.goal_id, step.due_date) == (goal.id, dt.date(2026, 12, 15))
    assert m.Step.get(m.Step.title == seen["done_step"]).done_date == today
    assert m.Profile.get().checkin_period == "monthly"
    text = window.journal_tab.checkin_text.text()
    assert "What I changed at this review:" in text and "Book the architecture review" in text
    assert window.ctx.undo_stack.undoText() == "Check-in"

    after = canonical_dump(window.ctx.db_path)
    window.ctx.undo_stack.undo()
    assert canonical_dump(window.ctx.db_path) == before  # the whole check-in, in one step
    assert m.Goal.get_by_id(goal.id).target_date == goal.target_date
    window.ctx.undo_stack.redo()
    assert canonical_dump(window.ctx.db_path) == after


def test_a_bad_measure_update_keeps_the_wizard_open(window, qtbot, monkeypatch):
    window.show_tab("journal_tab")
    count = m.CheckIn.select().count()
    shown, runs = [], []

    def type_a_word(wizard):
        runs.append(wizard)
        if len(runs) > 1:
            # Back in the wizard with what was typed.
            assert wizard.went_well.toPlainText() == "Kept"
            return QWizard.DialogCode.Rejected
        wizard.went_well.setPlainText("Kept")
        table = wizard.goal_table
        for row in range(table.rowCount()):
            item = table.item(row, wizard.UPDATE)
            if item.flags() & Qt.ItemFlag.ItemIsEditable:
                item.setText("lots")
                break
        return QWizard.DialogCode.Accepted

    monkeypatch.setattr(CheckInWizard, "exec", type_a_word)
    monkeypatch.setattr(window.ctx, "report_error", lambda exc, parent=None: shown.append(exc))
    window.journal_tab.start_checkin()
    assert "must be a number" in str(shown[0])
    assert len(runs) == 2 and m.CheckIn.select().count() == count
