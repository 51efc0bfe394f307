"""The Plan tab's timeline widget: a date axis, lanes, the plan item and the today line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import PySide6  # noqa: F401 - imported before pyqtgraph, which then uses this binding

# isort: split
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from careerdesk.core import plan_view
from careerdesk.report.timeline_layout import DAY, Band, band_for, date_at, seconds
from careerdesk.ui import palette
from careerdesk.ui.formatting import label
from careerdesk.ui.plan.drag import DragLayer
from careerdesk.ui.plan.plan_item import PlanItem

__all__ = ["DAY", "Timeline", "date_at", "seconds"]

MIN_SPAN_DAYS = 7
MAX_SPAN_DAYS = 3653  # ten years
ROW_MAX_PIXELS = 30
LANE_LABEL_PIXELS = 120


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


class Timeline(pg.PlotWidget):
    """The timeline widget (objectName "timeline"); tests find bars with goal_rect/step_pos."""

    selection_changed = Signal(str, int)
    # kind ("goal" | "step"), id, zone ("body" | "start" | "target" | "step"), days
    moved = Signal(str, int, str, int)

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        self.view_box = TimeViewBox(enableMenu=False)  # no right-click menu to build
        self.date_axis = pg.DateAxisItem(orientation="bottom", utcOffset=0)
        self.lane_axis = LaneAxis("left")
        super().__init__(
            parent,
            viewBox=self.view_box,
            axisItems={"bottom": self.date_axis, "left": self.lane_axis},
            enableMenu=False,
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

    def set_plan(self, view: plan_view.PlanView, lane_mode: str, today: dt.date) -> None:
        self.today = today
        self.item.set_plan(view, lane_mode, today)
        self.today_line.setPos(seconds(today) + DAY / 2)
        self.view_box.setLimits(yMin=-1.0, yMax=max(self.item.row_count + 1.0, 60.0))
        self._set_lane_ticks()
        if self.auto_fit:
            self.fit_all()

    def patch(self, view: plan_view.PlanView, goal_ids: set[int], step_ids: set[int]) -> None:
        """New dates for some goals and steps (after a move), keeping lanes and rows."""
        self.item.patch(view, goal_ids, step_ids)
        if self.item.selected:
            self.item.update()

    def _set_lane_ticks(self) -> None:
        axis = self.getPlotItem().getAxis("left")
        metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
        ticks = []
        for key, first, count in self.item.layout.lanes:
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
            i = self.item.layout.goal_index.get(record_id)
            if i is None:
                return None
            x0, x1 = self.item.effective_goal(i)
            y = float(self.item.layout.g_y[i])
            band = self._band()
            return QRectF(x0, y + band.bar_top, x1 - x0, band.bar_bottom - band.bar_top)
        i = self.item.layout.step_index.get(record_id)
        if i is None:
            return None
        y = float(self.item.layout.s_y[i]) + self._band().marker_y
        return QRectF(float(self.item.layout.s_x[i]), y, 0, 0)

    def _band(self) -> Band:
        return band_for(1 / self.item.pixel()[1])

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
