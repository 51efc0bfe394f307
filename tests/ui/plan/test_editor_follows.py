"""The editor follows the file after every operation, keeping only what the user typed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from careerdesk.core import models as m
from careerdesk.core import plan


def dates(goal_id: int) -> tuple[dt.date, dt.date]:
    goal = m.Goal.get_by_id(goal_id)
    return goal.start_date, goal.target_date


def shown(tab) -> tuple[dt.date, dt.date]:
    form = tab.editor.goal_form.fields
    return form["start_date"].value(), form["target_date"].value()


def plan_tab(window, qtbot):
    window.resize(1400, 900)
    tab = window.show_tab("plan_tab")
    qtbot.waitExposed(tab)
    qtbot.wait(20)
    return tab


def wide_bar(tab):
    """A short-term goal whose bar is wide on screen, and a viewport pixel on its body."""
    timeline = tab.timeline
    best = None
    for g in tab.view.goals:
        rect = timeline.goal_rect(g.id)
        if g.depth and rect is not None and (best is None or rect.width() > best[1].width()):
            best = (g.id, rect)
    goal_id, rect = best
    item = timeline.item
    press = QPoint(round(rect.left() + rect.width() / 3), round(rect.center().y()))
    hit = item.hit(item.mapFromScene(timeline.mapToScene(press)))
    assert hit is not None and (hit.kind, hit.zone) == ("goal", "body")
    return goal_id, press


def drag_by(qtbot, tab, press: QPoint, pixels: int) -> None:
    """Press on the viewport, move `pixels` right in a few real mouse moves, release."""
    viewport = tab.timeline.viewport()
    QTest.mouseMove(viewport, press)
    qtbot.wait(15)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    for i in range(1, 7):
        qtbot.wait(15)  # pyqtgraph drops mouse moves closer than 10 ms apart
        QTest.mouseMove(viewport, press + QPoint(pixels * i // 6, 0))
    qtbot.wait(15)
    end = press + QPoint(pixels, 0)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    qtbot.wait(15)


def test_a_drag_is_kept_when_another_goal_is_selected_and_undo_redo_follow(window, qtbot):
    tab = plan_tab(window, qtbot)
    goal_id, press = wide_bar(tab)
    before = dates(goal_id)
    drag_by(qtbot, tab, press, 150)
    after = dates(goal_id)
    moved = (after[0] - before[0]).days
    assert moved > 0 and (after[1] - before[1]).days == moved
    # The press selected the goal; the editor shows what the file holds, nothing unsaved.
    assert tab.selected == ("goal", goal_id)
    assert shown(tab) == after
    assert not tab.editor.save_button.isEnabled() and not tab.editor.revert_button.isEnabled()
    other = next(g.id for g in tab.view.goals if g.id != goal_id)
    tab.select("goal", other)
    assert dates(goal_id) == after  # not "saved" back to the old dates
    tab.select("goal", goal_id)
    window.ctx.undo_stack.undo()
    assert dates(goal_id) == before and shown(tab) == before
    window.ctx.undo_stack.redo()
    assert dates(goal_id) == after and shown(tab) == after
    tab.select("goal", other)
    assert dates(goal_id) == after
    assert not tab.editor.conflict.isVisible()


def test_typed_fields_are_kept_and_a_conflict_is_shown(window, qtbot):
    tab = plan_tab(window, qtbot)
    goal_id, _press = wide_bar(tab)
    tab.select("goal", goal_id)
    form = tab.editor.goal_form.fields
    form["title"].setText("Typed title")
    start, target = dates(goal_id)
    form["target_date"].set_value(target + dt.timedelta(days=30))
    # Alt+Right moves the goal a day later while the user has unsaved edits.
    tab.actions.nudge(1)
    day = dt.timedelta(days=1)
    assert dates(goal_id) == (start + day, target + day)
    assert form["title"].text() == "Typed title"  # kept: the user typed it
    assert form["start_date"].value() == start + day  # followed the file
    assert form["target_date"].value() == target + dt.timedelta(days=30)  # the user's
    assert tab.editor.conflict.isVisible()
    assert "Target date" in tab.editor.conflict.text()
    assert form["target_date"].property("conflict")
    # Saving keeps what was typed, over the moved dates.
    tab.editor.save_button.click()
    goal = m.Goal.get_by_id(goal_id)
    assert (goal.title, goal.start_date, goal.target_date) == (
        "Typed title",
        start + day,
        target + dt.timedelta(days=30),
    )
    assert not tab.editor.conflict.isVisible()


def test_the_editor_follows_a_move_made_outside_the_tab(window, qtbot):
    tab = plan_tab(window, qtbot)
    goal_id, _press = wide_bar(tab)
    tab.select("goal", goal_id)
    start, target = dates(goal_id)
    from careerdesk.ui.operations import perform

    perform(window.ctx, "Move", lambda: plan.move_goal(goal_id, 10))
    assert shown(tab) == (start + dt.timedelta(days=10), target + dt.timedelta(days=10))
    assert not tab.editor.save_button.isEnabled()
