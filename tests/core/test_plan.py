"""Moving goals and steps in time, dependency shifts, baselines and order (core.plan)."""

from __future__ import annotations

import datetime as dt

import pytest

from careerdesk.core import goals, health, plan, plan_edit, plan_view
from careerdesk.core import models as m

D = dt.date


def dates(goal_id):
    g = m.Goal.get_by_id(goal_id)
    return g.start_date, g.target_date


def due(step_id):
    return m.Step.get_by_id(step_id).due_date


@pytest.fixture
def tree(db_path):
    """A long-term goal with a sub-goal, steps on both, and a step elsewhere depending on one."""
    long_id = goals.create_goal(
        "Become staff engineer", D(2026, 1, 1), D(2027, 12, 31), horizon="long"
    ).value
    sub_id = goals.create_goal(
        "Lead a project", D(2026, 3, 1), D(2026, 6, 30), parent=long_id
    ).value
    s1 = goals.create_step(long_id, "Talk to manager", D(2026, 2, 1)).value
    s2 = goals.create_step(sub_id, "Write proposal", D(2026, 4, 1)).value
    other_id = goals.create_goal("Speak at a conference", D(2026, 5, 1), D(2026, 9, 30)).value
    s3 = goals.create_step(other_id, "Submit talk", D(2026, 5, 10), depends_on=s2).value
    s4 = goals.create_step(other_id, "Rehearse", D(2026, 8, 1), depends_on=s3).value
    s5 = goals.create_step(other_id, "Book travel", D(2026, 7, 1)).value
    return {
        "long": long_id,
        "sub": sub_id,
        "other": other_id,
        "s1": s1,
        "s2": s2,
        "s3": s3,
        "s4": s4,
        "s5": s5,
    }


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


def test_update_goal_checks_dates_and_parent_and_returns_previous_values(tree):
    with pytest.raises(plan.PlanError, match="cannot be before"):
        plan_edit.update_goal(tree["other"], target_date=D(2026, 1, 1))
    with pytest.raises(plan.PlanError, match="under itself"):
        plan_edit.update_goal(tree["long"], parent=tree["sub"])
    with pytest.raises(plan.PlanError, match="needs a title"):
        plan_edit.update_goal(tree["other"], title="  ")
    done = plan_edit.update_goal(
        tree["other"], title="Give a talk", obstacles="stage fright", parent=tree["long"]
    )
    goal = m.Goal.get_by_id(tree["other"])
    assert (goal.title, goal.obstacles, goal.parent_id) == (
        "Give a talk",
        "stage fright",
        tree["long"],
    )
    assert done.changes.goals
    redo = done.undo().undo
    goal = m.Goal.get_by_id(tree["other"])
    assert (goal.title, goal.obstacles, goal.parent_id) == ("Speak at a conference", "", None)
    assert not plan_edit.update_goal(tree["other"], title="Speak at a conference").changes
    redo()
    assert m.Goal.get_by_id(tree["other"]).parent_id == tree["long"]


def test_update_step_refuses_a_dependency_circle_and_writes_nothing(tree):
    with pytest.raises(plan.PlanError, match="circle"):
        plan_edit.update_step(tree["s2"], title="Renamed", depends_on=tree["s4"])
    step = m.Step.get_by_id(tree["s2"])
    assert (step.title, step.depends_on_id) == ("Write proposal", None)
    done = plan_edit.update_step(tree["s5"], effort_hours=2.5, depends_on=tree["s3"])
    assert done.value == {"effort_hours": None, "depends_on_id": None}
    assert m.Step.get_by_id(tree["s5"]).depends_on_id == tree["s3"]


def test_plan_view_lists_goals_in_tree_order_with_flags(tree):
    plan.move_step(tree["s5"], D(2026, 12, 1))
    m.CareerRole.create(title="Engineer", organisation="Acme", start_date=D(2020, 1, 1))
    view = plan_view.plan_view(D(2026, 3, 1))
    assert [(g.title, g.depth) for g in view.goals] == [
        ("Become staff engineer", 0),
        ("Lead a project", 1),
        ("Speak at a conference", 0),
    ]
    assert {s.id for s in view.steps if s.outside} == {tree["s5"]}
    assert view.goals[1].root_id == tree["long"]
    (role,) = view.spans
    assert (role.kind, role.detail, role.end) == ("role", "Acme", D(2026, 3, 1))


def test_refresh_view_after_a_move_equals_a_full_reload(tree):
    today = D(2026, 4, 15)
    view = plan_view.plan_view(today)
    for move in (
        lambda: plan.move_goal(tree["long"], 30),
        lambda: plan.move_step(tree["s3"], D(2026, 10, 5)),
        lambda: plan.move_goal_edge(tree["other"], "target", D(2026, 5, 2)),
    ):
        moved = move()
        view = plan_view.refresh_view(
            view, moved.value.before.goals, moved.value.before.steps, today
        )
        assert view == plan_view.plan_view(today)
        view = plan_view.refresh_view(
            view, moved.value.before.goals, moved.value.before.steps, today
        )  # idempotent
        assert view == plan_view.plan_view(today)


def test_health_of_some_goals_matches_health_of_all(tree):
    plan.move_step(tree["s1"], D(2026, 1, 5))  # overdue on the day below
    everything = health.health_by_goal(D(2026, 2, 1))
    some = health.health_by_goal(D(2026, 2, 1), goal_ids=[tree["long"], tree["other"]])
    assert some == {k: everything[k] for k in (tree["long"], tree["other"])}
    assert some[tree["long"]] == health.AT_RISK


def test_fields_of_goal_and_step_and_what_an_edit_would_change(tree):
    goal = plan_edit.goal_fields(tree["sub"])
    assert (goal["id"], goal["title"], goal["parent_id"]) == (
        tree["sub"],
        "Lead a project",
        tree["long"],
    )
    assert "parent" not in goal
    step = plan_edit.step_fields(tree["s3"])
    assert (step["goal_id"], step["depends_on_id"], step["due_date"]) == (
        tree["other"],
        tree["s2"],
        D(2026, 5, 10),
    )
    assert plan_edit.goal_fields(999) is None and plan_edit.step_fields(999) is None
    changed = plan_edit.changed_fields(
        "step", tree["s3"], {"title": "Submit talk", "depends_on_id": None, "effort_hours": 2.0}
    )
    assert changed == {"depends_on_id": None, "effort_hours": 2.0}
    with pytest.raises(plan.PlanError, match="no goal 999"):
        plan_edit.changed_fields("goal", 999, {"title": "x"})


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


def test_update_step_refuses_a_currency_that_is_not_a_code(tree):
    with pytest.raises(plan.PlanError, match="three letters"):
        plan_edit.update_step(tree["s5"], cost_minor=1200, currency="EURO")
    step = m.Step.get_by_id(tree["s5"])
    assert (step.cost_minor, step.currency) == (None, None)
    plan_edit.update_step(tree["s5"], cost_minor=1200, currency="JPY")
    assert m.Step.get_by_id(tree["s5"]).cost_minor == 1200


def test_edit_step_due_later_pulls_dependents_and_undo_restores_all(tree):
    edit = plan_edit.edit_step(tree["s3"], title="Submit the talk", due_date=D(2026, 5, 20))
    step = m.Step.get_by_id(tree["s3"])
    assert (step.title, step.due_date) == ("Submit the talk", D(2026, 5, 20))
    assert due(tree["s4"]) == D(2026, 8, 11)
    assert edit.value == {tree["s4"]} and edit.changes.steps
    redo = edit.undo().undo
    step = m.Step.get_by_id(tree["s3"])
    assert (step.title, step.due_date, due(tree["s4"])) == (
        "Submit talk",
        D(2026, 5, 10),
        D(2026, 8, 1),
    )
    redo()
    step = m.Step.get_by_id(tree["s3"])
    assert (step.title, step.due_date, due(tree["s4"])) == (
        "Submit the talk",
        D(2026, 5, 20),
        D(2026, 8, 11),
    )
    # Earlier: nothing waiting for it moves.
    edit = plan_edit.edit_step(tree["s3"], due_date=D(2026, 5, 1))
    assert due(tree["s4"]) == D(2026, 8, 11) and not edit.value


def test_done_status_and_done_date_go_together(db_path):
    goal_id = goals.create_goal("Certify", D(2027, 1, 1), D(2027, 6, 1)).value
    with pytest.raises(plan.PlanError, match="needs the date it was done"):
        plan_edit.update_goal(goal_id, status="done")
    with pytest.raises(plan.PlanError, match="Only a goal marked done"):
        plan_edit.update_goal(goal_id, done_date=D(2027, 5, 1))
    plan_edit.update_goal(goal_id, status="done", done_date=D(2027, 5, 1))
    goal = m.Goal.get_by_id(goal_id)
    assert (goal.status, goal.done_date) == ("done", D(2027, 5, 1))


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
