"""Wellbeing and work-life balance (1-5) above, mean goal progress (0-100 %) below.

The chart is made when first shown, once pyqtgraph is imported (in the background
after the window's first paint); until then the Journal shows without it.
"""

from __future__ import annotations

import calendar
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from careerdesk.core.journal import TrendPoint
from careerdesk.ui import palette, preload


def _seconds(point: TrendPoint) -> float:
    # UTC midnight of the day, shown with utcOffset=0, so a tick never slips a day.
    return float(calendar.timegm(point.date.timetuple()))


class TrendChart(QWidget):
    """Two charts sharing one time axis, so a rating and a percentage never share a scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trend_chart")
        self.setAccessibleName(self.tr("Wellbeing and progress over time"))
        self._points: list[TrendPoint] = []
        self.graphics: Any = None  # the pyqtgraph widget, made on first show
        self.ratings_plot: Any = None
        self.progress_plot: Any = None
        self.hint = QLabel(self.tr("No check-ins yet: the first one starts this chart."), self)
        self.hint.setObjectName("trend_hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.hide()
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.hint)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.graphics is None:
            preload.when_ready(self, self._build_and_draw)

    def _build_and_draw(self) -> None:
        self._build()
        self._draw()

    def _build(self) -> None:
        import pyqtgraph as pg  # here, not at import: it costs start-up time

        self.graphics = pg.GraphicsLayoutWidget(self)
        self.graphics.setObjectName("trend_graphics")
        self.graphics.setBackground(None)
        # No right-click menus: nothing here uses them, and each costs time to build.
        self.ratings_plot = self.graphics.addPlot(
            row=0, col=0, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)}, enableMenu=False
        )
        self.progress_plot = self.graphics.addPlot(
            row=1, col=0, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)}, enableMenu=False
        )
        self.progress_plot.setXLink(self.ratings_plot)
        for plot, axis_label, top in (
            (self.ratings_plot, self.tr("rating (1-5)"), 5.3),
            (self.progress_plot, self.tr("mean goal progress (%)"), 105),
        ):
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.showGrid(y=True, alpha=0.2)
            plot.getAxis("left").setLabel(axis_label)
            plot.getAxis("left").setWidth(60)
            plot.setYRange(0.7 if top < 10 else 0, top, padding=0)
            plot.addLegend(offset=(10, 10))
        self.ratings_plot.getAxis("left").setTicks([[(v, str(v)) for v in range(1, 6)]])
        self._layout.addWidget(self.graphics, 1)

    def show_points(self, points: list[TrendPoint]) -> None:
        self._points = points
        self.hint.setVisible(not points)  # at once, before the chart is made
        if self.graphics is not None:
            self._draw()

    def series(self) -> dict[str, tuple[list[float], list[float]]]:
        """What each curve shows: name -> (x seconds, y), as drawn."""
        found = {}
        for plot in (self.ratings_plot, self.progress_plot):
            for item in plot.listDataItems() if plot is not None else []:
                x, y = item.getData()
                found[item.name()] = (list(x), list(y))
        return found

    def _draw(self) -> None:
        import pyqtgraph as pg

        self.hint.setVisible(not self._points)
        self.graphics.setVisible(bool(self._points))
        for plot in (self.ratings_plot, self.progress_plot):
            plot.clear()
        if not self._points:
            return
        x = [_seconds(p) for p in self._points]
        series = (
            (self.ratings_plot, self.tr("Wellbeing"), [p.wellbeing for p in self._points],
             "blue", "o"),
            (self.ratings_plot, self.tr("Work-life balance"),
             [p.work_life_balance for p in self._points], "orange", "t"),
            (self.progress_plot, self.tr("Mean goal progress"),
             [None if p.mean_progress is None else round(p.mean_progress * 100, 1)
              for p in self._points], "green", "s"),
        )  # fmt: skip
        for plot, name, values, colour, symbol in series:
            pairs = [(a, b) for a, b in zip(x, values, strict=True) if b is not None]
            if not pairs:
                continue
            plot.plot(
                [a for a, _ in pairs],
                [b for _, b in pairs],
                pen=pg.mkPen(palette.color(colour), width=2),
                symbol=symbol,
                symbolBrush=palette.color(colour),
                symbolSize=9,
                name=name,
            )
        pad = 20 * 86400
        self.ratings_plot.setXRange(min(x) - pad, max(x) + pad, padding=0)
