"""The timeline's layout of the example plan: lanes, one row per goal, dates as arrays."""

from __future__ import annotations

from careerdesk.core import db as cdb
from careerdesk.core import plan_view
from careerdesk.report.timeline_layout import DAY, date_at, grid_lines, layout_plan, seconds

from ..conftest import TODAY


def test_each_goal_has_a_row_in_its_category_lane(example_plan):
    with cdb.opened(example_plan):
        view = plan_view.plan_view(TODAY)
    layout = layout_plan(view, "category", TODAY)
    assert len(layout.goal_rows) == len(view.goals)
    for key, first, count in layout.lanes:
        kind, _, name = key.partition(":")
        if kind != "category":
            continue
        members = layout.goal_rows[first : first + count]
        assert {g.category for g in members} == {name}
    g = layout.goal_rows[0]
    assert date_at(layout.g_x0[0]) == g.start
    assert date_at(layout.g_x1[0] - DAY) == g.target  # the target day is drawn whole
    assert layout.row_count >= len(view.goals)


def test_goal_lanes_group_each_tree_and_descendants_follow_it(example_plan):
    with cdb.opened(example_plan):
        view = plan_view.plan_view(TODAY)
    layout = layout_plan(view, "goal", TODAY)
    roots = [g for g in view.goals if g.depth == 0]
    assert len([k for k, *_ in layout.lanes if k.startswith("goal:")]) == len(roots)
    root = layout.goal_index[roots[0].id]
    family = {layout.goal_rows[i].id for i in layout.descendants(root)}
    assert family == {g.id for g in view.goals if g.root_id == roots[0].id}


def test_grid_lines_are_years_months_weeks_or_days_by_span():
    start = seconds(TODAY)
    assert len(grid_lines(start, start + 10 * 365 * DAY)) in (9, 10)
    months = grid_lines(start, start + 365 * DAY)
    assert all(date_at(x).day == 1 for x in months)
    weeks = grid_lines(start, start + 60 * DAY)
    assert all(date_at(x).weekday() == 0 for x in weeks)
    assert len(grid_lines(start, start + 10 * DAY)) == 10
