"""Hit-testing, tooltips and drag state on the timeline's layout (no widget needed)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF

from careerdesk.core import db as cdb
from careerdesk.core import plan, plan_view
from careerdesk.report.timeline_layout import DAY, TALL, layout_plan
from careerdesk.ui.plan import drag as dragging
from careerdesk.ui.plan.hit import Hit, hit_test, tooltip

from ...conftest import TODAY

PX, PY = DAY / 5, 1 / 30  # five pixels a day, rows 30 px tall


def _layout(path):
    with cdb.opened(path):
        return layout_plan(plan_view.plan_view(TODAY), "category", TODAY)


def test_a_press_finds_body_edges_and_markers(qapp, example_plan):
    layout = _layout(example_plan)

    def clear(i: int, x: float) -> bool:  # no step marker within 10 px
        xs = layout.s_x[layout.steps_of_goal.get(i, [])]
        return not len(xs) or bool(np.min(np.abs(xs - x)) > 10 * PX)

    gi, body = next(
        (i, x)
        for i in range(len(layout.goal_rows))
        for x in np.linspace(layout.g_x0[i], layout.g_x1[i], 40)[5:-5]
        if clear(i, x) and clear(i, layout.g_x0[i]) and clear(i, layout.g_x1[i])
    )
    y = layout.g_y[gi] + TALL.marker_y
    x0, x1 = layout.g_x0[gi], layout.g_x1[gi]
    assert hit_test(layout, QPointF(body, y), PX, PY) == Hit("goal", gi, "body")
    assert hit_test(layout, QPointF(x0 + PX, y), PX, PY) == Hit("goal", gi, "start")
    assert hit_test(layout, QPointF(x1 - PX, y), PX, PY) == Hit("goal", gi, "target")
    assert hit_test(layout, QPointF(x1 + 400 * DAY, y), PX, PY) is None
    si = 0
    step_y = layout.s_y[si] + TALL.marker_y
    assert hit_test(layout, QPointF(layout.s_x[si], step_y), PX, PY) == Hit("step", si, "step")


def test_tooltips_escape_user_text(qapp, example_plan):
    layout = _layout(example_plan)
    layout.goal_rows[0] = type(layout.goal_rows[0])(
        **{**layout.goal_rows[0].__dict__, "title": "<b>R&D</b>"}
    )
    text = tooltip(layout, Hit("goal", 0, "body"))
    assert "&lt;b&gt;R&amp;D&lt;/b&gt;" in text and "Drag to move" in text


def test_drag_motion_follows_the_core_scope_and_edges_keep_a_day(qapp, example_plan):
    layout = _layout(example_plan)
    with cdb.opened(example_plan):
        root = next(g for g in layout.goal_rows if g.depth == 0)
        scope = plan.move_scope("goal", root.id, "body")
    goals = np.array([layout.goal_index[g] for g in scope.goals if g in layout.goal_index])
    steps = np.array([layout.step_index[s] for s in scope.steps if s in layout.step_index])
    d = dragging.Drag("goal", int(goals[0]), "body", 0.0, goals, steps, np.zeros(0, int), 3)
    moved = dragging.motion(layout, d)
    assert set(np.nonzero(moved.goals)[0]) == set(goals.tolist())
    assert (moved.g0[goals] == 3 * DAY).all() and (moved.s[steps] == 3 * DAY).all()
    assert "–" in dragging.drag_text(layout, d)
    gi = int(goals[0])
    length = (layout.goal_rows[gi].target - layout.goal_rows[gi].start).days
    edge = dragging.Drag("goal", gi, "start", 0.0, goals[:1], np.zeros(0, int), np.zeros(0, int))
    assert dragging.clamp_delta(layout, edge, length + 50) == length  # one day stays
    assert "1 day)" in dragging.drag_text(
        layout, dragging.Drag("goal", gi, "start", 0.0, goals[:1], steps[:0], steps[:0], length)
    )
