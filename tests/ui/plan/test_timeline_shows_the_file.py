"""After a drop, an undo and a redo the timeline shows what the file holds."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from careerdesk.app import create_window
from careerdesk.core import plan_view
from careerdesk.ui.plan.timeline import Timeline

from ...conftest import TODAY

SIZE = (1400, 900)


def _plan_tab(window, qtbot):
    window.resize(*SIZE)
    tab = window.show_tab("plan_tab")
    qtbot.waitExposed(tab)
    qtbot.wait(30)
    return tab


def _grab(tab, qtbot) -> QImage:
    qtbot.wait(30)
    return tab.timeline.viewport().grab().toImage()


def _fresh(window, qtbot, shown: Timeline) -> QImage:
    """A new timeline read from the same file (one file is open once), same size and view."""
    fresh = Timeline(lambda: TODAY)
    qtbot.addWidget(fresh)
    fresh.resize(shown.size())
    fresh.set_show_baseline(shown.item.show_baseline)
    lanes = window.plan_tab.lane_mode.currentData()
    fresh.set_plan(plan_view.plan_view(TODAY), lanes, TODAY)
    fresh.show()
    qtbot.waitExposed(fresh)
    view = shown.view_box.viewRect()
    fresh.view_box.setRange(
        xRange=(view.left(), view.right()), yRange=(view.top(), view.bottom()), padding=0
    )
    qtbot.wait(30)
    image = fresh.viewport().grab().toImage()
    fresh.close()
    return image


def _differing_pixels(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    return sum(
        a.pixel(x, y) != b.pixel(x, y)
        for x in range(0, a.width(), 2)
        for y in range(0, a.height(), 2)
    )


def _drop_undo_redo(window, qtbot) -> None:
    tab = _plan_tab(window, qtbot)
    timeline = tab.timeline
    goal = max(
        (g for g in tab.view.goals if timeline.goal_rect(g.id) is not None),
        key=lambda g: (g.depth > 0, timeline.goal_rect(g.id).width()),
    )
    rect = timeline.goal_rect(goal.id)
    press = QPoint(round(rect.left() + rect.width() / 3), round(rect.center().y()))
    before = (goal.start, goal.target)
    viewport = timeline.viewport()
    QTest.mouseMove(viewport, press)
    qtbot.wait(15)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    for i in range(1, 7):
        qtbot.wait(15)
        QTest.mouseMove(viewport, press + QPoint(25 * i, 0))
    qtbot.wait(15)
    end = press + QPoint(150, 0)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    QTest.mouseMove(viewport, QPoint(5, 5))  # the pointer leaves: no hover outline
    assert (tab.goal_row(goal.id).start, tab.goal_row(goal.id).target) != before
    path = window.ctx.db_path
    for step in ("drop", "undo", "redo"):
        if step == "undo":
            window.ctx.undo_stack.undo()
        elif step == "redo":
            window.ctx.undo_stack.redo()
        shown = _grab(tab, qtbot)
        shown.save(str(path.with_name(f"timeline-{step}.png")))
        # The selection outline is the only thing a fresh timeline does not draw.
        timeline.item.selected = None
        timeline.item.update()
        fresh = _fresh(window, qtbot, timeline)
        unselected = _grab(tab, qtbot)
        assert _differing_pixels(unselected, fresh) == 0, step
        timeline.item.selected = ("goal", goal.id)
        timeline.item.update()


def test_drop_undo_and_redo_show_what_a_fresh_window_shows(window, qtbot):
    _drop_undo_redo(window, qtbot)


def test_on_a_new_file_too(tmp_path, qtbot):
    window = create_window(tmp_path / "new.careerdesk", today=TODAY)
    qtbot.addWidget(window)
    try:
        tab = _plan_tab(window, qtbot)
        tab.add_goal_button.click()
        tab.add_goal_button.click()
        _drop_undo_redo(window, qtbot)
    finally:
        window.close()


def test_moves_that_change_the_fitted_view_show_what_the_file_holds(window, qtbot):
    """Alt+arrows on the goal that ends last: the fitted view widens, shrinks, widens."""
    tab = _plan_tab(window, qtbot)
    timeline = tab.timeline
    assert timeline.auto_fit
    last = max(tab.view.goals, key=lambda g: g.target)
    tab.select("goal", last.id)
    for step in ("move", "undo", "redo", "undo", "redo"):
        if step == "move":
            for _ in range(8):
                tab.actions.nudge(7)
        elif step == "undo":
            window.ctx.undo_stack.undo()
        else:
            window.ctx.undo_stack.redo()
        timeline.item.selected = None
        timeline.item.update()
        assert _differing_pixels(_grab(tab, qtbot), _fresh(window, qtbot, timeline)) == 0, step
