"""The Journal tab: check-ins, the trend on two charts, achievements and feedback editors."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QListWidget, QMessageBox, QTableWidget

from careerdesk.app import create_window
from careerdesk.core import journal
from careerdesk.core import models as m
from careerdesk.ui.journal.editors import AchievementDialog, FeedbackDialog
from careerdesk.ui.operations import perform


def _rows(table: QTableWidget, col: int) -> list[str]:
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_journal_shows_the_example_plan(window):
    window.show_tab("journal_tab")
    assert window.findChild(QListWidget, "checkin_list").count() == 4
    assert window.findChild(QTableWidget, "snapshot_table").rowCount() >= 6
    assert window.journal_tab.cadence.text().startswith("Quarterly · next due")
    achievements = window.findChild(QTableWidget, "achievement_table")
    assert achievements.item(0, 1).text() == "Onboarded my first mentee"
    assert window.journal_tab.achievements.count.text() == "4 achievements"
    assert window.journal_tab.feedback.count.text() == "4 pieces of feedback"


def test_a_custom_cadence_reads_in_words(window):
    window.show_tab("journal_tab")
    perform(window.ctx, "Check-in cadence", lambda: journal.set_checkin_period("custom:45"))
    assert window.journal_tab.cadence.text().startswith("Every 45 days · next due")


def test_trend_has_ratings_and_progress_on_separate_charts(window, qtbot):
    window.show_tab("journal_tab")
    chart = window.journal_tab.trend_chart
    assert chart.graphics is None  # pyqtgraph waits until the chart is first shown
    window.journal_tab.sections.setCurrentWidget(chart)
    qtbot.waitUntil(lambda: chart.graphics is not None)  # once pyqtgraph is in
    series = chart.series()
    checkins = list(m.CheckIn.select().order_by(m.CheckIn.date))
    assert series["Wellbeing"][1] == [c.wellbeing for c in checkins]
    assert [i.name() for i in chart.ratings_plot.listDataItems()] == [
        "Wellbeing",
        "Work-life balance",
    ]
    assert [i.name() for i in chart.progress_plot.listDataItems()] == ["Mean goal progress"]
    assert all(0 <= y <= 100 for y in series["Mean goal progress"][1])
    assert chart.progress_plot.getAxis("left").labelText == "mean goal progress (%)"


def test_empty_journal_chart_says_why_it_is_empty(qtbot, tmp_path):
    window = create_window(tmp_path / "empty.db")
    qtbot.addWidget(window)
    window.show_tab("journal_tab")
    chart = window.journal_tab.trend_chart
    window.journal_tab.sections.setCurrentWidget(chart)
    assert chart.hint.isVisible()  # at once, before pyqtgraph is in
    assert chart.hint.text() == "No check-ins yet: the first one starts this chart."
    qtbot.waitUntil(lambda: chart.graphics is not None)
    assert chart.hint.isVisible() and not chart.graphics.isVisible()
    window.close()


def test_the_journal_does_not_import_pyqtgraph_until_its_chart_is_shown():
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen';"
        "import careerdesk.ui.journal.tab; print('pyqtgraph' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _add_achievement(window, qtbot, monkeypatch, title="Gave a meetup talk"):
    skill = m.Skill.get(m.Skill.name == "Mentoring")

    def fill(dialog: AchievementDialog):
        dialog.title_edit.setText(title)
        dialog.date.set_value(dt.date(2026, 11, 20))
        dialog.situation_edit.setPlainText("Local meetup needed a speaker.")
        dialog.task_edit.setPlainText("Give a 20-minute talk.")
        dialog.action_edit.setPlainText("Wrote and rehearsed it.")
        dialog.result_edit.setPlainText("Three people asked to be mentored.")
        dialog.metric_edit.setText("40 attendees")
        for i in range(dialog.skills.count()):
            if dialog.skills.item(i).text() == skill.name:
                dialog.skills.item(i).setCheckState(Qt.CheckState.Checked)
        dialog.evidence_box.setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(AchievementDialog, "exec", fill)
    page = window.journal_tab.achievements
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    return m.Achievement.get(m.Achievement.title == title), skill


def test_achievement_add_edit_delete_each_one_undo_step(window, qtbot, monkeypatch):
    window.show_tab("journal_tab")
    window.journal_tab.sections.setCurrentIndex(2)
    page = window.journal_tab.achievements
    achievement, skill = _add_achievement(window, qtbot, monkeypatch)
    assert achievement.notes == "Give a 20-minute talk."  # the task
    assert m.Evidence.get(m.Evidence.achievement == achievement.id).skill_id == skill.id
    assert page.selected_id() == achievement.id
    assert "Mentoring (evidence)" in _rows(page.table, 7)

    def rename(dialog):
        assert dialog.title_edit.text() == "Gave a meetup talk"
        dialog.title_edit.setText("Gave my first meetup talk")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(AchievementDialog, "exec", rename)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert m.Achievement.get_by_id(achievement.id).title == "Gave my first meetup talk"
    assert window.ctx.undo_stack.undoText() == "Edit achievement"
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert m.Achievement.get_or_none(id=achievement.id) is None
    window.ctx.undo_stack.undo()
    assert m.Achievement.get_by_id(achievement.id).title == "Gave my first meetup talk"
    window.ctx.undo_stack.undo()
    assert m.Achievement.get_by_id(achievement.id).title == "Gave a meetup talk"


def test_achievement_filter_by_skill_and_goal(window, qtbot, monkeypatch):
    window.show_tab("journal_tab")
    page = window.journal_tab.achievements
    _add_achievement(window, qtbot, monkeypatch)
    page.skill_filter.setCurrentIndex(page.skill_filter.findText("Mentoring"))
    assert _rows(page.table, 1) == ["Gave a meetup talk", "Onboarded my first mentee"]
    page.skill_filter.setCurrentIndex(0)
    goal = m.Goal.get_by_id(m.Achievement.select().order_by(m.Achievement.id).first().goal_id)
    page.goal_filter.setCurrentIndex(page.goal_filter.findText(goal.title))
    assert "Gave a meetup talk" not in _rows(page.table, 1)
    assert page.count.text() == "4 achievements"


def test_an_achievement_without_title_stays_open(window, qtbot, monkeypatch):
    window.show_tab("journal_tab")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)

    def no_title(dialog):
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(AchievementDialog, "exec", no_title)
    count = m.Achievement.select().count()
    window.journal_tab.achievements.add()
    assert shown == ["An achievement needs a title."]
    assert m.Achievement.select().count() == count


def test_feedback_from_a_contact_with_actions_that_become_steps(window, qtbot, monkeypatch):
    window.show_tab("journal_tab")
    window.journal_tab.sections.setCurrentIndex(3)
    page = window.journal_tab.feedback
    goal = m.Goal.get(m.Goal.title == "Lead the payments platform redesign")
    contact = m.Contact.select().order_by(m.Contact.id).first()

    def fill(dialog: FeedbackDialog):
        dialog.contact.setCurrentIndex(dialog.contact.findData(contact.id))
        assert not dialog.giver.isEnabled()
        dialog.kind.setCurrentIndex(dialog.kind.findData("360"))
        dialog.text.setPlainText("Great at unblocking others; write more.")
        dialog.goal.setCurrentIndex(dialog.goal.findData(goal.id))
        dialog.actions.setPlainText("Write a weekly update\nPair with a junior")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FeedbackDialog, "exec", fill)
    steps_before = m.Step.select().where(m.Step.goal == goal.id).count()
    qtbot.mouseClick(page.findChild(QAbstractButton, "add_feedback"), Qt.MouseButton.LeftButton)
    feedback = m.Feedback.get(m.Feedback.text == "Great at unblocking others; write more.")
    assert (feedback.contact_id, feedback.giver, feedback.kind) == (
        contact.id,
        contact.full_name,
        "360",
    )
    titles = [s.title for s in m.Step.select().where(m.Step.goal == goal.id)]
    assert len(titles) == steps_before + 2 and "Pair with a junior" in titles
    assert "360° review" in _rows(page.table, 2)
    window.ctx.undo_stack.undo()
    assert m.Feedback.get_or_none(id=feedback.id) is None
    assert m.Step.select().where(m.Step.goal == goal.id).count() == steps_before
    window.ctx.undo_stack.redo()
    page.select(feedback.id)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert m.Feedback.get_or_none(id=feedback.id) is None
    assert m.Step.select().where(m.Step.goal == goal.id).count() == steps_before + 2


def test_a_date_that_is_not_one_keeps_the_editor_open(window, monkeypatch):
    window.show_tab("journal_tab")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)

    def bad_date(dialog):
        dialog.title_edit.setText("Typed with care")
        dialog.date.setText("31 02 2027")
        dialog.accept()
        assert dialog.title_edit.text() == "Typed with care"  # nothing lost
        return dialog.result()

    monkeypatch.setattr(AchievementDialog, "exec", bad_date)
    count = m.Achievement.select().count()
    window.journal_tab.achievements.add()
    assert len(shown) == 1 and shown[0].startswith("Date")
    assert m.Achievement.select().count() == count
