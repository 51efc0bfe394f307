"""The Plan tab: dragging bars, edges and step markers on the timeline with real mouse events."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from careerdesk.core import db as cdb
from careerdesk.core import goals, plan, plan_edit
from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import format_date, format_number
from careerdesk.ui.plan.tab import PlanTab
from careerdesk.ui.plan.timeline import DAY, seconds

D = dt.date
TODAY = D(2026, 3, 15)


@pytest.fixture
def data(db_path):
    long_id = goals.create_goal(
        "Become staff engineer", D(2026, 3, 1), D(2026, 6, 30), horizon="long"
    ).value
    sub_id = goals.create_goal(
        "Lead a project", D(2026, 3, 20), D(2026, 5, 15), parent=long_id
    ).value
    s1 = goals.create_step(long_id, "Talk to manager", D(2026, 3, 10)).value
    s2 = goals.create_step(sub_id, "Write proposal", D(2026, 4, 1), milestone=True).value
    other_id = goals.create_goal("Speak at a conference", D(2026, 4, 1), D(2026, 7, 31)).value
    s3 = goals.create_step(other_id, "Submit talk", D(2026, 4, 20), depends_on=s2).value
    goals.create_step(other_id, "Rehearse", D(2026, 6, 1), depends_on=s3)
    return {"long": long_id, "sub": sub_id, "other": other_id, "s1": s1, "s2": s2, "s3": s3}


@pytest.fixture
def tab(db_path, data, qtbot):
    ctx = AppContext(cdb.bound_database())
    ctx.set_today(TODAY)
    widget = PlanTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.load()
    # About five pixels a day: a drag lands on whole days whatever the pixel rounding.
    widget.timeline.view_box.setRange(
        xRange=(seconds(D(2026, 2, 20)), seconds(D(2026, 8, 10))), padding=0
    )
    qtbot.wait(10)
    return widget


def dates(goal_id):
    g = m.Goal.get_by_id(goal_id)
    return g.start_date, g.target_date


def due(step_id):
    return m.Step.get_by_id(step_id).due_date


def pixels_per_day(tab) -> float:
    view = tab.timeline.view_box.viewRect()
    return tab.timeline.view_box.width() / (view.width() / DAY)


def drag(qtbot, tab, start: QPointF, days: float, *, release_modifier=None, before_release=None):
    """Press at `start`, move right by `days` in a few mouse moves, release."""
    viewport = tab.timeline.viewport()
    p0 = start.toPoint()
    p1 = p0 + QPoint(round(days * pixels_per_day(tab)), 0)
    modifier = release_modifier or Qt.KeyboardModifier.NoModifier
    QTest.mouseMove(viewport, p0)
    qtbot.wait(15)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p0)
    for i in range(1, 6):
        # pyqtgraph drops mouse moves closer than 10 ms apart (its rate limit).
        qtbot.wait(15)
        QTest.mouseMove(viewport, p0 + (p1 - p0) * i / 5)
    qtbot.wait(15)
    if before_release:
        before_release()
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, p1)
    qtbot.wait(15)


def test_timeline_is_a_plot_widget_with_bars_and_markers(tab, data):
    assert tab.findChild(type(tab.timeline), "timeline") is tab.timeline
    rect = tab.timeline.goal_rect(data["long"])
    assert rect is not None and rect.width() > 100
    # A one-day-longer goal is one day wider: the target date is inclusive.
    sub = tab.timeline.goal_rect(data["sub"])
    assert sub.width() == pytest.approx(57 * pixels_per_day(tab), abs=1)
    point = tab.timeline.step_pos(data["s2"])
    assert sub.left() < point.x() < sub.right()
    assert tab.timeline.goal_rect(9999) is None


def test_drag_body_moves_goal_its_subgoals_steps_and_dependents_one_undo(tab, data, qtbot):
    rect = tab.timeline.goal_rect(data["long"])
    drag(qtbot, tab, rect.center(), 10)
    assert dates(data["long"]) == (D(2026, 3, 11), D(2026, 7, 10))
    assert dates(data["sub"]) == (D(2026, 3, 30), D(2026, 5, 25))
    assert due(data["s1"]) == D(2026, 3, 20)
    assert due(data["s2"]) == D(2026, 4, 11)
    # The talk waits for the proposal: it follows, and so does what waits for it.
    assert due(data["s3"]) == D(2026, 4, 30)
    assert m.Step.get(m.Step.title == "Rehearse").due_date == D(2026, 6, 11)
    assert dates(data["other"]) == (D(2026, 4, 1), D(2026, 7, 31))
    assert "2 dependent steps followed" in tab.message.text()
    stack = tab.ctx.undo_stack
    assert stack.count() == 1
    # The bar is drawn at its new place.
    assert tab.timeline.goal_rect(data["long"]).left() == pytest.approx(
        rect.left() + 10 * pixels_per_day(tab), abs=1.5
    )
    assert tab.tree_text("goal", data["long"], 2) == format_date(D(2026, 3, 11))
    assert tab.tree_text("step", data["s3"], 3) == format_date(D(2026, 4, 30))
    stack.undo()
    assert tab.tree_text("goal", data["long"], 2) == format_date(D(2026, 3, 1))
    assert tab.tree_text("step", data["s3"], 3) == format_date(D(2026, 4, 20))
    assert dates(data["long"]) == (D(2026, 3, 1), D(2026, 6, 30))
    assert dates(data["sub"]) == (D(2026, 3, 20), D(2026, 5, 15))
    assert (due(data["s1"]), due(data["s2"]), due(data["s3"])) == (
        D(2026, 3, 10),
        D(2026, 4, 1),
        D(2026, 4, 20),
    )
    assert m.Step.get(m.Step.title == "Rehearse").due_date == D(2026, 6, 1)
    stack.redo()
    assert dates(data["long"]) == (D(2026, 3, 11), D(2026, 7, 10))
    assert due(data["s3"]) == D(2026, 4, 30)


def test_drag_start_edge_changes_only_the_start_date(tab, data, qtbot):
    rect = tab.timeline.goal_rect(data["other"])
    drag(qtbot, tab, QPointF(rect.left() + 1, rect.center().y()), -6)
    assert dates(data["other"]) == (D(2026, 3, 26), D(2026, 7, 31))
    assert due(data["s3"]) == D(2026, 4, 20)
    tab.ctx.undo_stack.undo()
    assert dates(data["other"]) == (D(2026, 4, 1), D(2026, 7, 31))


def test_drag_target_edge_flags_steps_left_outside(tab, data, qtbot):
    rect = tab.timeline.goal_rect(data["other"])
    drag(qtbot, tab, QPointF(rect.right() - 1, rect.center().y()), -61)
    assert dates(data["other"]) == (D(2026, 4, 1), D(2026, 5, 31))
    assert m.Step.get(m.Step.title == "Rehearse").due_date == D(2026, 6, 1)
    assert "1 step now outside" in tab.message.text()
    rehearse = m.Step.get(m.Step.title == "Rehearse").id
    assert "outside" in tab.tree_text("step", rehearse, 1)
    tab.ctx.undo_stack.undo()
    tab.ctx.undo_stack.redo()
    assert dates(data["other"]) == (D(2026, 4, 1), D(2026, 5, 31))


def test_dragging_an_edge_past_the_other_keeps_a_one_day_goal(tab, data, qtbot):
    rect = tab.timeline.goal_rect(data["sub"])
    drag(qtbot, tab, QPointF(rect.right() - 1, rect.center().y()), -80)
    assert dates(data["sub"]) == (D(2026, 3, 20), D(2026, 3, 20))


def test_drag_step_marker_moves_its_due_date_and_dependents(tab, data, qtbot):
    point = tab.timeline.step_pos(data["s3"])
    drag(qtbot, tab, point, 5)
    assert due(data["s3"]) == D(2026, 4, 25)
    assert m.Step.get(m.Step.title == "Rehearse").due_date == D(2026, 6, 6)
    assert dates(data["other"]) == (D(2026, 4, 1), D(2026, 7, 31))
    tab.ctx.undo_stack.undo()
    assert due(data["s3"]) == D(2026, 4, 20)
    assert m.Step.get(m.Step.title == "Rehearse").due_date == D(2026, 6, 1)


def test_shift_moves_by_whole_weeks(tab, data, qtbot):
    rect = tab.timeline.goal_rect(data["other"])
    # Left of the middle: the middle holds the marker of "Rehearse".
    body = QPointF(rect.left() + rect.width() * 0.3, rect.center().y())
    drag(qtbot, tab, body, 9, release_modifier=Qt.KeyboardModifier.ShiftModifier)
    assert dates(data["other"]) == (D(2026, 4, 8), D(2026, 8, 7))


def test_escape_cancels_a_drag(tab, data, qtbot):
    rect = tab.timeline.goal_rect(data["long"])
    seen = {}

    def press_escape():
        seen["label"] = tab.timeline.item.drag_text()
        QTest.keyClick(tab.timeline, Qt.Key.Key_Escape)

    drag(qtbot, tab, rect.center(), 12, before_release=press_escape)
    assert "2026" in seen["label"] and "122 days" in seen["label"]
    assert dates(data["long"]) == (D(2026, 3, 1), D(2026, 6, 30))
    assert due(data["s2"]) == D(2026, 4, 1)
    assert tab.ctx.undo_stack.count() == 0
    assert tab.timeline.goal_rect(data["long"]) == rect


def test_dragging_the_background_pans_and_saves_nothing(tab, data, qtbot):
    before = tab.timeline.view_box.viewRect()
    plot_area = tab.timeline.mapFromScene(tab.timeline.view_box.sceneBoundingRect()).boundingRect()
    # Below the last lane: no bar there.
    drag(qtbot, tab, QPointF(plot_area.center().x(), plot_area.bottom() - 20), 20)
    after = tab.timeline.view_box.viewRect()
    assert after.left() < before.left()
    assert tab.ctx.undo_stack.count() == 0


def test_alt_right_moves_the_selected_goal_a_day(tab, data, qtbot):
    tab.tree.setCurrentIndex(tab.tree_model.index_of(("goal", data["other"])))
    tab.tree.setFocus()
    QTest.keyClick(tab.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert dates(data["other"]) == (D(2026, 4, 2), D(2026, 8, 1))
    mods = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(tab.tree, Qt.Key.Key_Left, mods)
    assert dates(data["other"]) == (D(2026, 3, 26), D(2026, 7, 25))
    assert tab.ctx.undo_stack.count() == 2


def test_selection_is_shared_between_tree_and_timeline(tab, data, qtbot):
    rect = tab.timeline.goal_rect(data["other"])
    body = QPointF(rect.left() + rect.width() * 0.3, rect.center().y())
    QTest.mouseClick(tab.timeline.viewport(), Qt.MouseButton.LeftButton, pos=body.toPoint())
    qtbot.wait(10)
    current = tab.tree.currentIndex()
    assert current.data() == "Speak at a conference"
    assert tab.editor.goal_form.fields["title"].text() == "Speak at a conference"
    tab.tree.setCurrentIndex(tab.tree_model.index_of(("step", data["s1"])))
    assert tab.timeline.item.selected == ("step", data["s1"])
    assert tab.editor.step_form.fields["title"].text() == "Talk to manager"


def test_editor_saves_all_goal_fields_as_one_undo_step(tab, data, qtbot):
    tab.select("goal", data["other"])
    form = tab.editor.goal_form.fields
    form["title"].setText("Give a keynote")
    form["obstacles"].setPlainText("Stage fright <b>")
    form["obstacle_plan"].setPlainText("Toastmasters")
    form["measure_name"].setText("Talks given")
    form["measure_target"].setText("3")
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    goal = m.Goal.get_by_id(data["other"])
    assert (goal.title, goal.obstacles, goal.obstacle_plan, goal.measure_target) == (
        "Give a keynote",
        "Stage fright <b>",
        "Toastmasters",
        3.0,
    )
    assert tab.tree_text("goal", data["other"], 0) == "Give a keynote"
    tab.ctx.undo_stack.undo()
    assert m.Goal.get_by_id(data["other"]).title == "Speak at a conference"


def test_editor_refuses_bad_input_with_a_message_and_keeps_the_text(tab, data, qtbot):
    tab.select("goal", data["other"])
    form = tab.editor.goal_form.fields
    form["measure_current"].setText("lots")
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert "must be a number" in tab.message.text()
    assert form["measure_current"].text() == "lots"
    form["measure_current"].setText("")
    form["target_date"].set_value(D(2026, 1, 1))
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert "cannot be before its start date" in tab.message.text()
    assert dates(data["other"]) == (D(2026, 4, 1), D(2026, 7, 31))
    assert tab.ctx.undo_stack.count() == 0


def test_editor_refuses_a_dependency_circle(tab, data, qtbot):
    tab.select("step", data["s2"])
    box = tab.editor.step_form.fields["depends_on"]
    box.setCurrentIndex(box.findData(data["s3"]))
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert "circle" in tab.message.text()
    assert m.Step.get_by_id(data["s2"]).depends_on_id is None


def test_add_step_mark_done_and_delete_permanently(tab, data, qtbot, monkeypatch):
    tab.select("goal", data["other"])
    qtbot.mouseClick(tab.add_step_button, Qt.MouseButton.LeftButton)
    new_id = tab.selected[1]
    assert m.Step.get_by_id(new_id).goal_id == data["other"]
    assert tab.done_button.text() == "Mark &done"
    qtbot.mouseClick(tab.done_button, Qt.MouseButton.LeftButton)
    assert m.Step.get_by_id(new_id).done_date == TODAY
    assert "done" in tab.tree_text("step", new_id, 1)
    assert tab.done_button.text() == "Re&open"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert m.Step.get_or_none(m.Step.id == new_id) is None
    assert ("step", new_id) not in tab.tree_model
    tab.ctx.undo_stack.undo()
    assert m.Step.get_by_id(new_id).done_date == TODAY


def test_archive_hides_a_goal_and_undo_brings_it_back(tab, data, qtbot):
    tab.select("goal", data["other"])
    qtbot.mouseClick(tab.archive_button, Qt.MouseButton.LeftButton)
    assert m.Goal.get_by_id(data["other"]).archived
    assert ("goal", data["other"]) not in tab.tree_model
    assert tab.timeline.goal_rect(data["other"]) is None
    tab.ctx.undo_stack.undo()
    assert tab.timeline.goal_rect(data["other"]) is not None


def test_search_and_filters_narrow_tree_and_timeline(tab, data, qtbot):
    qtbot.keyClicks(tab.search, "rehearse")
    assert ("goal", data["other"]) in tab.tree_model
    assert ("goal", data["long"]) not in tab.tree_model
    assert tab.timeline.goal_rect(data["long"]) is None
    tab.search.clear()
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("done"))
    assert tab.tree_model.rowCount() == 0
    tab.status_filter.setCurrentIndex(0)
    assert ("goal", data["long"]) in tab.tree_model


def test_baseline_ghosts_and_reset(tab, data, qtbot):
    plan.move_goal(data["other"], 7)
    tab.refresh(plan.Changes(goals=True))
    qtbot.mouseClick(tab.baseline_box, Qt.MouseButton.LeftButton)
    assert tab.timeline.item.show_baseline
    row = tab.timeline.item.layout.goal_rows[tab.timeline.item.layout.goal_index[data["other"]]]
    assert row.baseline_start == D(2026, 4, 1)
    qtbot.mouseClick(tab.reset_baseline_button, Qt.MouseButton.LeftButton)
    assert m.Goal.get_by_id(data["other"]).baseline_start_date == D(2026, 4, 8)
    tab.ctx.undo_stack.undo()
    assert m.Goal.get_by_id(data["other"]).baseline_start_date == D(2026, 4, 1)


def test_wheel_zoom_stays_between_a_week_and_ten_years(tab, qtbot):
    vb = tab.timeline.view_box
    for _ in range(40):
        vb.scaleBy(x=0.5)
    assert vb.viewRect().width() >= 7 * DAY - 1
    for _ in range(60):
        vb.scaleBy(x=2)
    assert vb.viewRect().width() <= 3653 * DAY + 1


def test_hover_tooltip_names_the_goal_with_user_text_escaped(tab, data, qtbot):
    plan_edit.update_goal(data["other"], title="Talk <b>big</b> & loud")
    tab.refresh(plan.Changes(goals=True))
    rect = tab.timeline.goal_rect(data["other"])
    body = QPointF(rect.left() + rect.width() * 0.3, rect.center().y()).toPoint()
    QTest.mouseMove(tab.timeline.viewport(), body - QPoint(0, 30))
    qtbot.wait(20)
    QTest.mouseMove(tab.timeline.viewport(), body)
    qtbot.wait(20)
    tip = tab.timeline.item.toolTip()
    assert "Talk &lt;b&gt;big&lt;/b&gt; &amp; loud" in tip
    assert "Drag to move the goal" in tip


def test_today_and_fit_all_buttons(tab, qtbot):
    qtbot.mouseClick(tab.today_button, Qt.MouseButton.LeftButton)
    view = tab.timeline.view_box.viewRect()
    assert view.center().x() == pytest.approx(seconds(TODAY) + DAY / 2, abs=DAY)
    qtbot.mouseClick(tab.fit_button, Qt.MouseButton.LeftButton)
    view = tab.timeline.view_box.viewRect()
    assert view.left() < seconds(D(2026, 3, 1)) and view.right() > seconds(D(2026, 8, 1))


def test_lanes_by_long_term_goal_put_sub_goals_in_their_goal_lane(tab, data):
    lanes = [key.split(":")[0] for key, *_ in tab.timeline.item.layout.lanes]
    assert lanes == ["category"]  # all three goals are "expertise"
    tab.lane_mode.setCurrentIndex(tab.lane_mode.findData("goal"))
    lanes = {key: count for key, _first, count in tab.timeline.item.layout.lanes}
    assert lanes == {
        f"goal:{data['long']}:Become staff engineer": 2,
        f"goal:{data['other']}:Speak at a conference": 1,
    }
    assert tab.timeline.goal_rect(data["sub"]) is not None


def test_add_goal_sub_goal_and_reorder_steps(tab, data, qtbot):
    tab.select("goal", data["long"])
    qtbot.mouseClick(tab.add_subgoal_button, Qt.MouseButton.LeftButton)
    kind, new_id = tab.selected
    goal = m.Goal.get_by_id(new_id)
    assert (kind, goal.parent_id, goal.title) == ("goal", data["long"], "New goal")
    assert tab.editor.goal_form.fields["title"].text() == "New goal"
    assert tab.timeline.goal_rect(new_id) is not None
    tab.ctx.undo_stack.undo()
    assert m.Goal.get_or_none(m.Goal.id == new_id) is None
    rehearse = m.Step.get(m.Step.title == "Rehearse").id
    tab.select("step", rehearse)
    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    titles = [
        tab.tree_model.text(k, 0) for k in tab.tree_model.child_keys(("goal", data["other"]))
    ]
    assert titles == ["Rehearse", "Submit talk"]
    tab.ctx.undo_stack.undo()
    titles = [
        tab.tree_model.text(k, 0) for k in tab.tree_model.child_keys(("goal", data["other"]))
    ]
    assert titles == ["Submit talk", "Rehearse"]


def test_wheel_zooms_time_only(tab, data, qtbot):
    before = tab.timeline.goal_rect(data["long"])
    viewport = tab.timeline.viewport()
    centre = QPointF(before.center())
    event = QWheelEvent(
        centre,
        QPointF(viewport.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120),  # one notch forward: zoom in
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)
    qtbot.wait(10)
    after = tab.timeline.goal_rect(data["long"])
    assert after.width() > before.width() * 1.1
    assert after.height() == pytest.approx(before.height(), abs=0.5)


def test_step_cost_is_stored_in_minor_units_of_its_currency(tab, data, qtbot):
    tab.select("step", data["s1"])
    form = tab.editor.step_form.fields
    form["cost"].setText("1200")
    form["currency"].setText("jpy")
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    step = m.Step.get_by_id(data["s1"])
    assert (step.cost_minor, step.currency) == (1200, "JPY")  # yen have no cents
    form["cost"].setText("12.5")
    form["currency"].setText("EUR")
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert m.Step.get_by_id(data["s1"]).cost_minor == 1250
    tab.select("goal", data["long"])
    tab.select("step", data["s1"])
    assert form["cost"].text() == format_number(12.5, 2)
    assert not tab.editor.save_button.isEnabled()  # nothing typed: nothing to save
    form["currency"].setText("E1R")
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert "three letters" in tab.message.text()
    assert m.Step.get_by_id(data["s1"]).currency == "EUR"
    tab.ctx.undo_stack.undo()
    assert m.Step.get_by_id(data["s1"]).cost_minor == 1200


def test_nudging_a_step_without_due_date_is_refused_in_place(tab, data, qtbot):
    undated = goals.create_step(data["other"], "Someday", None).value
    tab.refresh(plan.Changes(steps=True))
    tab.select("step", undated)
    tab.actions.nudge(1)
    assert "no due date" in tab.message.text()
    assert tab.ctx.undo_stack.count() == 0


def test_delete_question_shows_the_title_as_plain_text(tab, data, qtbot, monkeypatch):
    plan_edit.update_goal(data["other"], title="Talk <b>big</b>")
    tab.refresh(plan.Changes(goals=True))
    tab.select("goal", data["other"])
    asked = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert "Talk &lt;b&gt;big&lt;/b&gt;" in asked[0]
    assert m.Goal.get_or_none(m.Goal.id == data["other"]) is not None


def test_timeline_uses_the_tab_day_not_the_clock(db_path, qtbot):
    ctx = AppContext(cdb.bound_database())
    ctx.set_today(D(2031, 6, 1))
    widget = PlanTab(ctx)
    qtbot.addWidget(widget)
    # Before anything is loaded, an empty plan is shown around the tab's day.
    assert widget.timeline.today_line.value() == seconds(D(2031, 6, 1)) + DAY / 2
    lo, hi = widget.timeline.item.data_range
    assert lo <= seconds(D(2031, 6, 1)) <= hi


def test_editor_due_date_later_moves_dependent_steps_in_one_undo(tab, data, qtbot):
    rehearse = m.Step.get(m.Step.title == "Rehearse").id
    tab.select("step", data["s3"])
    tab.editor.step_form.fields["due_date"].set_value(D(2026, 4, 27))
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert (due(data["s3"]), due(rehearse)) == (D(2026, 4, 27), D(2026, 6, 8))
    assert "1 dependent step followed." in tab.message.text()
    assert tab.tree_text("step", rehearse, 3) == format_date(D(2026, 6, 8))
    assert tab.ctx.undo_stack.count() == 1
    tab.ctx.undo_stack.undo()
    assert (due(data["s3"]), due(rehearse)) == (D(2026, 4, 20), D(2026, 6, 1))
    tab.ctx.undo_stack.redo()
    assert (due(data["s3"]), due(rehearse)) == (D(2026, 4, 27), D(2026, 6, 8))


@pytest.mark.parametrize("typed", ["lots", "inf", "nan"])
def test_a_cost_that_is_not_a_finite_number_is_refused(tab, data, qtbot, typed):
    tab.select("step", data["s1"])
    tab.editor.step_form.fields["cost"].setText(typed)
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert "must be a number" in tab.message.text()
    assert m.Step.get_by_id(data["s1"]).cost_minor is None
    assert tab.ctx.undo_stack.count() == 0


def test_an_edit_is_saved_when_another_item_is_selected(tab, data):
    tab.select("goal", data["other"])
    tab.editor.goal_form.fields["title"].setText("Give a keynote")
    tab.tree.setCurrentIndex(tab.tree_model.index_of(("step", data["s1"])))
    assert m.Goal.get_by_id(data["other"]).title == "Give a keynote"
    assert tab.selected == ("step", data["s1"])
    assert tab.ctx.undo_stack.undoText() == "Edit goal"


def test_a_refused_edit_keeps_the_selection_and_the_text(tab, data):
    tab.select("goal", data["other"])
    tab.editor.goal_form.fields["measure_current"].setText("lots")
    tab.tree.setCurrentIndex(tab.tree_model.index_of(("step", data["s1"])))
    assert tab.selected == ("goal", data["other"])
    assert tab.tree_model.key(tab.tree.currentIndex()) == ("goal", data["other"])
    assert tab.editor.goal_form.fields["measure_current"].text() == "lots"
    assert "lots" in tab.message.text()


def test_a_change_elsewhere_does_not_drop_what_is_being_typed(tab, data):
    tab.select("goal", data["other"])
    tab.editor.goal_form.fields["title"].setText("Half-typed new ti")
    goals.create_step(data["long"], "Another step", D(2026, 5, 1))
    tab.ctx.apply(Changes(steps=True, goals=True))
    assert tab.editor.goal_form.fields["title"].text() == "Half-typed new ti"


def test_quitting_saves_an_edit_or_asks_when_it_is_refused(qtbot, example_plan, monkeypatch):
    from careerdesk.app import create_window

    window = create_window(example_plan)
    qtbot.addWidget(window)
    window.show_tab("plan_tab")
    tab = window.plan_tab
    goal = m.Goal.get(m.Goal.title == "Mentor two junior engineers")
    tab.select("goal", goal.id)
    tab.editor.goal_form.fields["measure_current"].setText("lots")
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    assert not window.close()  # refused edit, and the user chose to stay
    assert asked and "could not be saved" in asked[0]
    tab.editor.goal_form.fields["measure_current"].setText("")
    tab.editor.goal_form.fields["title"].setText("Mentor three junior engineers")
    assert window.close()
    with cdb.opened(example_plan):  # closing the window closed its file
        assert m.Goal.get_by_id(goal.id).title == "Mentor three junior engineers"
