"""The plan as one pyqtgraph item: paints the layout, answers hovers, clicks and drags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import PySide6  # noqa: F401 - imported before pyqtgraph, which then uses this binding

# isort: split
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from careerdesk.core import plan, plan_view
from careerdesk.report.timeline_layout import DAY, TimelineLayout, layout_plan
from careerdesk.report.timeline_paint import BASE, DRAG, PaintOptions, TimelineStyle, draw_plan
from careerdesk.ui import palette
from careerdesk.ui.plan import drag as dragging
from careerdesk.ui.plan.drag import Drag, DragLayer
from careerdesk.ui.plan.hit import Hit, hit_test, tooltip


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
        self.layout = TimelineLayout(today())
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.drag: Drag | None = None
        self.drag_layer: DragLayer | None = None
        # Qt keeps the painted plan as a pixmap: a drag, drawn by the drag layer above,
        # then repaints over a copy instead of redrawing thousands of bars.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.show_baseline = False
        self.selected: tuple[str, int] | None = None
        size = max(8.0, QFont().pointSizeF() * 0.9)
        self._styles = {dark: TimelineStyle.create(size, dark=dark) for dark in (False, True)}
        self.bounds = QRectF(0, 0, 1, 1)
        self._take_bounds()

    # --- data -----------------------------------------------------------------------

    @property
    def today(self) -> dt.date:
        return self.layout.today

    def set_plan(self, view: plan_view.PlanView, lane_mode: str, today: dt.date) -> None:
        """Lay the plan out in lanes and rows (one goal per row) and repaint."""
        self.prepareGeometryChange()
        self.layout = layout_plan(view, lane_mode, today)
        self._take_bounds()
        self.drag = None  # a reload during a drag ends it: its rows may be gone
        if self.drag_layer is not None:
            self.drag_layer.refresh()
        self.update()

    def patch(self, view: plan_view.PlanView, goal_ids: set[int], step_ids: set[int]) -> None:
        """Take new dates of some goals and steps of `view` without laying out again."""
        self.layout.patch(view, goal_ids, step_ids)
        self._take_bounds()
        self.update()

    def _take_bounds(self) -> None:
        bounds = QRectF(*self.layout.bounds)
        if bounds != self.bounds:
            self.prepareGeometryChange()
            self.bounds = bounds

    @property
    def row_count(self) -> int:
        return self.layout.row_count

    @property
    def data_range(self) -> tuple[float, float]:
        return self.layout.data_range

    # --- geometry helpers -------------------------------------------------------------

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.bounds

    def pixel(self) -> tuple[float, float]:
        """Data units per screen pixel (x in seconds, y in rows)."""
        vb = self.getViewBox()
        if vb is None:
            return DAY, 0.05
        px, py = vb.viewPixelSize()
        return (px or DAY), (py or 0.05)

    def effective_goal(self, i: int) -> tuple[float, float]:
        """A goal's x0, x1 as drawn now (with a drag under way applied)."""
        x0, x1 = float(self.layout.g_x0[i]), float(self.layout.g_x1[i])
        moved = dragging.motion(self.layout, self.drag)
        if moved is None or self.drag.kind != "goal":
            return x0, x1
        return x0 + float(moved.g0[i]), x1 + float(moved.g1[i])

    # --- painting ---------------------------------------------------------------------

    def style(self) -> tuple[TimelineStyle, bool]:
        dark = palette.is_dark_theme()
        return self._styles[dark], dark

    def _options(self, layer: str) -> PaintOptions:
        return PaintOptions(
            show_baseline=self.show_baseline,
            selected=self.selected,
            layer=layer,
            motion=dragging.motion(self.layout, self.drag),
        )

    def _visible(self, exposed: QRectF) -> QRectF:
        vb = self.getViewBox()
        return vb.viewRect() if vb is not None else exposed

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        exposed = option.exposedRect
        style, _dark = self.style()
        draw_plan(
            painter, self.layout, exposed, self._visible(exposed), style, self._options(BASE)
        )

    def draw_drag(self, painter: QPainter, area: QRectF) -> None:
        """The drag layer inside `area`: only what the drag moves, and the live label."""
        options = self._options(DRAG)
        if options.motion is None:
            return
        style, dark = self.style()
        frame = draw_plan(painter, self.layout, area, self._visible(area), style, options)
        if frame is not None:
            dragging.paint_drag_label(
                painter, self.layout, self.drag, frame, style, options.motion, dark
            )

    def drag_text(self) -> str:
        return dragging.drag_text(self.layout, self.drag)

    def dirty(self, d: Drag) -> list[QRectF]:
        return dragging.dirty_areas(self.layout, d, *self.pixel())

    # --- hit testing, hover, click, drag -------------------------------------------

    def hit(self, pos: QPointF) -> Hit | None:
        """What lies under item position `pos`."""
        return hit_test(self.layout, pos, *self.pixel())

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
        self.setToolTip(tooltip(self.layout, hit))
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
            return "goal", self.layout.goal_rows[hit.index].id
        return "step", self.layout.step_rows[hit.index].id

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
        delta = dragging.clamp_delta(self.layout, d, int(round(raw / step)) * step)
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
        layout = self.layout
        kind, record_id = self._identify(hit)
        # The same rule as the drop: what moves, and which steps follow.
        scope = plan.move_scope(kind, record_id, hit.zone)

        def indices(ids: tuple[int, ...], index: dict[int, int]) -> np.ndarray:
            return np.array([index[i] for i in ids if i in index], dtype=np.int64)

        goals = indices(scope.goals, layout.goal_index)
        steps = indices(scope.steps, layout.step_index) if kind == "goal" else indices((), {})
        followers = indices(scope.followers, layout.step_index)
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
