"""The rows the Plan tab and the report show (core.plan_view)."""

from __future__ import annotations

import datetime as dt

from careerdesk.core import goals, health, plan, plan_view
from careerdesk.core import models as m

D = dt.date


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


def test_filtered_keeps_matching_goals_and_their_parents(tree):
    view = plan_view.plan_view(D(2026, 3, 1))
    found = plan_view.filtered(view, text="PROPOSAL")  # a step's title, any case
    assert [g.title for g in found.goals] == ["Become staff engineer", "Lead a project"]
    assert plan_view.filtered(view, category="nothing").goals == []
    assert plan_view.filtered(view) is view
    goals.create_goal(
        "Done one", D(2026, 1, 1), D(2026, 2, 1), status="done", done_date=D(2026, 2, 1)
    )
    view = plan_view.plan_view(D(2026, 3, 1))
    assert "Done one" not in [g.title for g in plan_view.filtered(view, status="open").goals]
