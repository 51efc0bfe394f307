"""Editing a goal's or step's fields with the plan's rules (core.plan_edit)."""

from __future__ import annotations

import datetime as dt

import pytest

from careerdesk.core import goals, plan, plan_edit
from careerdesk.core import models as m

from .conftest import due

D = dt.date


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
