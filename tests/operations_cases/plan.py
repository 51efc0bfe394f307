"""Plan operations: drags, nudges, adds, reorders, done, archive, delete, editor saves."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from .case import Case


def _tab(window):
    window.resize(1400, 900)
    tab = window.show_tab("plan_tab")
    QApplication.processEvents()
    return tab


def _goal(tab, *, depth: int = 1):
    return next(g for g in tab.view.goals if g.depth == depth)


def _step_with_followers(tab):
    waited = {s.depends_on_id for s in tab.view.steps if s.depends_on_id}
    return next(s for s in tab.view.steps if s.id in waited and s.due)


def _drag_body(window) -> None:
    """A real drag: press on a goal bar in the viewport, move 150 px, release."""
    tab = _tab(window)
    timeline = tab.timeline
    widest = max(
        (g for g in tab.view.goals if g.depth and timeline.goal_rect(g.id) is not None),
        key=lambda g: timeline.goal_rect(g.id).width(),
    )
    rect = timeline.goal_rect(widest.id)
    press = QPoint(round(rect.left() + rect.width() / 3), round(rect.center().y()))
    viewport = timeline.viewport()
    QTest.mouseMove(viewport, press)
    QTest.qWait(15)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    for i in range(1, 7):
        QTest.qWait(15)
        QTest.mouseMove(viewport, press + QPoint(25 * i, 0))
    QTest.qWait(15)
    end = press + QPoint(150, 0)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    QTest.qWait(15)


def _drag_target_edge(window) -> None:
    tab = _tab(window)
    tab.actions.drop("goal", _goal(tab).id, "target", 12)


def _drag_start_edge(window) -> None:
    tab = _tab(window)
    tab.actions.drop("goal", _goal(tab).id, "start", -9)


def _drag_step(window) -> None:
    tab = _tab(window)
    tab.actions.drop("step", _step_with_followers(tab).id, "step", 20)


def _nudge(window) -> None:
    tab = _tab(window)
    tab.select("goal", _goal(tab, depth=0).id)
    tab.findChild(QAction, "plan_later_week").trigger()


def _reset_baseline(window) -> None:
    _tab(window).reset_baseline_button.click()


def _add_goal(window) -> None:
    _tab(window).add_goal_button.click()


def _add_subgoal(window) -> None:
    tab = _tab(window)
    tab.select("goal", _goal(tab, depth=0).id)
    tab.add_subgoal_button.click()


def _add_step(window) -> None:
    tab = _tab(window)
    tab.select("goal", _goal(tab).id)
    tab.add_step_button.click()


def _reorder(window) -> None:
    tab = _tab(window)
    tab.select("step", tab.view.steps[1].id)
    tab.up_button.click()


def _goal_done(window) -> None:
    tab = _tab(window)
    goal = next(g for g in tab.view.goals if g.status != "done")
    tab.select("goal", goal.id)
    tab.done_button.click()


def _step_done(window) -> None:
    tab = _tab(window)
    tab.select("step", next(s for s in tab.view.steps if s.done is None).id)
    tab.done_button.click()


def _archive(window) -> None:
    tab = _tab(window)
    tab.select("goal", _goal(tab, depth=0).id)
    tab.archive_button.click()


def _delete(window) -> None:
    tab = _tab(window)
    tab.select("goal", _goal(tab).id)
    ask = QMessageBox.question
    QMessageBox.question = lambda *a, **k: QMessageBox.StandardButton.Yes
    try:
        tab.delete_button.click()
    finally:
        QMessageBox.question = ask


def _edit_goal(window) -> None:
    tab = _tab(window)
    goal = _goal(tab)
    tab.select("goal", goal.id)
    fields = tab.editor.goal_form.fields
    fields["title"].setText("Renamed in the editor")
    fields["target_date"].set_value(goal.target + dt.timedelta(days=40))
    fields["obstacles"].setPlainText("Time")
    tab.editor.save_button.click()


def _edit_step_later(window) -> None:
    """A due date typed later: the steps waiting for it follow, in the same undo step."""
    tab = _tab(window)
    step = _step_with_followers(tab)
    tab.select("step", step.id)
    fields = tab.editor.step_form.fields
    fields["due_date"].set_value(step.due + dt.timedelta(days=30))
    fields["effort_hours"].setText("6")
    tab.editor.save_button.click()


def _edit_dependency(window) -> None:
    tab = _tab(window)
    step = next(s for s in tab.view.steps if s.depends_on_id is None)
    tab.select("step", step.id)
    box = tab.editor.step_form.fields["depends_on"]
    box.setCurrentIndex(box.count() - 1)
    tab.editor.save_button.click()


CASES = [
    Case("drag a goal bar 150 px (real mouse events)", _drag_body),
    Case("drag a goal's target edge", _drag_target_edge),
    Case("drag a goal's start edge earlier", _drag_start_edge),
    Case("drag a step marker later (dependents follow)", _drag_step),
    Case("Alt+Shift+Right: a long-term goal a week later", _nudge),
    Case("reset the baseline", _reset_baseline),
    Case("add a goal", _add_goal),
    Case("add a sub-goal", _add_subgoal),
    Case("add a step", _add_step),
    Case("move a step up", _reorder),
    Case("mark a goal done", _goal_done),
    Case("mark a step done", _step_done),
    Case("archive a long-term goal with its sub-goals", _archive),
    Case("delete a goal with its steps", _delete),
    Case("editor: save a goal's title, target date, obstacles", _edit_goal),
    Case("editor: a step due later, its dependents follow", _edit_step_later),
    Case("editor: a step waits for another", _edit_dependency),
]
