"""The Plan tab's timeline: goals as bars in lanes, steps as markers, dragged to new dates."""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Callable
from dataclasses import dataclass

import PySide6  # noqa: F401 - imported before pyqtgraph, which then uses this binding

# isort: split
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from careerdesk.core import plan
from careerdesk.core.models import GOAL_CATEGORIES
from careerdesk.ui import palette
from careerdesk.ui.formatting import format_number, format_percent, label

DAY = 86400.0
EPOCH = dt.date(1970, 1, 1)
MIN_SPAN_DAYS = 7
MAX_SPAN_DAYS = 3653  # ten years
EDGE_PIXELS = 6  # how close to a bar's end a press grabs the edge
MARKER_PIXELS = 7
MARKER_MIN_ROW_PIXELS = 6  # thinner rows show steps as dots
LABEL_MIN_ROW_PIXELS = 22  # below this row height titles are left to tooltips
DRAG_LABEL_PIXELS = 28  # room above (or below) a dragged bar for its live label
LANE_MODES = ("category", "goal")
BASE, DRAG = "base", "drag"  # the two layers PlanItem.draw paints
HEALTH_ORDER = ("on_track", "at_risk", "late", "closed")
ROW_MAX_PIXELS = 30
LANE_LABEL_PIXELS = 120


def seconds(day: dt.date) -> float:
    """A date as UTC-midnight epoch seconds, the timeline's x."""
    return (day - EPOCH).days * DAY


def date_at(x: float) -> dt.date:
    """The day containing epoch second `x`."""
    return EPOCH + dt.timedelta(days=math.floor(x / DAY))


@dataclass
class Drag:
    """A drag under way: what is dragged, where it started and how far it has moved (days)."""

    kind: str  # "goal" | "step"
    index: int
    zone: str  # "body" | "start" | "target" | "step"
    down_x: float
    goals: np.ndarray  # indices of goals moving with a body drag (the goal first)
    steps: np.ndarray  # indices of steps moving with it
    followers: np.ndarray  # indices of steps that follow when it moves later
    delta: int = 0
    cancelled: bool = False


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


@dataclass(frozen=True)
class Frame:
    """One paint pass: the exposed area in item coordinates and the item-to-device transform."""

    x_lo: float
    x_hi: float
    y_lo: float
    y_hi: float
    tr: QTransform


@dataclass(frozen=True)
class Hit:
    kind: str  # "goal" | "step" | "span"
    index: int
    zone: str = "body"


class LaneAxis(pg.AxisItem):
    """The left axis naming the lanes; a name that would overlap the one above is left out."""

    def generateDrawSpecs(self, p: QPainter) -> tuple | None:  # noqa: N802 - pyqtgraph hook
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return None
        axis, ticks, texts = specs
        kept: list[tuple] = []
        for spec in texts:
            if not any(spec[0].intersects(other[0]) for other in kept):
                kept.append(spec)
        return axis, ticks, kept


class TimeViewBox(pg.ViewBox):
    """A ViewBox whose wheel zooms time only; rows keep their height."""

    def wheelEvent(self, ev: object, axis: int | None = None) -> None:  # noqa: N802 - Qt
        super().wheelEvent(ev, axis=0)


def _text_color() -> QColor:
    return QColor("#EEEEEE") if palette.is_dark_theme() else QColor("#202020")


class PlanItem(pg.GraphicsObject):
    """Every bar, marker and lane of the plan in one item, painted in device pixels.

    One item instead of one per goal: Qt then tests and paints one object, and a drag
    repaints only the rows it touches (we paint just what the exposed rectangle shows).
    """

    clicked = Signal(str, int)  # kind, id
    dropped = Signal(str, int, str, int)  # kind, id, zone, days
    drag_started = Signal()

    def __init__(self, today: Callable[[], dt.date]) -> None:
        super().__init__()
        # The tab's day (tests and the demo fix it), never the clock's.
        self.today = today()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.drag: Drag | None = None
        self.drag_layer: DragLayer | None = None
        # Qt keeps the painted plan as a pixmap: a drag, drawn by the drag layer above,
        # then repaints over a copy instead of redrawing thousands of bars.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._view_left = 0.0
        self._view_right = 4000.0
        self.show_baseline = False
        self.selected: tuple[str, int] | None = None
        self.label_font = QFont()
        self.label_font.setPointSizeF(max(8.0, self.label_font.pointSizeF() * 0.9))
        self.bold = QFont(self.label_font)
        self.bold.setBold(True)
        self._set_empty()

    # --- data -----------------------------------------------------------------------

    def _set_empty(self) -> None:
        self.goal_rows: list[plan.GoalRow] = []
        self.step_rows: list[plan.StepRow] = []
        self.span_rows: list[plan.SpanRow] = []
        self.g_x0 = self.g_x1 = self.g_y = self.g_bx0 = self.g_bx1 = np.zeros(0)
        self.s_x = self.s_y = self.s_bx = np.zeros(0)
        self.s_goal = np.zeros(0, dtype=np.int64)
        self.s_done = self.s_milestone = self.s_outside = np.zeros(0, dtype=bool)
        self.g_style = np.zeros(0, dtype=np.int64)
        self.g_progress = np.zeros(0)
        self._styles = {
            2 * n + hold: palette.health_color(h)
            for n, h in enumerate(HEALTH_ORDER)
            for hold in (0, 1)
        }
        self.p_x0 = self.p_x1 = self.p_y = self.p_next = np.zeros(0)
        self.goal_index: dict[int, int] = {}
        self.step_index: dict[int, int] = {}
        self.row_goal = np.zeros(0, dtype=np.int64)
        self.steps_of_goal: dict[int, list[int]] = {}
        self.children: dict[int, list[int]] = {}
        self.lanes: list[tuple[str, int, int]] = []  # name, first row, row count
        self.row_count = 0
        self.bounds = QRectF(0, 0, 1, 1)
        today = seconds(self.today)
        self.data_range = (today - 90 * DAY, today + 90 * DAY)

    def set_plan(self, view: plan.PlanView, lane_mode: str, today: dt.date) -> None:
        """Lay the plan out in lanes and rows (one goal per row) and repaint."""
        self.today = today
        self.prepareGeometryChange()
        self._set_empty()
        lanes: dict[str, list[plan.GoalRow]] = {}
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
            self.lanes.append((key, row, len(members)))
            for g in members:
                self.goal_rows.append(g)
                goal_y.append(row)
                row += 1
        self.goal_index = {g.id: i for i, g in enumerate(self.goal_rows)}
        self.g_x0 = np.array([seconds(g.start) for g in self.goal_rows], dtype=float)
        self.g_x1 = np.array([seconds(g.target) + DAY for g in self.goal_rows], dtype=float)
        self.g_y = np.array(goal_y, dtype=float)
        nan = float("nan")
        self.g_bx0 = np.array(
            [seconds(g.baseline_start) if g.baseline_start else nan for g in self.goal_rows]
        )
        self.g_bx1 = np.array(
            [
                seconds(g.baseline_target) + DAY if g.baseline_target else nan
                for g in self.goal_rows
            ]
        )
        # A style code per goal: health colour, times two, plus one when on hold.
        self.g_style = np.array(
            [
                2 * HEALTH_ORDER.index(g.health if g.health in HEALTH_ORDER else "on_track")
                + (g.status == "on_hold")
                for g in self.goal_rows
            ],
            dtype=np.int64,
        )
        self.g_progress = np.array(
            [max(0.0, min(1.0, g.progress)) for g in self.goal_rows], dtype=float
        )
        for i, g in enumerate(self.goal_rows):
            if g.parent_id in self.goal_index:
                self.children.setdefault(self.goal_index[g.parent_id], []).append(i)
        # Goals fill the first rows, one each, in order: row r holds goal r.
        self.row_goal = np.arange(len(goal_y), dtype=np.int64)

        steps = [s for s in view.steps if s.goal_id in self.goal_index and s.due is not None]
        self.step_rows = steps
        self.step_index = {s.id: i for i, s in enumerate(steps)}
        self.s_goal = np.array([self.goal_index[s.goal_id] for s in steps], dtype=np.int64)
        self.s_x = np.array([seconds(s.due) + DAY / 2 for s in steps], dtype=float)
        self.s_y = self.g_y[self.s_goal] if steps else np.zeros(0)
        self.s_bx = np.array(
            [seconds(s.baseline_due) + DAY / 2 if s.baseline_due else nan for s in steps]
        )
        self.s_done = np.array([s.done is not None for s in steps], dtype=bool)
        self.s_milestone = np.array([bool(s.milestone) for s in steps], dtype=bool)
        self.s_outside = np.array([bool(s.outside) for s in steps], dtype=bool)
        for i, gi in enumerate(self.s_goal.tolist()):
            self.steps_of_goal.setdefault(gi, []).append(i)

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
                self.span_rows.append(s)
            self.lanes.append((f"span:{kind}", first, len(ends)))
            row += len(ends)
        self.p_x0 = np.array([seconds(s.start) for s in self.span_rows], dtype=float)
        self.p_x1 = np.array([seconds(s.end) + DAY for s in self.span_rows], dtype=float)
        self.p_y = np.array(span_y, dtype=float)
        # Where the next span of the same row starts: a title must stop before it.
        self.p_next = np.full(len(self.span_rows), np.inf)
        last_in_row: dict[float, int] = {}
        for i in np.argsort(self.p_x0, kind="stable"):
            y = float(self.p_y[i])
            if y in last_in_row:
                self.p_next[last_in_row[y]] = self.p_x0[i]
            last_in_row[y] = int(i)
        self.row_count = row
        self._set_bounds()
        self.drag = None  # a reload during a drag ends it: its rows may be gone
        if self.drag_layer is not None:
            self.drag_layer.refresh()
        self.update()

    def patch(self, view: plan.PlanView, goal_ids: set[int], step_ids: set[int]) -> None:
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
            self.g_style[i] = 2 * HEALTH_ORDER.index(
                g.health if g.health in HEALTH_ORDER else "on_track"
            ) + (g.status == "on_hold")
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
        self.update()

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
        bounds = QRectF(lo - margin, -1.0, (hi - lo) + 2 * margin, self.row_count + 2.0)
        if bounds != self.bounds:
            self.prepareGeometryChange()
            self.bounds = bounds

    # --- geometry helpers -------------------------------------------------------------

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.bounds

    def _pixel(self) -> tuple[float, float]:
        """Data units per screen pixel (x in seconds, y in rows)."""
        vb = self.getViewBox()
        if vb is None:
            return DAY, 0.05
        px, py = vb.viewPixelSize()
        return (px or DAY), (py or 0.05)

    def effective_goal(self, i: int) -> tuple[float, float]:
        """A goal's x0, x1 as drawn now (with a drag under way applied)."""
        x0, x1 = float(self.g_x0[i]), float(self.g_x1[i])
        d = self.drag
        if d is None or d.cancelled or d.kind != "goal" or not d.delta:
            return x0, x1
        shift = d.delta * DAY
        if d.zone == "body" and i in d.goals:
            return x0 + shift, x1 + shift
        if i == d.index and d.zone == "start":
            return x0 + shift, x1
        if i == d.index and d.zone == "target":
            return x0, x1 + shift
        return x0, x1

    def _offsets(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per-goal x0 and x1 offsets and per-step x offsets of the drag under way."""
        g0 = np.zeros(len(self.g_x0))
        g1 = np.zeros(len(self.g_x0))
        s = np.zeros(len(self.s_x))
        d = self.drag
        if d is None or d.cancelled or not d.delta:
            return g0, g1, s
        shift = d.delta * DAY
        if d.kind == "goal":
            if d.zone == "body":
                g0[d.goals] = shift
                g1[d.goals] = shift
                s[d.steps] = shift
            elif d.zone == "start":
                g0[d.index] = shift
            else:
                g1[d.index] = shift
        else:
            s[d.index] = shift
        if d.delta > 0 and len(d.followers):
            s[d.followers] = shift
        return g0, g1, s

    # --- painting ---------------------------------------------------------------------

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        self.draw(painter, option.exposedRect, BASE)

    def moving(self) -> tuple[np.ndarray, np.ndarray]:
        """Masks of the goals and steps a drag under way moves (drawn by the drag layer)."""
        goals = np.zeros(len(self.g_x0), dtype=bool)
        steps = np.zeros(len(self.s_x), dtype=bool)
        d = self.drag
        if d is None or d.cancelled:
            return goals, steps
        if d.kind == "goal":
            goals[d.goals] = True
            if d.zone != "body":  # its steps may turn "outside" while an edge moves
                steps[self.steps_of_goal.get(d.index, [])] = True
        else:
            steps[d.index] = True
        steps[d.steps] = True
        steps[d.followers] = True
        return goals, steps

    def draw(self, painter: QPainter, exposed: QRectF, layer: str) -> None:
        """Paint the base layer (all but what a drag moves) or the drag layer (only that).

        The base layer is cached as a pixmap by Qt, so a drag repaints only the few
        moved things over a copy of it, whatever the size of the plan.
        """
        tr = painter.transform()
        sx, ox, sy, oy = tr.m11(), tr.m31(), tr.m22(), tr.m32()
        if sx == 0 or sy == 0:
            return
        px = abs(1 / sx)
        row_px = abs(sy)
        band = band_for(row_px)
        vb = self.getViewBox()
        visible = vb.viewRect() if vb is not None else exposed
        # Titles stay inside the plot area, not under the lane axis on its left.
        view_left = visible.left() * sx + ox
        view_w = visible.right() * sx + ox
        x_lo, x_hi = exposed.left(), exposed.right()
        y_lo, y_hi = exposed.top() - 1, exposed.bottom()
        frame = Frame(x_lo, x_hi, y_lo, y_hi, tr)
        moving_goals, moving_steps = self.moving()
        if layer == BASE:
            g0 = g1 = np.zeros(len(self.g_x0))
            s_off = np.zeros(len(self.s_x))
        else:
            g0, g1, s_off = self._offsets()
        gx0, gx1 = self.g_x0 + g0, self.g_x1 + g1
        text = _text_color()
        self._view_left = view_left
        self._view_right = view_w
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

        def X(x: float) -> float:  # noqa: N802 - a coordinate, as in the maths
            return x * sx + ox

        def Y(y: float) -> float:  # noqa: N802
            return y * sy + oy

        if layer == DRAG:
            self._draw_goals(painter, layer, moving_goals, gx0, gx1, frame)
            self._draw_steps(painter, layer, moving_steps, s_off, gx0, gx1, frame)
            self._paint_drag_label(painter, X, Y, view_w, text, gx0, band, s_off)
            painter.restore()
            return
        left_px, right_px = X(x_lo), X(x_hi)
        # A light date grid: years, months, weeks or days, whatever the zoom shows best.
        grid = QColor(text)
        grid.setAlpha(30)
        painter.setPen(QPen(grid, 1))
        top_px, bottom_px = Y(y_lo), Y(y_hi + 1)
        for x in grid_lines(max(x_lo, visible.left()), min(x_hi, visible.right())):
            painter.drawLine(QPointF(X(x), top_px), QPointF(X(x), bottom_px))
        # Lane bands, so a lane reads as one block.
        lane_fill = QColor(text)
        lane_fill.setAlpha(14)
        line = QColor(text)
        line.setAlpha(60)
        for n, (_key, first, count) in enumerate(self.lanes):
            if first + count < y_lo or first > y_hi:
                continue
            top, bottom = Y(first), Y(first + count)
            if n % 2 == 0:
                painter.fillRect(QRectF(left_px, top, right_px - left_px, bottom - top), lane_fill)
            painter.setPen(QPen(line, 1))
            painter.drawLine(QPointF(left_px, top), QPointF(right_px, top))

        # Learning activities and roles (read-only spans).
        if len(self.p_x0):
            vis = np.nonzero(
                (self.p_y + 1 >= y_lo)
                & (self.p_y <= y_hi)
                & (self.p_x1 >= x_lo - 300 * px)
                & (self.p_x0 <= x_hi)
            )[0]
            for i in vis:
                s = self.span_rows[i]
                colour = palette.color("purple" if s.kind == "learning" else "sky")
                rect = QRectF(
                    X(self.p_x0[i]),
                    Y(self.p_y[i] + band.bar_top),
                    max(1.0, (self.p_x1[i] - self.p_x0[i]) * sx),
                    max(1.0, (band.bar_bottom - band.bar_top) * row_px),
                )
                fill = QColor(colour)
                fill.setAlpha(150)
                painter.fillRect(rect, fill)
                if band.labels:
                    limit = X(self.p_next[i]) if np.isfinite(self.p_next[i]) else view_w
                    self._label(painter, rect, s.title, text, limit, row_px)

        self._draw_goals(painter, layer, moving_goals, gx0, gx1, frame)
        self._draw_steps(painter, layer, moving_steps, s_off, gx0, gx1, frame)
        painter.restore()

    def _draw_goals(
        self,
        painter: QPainter,
        layer: str,
        moving: np.ndarray,
        gx0: np.ndarray,
        gx1: np.ndarray,
        frame: Frame,
    ) -> None:
        """Goal bars, one drawRects call per colour; moving ones as ghosts in the base layer."""
        if not len(gx0):
            return
        x_lo, x_hi, y_lo, y_hi, tr = frame.x_lo, frame.x_hi, frame.y_lo, frame.y_hi, frame.tr
        sx, ox, sy, oy = tr.m11(), tr.m31(), tr.m22(), tr.m32()
        px, row_px = abs(1 / sx), abs(sy)
        band = band_for(row_px)
        text = _text_color()
        reach = (420 if band.labels else 10) * px  # titles run past short bars
        shown = (self.g_y + 1 >= y_lo) & (self.g_y <= y_hi) & (gx1 >= x_lo - reach) & (gx0 <= x_hi)
        ghosts = np.nonzero(shown & moving)[0] if layer == BASE else np.zeros(0, dtype=np.int64)
        vis = np.nonzero(shown & (~moving if layer == BASE else moving))[0]
        bar_h = max(1.0, (band.bar_bottom - band.bar_top) * row_px)

        def bar_rect(i: int) -> QRectF:
            """Goal i's bar in device pixels (as dragged, in the drag layer)."""
            top = (self.g_y[i] + band.bar_top) * sy + oy
            return QRectF(gx0[i] * sx + ox, top, width_of(gx0[i], gx1[i], sx), bar_h)

        if self.show_baseline and len(vis):
            ghost = QColor(text)
            ghost.setAlpha(45)
            painter.setPen(QPen(QColor(text), 1, Qt.PenStyle.DashLine))
            painter.setBrush(QBrush(ghost))
            gv = vis[~np.isnan(self.g_bx0[vis])]
            painter.drawRects(
                _rects(
                    self.g_bx0[gv] * sx + ox,
                    (self.g_y[gv] + band.ghost_top) * sy + oy,
                    np.maximum(1.0, (self.g_bx1[gv] - self.g_bx0[gv]) * sx),
                    max(1.0, (band.ghost_bottom - band.ghost_top) * row_px),
                )
            )
        if len(ghosts):
            # Where the dragged things were: an outline the user can drop back on.
            painter.setPen(QPen(QColor(text), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects(
                _rects(
                    gx0[ghosts] * sx + ox,
                    (self.g_y[ghosts] + band.bar_top) * sy + oy,
                    np.maximum(1.0, (gx1[ghosts] - gx0[ghosts]) * sx),
                    bar_h,
                )
            )
        left = gx0[vis] * sx + ox
        top = (self.g_y[vis] + band.bar_top) * sy + oy
        width = np.maximum(1.0, (gx1[vis] - gx0[vis]) * sx)
        done_w = width * self.g_progress[vis]
        style = self.g_style[vis]
        for code in np.unique(style).tolist():
            colour = self._styles[code]
            pick = style == code
            light = QColor(colour)
            light.setAlpha(60 if code % 2 else 110)  # odd codes: on hold, paler
            # Outlines on bars thinner than 3 px would be all there is to see.
            painter.setPen(QPen(colour.darker(140), 1) if bar_h >= 3 else Qt.PenStyle.NoPen)
            painter.setBrush(light)
            painter.drawRects(_rects(left[pick], top[pick], width[pick], bar_h))
            progressed = pick & (done_w >= 1)
            if progressed.any():
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawRects(
                    _rects(left[progressed], top[progressed] + 0.5, done_w[progressed], bar_h)
                )
        if self.selected and self.selected[0] == "goal":
            i = self.goal_index.get(self.selected[1])
            if i is not None and i in set(vis.tolist()):
                painter.setPen(QPen(QColor(text), 2.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(bar_rect(i))
        if band.labels:
            for i in vis.tolist():
                g = self.goal_rows[i]
                title = f"{palette.HEALTH_SYMBOL.get(g.health, '')} {g.title}"
                self._label(
                    painter, bar_rect(i), title, text, self._view_right, row_px, bold=g.depth == 0
                )

    def _draw_steps(
        self,
        painter: QPainter,
        layer: str,
        moving: np.ndarray,
        s_off: np.ndarray,
        gx0: np.ndarray,
        gx1: np.ndarray,
        frame: Frame,
    ) -> None:
        """Step markers: circles, diamonds for milestones, filled when done, "!" when outside."""
        if not len(self.s_x):
            return
        x_lo, x_hi, y_lo, y_hi, tr = frame.x_lo, frame.x_hi, frame.y_lo, frame.y_hi, frame.tr
        sx, ox, sy, oy = tr.m11(), tr.m31(), tr.m22(), tr.m32()
        px, row_px = abs(1 / sx), abs(sy)
        band = band_for(row_px)
        text = _text_color()
        sxs = self.s_x + s_off
        shown = (
            (self.s_y + 1 >= y_lo)
            & (self.s_y <= y_hi)
            & (sxs >= x_lo - 10 * px)
            & (sxs <= x_hi + 10 * px)
        )
        vis = np.nonzero(shown & (~moving if layer == BASE else moving))[0]
        dark = QColor("#202020")
        flag = palette.color("vermillion")
        if row_px < MARKER_MIN_ROW_PIXELS:
            # Rows thinner than a marker: a dot per step keeps the density visible.
            if len(vis):
                painter.setPen(QPen(dark, 1))
                xs = (sxs[vis] * sx + ox).tolist()
                ys = ((self.s_y[vis] + band.marker_y) * sy + oy).tolist()
                painter.drawPoints(QPolygonF([QPointF(x, y) for x, y in zip(xs, ys, strict=True)]))
            return
        radius = max(2.0, min(5.0, row_px * (band.bar_bottom - band.bar_top) * 0.45))
        if self.show_baseline:
            painter.setPen(QPen(QColor(text), 1, Qt.PenStyle.DotLine))
            for i in vis.tolist():
                if not math.isnan(self.s_bx[i]) and self.s_bx[i] != sxs[i]:
                    cy = (self.s_y[i] + (band.ghost_top + band.ghost_bottom) / 2) * sy + oy
                    cx = self.s_bx[i] * sx + ox
                    painter.drawLine(QPointF(cx, cy - radius), QPointF(cx, cy + radius))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        xs = sxs[vis] * sx + ox
        ys = (self.s_y[vis] + band.marker_y) * sy + oy
        if layer == DRAG:  # judged against the dates being dragged to
            g = self.s_goal[vis]
            outside = ~((gx0[g] <= sxs[vis]) & (sxs[vis] <= gx1[g]))
        else:
            outside = self.s_outside[vis]
        done, milestone = self.s_done[vis], self.s_milestone[vis]
        white = QBrush(QColor("#FFFFFF"))
        # One pen and brush per kind of marker, not per marker.
        for is_done in (False, True):
            for is_out in (False, True):
                pick = (done == is_done) & (outside == is_out)
                if not pick.any():
                    continue
                painter.setPen(QPen(flag, 2) if is_out else QPen(dark, 1))
                painter.setBrush(QBrush(dark) if is_done else white)
                for x, y, diamond in zip(
                    xs[pick].tolist(), ys[pick].tolist(), milestone[pick].tolist(), strict=True
                ):
                    if diamond:
                        painter.drawPolygon(_diamond(x, y, radius + 1))
                    else:
                        painter.drawEllipse(QPointF(x, y), radius, radius)
        if row_px >= 8 and outside.any():
            painter.setPen(flag)
            painter.setFont(self.bold)
            for x, y in zip(xs[outside].tolist(), ys[outside].tolist(), strict=True):
                painter.drawText(QPointF(x + radius + 1, y - radius + 1), "!")
        if self.selected and self.selected[0] == "step":
            i = self.step_index.get(self.selected[1])
            if i is not None and i in set(vis.tolist()):
                s = self.step_rows[i]
                painter.setPen(QPen(QColor(text), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                x, y = sxs[i] * sx + ox, (self.s_y[i] + band.marker_y) * sy + oy
                if s.milestone:
                    painter.drawPolygon(_diamond(x, y, radius + 3))
                else:
                    painter.drawEllipse(QPointF(x, y), radius + 2, radius + 2)

    def _label(
        self,
        painter: QPainter,
        rect: QRectF,
        label: str,
        text: QColor,
        limit: float,
        row_px: float,
        *,
        bold: bool = False,
    ) -> None:
        """A title on the line above its bar, from the bar's visible start up to `limit` px."""
        font = self.bold if bold else self.label_font
        painter.setFont(font)
        metrics = QFontMetrics(font)
        if rect.right() < self._view_left:
            return  # the bar is off to the left: no title floating over nothing
        start = max(rect.left(), self._view_left) + 1
        room = limit - start - 6
        if room < 12:
            return
        baseline = rect.top() - max(2.0, row_px * 0.08) - metrics.descent()
        painter.setPen(text)
        elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(room))
        painter.drawText(QPointF(start, baseline), elided)

    def _paint_drag_label(
        self,
        painter: QPainter,
        X: Callable[[float], float],  # noqa: N803 - the coordinate mappers of paint()
        Y: Callable[[float], float],  # noqa: N803
        view_w: float,
        text: QColor,
        gx0: np.ndarray,
        band: Band,
        s_off: np.ndarray,
    ) -> None:
        d = self.drag
        if d is None or d.cancelled:
            return
        label = self.drag_text()
        if d.kind == "goal":
            anchor_x, anchor_y = X(gx0[d.index]), Y(self.g_y[d.index] + band.bar_top)
        else:
            anchor_x = X(self.s_x[d.index] + s_off[d.index])
            anchor_y = Y(self.s_y[d.index] + band.bar_top)
        painter.setFont(self.bold)
        metrics = QFontMetrics(self.bold)
        w, h = metrics.horizontalAdvance(label) + 12, metrics.height() + 6
        x = min(max(self._view_left + 2, anchor_x), max(self._view_left + 2, view_w - w - 2))
        y = anchor_y - h - 3
        if y < 2:  # no room above the top row: show it below
            y = anchor_y + (band.bar_bottom - band.bar_top) * abs(Y(1) - Y(0)) + 3
        box = QRectF(x, y, w, h)
        background = QColor("#FFFFE0") if not palette.is_dark_theme() else QColor("#303030")
        painter.setPen(QPen(text, 1))
        painter.setBrush(background)
        painter.drawRoundedRect(box, 3, 3)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    def drag_text(self) -> str:
        """The live label: the dates the dragged item would get if dropped now."""
        d = self.drag
        if d is None:
            return ""
        days = d.delta
        shift = dt.timedelta(days=days)
        moved = ""
        n_followers = len(d.followers) if days > 0 else 0
        if n_followers:
            moved = self.tr(" · {n} dependent steps follow").format(n=format_number(n_followers))
        if d.kind == "step":
            step = self.step_rows[d.index]
            return (
                self.tr("{title}: due {due} ({days} d)").format(
                    title=_short(step.title), due=_fmt(step.due + shift), days=_signed(days)
                )
                + moved
            )
        g = self.goal_rows[d.index]
        start, target = g.start, g.target
        if d.zone in ("body", "start"):
            start = start + shift
        if d.zone in ("body", "target"):
            target = target + shift
        length = (target - start).days + 1
        return (
            self.tr("{title}: {start} – {target} ({n} days)").format(
                title=_short(g.title),
                start=_fmt(start),
                target=_fmt(target),
                n=format_number(length),
            )
            + moved
        )

    # --- hit testing, hover, click, drag -------------------------------------------

    def hit(self, pos: QPointF) -> Hit | None:
        """What lies under item position `pos`: a step marker first, then a bar's edge or body."""
        px, py = self._pixel()
        band = band_for(1 / py)
        row = math.floor(pos.y())
        if py > 0.5:
            # Rows thinner than two pixels: take the nearest bar under x among the rows
            # this pixel covers, so that a bar stays grabbable when zoomed far out.
            lo = max(0, math.floor(pos.y() - py))
            hi = min(len(self.row_goal), math.floor(pos.y() + py) + 1)
            rows = np.arange(lo, hi)
            under = rows[(self.g_x0[rows] <= pos.x()) & (self.g_x1[rows] >= pos.x())]
            if len(under):
                row = int(under[np.argmin(np.abs(under + 0.5 - pos.y()))])
                pos = QPointF(pos.x(), row + band.marker_y)
        frac = pos.y() - row
        if 0 <= row < len(self.row_goal) and self.row_goal[row] >= 0:
            gi = int(self.row_goal[row])
            # Steps drawn as mere dots (thin rows) are not grabbed: the bar is.
            candidates = self.steps_of_goal.get(gi, []) if 1 / py >= MARKER_MIN_ROW_PIXELS else []
            if candidates:
                idx = np.array(candidates)
                dist = np.abs(self.s_x[idx] - pos.x()) / px
                dy = abs(frac - band.marker_y) / py
                best = int(np.argmin(dist))
                if dist[best] <= MARKER_PIXELS and dy <= MARKER_PIXELS + 2:
                    return Hit("step", int(idx[best]), "step")
            x0, x1 = float(self.g_x0[gi]), float(self.g_x1[gi])
            edge = min(EDGE_PIXELS * px, (x1 - x0) / 3)
            top, bottom = band.bar_top - 3 * py, band.bar_bottom + 3 * py
            if top <= frac <= bottom and x0 - edge <= pos.x() <= x1 + edge:
                if abs(pos.x() - x0) <= edge:
                    return Hit("goal", gi, "start")
                if abs(pos.x() - x1) <= edge:
                    return Hit("goal", gi, "target")
                return Hit("goal", gi, "body")
        if len(self.p_x0):
            inside = np.nonzero(
                (self.p_y == row) & (self.p_x0 <= pos.x()) & (self.p_x1 >= pos.x())
            )[0]
            if len(inside) and band.bar_top <= frac <= band.bar_bottom:
                return Hit("span", int(inside[0]))
        return None

    def tooltip(self, hit: Hit) -> str:
        """Rich text (user text escaped) describing what the pointer is over."""
        esc = html.escape
        if hit.kind == "goal":
            g = self.goal_rows[hit.index]
            lines = [
                f"<b>{esc(g.title)}</b>",
                esc(
                    self.tr("{start} – {target} · {health} · {progress} done").format(
                        start=_fmt(g.start),
                        target=_fmt(g.target),
                        health=label(g.health),
                        progress=format_percent(g.progress),
                    )
                ),
            ]
            if g.baseline_start and (g.baseline_start, g.baseline_target) != (g.start, g.target):
                lines.append(
                    esc(
                        self.tr("Baseline: {start} – {target}").format(
                            start=_fmt(g.baseline_start), target=_fmt(g.baseline_target)
                        )
                    )
                )
            hint = {
                "start": self.tr("Drag to change the start date"),
                "target": self.tr("Drag to change the target date"),
                "body": self.tr("Drag to move the goal with its steps (Shift: by weeks)"),
            }[hit.zone]
            lines.append(f"<i>{esc(hint)}</i>")
            return "<br>".join(lines)
        if hit.kind == "step":
            s = self.step_rows[hit.index]
            kind = self.tr("Milestone") if s.milestone else self.tr("Step")
            state = self.tr("done {date}").format(date=_fmt(s.done)) if s.done else self.tr("open")
            lines = [
                f"<b>{esc(s.title)}</b>",
                esc(f"{kind} · " + self.tr("due {date}").format(date=_fmt(s.due)) + f" · {state}"),
            ]
            if s.outside:
                lines.append(esc(self.tr("! Outside its goal's dates")))
            if s.depends_on_id is not None:
                lines.append(esc(self.tr("Waits for another step; follows it when it moves")))
            return "<br>".join(lines)
        sp = self.span_rows[hit.index]
        kind = self.tr("Learning") if sp.kind == "learning" else self.tr("Role")
        detail = f" · {sp.detail}" if sp.detail else ""
        return (
            f"<b>{esc(sp.title)}</b><br>"
            + esc(f"{kind}{detail}")
            + "<br>"
            + esc(f"{_fmt(sp.start)} – {_fmt(sp.end)}")
        )

    def hoverEvent(self, ev: object) -> None:  # noqa: N802 - pyqtgraph hook
        if self.drag is not None:
            return  # mid-drag: the live label says it all; no hit tests per mouse move
        if ev.isExit():
            self.setToolTip("")
            self.unsetCursor()
            return
        hit = self.hit(ev.pos())
        if hit is None:
            self.setToolTip("")
            self.unsetCursor()
            return
        self.setToolTip(self.tooltip(hit))
        if hit.kind == "span":
            self.unsetCursor()
            return
        ev.acceptClicks(Qt.MouseButton.LeftButton)
        ev.acceptDrags(Qt.MouseButton.LeftButton)
        cursor = (
            Qt.CursorShape.SizeHorCursor
            if hit.zone in ("start", "target")
            else Qt.CursorShape.OpenHandCursor
        )
        self.setCursor(cursor)

    def mouseClickEvent(self, ev: object) -> None:  # noqa: N802 - pyqtgraph hook
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        hit = self.hit(ev.pos())
        if hit is None or hit.kind == "span":
            ev.ignore()
            return
        ev.accept()
        kind, record_id = self._identify(hit)
        self.clicked.emit(kind, record_id)

    def _identify(self, hit: Hit) -> tuple[str, int]:
        if hit.kind == "goal":
            return "goal", self.goal_rows[hit.index].id
        return "step", self.step_rows[hit.index].id

    def _descendants(self, gi: int) -> list[int]:
        found, todo = [gi], [gi]
        while todo:
            kids = [k for k in self.children.get(todo.pop(), []) if k not in found]
            found.extend(kids)
            todo.extend(kids)
        return found

    def _dirty(self, d: Drag) -> list[QRectF]:
        """The item areas the drag's moved things cover now (bars, titles, markers, label).

        Repainting just these (old and new) keeps a drag's cost independent of plan size.
        """
        px, py = self._pixel()
        g0, g1, s_off = self._offsets()
        titles = 420 * px if band_for(1 / py).labels else 0.0
        found = []
        moved_goals = d.goals if d.kind == "goal" else []
        for gi in moved_goals:
            x0 = min(self.g_x0[gi], self.g_x0[gi] + g0[gi])
            x1 = max(self.g_x1[gi], self.g_x1[gi] + g1[gi])
            found.append(
                QRectF(x0 - 8 * px, self.g_y[gi] - 3 * py, x1 - x0 + titles + 16 * px, 1 + 6 * py)
            )
        steps = [int(i) for i in d.steps] + [int(i) for i in d.followers]
        if d.kind == "step":
            steps.append(d.index)
        elif d.zone != "body":  # an edge drag may flag its goal's steps as outside
            steps.extend(self.steps_of_goal.get(d.index, []))
        for si in steps:
            x = self.s_x[si] + s_off[si]
            found.append(QRectF(x - 12 * px, self.s_y[si], 30 * px, 1))
        # The live label: above (or below) the dragged bar or marker.
        row = self.g_y[d.index] if d.kind == "goal" else self.s_y[d.index]
        x = (self.g_x0[d.index] + g0[d.index]) if d.kind == "goal" else self.s_x[d.index]
        x += s_off[d.index] if d.kind == "step" else 0
        pad = DRAG_LABEL_PIXELS * py
        found.append(QRectF(x - 620 * px, row - pad, 1240 * px, 1 + 2 * pad))
        return found

    def _repaint_drag(self, *, base: bool = False) -> None:
        """Repaint the drag layer; the (cached) base layer only when a drag starts or ends."""
        if base:
            self.update()
        if self.drag_layer is not None:
            self.drag_layer.refresh()

    def mouseDragEvent(self, ev: object) -> None:  # noqa: N802 - pyqtgraph hook
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        if ev.isStart():
            hit = self.hit(ev.buttonDownPos())
            if hit is None or hit.kind == "span":
                ev.ignore()  # the view pans instead
                return
            self._start_drag(hit, ev.buttonDownPos().x())
        elif self.drag is None:
            ev.ignore()
            return
        ev.accept()
        d = self.drag
        if d.cancelled:
            if ev.isFinish():
                self.drag = None
            return
        raw = (ev.pos().x() - d.down_x) / DAY
        step = 7 if ev.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1
        delta = int(round(raw / step)) * step
        if d.kind == "goal" and d.zone != "body":
            g = self.goal_rows[d.index]
            length = (g.target - g.start).days
            delta = min(delta, length) if d.zone == "start" else max(delta, -length)
        if delta != d.delta or ev.isStart():
            d.delta = delta
            self._repaint_drag(base=ev.isStart())
        if ev.isFinish():
            d.cancelled = True  # paint the dropped things at their old place until reloaded
            self._repaint_drag(base=True)
            self.drag = None
            if delta:
                kind, record_id = self._identify(Hit(d.kind, d.index))
                self.dropped.emit(kind, record_id, d.zone, delta)

    def _start_drag(self, hit: Hit, down_x: float) -> None:
        empty = np.zeros(0, dtype=np.int64)
        kind, record_id = self._identify(hit)
        if hit.kind == "goal":
            goals = np.array(
                self._descendants(hit.index) if hit.zone == "body" else [hit.index],
                dtype=np.int64,
            )
            steps = (
                np.array(
                    [s for g in goals for s in self.steps_of_goal.get(int(g), [])], dtype=np.int64
                )
                if hit.zone == "body"
                else empty
            )
            follower_ids = plan.followers_of_goal(record_id) if hit.zone == "body" else []
        else:
            goals, steps = empty, empty
            follower_ids = plan.followers_of_step(record_id)
        followers = np.array(
            [self.step_index[s] for s in follower_ids if s in self.step_index], dtype=np.int64
        )
        self.drag = Drag(hit.kind, hit.index, hit.zone, down_x, goals, steps, followers)
        self.selected = (kind, record_id)
        self.drag_started.emit()
        self.clicked.emit(kind, record_id)

    def cancel_drag(self) -> bool:
        """Esc: put everything back where it was; the rest of the drag does nothing."""
        if self.drag is None or self.drag.cancelled:
            return False
        self.drag.cancelled = True
        self._repaint_drag(base=True)
        return True


class DragPiece(pg.GraphicsObject):
    """One patch of the drag layer: paints the moved things inside its area only."""

    def __init__(self, plan_item: PlanItem) -> None:
        super().__init__()
        self.plan_item = plan_item
        self.area = QRectF()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.area

    def set_area(self, area: QRectF) -> None:
        if area != self.area:
            self.prepareGeometryChange()
            self.area = area
        if not area.isEmpty():
            self.update()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        d = self.plan_item.drag
        if d is not None and not d.cancelled and not self.area.isEmpty():
            painter.setClipRect(self.area)  # a bar crossing into the next patch is drawn once
            self.plan_item.draw(painter, self.area, DRAG)


class DragLayer:
    """Above the plan: paints only what a drag moves, with the live label.

    The moved things are covered by a few separate patches rather than one rectangle
    around them all: Qt then recomposes a few small areas of the view per mouse move.
    """

    def __init__(self, plan_item: PlanItem, view_box: pg.ViewBox) -> None:
        self.plan_item = plan_item
        self.view_box = view_box
        self.pieces: list[DragPiece] = []

    def refresh(self) -> None:
        d = self.plan_item.drag
        areas: list[QRectF] = []
        if d is not None and not d.cancelled:
            view = self.view_box.viewRect()
            # Never over the axes: they would repaint too.
            clipped = [r.intersected(view) for r in self.plan_item._dirty(d)]
            areas = _disjoint([r for r in clipped if not r.isEmpty()])
        while len(self.pieces) < len(areas):
            piece = DragPiece(self.plan_item)
            piece.setZValue(self.plan_item.zValue() + 1)
            self.view_box.addItem(piece, ignoreBounds=True)
            self.pieces.append(piece)
        for n, piece in enumerate(self.pieces):
            piece.set_area(areas[n] if n < len(areas) else QRectF())


def _disjoint(rects: list[QRectF]) -> list[QRectF]:
    """Merge overlapping rectangles until none overlap (so nothing is painted twice)."""
    out: list[QRectF] = []
    for rect in sorted(rects, key=lambda r: r.top()):
        merged = True
        while merged:
            merged = False
            for i, other in enumerate(out):
                if other.intersects(rect):
                    rect = rect.united(out.pop(i))
                    merged = True
                    break
        out.append(rect)
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


def _diamond(x: float, y: float, r: float) -> QPolygonF:
    """A milestone marker."""
    return QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)])


def _rects(left: np.ndarray, top: np.ndarray, width: np.ndarray, height: float) -> list[QRectF]:
    """QRectFs for drawRects from arrays of device coordinates."""
    return [
        QRectF(x, y, w, height)
        for x, y, w in zip(left.tolist(), top.tolist(), width.tolist(), strict=True)
    ]


def width_of(x0: float, x1: float, sx: float) -> float:
    return max(1.0, (x1 - x0) * sx)


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _fmt(day: dt.date | None) -> str:
    if day is None:
        return ""
    # Day, month name, year: unambiguous in every locale, unlike 03/04/2026.
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def _signed(days: int) -> str:
    """+3 or −3 with the locale's digits and signs."""
    locale = QLocale()
    sign = locale.positiveSign() if days >= 0 else locale.negativeSign()
    return sign + locale.toString(abs(days))


class Timeline(pg.PlotWidget):
    """The timeline widget (objectName "timeline"); tests find bars with goal_rect/step_pos."""

    selection_changed = Signal(str, int)
    # kind ("goal" | "step"), id, zone ("body" | "start" | "target" | "step"), days
    moved = Signal(str, int, str, int)

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        self.view_box = TimeViewBox()
        self.date_axis = pg.DateAxisItem(orientation="bottom", utcOffset=0)
        self.lane_axis = LaneAxis("left")
        super().__init__(
            parent,
            viewBox=self.view_box,
            axisItems={"bottom": self.date_axis, "left": self.lane_axis},
        )
        self.setObjectName("timeline")
        self.setAccessibleName(self.tr("Plan timeline"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackground(self.palette().color(QPalette.ColorRole.Base))
        self.setMenuEnabled(False)
        self.hideButtons()
        self.view_box.invertY(True)
        self.view_box.disableAutoRange()
        self.view_box.setLimits(minXRange=MIN_SPAN_DAYS * DAY, maxXRange=MAX_SPAN_DAYS * DAY)
        left = self.getPlotItem().getAxis("left")
        left.setWidth(LANE_LABEL_PIXELS + 14)
        left.setStyle(tickLength=0)
        self.item = PlanItem(today)
        # The plan item draws the date grid itself, in its cached layer: pyqtgraph's grid
        # is redrawn by the axis over the whole plot on every repaint.
        self.addItem(self.item)
        self.drag_layer = DragLayer(self.item, self.view_box)
        self.item.drag_layer = self.drag_layer
        self.today_line = pg.InfiniteLine(
            angle=90,
            movable=False,
            pen=pg.mkPen(palette.color("vermillion"), width=2, style=Qt.PenStyle.DashLine),
            label=self.tr("Today"),
            labelOpts={"position": 0.02, "color": palette.color("vermillion"), "fill": None},
        )
        self.addItem(self.today_line)
        self.item.clicked.connect(self._clicked)
        self.item.dropped.connect(self.moved)
        self.item.drag_started.connect(self.setFocus)
        self.today = today()
        self.today_line.setPos(seconds(self.today) + DAY / 2)
        # Until the user zooms or pans, the view follows the widget's size (fit all).
        self.auto_fit = True
        self._fitting = False
        self.view_box.sigRangeChanged.connect(self._range_changed)
        self.item.drag_started.connect(self._user_navigated)

    def _user_navigated(self, *_args: object) -> None:
        self.auto_fit = False

    def _range_changed(self, *_args: object) -> None:
        # Any zoom, pan or range set other than our own fit: keep the user's view from now on.
        if not self._fitting:
            self.auto_fit = False

    def resizeEvent(self, ev: object) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(ev)
        if getattr(self, "auto_fit", False) and getattr(self, "item", None) is not None:
            self.fit_all()

    # --- content ---------------------------------------------------------------------

    def set_plan(self, view: plan.PlanView, lane_mode: str, today: dt.date) -> None:
        self.today = today
        self.item.set_plan(view, lane_mode, today)
        self.today_line.setPos(seconds(today) + DAY / 2)
        self.view_box.setLimits(yMin=-1.0, yMax=max(self.item.row_count + 1.0, 60.0))
        self._set_lane_ticks()
        if self.auto_fit:
            self.fit_all()

    def patch(self, view: plan.PlanView, goal_ids: set[int], step_ids: set[int]) -> None:
        """New dates for some goals and steps (after a move), keeping lanes and rows."""
        self.item.patch(view, goal_ids, step_ids)
        if self.item.selected:
            self.item.update()

    def _set_lane_ticks(self) -> None:
        axis = self.getPlotItem().getAxis("left")
        metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
        ticks = []
        for key, first, count in self.item.lanes:
            kind, _, rest = key.partition(":")
            if kind == "category":
                name = label(rest)
            elif kind == "goal":
                name = rest.partition(":")[2]
            else:
                name = self.tr("Learning") if rest == "learning" else self.tr("Career history")
            # pyqtgraph drops a tick label wider than the axis: elide it to fit instead.
            name = metrics.elidedText(name, Qt.TextElideMode.ElideRight, LANE_LABEL_PIXELS)
            ticks.append((first + min(count, 1) * 0.5, name))
        self.getPlotItem().getAxis("left").setTicks([ticks, []])

    def set_show_baseline(self, show: bool) -> None:
        self.item.show_baseline = show
        self.item.update()

    def select(self, kind: str, record_id: int, *, reveal: bool = True) -> None:
        """Highlight a goal or step chosen elsewhere (the tree); scroll it into view."""
        self.item.selected = (kind, record_id)
        self.item.update()
        if not reveal:
            return
        rect = self._data_rect(kind, record_id)
        if rect is None:
            return
        view = self.view_box.viewRect()
        if not view.intersects(rect):
            dx = rect.center().x() - view.center().x()
            dy = rect.center().y() - view.center().y()
            self.view_box.translateBy(x=dx, y=dy)

    def _clicked(self, kind: str, record_id: int) -> None:
        self.item.selected = (kind, record_id)
        self.item.update()
        self.selection_changed.emit(kind, record_id)

    # --- navigation ------------------------------------------------------------------

    def fit_all(self) -> None:
        """Show the whole plan: every bar, every lane."""
        lo, hi = self.item.data_range
        span = max(hi - lo, MIN_SPAN_DAYS * DAY)
        pad = span * 0.03
        # Few goals would make huge rows: keep rows at most ROW_MAX_PIXELS high.
        rows = max(self.item.row_count, self.viewport().height() / ROW_MAX_PIXELS, 1)
        self._fitting = True
        try:
            self.view_box.setRange(
                xRange=(lo - pad, hi + pad), yRange=(-0.9, rows + 0.2), padding=0
            )
        finally:
            self._fitting = False

    def show_today(self) -> None:
        """Centre on today, about three months either side (or the current span if smaller)."""
        self.auto_fit = False
        view = self.view_box.viewRect()
        span = min(view.width(), 180 * DAY) if view.width() > 0 else 180 * DAY
        centre = seconds(self.today) + DAY / 2
        self.view_box.setXRange(centre - span / 2, centre + span / 2, padding=0)

    def keyPressEvent(self, ev: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if ev.key() == Qt.Key.Key_Escape and self.item.cancel_drag():
            ev.accept()
            return
        super().keyPressEvent(ev)

    # --- test surface --------------------------------------------------------------

    def _data_rect(self, kind: str, record_id: int) -> QRectF | None:
        if kind == "goal":
            i = self.item.goal_index.get(record_id)
            if i is None:
                return None
            x0, x1 = self.item.effective_goal(i)
            y = float(self.item.g_y[i])
            band = self._band()
            return QRectF(x0, y + band.bar_top, x1 - x0, band.bar_bottom - band.bar_top)
        i = self.item.step_index.get(record_id)
        if i is None:
            return None
        y = float(self.item.s_y[i]) + self._band().marker_y
        return QRectF(float(self.item.s_x[i]), y, 0, 0)

    def _band(self) -> Band:
        return band_for(1 / self.item._pixel()[1])

    def _to_viewport(self, x: float, y: float) -> QPointF:
        scene = self.view_box.mapViewToScene(QPointF(x, y))
        return self.viewportTransform().map(scene)

    def goal_rect(self, goal_id: int) -> QRectF | None:
        """The goal's bar in viewport coordinates; None when not drawn (filtered out, off view)."""
        rect = self._data_rect("goal", goal_id)
        if rect is None:
            return None
        a = self._to_viewport(rect.left(), rect.top())
        b = self._to_viewport(rect.right(), rect.bottom())
        found = QRectF(a, b).normalized()
        return found if found.intersects(QRectF(self.viewport().rect())) else None

    def step_pos(self, step_id: int) -> QPointF | None:
        """The centre of a step's marker in viewport coordinates; None when not drawn."""
        rect = self._data_rect("step", step_id)
        if rect is None:
            return None
        point = self._to_viewport(rect.x(), rect.y())
        return point if QRectF(self.viewport().rect()).contains(point) else None
