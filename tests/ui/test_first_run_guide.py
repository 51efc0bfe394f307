"""The first-run guide on a new, empty file: what it makes, and one undo takes it back."""

from __future__ import annotations

import datetime as dt

from database_dump import canonical_dump
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from careerdesk.app import create_window
from careerdesk.core import models as m
from careerdesk.ui.guide.wizard import FirstRunGuide


def _guide(window, qtbot) -> FirstRunGuide:
    qtbot.waitUntil(lambda: window.findChild(FirstRunGuide) is not None)
    guide = window.findChild(FirstRunGuide)
    assert guide.isVisible() and not guide.isModal()  # the window stays usable
    return guide


def test_guide_walks_from_an_empty_file_to_a_first_plan(qtbot, tmp_path, today, monkeypatch):
    window = create_window(tmp_path / "new.db", today=today)
    qtbot.addWidget(window)
    guide = _guide(window, qtbot)
    before = canonical_dump(window.ctx.db_path)
    imports = []
    monkeypatch.setattr(window, "_run_import", imports.append)

    assert guide.currentPage().objectName() == "guide_page_assessment"
    guide.assessment["strength"].setPlainText("Explaining things\nCalm under pressure")
    guide.assessment["value"].setPlainText("Autonomy")
    guide.next()
    assert guide.currentPage().objectName() == "guide_page_role"
    guide.role_search.setText("software developers")
    assert guide.role_list.count() > 0
    guide.role_list.setCurrentRow(0)
    role_title = guide.role_list.item(0).text()
    guide.next()
    assert guide.currentPage().objectName() == "guide_page_goals"
    guide.long_goal.setText("Become a staff engineer")
    guide.long_target.set_value(dt.date(2029, 11, 1))
    for n, (title, target, step, due) in enumerate(guide.short, start=1):
        title.setText(f"Short goal {n}")
        target.set_value(dt.date(2027, 3 * n, 1))
        step.setText(f"First step {n}")
        due.set_value(dt.date(2026, 12, n))
    guide.next()
    assert guide.currentPage().objectName() == "guide_page_linkedin"
    guide.linkedin.setChecked(True)
    guide.accept()

    items = {(i.kind, i.text) for i in m.AssessmentItem.select()}
    assert items == {
        ("strength", "Explaining things"),
        ("strength", "Calm under pressure"),
        ("value", "Autonomy"),
    }
    role = m.TargetRole.get()
    assert role.title == role_title and role.onet_code
    long_goal = m.Goal.get(m.Goal.title == "Become a staff engineer")
    assert (long_goal.horizon, long_goal.start_date) == ("long", today)
    shorts = list(m.Goal.select().where(m.Goal.parent == long_goal.id).order_by(m.Goal.id))
    assert [(g.title, g.horizon) for g in shorts] == [
        ("Short goal 1", "short"),
        ("Short goal 2", "short"),
    ]
    assert [(s.goal_id, s.title) for s in m.Step.select().order_by(m.Step.id)] == [
        (shorts[0].id, "First step 1"),
        (shorts[1].id, "First step 2"),
    ]
    assert window.current_tab() is window.plan_tab
    assert window.plan_tab.selected == ("goal", long_goal.id)
    assert imports == ["linkedin"]

    assert window.ctx.undo_stack.count() == 1
    window.ctx.undo_stack.undo()
    assert canonical_dump(window.ctx.db_path) == before
    window.close()


def test_guide_can_be_skipped_and_reopened_from_help(qtbot, tmp_path, today):
    window = create_window(tmp_path / "new.db", today=today)
    qtbot.addWidget(window)
    guide = _guide(window, qtbot)
    guide.reject()  # "Skip"
    qtbot.waitUntil(lambda: not guide.isVisible())
    assert m.Goal.select().count() == 0 and window.ctx.undo_stack.count() == 0
    window.findChild(QAction, "action_guide").trigger()
    [again] = [g for g in window.findChildren(FirstRunGuide) if g.isVisible()]
    assert again.currentPage().objectName() == "guide_page_assessment"
    assert again.result() != QDialog.DialogCode.Accepted
    again.reject()
    path = window.ctx.db_path
    window.close()
    # Skipped on this file: the next start does not open it by itself.
    window = create_window(path, today=today)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: getattr(window, "reminders", None) is not None)
    assert [g for g in window.findChildren(FirstRunGuide) if g.isVisible()] == []
    window.close()


def test_the_example_plan_opens_without_the_guide(window, qtbot):
    qtbot.waitUntil(lambda: getattr(window, "reminders", None) is not None)
    assert window.findChild(FirstRunGuide) is None
