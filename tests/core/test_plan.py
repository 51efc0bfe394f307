"""Moving goals and steps in time, dependency shifts, baselines and order (core.plan)."""

from __future__ import annotations

import datetime as dt

import pytest

from careerdesk.core import goals, plan
from careerdesk.core import models as m

from .conftest import dates, due

D = dt.date


def test_move_goal_body_moves_subgoals_steps_and_dependents(tree):
    moved = plan.move_goal(tree["long"], 10)
    assert dates(tree["long"]) == (D(2026, 1, 11), D(2028, 1, 10))
    assert dates(tree["sub"]) == (D(2026, 3, 11), D(2026, 7, 10))
    assert due(tree["s1"]) == D(2026, 2, 11)
    assert due(tree["s2"]) == D(2026, 4, 11)
    # Steps of another goal that wait for s2 follow, transitively; the rest stays.
    assert due(tree["s3"]) == D(2026, 5, 20)
    assert due(tree["s4"]) == D(2026, 8, 11)
    assert due(tree["s5"]) == D(2026, 7, 1)
    assert dates(tree["other"]) == (D(2026, 5, 1), D(2026, 9, 30))
    assert moved.value.followers == {tree["s3"], tree["s4"]}
    assert moved.changes.goals and moved.changes.steps
    assert set(moved.value.before.goals) == {tree["long"], tree["sub"]}
    assert set(moved.value.before.steps) == {tree["s1"], tree["s2"], tree["s3"], tree["s4"]}


def test_restore_dates_puts_back_exactly_what_moved(tree):
    snapshot = {gid: dates(gid) for gid in (tree["long"], tree["sub"], tree["other"])}
    step_snapshot = {tree[k]: due(tree[k]) for k in ("s1", "s2", "s3", "s4", "s5")}
    done = plan.move_goal(tree["long"], 45)
    assert done.changes.goals
    moved = {gid: dates(gid) for gid in snapshot}
    undone = done.undo()
    assert {gid: dates(gid) for gid in snapshot} == snapshot
    assert {sid: due(sid) for sid in step_snapshot} == step_snapshot
    undone.undo()  # the redo
    assert {gid: dates(gid) for gid in snapshot} == moved


def test_moving_earlier_does_not_pull_dependents(tree):
    moved = plan.move_goal(tree["long"], -7)
    assert due(tree["s2"]) == D(2026, 3, 25)
    assert due(tree["s3"]) == D(2026, 5, 10)
    assert moved.value.followers == frozenset()


def test_move_start_edge_moves_nothing_else_and_flags_steps_outside(tree):
    moved = plan.move_goal_edge(tree["long"], "start", D(2026, 3, 1))
    assert dates(tree["long"]) == (D(2026, 3, 1), D(2027, 12, 31))
    assert due(tree["s1"]) == D(2026, 2, 1)
    assert dates(tree["sub"]) == (D(2026, 3, 1), D(2026, 6, 30))
    assert moved.value.outside == {tree["s1"]}
    assert set(moved.value.before.goals) == {tree["long"]} and not moved.value.before.steps


def test_move_target_edge_is_inclusive(tree):
    moved = plan.move_goal_edge(tree["other"], "target", D(2026, 8, 1))
    assert dates(tree["other"]) == (D(2026, 5, 1), D(2026, 8, 1))
    # Due on the target day is inside; the day after is not.
    assert moved.value.outside == frozenset()
    moved = plan.move_goal_edge(tree["other"], "target", D(2026, 7, 31))
    assert moved.value.outside == {tree["s4"]}


def test_one_day_goal_is_allowed_and_target_before_start_refused(tree):
    plan.move_goal_edge(tree["other"], "target", D(2026, 5, 1))
    assert dates(tree["other"]) == (D(2026, 5, 1), D(2026, 5, 1))
    with pytest.raises(plan.PlanError, match="cannot be before its start date"):
        plan.move_goal_edge(tree["other"], "target", D(2026, 4, 30))
    with pytest.raises(plan.PlanError, match="cannot be before its start date"):
        plan.move_goal_edge(tree["other"], "start", D(2026, 5, 2))
    assert dates(tree["other"]) == (D(2026, 5, 1), D(2026, 5, 1))


def test_move_step_later_pulls_its_dependents_and_undoes(tree):
    moved = plan.move_step(tree["s3"], D(2026, 6, 9))
    assert due(tree["s3"]) == D(2026, 6, 9)
    assert due(tree["s4"]) == D(2026, 8, 31)
    assert due(tree["s2"]) == D(2026, 4, 1)
    assert moved.value.followers == {tree["s4"]}
    moved.undo()
    assert (due(tree["s3"]), due(tree["s4"])) == (D(2026, 5, 10), D(2026, 8, 1))


def test_move_step_out_of_its_goal_is_flagged(tree):
    moved = plan.move_step(tree["s5"], D(2026, 10, 1))
    assert moved.value.outside == {tree["s5"]}
    assert plan.steps_outside() == {tree["s5"]}


def test_move_of_unknown_goal_is_refused(db_path):
    with pytest.raises(plan.PlanError, match="no goal 99"):
        plan.move_goal(99, 3)


def test_set_dependency_refuses_a_circle(tree):
    with pytest.raises(plan.PlanError, match="circle"):
        plan.set_dependency(tree["s2"], tree["s4"])  # s4 -> s3 -> s2 already
    with pytest.raises(plan.PlanError, match="itself"):
        plan.set_dependency(tree["s5"], tree["s5"])
    assert m.Step.get_by_id(tree["s2"]).depends_on_id is None
    done = plan.set_dependency(tree["s5"], tree["s4"])
    assert done.value is None and done.changes.steps
    assert m.Step.get_by_id(tree["s5"]).depends_on_id == tree["s4"]
    redo = done.undo().undo
    assert m.Step.get_by_id(tree["s5"]).depends_on_id is None
    redo()
    assert m.Step.get_by_id(tree["s5"]).depends_on_id == tree["s4"]


def test_a_dependency_loop_in_old_data_does_not_hang_a_move(tree):
    # Written behind the rules' back, as a damaged or hand-edited file could hold it.
    m.Step.update(depends_on=tree["s4"]).where(m.Step.id == tree["s2"]).execute()
    moved = plan.move_step(tree["s2"], D(2026, 4, 3))
    assert due(tree["s3"]) == D(2026, 5, 12)
    assert due(tree["s4"]) == D(2026, 8, 3)
    assert due(tree["s2"]) == D(2026, 4, 3)  # moved once, not twice round the loop
    assert moved.value.followers == {tree["s3"], tree["s4"]}


def test_reset_baseline_makes_current_plan_the_baseline_and_undoes(tree):
    plan.move_goal(tree["other"], 14)
    goal = m.Goal.get_by_id(tree["other"])
    assert goal.baseline_start_date == D(2026, 5, 1)
    moved = plan.reset_baseline()
    goal = m.Goal.get_by_id(tree["other"])
    assert (goal.baseline_start_date, goal.baseline_target_date) == (
        D(2026, 5, 15),
        D(2026, 10, 14),
    )
    assert m.Step.get_by_id(tree["s5"]).baseline_due_date == D(2026, 7, 15)
    # Untouched goals are not part of the undo record.
    assert set(moved.value.before.goal_baselines) == {tree["other"]}
    moved.undo()
    goal = m.Goal.get_by_id(tree["other"])
    assert (goal.baseline_start_date, goal.baseline_target_date) == (D(2026, 5, 1), D(2026, 9, 30))
    assert m.Step.get_by_id(tree["s5"]).baseline_due_date == D(2026, 7, 1)


def test_reorder_steps_and_restore_positions(tree):
    other = tree["other"]

    def titles():
        query = m.Step.select().where(m.Step.goal == other)
        return [s.title for s in query.order_by(m.Step.position, m.Step.id)]

    assert titles() == ["Submit talk", "Rehearse", "Book travel"]
    done = plan.reorder("step", tree["s5"], -1)
    assert titles() == ["Submit talk", "Book travel", "Rehearse"]
    assert done.changes.steps
    assert not plan.reorder("step", tree["s3"], -1).changes  # already first
    redo = done.undo().undo
    assert titles() == ["Submit talk", "Rehearse", "Book travel"]
    redo()
    assert titles() == ["Submit talk", "Book travel", "Rehearse"]


def test_reorder_goals_changes_the_tree_order(tree):
    def roots():
        return [n.goal.title for n in goals.goal_tree()]

    plan.reorder("goal", tree["other"], -1)
    # Long-term goals come first in the tree whatever their position.
    assert roots() == ["Become staff engineer", "Speak at a conference"]
    third = goals.create_goal("Run a meetup", D(2026, 2, 1), D(2026, 3, 1)).value
    # Equal positions: by start date.
    assert roots()[1:] == ["Run a meetup", "Speak at a conference"]
    plan.reorder("goal", third, +1)
    assert roots()[1:] == ["Speak at a conference", "Run a meetup"]
    plan.reorder("goal", third, +1)  # already last: nothing happens
    assert roots()[1:] == ["Speak at a conference", "Run a meetup"]


def test_shift_by_days_moves_edges_and_steps_and_refuses_a_step_without_date(tree):
    plan.shift_goal_edge(tree["other"], "target", -1)
    assert dates(tree["other"]) == (D(2026, 5, 1), D(2026, 9, 29))
    moved = plan.shift_step(tree["s3"], 3)
    assert (due(tree["s3"]), due(tree["s4"])) == (D(2026, 5, 13), D(2026, 8, 4))
    assert moved.value.followers == {tree["s4"]}
    undated = goals.create_step(tree["other"], "Someday", None).value
    with pytest.raises(plan.PlanError, match="no due date"):
        plan.shift_step(undated, 1)
    assert due(undated) is None


def test_the_drag_preview_and_the_drop_share_one_rule(tree):
    scope = plan.move_scope("goal", tree["long"], "body")
    assert set(scope.goals) == {tree["long"], tree["sub"]}
    assert set(scope.steps) == {tree["s1"], tree["s2"]}
    assert set(scope.followers) == {tree["s3"], tree["s4"]}
    done = plan.drag_move("goal", tree["long"], "body", 5)
    assert set(done.value.before.goals) == set(scope.goals)
    assert set(done.value.before.steps) == set(scope.steps) | set(scope.followers)
    assert plan.move_scope("goal", tree["long"], "start") == plan.MoveScope(
        (tree["long"],), (), ()
    )
    step_scope = plan.move_scope("step", tree["s3"], "step")
    assert step_scope.steps == (tree["s3"],) and step_scope.followers == (tree["s4"],)
    done = plan.drag_move("step", tree["s3"], "step", 2)
    assert set(done.value.before.steps) == {tree["s3"], tree["s4"]}


def test_done_date_rule_and_step_outside_rule():
    today = D(2027, 3, 1)
    assert goals.done_date_for("done", None, today) == today
    assert goals.done_date_for("done", D(2027, 1, 5), today) == D(2027, 1, 5)
    assert goals.done_date_for("active", D(2027, 1, 5), today) is None
    assert not goals.step_outside(D(2027, 6, 1), D(2027, 1, 1), D(2027, 6, 1))  # inclusive
    assert goals.step_outside(D(2027, 6, 2), D(2027, 1, 1), D(2027, 6, 1))
    assert not goals.step_outside(None, D(2027, 1, 1), D(2027, 6, 1))
