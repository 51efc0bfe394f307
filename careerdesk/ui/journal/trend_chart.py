"""Wellbeing, work-life balance and goal progress over the check-ins (pyqtgraph)."""

from __future__ import annotations

import calendar

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from careerdesk.core.journal import TrendPoint
from careerdesk.ui import palette


def _seconds(point: TrendPoint) -> float:
    # UTC midnight of the day, shown with utcOffset=0, so a tick never slips a day.
    return float(calendar.timegm(point.date.timetuple()))


class TrendChart(pg.PlotWidget):
    """Ratings 1-5 on the left axis; mean progress, scaled to 0-5, as a dashed line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
        self.setObjectName("trend_chart")
        self.setAccessibleName(self.tr("Wellbeing and progress over time"))
        self.setBackground(None)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.getAxis("left").setLabel(self.tr("rating (1-5) · progress (0-5 = 0-100 %)"))
        self.showGrid(y=True, alpha=0.2)
        self.legend = self.addLegend(offset=(10, 10))

    def show_points(self, points: list[TrendPoint]) -> None:
        self.clear()
        item = self.getPlotItem()
        for axis in ("left", "bottom"):
            item.showAxis(axis, bool(points))
        self.legend.setVisible(bool(points))
        if not points:
            hint = pg.TextItem(
                self.tr("No check-ins yet: the first one starts this chart."),
                color=palette.color("grey"),
                anchor=(0.5, 0.5),
            )
            self.addItem(hint)
            hint.setPos(0.5, 0.5)
            self.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            return
        x = [_seconds(p) for p in points]
        series = (
            (self.tr("Wellbeing"), [p.wellbeing for p in points], "blue", "o", None),
            (
                self.tr("Work-life balance"),
                [p.work_life_balance for p in points],
                "orange",
                "t",
                None,
            ),
            (
                self.tr("Mean goal progress"),
                [None if p.mean_progress is None else p.mean_progress * 5 for p in points],
                "green",
                "s",
                pg.QtCore.Qt.PenStyle.DashLine,
            ),
        )
        for name, values, colour, symbol, style in series:
            pairs = [(a, b) for a, b in zip(x, values, strict=True) if b is not None]
            if not pairs:
                continue
            pen = pg.mkPen(palette.color(colour), width=2)
            if style is not None:
                pen.setStyle(style)
            self.plot(
                [a for a, _ in pairs],
                [b for _, b in pairs],
                pen=pen,
                symbol=symbol,
                symbolBrush=palette.color(colour),
                symbolSize=9,
                name=name,
            )
        self.setYRange(0, 5.2, padding=0)
        if x:
            pad = 20 * 86400
            self.setXRange(min(x) - pad, max(x) + pad, padding=0)
