"""The plan laid out for a timeline: lanes, one row per goal, and numpy arrays of dates.

Pure of widgets and painting: the screen's timeline and the paper report lay out alike.
x is UTC-midnight epoch seconds of a day; y is a row number (row r holds goal r).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from careerdesk.core import plan_view
from careerdesk.core.health import health_rank
from careerdesk.core.vocabulary import GOAL_CATEGORIES

DAY = 86400.0
EPOCH = dt.date(1970, 1, 1)
LABEL_MIN_ROW_PIXELS = 22  # below this row height titles are left to tooltips


def seconds(day: dt.date) -> float:
    """A date as UTC-midnight epoch seconds, the timeline's x."""
    return (day - EPOCH).days * DAY


def date_at(x: float) -> dt.date:
    """The day containing epoch second `x`."""
    return EPOCH + dt.timedelta(days=math.floor(x / DAY))


@dataclass(frozen=True)
class Band:
    """Where things sit in a row (one goal per row), in row units from its top."""

    bar_top: float
    bar_bottom: float
    ghost_top: float
    ghost_bottom: float
    labels: bool  # tall enough for a title line above the bar

    @property
    def marker_y(self) -> float:
        return (self.bar_top + self.bar_bottom) / 2


# Tall rows: the title on a line of its own above the bar, so markers never cover it.
TALL = Band(0.50, 0.86, 0.88, 0.98, labels=True)
SHORT = Band(0.15, 0.78, 0.82, 0.96, labels=False)


def band_for(row_pixels: float) -> Band:
    return TALL if row_pixels >= LABEL_MIN_ROW_PIXELS else SHORT


def style_code(goal: plan_view.GoalRow) -> int:
    """A goal's look: its health's place in the health order, times two, plus one on hold."""
    return 2 * health_rank(goal.health) + (goal.status == "on_hold")


class TimelineLayout:
    """Lanes and rows of a plan, with every date as an array for fast painting."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.goal_rows: list[plan_view.GoalRow] = []
        self.step_rows: list[plan_view.StepRow] = []
        self.span_rows: list[plan_view.SpanRow] = []
        self.g_x0 = self.g_x1 = self.g_y = self.g_bx0 = self.g_bx1 = np.zeros(0)
        self.s_x = self.s_y = self.s_bx = np.zeros(0)
        self.s_goal = np.zeros(0, dtype=np.int64)
        self.s_done = self.s_milestone = self.s_outside = np.zeros(0, dtype=bool)
        self.g_style = np.zeros(0, dtype=np.int64)
        self.g_progress = np.zeros(0)
        self.p_x0 = self.p_x1 = self.p_y = self.p_next = np.zeros(0)
        self.goal_index: dict[int, int] = {}
        self.step_index: dict[int, int] = {}
        self.row_goal = np.zeros(0, dtype=np.int64)
        self.steps_of_goal: dict[int, list[int]] = {}
        self.children: dict[int, list[int]] = {}
        self.lanes: list[tuple[str, int, int]] = []  # key, first row, row count
        self.row_count = 0
        self.bounds = (0.0, 0.0, 1.0, 1.0)  # left, top, width, height in (x, row) units
        t = seconds(today)
        self.data_range = (t - 90 * DAY, t + 90 * DAY)

    def patch(self, view: plan_view.PlanView, goal_ids: set[int], step_ids: set[int]) -> None:
        """Take new dates of some goals and steps of `view` without laying out again."""
        nan = float("nan")
        for g in view.goals:
            i = self.goal_index.get(g.id) if g.id in goal_ids else None
            if i is None:
                continue
            self.goal_rows[i] = g
            self.g_x0[i] = seconds(g.start)
            self.g_x1[i] = seconds(g.target) + DAY
            self.g_bx0[i] = seconds(g.baseline_start) if g.baseline_start else nan
            self.g_bx1[i] = seconds(g.baseline_target) + DAY if g.baseline_target else nan
            self.g_style[i] = style_code(g)
            self.g_progress[i] = max(0.0, min(1.0, g.progress))
        for st in view.steps:
            i = self.step_index.get(st.id) if st.id in step_ids else None
            if i is None or st.due is None:
                continue
            self.step_rows[i] = st
            self.s_x[i] = seconds(st.due) + DAY / 2
            self.s_done[i] = st.done is not None
            self.s_outside[i] = st.outside
            self.s_bx[i] = seconds(st.baseline_due) + DAY / 2 if st.baseline_due else nan
        self._set_bounds()

    def _set_bounds(self) -> None:
        # "Fit all" shows the plan (goals and their steps); learning and past roles are
        # context, reached by zooming out, unless there is no goal yet.
        xs = [a for a in (self.g_x0,) if len(a)] or [a for a in (self.p_x0,) if len(a)]
        xe = [a for a in (self.g_x1,) if len(a)] or [a for a in (self.p_x1,) if len(a)]
        today = seconds(self.today)
        lo = min(float(a.min()) for a in xs) if xs else today
        hi = max(float(a.max()) for a in xe) if xe else today + DAY
        self.data_range = (min(lo, today), max(hi, today + DAY))
        # Titles are drawn right of bars, beyond the data: leave room on both sides.
        margin = 20 * 365 * DAY
        self.bounds = (lo - margin, -1.0, (hi - lo) + 2 * margin, self.row_count + 2.0)

    def descendants(self, gi: int) -> list[int]:
        """Goal index `gi` and the indices of its sub-goals at every depth, `gi` first."""
        found, todo = [gi], [gi]
        while todo:
            kids = [k for k in self.children.get(todo.pop(), []) if k not in found]
            found.extend(kids)
            todo.extend(kids)
        return found


def layout_plan(view: plan_view.PlanView, lane_mode: str, today: dt.date) -> TimelineLayout:
    """Lay the plan out in lanes ("category" or "goal") and rows, one goal per row."""
    out = TimelineLayout(today)
    lanes: dict[str, list[plan_view.GoalRow]] = {}
    if lane_mode == "goal":
        titles = {g.id: g.title for g in view.goals}
        for g in view.goals:
            lanes.setdefault(f"goal:{g.root_id}:{titles[g.root_id]}", []).append(g)
    else:
        for category in GOAL_CATEGORIES:
            lanes[f"category:{category}"] = []
        for g in view.goals:
            lanes.setdefault(f"category:{g.category}", []).append(g)
    row = 0
    goal_y: list[int] = []
    for key, members in lanes.items():
        if not members:
            continue
        out.lanes.append((key, row, len(members)))
        for g in members:
            out.goal_rows.append(g)
            goal_y.append(row)
            row += 1
    rows = out.goal_rows
    out.goal_index = {g.id: i for i, g in enumerate(rows)}
    out.g_x0 = np.array([seconds(g.start) for g in rows], dtype=float)
    out.g_x1 = np.array([seconds(g.target) + DAY for g in rows], dtype=float)
    out.g_y = np.array(goal_y, dtype=float)
    nan = float("nan")
    out.g_bx0 = np.array([seconds(g.baseline_start) if g.baseline_start else nan for g in rows])
    out.g_bx1 = np.array(
        [seconds(g.baseline_target) + DAY if g.baseline_target else nan for g in rows]
    )
    out.g_style = np.array([style_code(g) for g in rows], dtype=np.int64)
    out.g_progress = np.array([max(0.0, min(1.0, g.progress)) for g in rows], dtype=float)
    for i, g in enumerate(rows):
        if g.parent_id in out.goal_index:
            out.children.setdefault(out.goal_index[g.parent_id], []).append(i)
    # Goals fill the first rows, one each, in order: row r holds goal r.
    out.row_goal = np.arange(len(goal_y), dtype=np.int64)

    steps = [s for s in view.steps if s.goal_id in out.goal_index and s.due is not None]
    out.step_rows = steps
    out.step_index = {s.id: i for i, s in enumerate(steps)}
    out.s_goal = np.array([out.goal_index[s.goal_id] for s in steps], dtype=np.int64)
    out.s_x = np.array([seconds(s.due) + DAY / 2 for s in steps], dtype=float)
    out.s_y = out.g_y[out.s_goal] if steps else np.zeros(0)
    out.s_bx = np.array(
        [seconds(s.baseline_due) + DAY / 2 if s.baseline_due else nan for s in steps]
    )
    out.s_done = np.array([s.done is not None for s in steps], dtype=bool)
    out.s_milestone = np.array([bool(s.milestone) for s in steps], dtype=bool)
    out.s_outside = np.array([bool(s.outside) for s in steps], dtype=bool)
    for i, gi in enumerate(out.s_goal.tolist()):
        out.steps_of_goal.setdefault(gi, []).append(i)

    # Learning and career history: rows packed so that spans do not overlap.
    span_y: list[int] = []
    for kind in ("learning", "role"):
        members = [s for s in view.spans if s.kind == kind]
        if not members:
            continue
        ends: list[dt.date] = []
        first = row
        for s in members:
            slot = next((k for k, end in enumerate(ends) if end < s.start), None)
            if slot is None:
                slot = len(ends)
                ends.append(s.end)
            ends[slot] = s.end
            span_y.append(first + slot)
            out.span_rows.append(s)
        out.lanes.append((f"span:{kind}", first, len(ends)))
        row += len(ends)
    out.p_x0 = np.array([seconds(s.start) for s in out.span_rows], dtype=float)
    out.p_x1 = np.array([seconds(s.end) + DAY for s in out.span_rows], dtype=float)
    out.p_y = np.array(span_y, dtype=float)
    # Where the next span of the same row starts: a title must stop before it.
    out.p_next = np.full(len(out.span_rows), np.inf)
    last_in_row: dict[float, int] = {}
    for i in np.argsort(out.p_x0, kind="stable"):
        y = float(out.p_y[i])
        if y in last_in_row:
            out.p_next[last_in_row[y]] = out.p_x0[i]
        last_in_row[y] = int(i)
    out.row_count = row
    out._set_bounds()
    return out


def grid_lines(x_lo: float, x_hi: float) -> list[float]:
    """Epoch seconds of the grid lines between x_lo and x_hi: about 5 to 40 of them."""
    if x_hi <= x_lo:
        return []
    first, last = date_at(x_lo), date_at(x_hi)
    days = (last - first).days
    if days > 4 * 365:
        found = [dt.date(y, 1, 1) for y in range(first.year + 1, last.year + 1)]
    elif days > 120:
        found = []
        y, mo = first.year, first.month
        while True:
            mo += 1
            if mo > 12:
                y, mo = y + 1, 1
            day = dt.date(y, mo, 1)
            if day > last:
                break
            found.append(day)
    elif days > 21:
        monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        found = [monday + dt.timedelta(weeks=k) for k in range((last - monday).days // 7 + 1)]
    else:
        found = [first + dt.timedelta(days=k) for k in range(1, days + 1)]
    return [seconds(day) for day in found]
