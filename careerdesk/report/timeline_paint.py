"""The timeline painted on any QPainter: lanes, date grid, goal bars, step markers, spans.

No widgets and no pyqtgraph: the screen's plan item paints through `draw_plan` (in device
pixels, with the view's transform) and the paper report through `paint_timeline` (any
rectangle of any painter, e.g. a QPdfWriter page).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
    QPolygonF,
    QTransform,
)

from careerdesk.core.goals import step_outside
from careerdesk.core.health import HEALTH_ORDER
from careerdesk.report.colours import HEALTH, HEALTH_SYMBOL, OKABE_ITO
from careerdesk.report.timeline_layout import (
    DAY,
    Band,
    TimelineLayout,
    band_for,
    date_at,
    grid_lines,
    seconds,
)

BASE, DRAG = "base", "drag"  # the two layers: all but what a drag moves, and only that
MARKER_MIN_ROW_PIXELS = 6  # thinner rows show steps as dots
TITLE_REACH_PIXELS = 420  # how far right of a bar's start its title may run


@dataclass
class TimelineStyle:
    """Fonts and colours of a timeline; `paper()` for print (7.5 pt titles by default)."""

    label_font: QFont
    bold_font: QFont
    text: QColor
    health: dict[str, QColor]
    learning: QColor
    role: QColor
    flag: QColor  # "outside its goal" and the today line
    marker: QColor = field(default_factory=lambda: QColor("#202020"))

    @classmethod
    def create(
        cls, label_point_size: float, *, dark: bool = False, family: str | None = None
    ) -> TimelineStyle:
        label = QFont(family) if family else QFont()
        label.setPointSizeF(label_point_size)
        bold = QFont(label)
        bold.setBold(True)
        return cls(
            label_font=label,
            bold_font=bold,
            text=QColor("#EEEEEE") if dark else QColor("#202020"),
            health={h: QColor(OKABE_ITO[HEALTH[h]]) for h in HEALTH_ORDER},
            learning=QColor(OKABE_ITO["purple"]),
            role=QColor(OKABE_ITO["sky"]),
            flag=QColor(OKABE_ITO["vermillion"]),
        )

    @classmethod
    def paper(cls, label_point_size: float = 7.5) -> TimelineStyle:
        return cls.create(max(7.0, label_point_size))

    def code_colours(self) -> dict[int, QColor]:
        """Bar colour by layout style code (health place times two, plus one on hold)."""
        return {
            2 * n + hold: self.health[h] for n, h in enumerate(HEALTH_ORDER) for hold in (0, 1)
        }


@dataclass(frozen=True)
class Motion:
    """What a drag moves (masks) and by how much (epoch-second offsets per goal and step)."""

    goals: np.ndarray
    steps: np.ndarray
    g0: np.ndarray
    g1: np.ndarray
    s: np.ndarray


@dataclass
class PaintOptions:
    show_baseline: bool = False
    selected: tuple[str, int] | None = None  # ("goal" | "step", id)
    layer: str = BASE
    motion: Motion | None = None
    today: dt.date | None = None  # paint_timeline draws a today line when given


@dataclass(frozen=True)
class Frame:
    """One paint pass: exposed area in layout units and the layout-to-painter mapping."""

    x_lo: float
    x_hi: float
    y_lo: float
    y_hi: float
    sx: float
    ox: float
    sy: float
    oy: float
    band: Band
    view_left: float  # painter x where the visible plot starts and ends (titles stay inside)
    view_right: float

    def X(self, x: float) -> float:  # noqa: N802 - a coordinate, as in the maths
        return x * self.sx + self.ox

    def Y(self, y: float) -> float:  # noqa: N802
        return y * self.sy + self.oy


def paint_timeline(
    painter: QPainter,
    target_rect: QRectF,
    layout: TimelineLayout,
    x_range_days: tuple[dt.date, dt.date],
    options: PaintOptions | None = None,
    style: TimelineStyle | None = None,
    rows: tuple[float, float] | None = None,
) -> None:
    """Paint the plan's days `x_range_days` (first, last, inclusive) into `target_rect`.

    Every row (or `rows`: first, end) fills the rectangle's height; coordinates, pen widths
    and marker sizes are in the painter's current units, fonts in points.
    """
    options = options or PaintOptions()
    style = style or TimelineStyle.paper()
    first, last = x_range_days
    x_lo, x_hi = seconds(first), seconds(last) + DAY
    y_lo, y_hi = rows if rows is not None else (0.0, float(max(layout.row_count, 1)))
    sx = target_rect.width() / (x_hi - x_lo)
    sy = target_rect.height() / max(y_hi - y_lo, 1e-9)
    tr = QTransform(sx, 0, 0, sy, target_rect.left() - x_lo * sx, target_rect.top() - y_lo * sy)
    visible = QRectF(x_lo, y_lo, x_hi - x_lo, y_hi - y_lo)
    painter.save()
    painter.setClipRect(target_rect, Qt.ClipOperation.IntersectClip)
    draw_plan(painter, layout, visible, visible, style, options, tr=tr)
    if options.today is not None and x_lo <= seconds(options.today) < x_hi:
        x = tr.m11() * (seconds(options.today) + DAY / 2) + tr.m31()
        painter.setPen(QPen(style.flag, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, target_rect.top()), QPointF(x, target_rect.bottom()))
    painter.restore()


def draw_plan(
    painter: QPainter,
    layout: TimelineLayout,
    exposed: QRectF,
    visible: QRectF,
    style: TimelineStyle,
    options: PaintOptions,
    *,
    tr: QTransform | None = None,
) -> Frame | None:
    """Paint one layer of the plan inside `exposed` (layout units); `visible` is the view.

    Without `tr` the painter's transform maps layout units to the device and drawing is in
    device pixels (the screen); with `tr` it maps layout units to the painter's units.
    """
    device = tr is None
    tr = painter.transform() if device else tr
    sx, ox, sy, oy = tr.m11(), tr.m31(), tr.m22(), tr.m32()
    if sx == 0 or sy == 0:
        return None
    band = band_for(abs(sy))
    frame = Frame(
        exposed.left(),
        exposed.right(),
        exposed.top() - 1,
        exposed.bottom(),
        sx,
        ox,
        sy,
        oy,
        band,
        visible.left() * sx + ox,
        visible.right() * sx + ox,
    )
    n_goals, n_steps = len(layout.g_x0), len(layout.s_x)
    motion = options.motion
    if motion is None:
        none_g, none_s = np.zeros(n_goals, dtype=bool), np.zeros(n_steps, dtype=bool)
        moving_goals, moving_steps = none_g, none_s
    else:
        moving_goals, moving_steps = motion.goals, motion.steps
    if options.layer == DRAG and motion is not None:
        gx0, gx1, s_off = layout.g_x0 + motion.g0, layout.g_x1 + motion.g1, motion.s
    else:
        gx0, gx1, s_off = layout.g_x0, layout.g_x1, np.zeros(n_steps)
    painter.save()
    if device:
        painter.resetTransform()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    if options.layer == BASE:
        _draw_background(painter, layout, frame, visible, style)
    _draw_goals(painter, layout, frame, style, options, moving_goals, gx0, gx1)
    _draw_steps(painter, layout, frame, style, options, moving_steps, s_off, gx0, gx1)
    painter.restore()
    return frame


def _draw_background(
    painter: QPainter, layout: TimelineLayout, f: Frame, visible: QRectF, style: TimelineStyle
) -> None:
    """Date grid, lane bands and the read-only spans (learning, roles)."""
    X, Y = f.X, f.Y  # noqa: N806
    px, row_px, band = abs(1 / f.sx), abs(f.sy), f.band
    x_lo, x_hi, y_lo, y_hi = f.x_lo, f.x_hi, f.y_lo, f.y_hi
    left_px, right_px = X(x_lo), X(x_hi)
    # A light date grid: years, months, weeks or days, whatever the zoom shows best.
    grid = QColor(style.text)
    grid.setAlpha(30)
    painter.setPen(QPen(grid, 1))
    top_px, bottom_px = Y(y_lo), Y(y_hi + 1)
    for x in grid_lines(max(x_lo, visible.left()), min(x_hi, visible.right())):
        painter.drawLine(QPointF(X(x), top_px), QPointF(X(x), bottom_px))
    # Lane bands, so a lane reads as one block.
    lane_fill = QColor(style.text)
    lane_fill.setAlpha(14)
    line = QColor(style.text)
    line.setAlpha(60)
    for n, (_key, first, count) in enumerate(layout.lanes):
        if first + count < y_lo or first > y_hi:
            continue
        top, bottom = Y(first), Y(first + count)
        if n % 2 == 0:
            painter.fillRect(QRectF(left_px, top, right_px - left_px, bottom - top), lane_fill)
        painter.setPen(QPen(line, 1))
        painter.drawLine(QPointF(left_px, top), QPointF(right_px, top))
    if not len(layout.p_x0):
        return
    vis = np.nonzero(
        (layout.p_y + 1 >= y_lo)
        & (layout.p_y <= y_hi)
        & (layout.p_x1 >= x_lo - 300 * px)
        & (layout.p_x0 <= x_hi)
    )[0]
    for i in vis:
        s = layout.span_rows[i]
        rect = QRectF(
            X(layout.p_x0[i]),
            Y(layout.p_y[i] + band.bar_top),
            max(1.0, (layout.p_x1[i] - layout.p_x0[i]) * f.sx),
            max(1.0, (band.bar_bottom - band.bar_top) * row_px),
        )
        fill = QColor(style.learning if s.kind == "learning" else style.role)
        fill.setAlpha(150)
        painter.fillRect(rect, fill)
        if band.labels:
            limit = X(layout.p_next[i]) if np.isfinite(layout.p_next[i]) else f.view_right
            draw_label(painter, f, style, rect, s.title, limit)


def _rects(left: np.ndarray, top: np.ndarray, width: np.ndarray, height: float) -> list[QRectF]:
    """QRectFs for drawRects from arrays of painter coordinates."""
    return [
        QRectF(x, y, w, height)
        for x, y, w in zip(left.tolist(), top.tolist(), width.tolist(), strict=True)
    ]


def diamond(x: float, y: float, r: float) -> QPolygonF:
    """A milestone marker."""
    return QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)])


def _draw_goals(
    painter: QPainter,
    layout: TimelineLayout,
    f: Frame,
    style: TimelineStyle,
    options: PaintOptions,
    moving: np.ndarray,
    gx0: np.ndarray,
    gx1: np.ndarray,
) -> None:
    """Goal bars, one drawRects call per colour; moving ones as ghosts in the base layer."""
    if not len(gx0):
        return
    sx, ox, sy, oy, band = f.sx, f.ox, f.sy, f.oy, f.band
    px, row_px = abs(1 / sx), abs(sy)
    text = style.text
    g_y = layout.g_y
    base = options.layer == BASE
    reach = (TITLE_REACH_PIXELS if band.labels else 10) * px  # titles run past short bars
    shown = (g_y + 1 >= f.y_lo) & (g_y <= f.y_hi) & (gx1 >= f.x_lo - reach) & (gx0 <= f.x_hi)
    ghosts = np.nonzero(shown & moving)[0] if base else np.zeros(0, dtype=np.int64)
    vis = np.nonzero(shown & (~moving if base else moving))[0]
    bar_h = max(1.0, (band.bar_bottom - band.bar_top) * row_px)

    def bar_rect(i: int) -> QRectF:
        """Goal i's bar in painter coordinates (as dragged, in the drag layer)."""
        top = (g_y[i] + band.bar_top) * sy + oy
        return QRectF(gx0[i] * sx + ox, top, max(1.0, (gx1[i] - gx0[i]) * sx), bar_h)

    if options.show_baseline and len(vis):
        ghost = QColor(text)
        ghost.setAlpha(45)
        painter.setPen(QPen(QColor(text), 1, Qt.PenStyle.DashLine))
        painter.setBrush(QBrush(ghost))
        gv = vis[~np.isnan(layout.g_bx0[vis])]
        painter.drawRects(
            _rects(
                layout.g_bx0[gv] * sx + ox,
                (g_y[gv] + band.ghost_top) * sy + oy,
                np.maximum(1.0, (layout.g_bx1[gv] - layout.g_bx0[gv]) * sx),
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
                (g_y[ghosts] + band.bar_top) * sy + oy,
                np.maximum(1.0, (gx1[ghosts] - gx0[ghosts]) * sx),
                bar_h,
            )
        )
    left = gx0[vis] * sx + ox
    top = (g_y[vis] + band.bar_top) * sy + oy
    width = np.maximum(1.0, (gx1[vis] - gx0[vis]) * sx)
    done_w = width * layout.g_progress[vis]
    codes = layout.g_style[vis]
    colours = style.code_colours()
    for code in np.unique(codes).tolist():
        colour = colours[code]
        pick = codes == code
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
    if options.selected and options.selected[0] == "goal":
        i = layout.goal_index.get(options.selected[1])
        if i is not None and i in set(vis.tolist()):
            painter.setPen(QPen(QColor(text), 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(bar_rect(i))
    if band.labels:
        for i in vis.tolist():
            g = layout.goal_rows[i]
            title = f"{HEALTH_SYMBOL.get(g.health, '')} {g.title}"
            draw_label(painter, f, style, bar_rect(i), title, f.view_right, bold=g.depth == 0)


def _draw_steps(
    painter: QPainter,
    layout: TimelineLayout,
    f: Frame,
    style: TimelineStyle,
    options: PaintOptions,
    moving: np.ndarray,
    s_off: np.ndarray,
    gx0: np.ndarray,
    gx1: np.ndarray,
) -> None:
    """Step markers: circles, diamonds for milestones, filled when done, "!" when outside."""
    if not len(layout.s_x):
        return
    sx, ox, sy, oy, band = f.sx, f.ox, f.sy, f.oy, f.band
    px, row_px = abs(1 / sx), abs(sy)
    text = style.text
    s_y = layout.s_y
    sxs = layout.s_x + s_off
    shown = (
        (s_y + 1 >= f.y_lo)
        & (s_y <= f.y_hi)
        & (sxs >= f.x_lo - 10 * px)
        & (sxs <= f.x_hi + 10 * px)
    )
    drag = options.layer == DRAG
    vis = np.nonzero(shown & (moving if drag else ~moving))[0]
    dark, flag = style.marker, style.flag
    if row_px < MARKER_MIN_ROW_PIXELS:
        # Rows thinner than a marker: a dot per step keeps the density visible.
        if len(vis):
            painter.setPen(QPen(dark, 1))
            xs = (sxs[vis] * sx + ox).tolist()
            ys = ((s_y[vis] + band.marker_y) * sy + oy).tolist()
            painter.drawPoints(QPolygonF([QPointF(x, y) for x, y in zip(xs, ys, strict=True)]))
        return
    radius = max(2.0, min(5.0, row_px * (band.bar_bottom - band.bar_top) * 0.45))
    if options.show_baseline:
        painter.setPen(QPen(QColor(text), 1, Qt.PenStyle.DotLine))
        for i in vis.tolist():
            if not math.isnan(layout.s_bx[i]) and layout.s_bx[i] != sxs[i]:
                cy = (s_y[i] + (band.ghost_top + band.ghost_bottom) / 2) * sy + oy
                cx = layout.s_bx[i] * sx + ox
                painter.drawLine(QPointF(cx, cy - radius), QPointF(cx, cy + radius))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    xs = sxs[vis] * sx + ox
    ys = (s_y[vis] + band.marker_y) * sy + oy
    if drag:  # judged by the core rule against the dates being dragged to (a few steps)
        g = layout.s_goal[vis]
        outside = np.array(
            [
                step_outside(date_at(x), date_at(a), date_at(b - DAY))
                for x, a, b in zip(
                    sxs[vis].tolist(), gx0[g].tolist(), gx1[g].tolist(), strict=True
                )
            ],
            dtype=bool,
        )
    else:
        outside = layout.s_outside[vis]
    done, milestone = layout.s_done[vis], layout.s_milestone[vis]
    white = QBrush(QColor("#FFFFFF"))
    # One pen and brush per kind of marker, not per marker.
    for is_done in (False, True):
        for is_out in (False, True):
            pick = (done == is_done) & (outside == is_out)
            if not pick.any():
                continue
            painter.setPen(QPen(flag, 2) if is_out else QPen(dark, 1))
            painter.setBrush(QBrush(dark) if is_done else white)
            for x, y, is_diamond in zip(
                xs[pick].tolist(), ys[pick].tolist(), milestone[pick].tolist(), strict=True
            ):
                if is_diamond:
                    painter.drawPolygon(diamond(x, y, radius + 1))
                else:
                    painter.drawEllipse(QPointF(x, y), radius, radius)
    if row_px >= 8 and outside.any():
        painter.setPen(flag)
        painter.setFont(style.bold_font)
        for x, y in zip(xs[outside].tolist(), ys[outside].tolist(), strict=True):
            painter.drawText(QPointF(x + radius + 1, y - radius + 1), "!")
    if options.selected and options.selected[0] == "step":
        i = layout.step_index.get(options.selected[1])
        if i is not None and i in set(vis.tolist()):
            painter.setPen(QPen(QColor(text), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            x, y = sxs[i] * sx + ox, (s_y[i] + band.marker_y) * sy + oy
            if layout.step_rows[i].milestone:
                painter.drawPolygon(diamond(x, y, radius + 3))
            else:
                painter.drawEllipse(QPointF(x, y), radius + 2, radius + 2)


def draw_label(
    painter: QPainter,
    f: Frame,
    style: TimelineStyle,
    rect: QRectF,
    label: str,
    limit: float,
    *,
    bold: bool = False,
) -> None:
    """A title on the line above its bar, from the bar's visible start up to `limit`."""
    font = style.bold_font if bold else style.label_font
    painter.setFont(font)
    metrics = QFontMetrics(font, painter.device())
    if rect.right() < f.view_left:
        return  # the bar is off to the left: no title floating over nothing
    start = max(rect.left(), f.view_left) + 1
    room = limit - start - 6
    if room < 12:
        return
    baseline = rect.top() - max(2.0, abs(f.sy) * 0.08) - metrics.descent()
    painter.setPen(style.text)
    elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(room))
    painter.drawText(QPointF(start, baseline), elided)
