"""The Plan tab's timeline: goals as bars in lanes, steps as markers, dragged to new dates."""

from __future__ import annotations

import datetime as dt
import html
import math
from dataclasses import dataclass, field

import PySide6  # noqa: F401 - imported before pyqtgraph, which then uses this binding

# isort: split
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from careerdesk.core import plan
from careerdesk.core.models import GOAL_CATEGORIES
from careerdesk.ui import palette

DAY = 86400.0
EPOCH = dt.date(1970, 1, 1)
MIN_SPAN_DAYS = 7
MAX_SPAN_DAYS = 3653  # ten years
# Vertical layout of a row (one goal per row), in row units from its top.
BAR_TOP, BAR_BOTTOM = 0.18, 0.72
GHOST_TOP, GHOST_BOTTOM = 0.76, 0.92
MARKER_Y = (BAR_TOP + BAR_BOTTOM) / 2
EDGE_PIXELS = 6  # how close to a bar's end a press grabs the edge
MARKER_PIXELS = 7
LABEL_MIN_ROW_PIXELS = 12  # below this row height titles are left to tooltips
DRAG_LABEL_PIXELS = 28  # room above (or below) a dragged bar for its live label
LANE_MODES = ("category", "goal")
ROW_MAX_PIXELS = 30


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
    rows: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Hit:
    kind: str  # "goal" | "step" | "span"
    index: int
    zone: str = "body"


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

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.drag: Drag | None = None
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
        self.p_x0 = self.p_x1 = self.p_y = np.zeros(0)
        self.goal_index: dict[int, int] = {}
        self.step_index: dict[int, int] = {}
        self.row_goal = np.zeros(0, dtype=np.int64)
        self.steps_of_goal: dict[int, list[int]] = {}
        self.children: dict[int, list[int]] = {}
        self.lanes: list[tuple[str, int, int]] = []  # name, first row, row count
        self.row_count = 0
        self.bounds = QRectF(0, 0, 1, 1)
        today = seconds(dt.date.today())
        self.data_range = (today - 90 * DAY, today + 90 * DAY)

    def set_plan(self, view: plan.PlanView, lane_mode: str, today: dt.date) -> None:
        """Lay the plan out in lanes and rows (one goal per row) and repaint."""
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
        self.row_count = row
        xs = [a for a in (self.g_x0, self.p_x0) if len(a)]
        xe = [a for a in (self.g_x1, self.p_x1) if len(a)]
        lo = min(float(a.min()) for a in xs) if xs else seconds(today)
        hi = max(float(a.max()) for a in xe) if xe else seconds(today) + DAY
        self.data_range = (lo, hi)
        # Titles are drawn right of bars, beyond the data: leave room on both sides.
        margin = 20 * 365 * DAY
        self.bounds = QRectF(lo - margin, -1.0, (hi - lo) + 2 * margin, row + 2.0)
        if self.drag is not None:
            self.drag = None
        self.update()

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
        tr = painter.transform()
        sx, ox, sy, oy = tr.m11(), tr.m31(), tr.m22(), tr.m32()
        if sx == 0 or sy == 0:
            return
        exposed = option.exposedRect
        px = abs(1 / sx)
        row_px = abs(sy)
        view_w = widget.width() if widget is not None else 4000
        x_lo, x_hi = exposed.left(), exposed.right()
        y_lo, y_hi = exposed.top() - 1, exposed.bottom()
        g0, g1, s_off = self._offsets()
        gx0, gx1 = self.g_x0 + g0, self.g_x1 + g1
        text = _text_color()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

        def X(x: float) -> float:  # noqa: N802 - a coordinate, as in the maths
            return x * sx + ox

        def Y(y: float) -> float:  # noqa: N802
            return y * sy + oy

        left_px, right_px = X(x_lo), X(x_hi)
        # Lane bands, so a lane reads as one block.
        band = QColor(text)
        band.setAlpha(14)
        line = QColor(text)
        line.setAlpha(60)
        for n, (_key, first, count) in enumerate(self.lanes):
            if first + count < y_lo or first > y_hi:
                continue
            top, bottom = Y(first), Y(first + count)
            if n % 2 == 0:
                painter.fillRect(QRectF(left_px, top, right_px - left_px, bottom - top), band)
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
                    Y(self.p_y[i] + BAR_TOP),
                    max(1.0, (self.p_x1[i] - self.p_x0[i]) * sx),
                    max(1.0, (BAR_BOTTOM - BAR_TOP) * row_px),
                )
                fill = QColor(colour)
                fill.setAlpha(150)
                painter.fillRect(rect, fill)
                if row_px >= LABEL_MIN_ROW_PIXELS:
                    self._label(painter, rect, s.title, text, view_w, fill, inside_first=True)

        # Goals.
        if len(gx0):
            reach = 400 * px  # titles right of a bar
            vis = np.nonzero(
                (self.g_y + 1 >= y_lo) & (self.g_y <= y_hi) & (gx1 >= x_lo - reach) & (gx0 <= x_hi)
            )[0]
            if self.show_baseline:
                ghost = QColor(text)
                ghost.setAlpha(45)
                pen = QPen(QColor(text), 1, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(QBrush(ghost))
                for i in vis:
                    if math.isnan(self.g_bx0[i]):
                        continue
                    painter.drawRect(
                        QRectF(
                            X(self.g_bx0[i]),
                            Y(self.g_y[i] + GHOST_TOP),
                            max(1.0, (self.g_bx1[i] - self.g_bx0[i]) * sx),
                            max(1.0, (GHOST_BOTTOM - GHOST_TOP) * row_px),
                        )
                    )
            selected = self.selected
            for i in vis:
                g = self.goal_rows[i]
                colour = palette.health_color(g.health)
                rect = QRectF(
                    X(gx0[i]),
                    Y(self.g_y[i] + BAR_TOP),
                    max(1.0, (gx1[i] - gx0[i]) * sx),
                    max(1.0, (BAR_BOTTOM - BAR_TOP) * row_px),
                )
                light = QColor(colour)
                light.setAlpha(110 if g.status != "on_hold" else 60)
                painter.fillRect(rect, light)
                done = QRectF(rect)
                done.setWidth(rect.width() * max(0.0, min(1.0, g.progress)))
                painter.fillRect(done, colour)
                is_selected = selected == ("goal", g.id)
                outline = QColor(text) if is_selected else colour.darker(140)
                painter.setPen(QPen(outline, 2.5 if is_selected else 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
                if row_px >= LABEL_MIN_ROW_PIXELS:
                    symbol = palette.HEALTH_SYMBOL.get(g.health, "")
                    label = f"{symbol} {g.title}"
                    self._label(painter, rect, label, text, view_w, light, bold=g.depth == 0)

        # Steps and milestones.
        if len(self.s_x):
            sxs = self.s_x + s_off
            vis = np.nonzero(
                (self.s_y + 1 >= y_lo)
                & (self.s_y <= y_hi)
                & (sxs >= x_lo - 10 * px)
                & (sxs <= x_hi + 10 * px)
            )[0]
            radius = max(2.0, min(5.0, row_px * 0.22))
            dark = QColor("#202020")
            flag = palette.color("vermillion")
            if self.show_baseline:
                painter.setPen(QPen(QColor(text), 1, Qt.PenStyle.DotLine))
                for i in vis:
                    if not math.isnan(self.s_bx[i]) and self.s_bx[i] != sxs[i]:
                        cx, cy = X(self.s_bx[i]), Y(self.s_y[i] + (GHOST_TOP + GHOST_BOTTOM) / 2)
                        painter.drawLine(QPointF(cx, cy - radius), QPointF(cx, cy + radius))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            for i in vis:
                s = self.step_rows[i]
                cx, cy = X(sxs[i]), Y(self.s_y[i] + MARKER_Y)
                is_selected = self.selected == ("step", s.id)
                outside = s.outside or self._outside_now(i, sxs[i], gx0, gx1)
                painter.setPen(QPen(flag if outside else dark, 2 if outside or is_selected else 1))
                painter.setBrush(QBrush(dark if s.done else QColor("#FFFFFF")))
                r = radius + (1.5 if is_selected else 0)
                if s.milestone:
                    path = QPainterPath()
                    path.moveTo(cx, cy - r - 1)
                    path.lineTo(cx + r + 1, cy)
                    path.lineTo(cx, cy + r + 1)
                    path.lineTo(cx - r - 1, cy)
                    path.closeSubpath()
                    painter.drawPath(path)
                else:
                    painter.drawEllipse(QPointF(cx, cy), r, r)
                if outside and row_px >= 8:
                    painter.setPen(flag)
                    painter.setFont(self.bold)
                    painter.drawText(QPointF(cx + r + 1, cy - r + 1), "!")
        self._paint_drag_label(painter, X, Y, view_w, text, gx0, gx1, s_off)
        painter.restore()

    def _outside_now(self, i: int, x: float, gx0: np.ndarray, gx1: np.ndarray) -> bool:
        """While dragging, flag a step that the new goal dates would leave outside."""
        if self.drag is None or self.drag.cancelled:
            return False
        g = self.s_goal[i]
        return not gx0[g] <= x <= gx1[g]

    def _label(
        self,
        painter: QPainter,
        rect: QRectF,
        label: str,
        text: QColor,
        view_w: float,
        fill: QColor,
        *,
        bold: bool = False,
        inside_first: bool = False,
    ) -> None:
        """A title right of its bar (Gantt style), else inside it, else left of it.

        Spans share rows, so `inside_first` puts their titles inside when they fit.
        """
        font = self.bold if bold else self.label_font
        painter.setFont(font)
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(label)
        baseline = rect.center().y() + metrics.ascent() / 2 - 1
        visible_left = max(rect.left(), 0.0)
        room_inside = min(rect.right(), view_w) - visible_left - 8
        on_bar = palette.text_color_on(fill) if fill.alpha() > 200 else text
        if inside_first and room_inside >= width:
            painter.setPen(on_bar)
            painter.drawText(QPointF(visible_left + 4, baseline), label)
            return
        right = rect.right() + 6
        if right + width <= view_w - 4:
            painter.setPen(text)
            painter.drawText(QPointF(right, baseline), label)
            return
        if room_inside >= width:
            painter.setPen(on_bar)
            painter.drawText(QPointF(visible_left + 4, baseline), label)
            return
        if rect.left() - 6 - width >= 0:
            painter.setPen(text)
            painter.drawText(QPointF(rect.left() - 6 - width, baseline), label)
            return
        if room_inside >= 60:
            painter.setPen(on_bar)
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(room_inside))
            painter.drawText(QPointF(visible_left + 4, baseline), elided)
            return
        painter.setPen(text)
        painter.drawText(QPointF(right, baseline), label)

    def _paint_drag_label(
        self,
        painter: QPainter,
        X: object,  # noqa: N803 - the coordinate mappers of paint()
        Y: object,  # noqa: N803
        view_w: float,
        text: QColor,
        gx0: np.ndarray,
        gx1: np.ndarray,
        s_off: np.ndarray,
    ) -> None:
        d = self.drag
        if d is None or d.cancelled:
            return
        label = self.drag_text()
        if d.kind == "goal":
            anchor_x, anchor_y = X(gx0[d.index]), Y(self.g_y[d.index] + BAR_TOP)
        else:
            anchor_x = X(self.s_x[d.index] + s_off[d.index])
            anchor_y = Y(self.s_y[d.index] + BAR_TOP)
        painter.setFont(self.bold)
        metrics = QFontMetrics(self.bold)
        w, h = metrics.horizontalAdvance(label) + 12, metrics.height() + 6
        x = min(max(2.0, anchor_x), max(2.0, view_w - w - 2))
        y = anchor_y - h - 3
        if y < 2:  # no room above the top row: show it below
            y = anchor_y + (BAR_BOTTOM - BAR_TOP) * abs(Y(1) - Y(0)) + 3
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
            moved = self.tr(" · {n} dependent steps follow").format(n=n_followers)
        if d.kind == "step":
            due = self.step_rows[d.index].due + shift
            return self.tr("Due {due} ({days:+d} d)").format(due=_fmt(due), days=days) + moved
        g = self.goal_rows[d.index]
        start, target = g.start, g.target
        if d.zone in ("body", "start"):
            start = start + shift
        if d.zone in ("body", "target"):
            target = target + shift
        length = (target - start).days + 1
        return (
            self.tr("{start} – {target} ({n} days)").format(
                start=_fmt(start), target=_fmt(target), n=length
            )
            + moved
        )

    # --- hit testing, hover, click, drag -------------------------------------------

    def hit(self, pos: QPointF) -> Hit | None:
        """What lies under item position `pos`: a step marker first, then a bar's edge or body."""
        px, py = self._pixel()
        row = math.floor(pos.y())
        frac = pos.y() - row
        if 0 <= row < len(self.row_goal) and self.row_goal[row] >= 0:
            gi = int(self.row_goal[row])
            candidates = self.steps_of_goal.get(gi, [])
            if candidates:
                idx = np.array(candidates)
                dist = np.abs(self.s_x[idx] - pos.x()) / px
                dy = abs(frac - MARKER_Y) / py
                best = int(np.argmin(dist))
                if dist[best] <= MARKER_PIXELS and dy <= MARKER_PIXELS + 2:
                    return Hit("step", int(idx[best]), "step")
            x0, x1 = float(self.g_x0[gi]), float(self.g_x1[gi])
            edge = min(EDGE_PIXELS * px, (x1 - x0) / 3)
            top, bottom = BAR_TOP - 3 * py, BAR_BOTTOM + 3 * py
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
            if len(inside) and BAR_TOP <= frac <= BAR_BOTTOM:
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
                    self.tr("{start} – {target} · {health} · {progress:.0%} done").format(
                        start=_fmt(g.start),
                        target=_fmt(g.target),
                        health=health_name(g.health),
                        progress=g.progress,
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

    def _rows_of(self, d: Drag) -> set[int]:
        rows = {int(self.g_y[i]) for i in d.goals}
        rows.update(int(self.s_y[i]) for i in d.steps)
        rows.update(int(self.s_y[i]) for i in d.followers)
        if d.kind == "step":
            rows.add(int(self.s_y[d.index]))
        return rows

    def _update_rows(self, rows: set[int]) -> None:
        """Ask Qt to repaint just these rows (and room for the live label)."""
        vb = self.getViewBox()
        if vb is None:
            self.update()
            return
        view = vb.viewRect()
        _, py = self._pixel()
        pad = DRAG_LABEL_PIXELS * py
        for row in rows:
            self.update(QRectF(view.left(), row - pad, view.width(), 1 + 2 * pad))

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
            self._update_rows(d.rows)
        if ev.isFinish():
            self._update_rows(d.rows)
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
        self.drag.rows = self._rows_of(self.drag)
        self.selected = (kind, record_id)
        self.drag_started.emit()
        self.clicked.emit(kind, record_id)

    def cancel_drag(self) -> bool:
        """Esc: put everything back where it was; the rest of the drag does nothing."""
        if self.drag is None or self.drag.cancelled:
            return False
        self.drag.cancelled = True
        self._update_rows(self.drag.rows)
        return True


def _fmt(day: dt.date | None) -> str:
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def health_name(health: str) -> str:
    names = {
        "on_track": QCoreApplication.translate("health", "on track"),
        "at_risk": QCoreApplication.translate("health", "at risk"),
        "late": QCoreApplication.translate("health", "late"),
        "closed": QCoreApplication.translate("health", "closed"),
    }
    return names.get(health, health)


class Timeline(pg.PlotWidget):
    """The timeline widget (objectName "timeline"); tests find bars with goal_rect/step_pos."""

    selection_changed = Signal(str, int)
    # kind ("goal" | "step"), id, zone ("body" | "start" | "target" | "step"), days
    moved = Signal(str, int, str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.view_box = TimeViewBox()
        self.date_axis = pg.DateAxisItem(orientation="bottom", utcOffset=0)
        super().__init__(parent, viewBox=self.view_box, axisItems={"bottom": self.date_axis})
        self.setObjectName("timeline")
        self.setAccessibleName(self.tr("Plan timeline"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackground(self.palette().color(QPalette.ColorRole.Base))
        self.setMenuEnabled(False)
        self.hideButtons()
        self.view_box.invertY(True)
        self.view_box.disableAutoRange()
        self.view_box.setLimits(minXRange=MIN_SPAN_DAYS * DAY, maxXRange=MAX_SPAN_DAYS * DAY)
        self.getPlotItem().showGrid(x=True, y=False, alpha=0.15)
        left = self.getPlotItem().getAxis("left")
        left.setWidth(130)
        left.setStyle(tickLength=0)
        self.item = PlanItem()
        self.addItem(self.item)
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
        self.today = dt.date.today()
        # Until the user zooms or pans, the view follows the widget's size (fit all).
        self.auto_fit = True
        self.view_box.sigRangeChangedManually.connect(self._user_navigated)

    def _user_navigated(self, *_args: object) -> None:
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
        self.view_box.setLimits(yMin=-1.0, yMax=max(self.item.row_count + 1.0, 10.0))
        self._set_lane_ticks()
        if self.auto_fit:
            self.fit_all()

    def _set_lane_ticks(self) -> None:
        ticks = []
        for key, first, count in self.item.lanes:
            kind, _, rest = key.partition(":")
            if kind == "category":
                name = category_name(rest)
            elif kind == "goal":
                name = rest.partition(":")[2]
            else:
                name = self.tr("Learning") if rest == "learning" else self.tr("Career history")
            if len(name) > 20:
                name = name[:19] + "…"
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
        self.view_box.setRange(
            xRange=(lo - pad, hi + pad),
            yRange=(-0.2, max(self.item.row_count, 1) + 0.2),
            padding=0,
        )

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
            return QRectF(x0, y + BAR_TOP, x1 - x0, BAR_BOTTOM - BAR_TOP)
        i = self.item.step_index.get(record_id)
        if i is None:
            return None
        return QRectF(float(self.item.s_x[i]), float(self.item.s_y[i]) + MARKER_Y, 0, 0)

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


def category_name(category: str) -> str:
    """A goal category in the user's words."""
    names = {
        "job_title": "Job title",
        "income": "Income",
        "skill": "Skills",
        "company": "Company / industry",
        "leadership": "Leadership",
        "expertise": "Expertise",
        "business": "Own business",
        "education": "Education",
        "network": "Network",
        "work_life": "Work-life balance",
    }
    return QCoreApplication.translate("category", names.get(category, category))
