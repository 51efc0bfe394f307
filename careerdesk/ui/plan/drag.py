"""A drag on the timeline: what moves, by how many days, its live label and the drag layer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import PySide6  # noqa: F401 - imported before pyqtgraph, which then uses this binding

# isort: split
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from careerdesk.report.timeline_layout import DAY, TimelineLayout, band_for
from careerdesk.report.timeline_paint import Frame, Motion, TimelineStyle
from careerdesk.ui.plan.hit import fmt
from careerdesk.ui.wording import counted

DRAG_LABEL_PIXELS = 28  # room above (or below) a dragged bar for its live label


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


def motion(layout: TimelineLayout, d: Drag | None) -> Motion | None:
    """What the drag under way moves and the offsets (epoch seconds) it gives each thing."""
    if d is None or d.cancelled:
        return None
    goals = np.zeros(len(layout.g_x0), dtype=bool)
    steps = np.zeros(len(layout.s_x), dtype=bool)
    if d.kind == "goal":
        goals[d.goals] = True
        if d.zone != "body":  # its steps may turn "outside" while an edge moves
            steps[layout.steps_of_goal.get(d.index, [])] = True
    else:
        steps[d.index] = True
    steps[d.steps] = True
    steps[d.followers] = True
    g0 = np.zeros(len(layout.g_x0))
    g1 = np.zeros(len(layout.g_x0))
    s = np.zeros(len(layout.s_x))
    if d.delta:
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
    return Motion(goals, steps, g0, g1, s)


def dirty_areas(layout: TimelineLayout, d: Drag, px: float, py: float) -> list[QRectF]:
    """The layout areas the drag's moved things cover now (bars, titles, markers, label).

    Repainting just these (old and new) keeps a drag's cost independent of plan size.
    """
    moved = motion(layout, d)
    if moved is None:
        return []
    g0, g1, s_off = moved.g0, moved.g1, moved.s
    titles = 420 * px if band_for(1 / py).labels else 0.0
    found = []
    moved_goals = d.goals if d.kind == "goal" else []
    for gi in moved_goals:
        x0 = min(layout.g_x0[gi], layout.g_x0[gi] + g0[gi])
        x1 = max(layout.g_x1[gi], layout.g_x1[gi] + g1[gi])
        found.append(
            QRectF(x0 - 8 * px, layout.g_y[gi] - 3 * py, x1 - x0 + titles + 16 * px, 1 + 6 * py)
        )
    steps = [int(i) for i in d.steps] + [int(i) for i in d.followers]
    if d.kind == "step":
        steps.append(d.index)
    elif d.zone != "body":  # an edge drag may flag its goal's steps as outside
        steps.extend(layout.steps_of_goal.get(d.index, []))
    for si in steps:
        x = layout.s_x[si] + s_off[si]
        found.append(QRectF(x - 12 * px, layout.s_y[si], 30 * px, 1))
    # The live label: above (or below) the dragged bar or marker.
    row = layout.g_y[d.index] if d.kind == "goal" else layout.s_y[d.index]
    x = (layout.g_x0[d.index] + g0[d.index]) if d.kind == "goal" else layout.s_x[d.index]
    x += s_off[d.index] if d.kind == "step" else 0
    pad = DRAG_LABEL_PIXELS * py
    found.append(QRectF(x - 620 * px, row - pad, 1240 * px, 1 + 2 * pad))
    return found


def clamp_delta(layout: TimelineLayout, d: Drag, delta: int) -> int:
    """An edge may not pass the other edge: a goal keeps at least its one day."""
    if d.kind == "goal" and d.zone != "body":
        g = layout.goal_rows[d.index]
        length = (g.target - g.start).days
        return min(delta, length) if d.zone == "start" else max(delta, -length)
    return delta


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlanItem", text)


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _signed(days: int) -> str:
    """+3 or −3 with the locale's digits and signs."""
    locale = QLocale()
    sign = locale.positiveSign() if days >= 0 else locale.negativeSign()
    return sign + locale.toString(abs(days))


def drag_text(layout: TimelineLayout, d: Drag | None) -> str:
    """The live label: the dates the dragged item would get if dropped now."""
    if d is None:
        return ""
    days = d.delta
    shift = dt.timedelta(days=days)
    moved = ""
    n_followers = len(d.followers) if days > 0 else 0
    if n_followers:
        moved = " · " + counted("PlanItem", "%Ln dependent step(s) follow", n_followers)
    if d.kind == "step":
        step = layout.step_rows[d.index]
        return (
            _tr("{title}: due {due} ({days} d)").format(
                title=_short(step.title), due=fmt(step.due + shift), days=_signed(days)
            )
            + moved
        )
    g = layout.goal_rows[d.index]
    start, target = g.start, g.target
    if d.zone in ("body", "start"):
        start = start + shift
    if d.zone in ("body", "target"):
        target = target + shift
    length = (target - start).days + 1
    return (
        _tr("{title}: {start} – {target} ({length})").format(
            title=_short(g.title),
            start=fmt(start),
            target=fmt(target),
            length=counted("PlanItem", "%Ln day(s)", length),
        )
        + moved
    )


def paint_drag_label(
    painter: QPainter,
    layout: TimelineLayout,
    d: Drag,
    f: Frame,
    style: TimelineStyle,
    moved: Motion,
    dark: bool,
) -> None:
    """The live label in a box above the dragged bar or marker (below it at the top row)."""
    label = drag_text(layout, d)
    band = f.band
    if d.kind == "goal":
        anchor_x = f.X(layout.g_x0[d.index] + moved.g0[d.index])
        anchor_y = f.Y(layout.g_y[d.index] + band.bar_top)
    else:
        anchor_x = f.X(layout.s_x[d.index] + moved.s[d.index])
        anchor_y = f.Y(layout.s_y[d.index] + band.bar_top)
    painter.save()
    painter.resetTransform()
    painter.setFont(style.bold_font)
    metrics = QFontMetrics(style.bold_font)
    w, h = metrics.horizontalAdvance(label) + 12, metrics.height() + 6
    x = min(max(f.view_left + 2, anchor_x), max(f.view_left + 2, f.view_right - w - 2))
    y = anchor_y - h - 3
    if y < 2:  # no room above the top row: show it below
        y = anchor_y + (band.bar_bottom - band.bar_top) * abs(f.Y(1) - f.Y(0)) + 3
    box = QRectF(x, y, w, h)
    background = QColor("#FFFFE0") if not dark else QColor("#303030")
    painter.setPen(QPen(style.text, 1))
    painter.setBrush(background)
    painter.drawRoundedRect(box, 3, 3)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
    painter.restore()


class DragPiece(pg.GraphicsObject):
    """One patch of the drag layer: paints the moved things inside its area only."""

    def __init__(self, plan_item: pg.GraphicsObject) -> None:
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
            self.plan_item.draw_drag(painter, self.area)


class DragLayer:
    """Above the plan: paints only what a drag moves, with the live label.

    The moved things are covered by a few separate patches rather than one rectangle
    around them all: Qt then recomposes a few small areas of the view per mouse move.
    """

    def __init__(self, plan_item: pg.GraphicsObject, view_box: pg.ViewBox) -> None:
        self.plan_item = plan_item
        self.view_box = view_box
        self.pieces: list[DragPiece] = []

    def refresh(self) -> None:
        d = self.plan_item.drag
        areas: list[QRectF] = []
        if d is not None and not d.cancelled:
            view = self.view_box.viewRect()
            # Never over the axes: they would repaint too.
            clipped = [r.intersected(view) for r in self.plan_item.dirty(d)]
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
