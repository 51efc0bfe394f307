"""The gap chart: current against required level per skill, as horizontal bars.

Imported when the gap view is first shown (see gap_view.GapPanel), as it brings pyqtgraph.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import QWidget

# PySide6 first, so that pyqtgraph binds to it.
# isort: split
import pyqtgraph as pg

from careerdesk.core import gaps
from careerdesk.ui import palette
from careerdesk.ui.skills.gap_view import CHART_MAX_SKILLS, CURRENT_COLOUR, GAP_COLOUR
from careerdesk.ui.skills.levels import number, tr

NAME_WIDTH = 200  # pixels for skill names left of the bars; longer ones are elided


def _theme_colours(widget: QWidget) -> tuple[QColor, QColor]:
    colours = widget.palette()
    return colours.color(QPalette.ColorRole.Base), colours.color(QPalette.ColorRole.Text)


class GapChart(pg.PlotWidget):
    """Current vs required level per skill as horizontal bars, largest weighted gap on top."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gap_chart")
        self.setAccessibleName(tr("Gap chart: current against required level per skill"))
        background, text = _theme_colours(self)
        self.setBackground(background)
        self._text, self._background = text, background
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        plot = self.getPlotItem()
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))
        plot.getAxis("bottom").setTicks([[(lv, str(lv)) for lv in range(6)]])
        plot.setLabel("bottom", tr("level (0 none – 5 expert)"), color=text.name())
        self.shown: list[gaps.Gap] = []

    def show_gaps(self, ranked: tuple[gaps.Gap, ...]) -> None:
        """Draw the first CHART_MAX_SKILLS gaps of a ranking."""
        plot = self.getPlotItem()
        plot.clear()
        self.shown = list(ranked[:CHART_MAX_SKILLS])
        count = len(self.shown)
        if not count:
            plot.getAxis("left").setTicks([[]])
            return
        ys = [count - 1 - i for i in range(count)]  # the first (largest) at the top
        required = [g.requirement.required_level for g in self.shown]
        current = [
            min(g.requirement.current_level or 0.0, g.requirement.required_level)
            if g.requirement.current_level is not None
            else 0.0
            for g in self.shown
        ]
        above = [
            max(0.0, (g.requirement.current_level or 0.0) - g.requirement.required_level)
            for g in self.shown
        ]
        blue, vermillion = palette.color(CURRENT_COLOUR), palette.color(GAP_COLOUR)
        outline = pg.mkPen(self._text, width=1)
        # Required: an outlined frame; inside it the current level and the gap.
        plot.addItem(
            pg.BarGraphItem(
                x0=[0] * count, width=required, y=ys, height=0.72, pen=outline, brush=None
            )
        )
        plot.addItem(
            pg.BarGraphItem(x0=[0] * count, width=current, y=ys, height=0.5, pen=None, brush=blue)
        )
        plot.addItem(
            pg.BarGraphItem(
                x0=current,
                width=[g.gap for g in self.shown],
                y=ys,
                height=0.5,
                pen=None,
                brush=QBrush(vermillion, Qt.BrushStyle.BDiagPattern),
            )
        )
        if any(above):
            plot.addItem(
                pg.BarGraphItem(x0=required, width=above, y=ys, height=0.5, pen=None, brush=blue)
            )
        for y, g in zip(ys, self.shown, strict=True):
            if g.not_assessed:
                words = tr("not assessed: gap {gap}").format(gap=number(g.gap))
            elif g.gap > 0:
                words = tr("gap {gap}").format(gap=number(g.gap))
            else:
                words = tr("met")
            label = pg.TextItem(words, color=self._text, anchor=(0, 0.5), fill=self._background)
            label.setPos(
                max(g.requirement.required_level, g.requirement.current_level or 0) + 0.08, y
            )
            plot.addItem(label)
        left = plot.getAxis("left")
        metrics = QFontMetrics(left.font() if hasattr(left, "font") else self.font())
        names = [
            metrics.elidedText(g.name, Qt.TextElideMode.ElideRight, NAME_WIDTH) for g in self.shown
        ]
        left.setWidth(min(NAME_WIDTH, max(metrics.horizontalAdvance(n) for n in names)) + 16)
        left.setTicks([list(zip(ys, names, strict=True))])
        plot.setXRange(-0.05, 6.4, padding=0)
        plot.setYRange(-0.6, count - 0.4, padding=0)
