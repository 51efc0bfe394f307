"""The gap view of a role (readiness, chart, ranked gaps) and the skills x roles heatmap.

The chart (pyqtgraph, in gap_chart.py) is made just after the gap view is first
shown, so the tab paints without waiting for it, nor for pyqtgraph's import.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import catalogue, gaps
from careerdesk.ui import palette, preload
from careerdesk.ui.formatting import format_number, format_percent
from careerdesk.ui.skills.levels import level_name, number, tr, tr_n

if TYPE_CHECKING:
    from careerdesk.ui.skills.gap_chart import GapChart

# More bars than this do not read; the table below the chart lists them all.
CHART_MAX_SKILLS = 12
CHART_HEIGHT = 220  # pixels: the least the chart gets, a small window scrolls instead
HEADER_WIDTH = 16  # characters per line of a role title above the heatmap
REQUIREMENT_ROLE = Qt.ItemDataRole.UserRole
CURRENT_COLOUR = "blue"
GAP_COLOUR = "vermillion"


def percent(readiness: float | None) -> str:
    """Readiness as "89 %" ("–" when no requirement counts)."""
    return "–" if readiness is None else format_percent(readiness)


class GapPanel(QWidget):
    """Readiness, the importance threshold, the chart and the ranked gaps of one role."""

    threshold_changed = Signal(float)
    plan_requested = Signal(int, bool)  # requirement id, as a goal step

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gap_panel")
        self.readiness_label = QLabel(self)
        self.readiness_label.setObjectName("readiness_label")
        self.readiness_label.setAccessibleName(tr("Readiness for the selected role"))
        self.readiness_label.setTextFormat(Qt.TextFormat.PlainText)
        self.readiness_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.readiness_label.setWordWrap(True)  # long role titles must not widen the panel
        self.threshold_spin = QDoubleSpinBox(self)
        self.threshold_spin.setObjectName("threshold_spin")
        self.threshold_spin.setAccessibleName(tr("Importance a requirement needs to count"))
        self.threshold_spin.setRange(1.0, 5.0)
        self.threshold_spin.setSingleStep(0.5)
        self.threshold_spin.setDecimals(1)
        self.threshold_spin.setValue(gaps.DEFAULT_IMPORTANCE_THRESHOLD)
        self.threshold_spin.valueChanged.connect(self.threshold_changed)
        threshold_label = QLabel(tr("Count importance ≥"), self)
        threshold_label.setBuddy(self.threshold_spin)
        top = QHBoxLayout()
        top.addWidget(self.readiness_label, 1)
        top.addWidget(threshold_label)
        top.addWidget(self.threshold_spin)

        self.legend = QLabel(
            tr("Filled: current level · hatched: gap · frame: required level"), self
        )
        self.legend.setObjectName("gap_legend")
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        # The chart's place, kept at its height until the chart is made (see showEvent).
        self.chart_place = QWidget(self)
        self.chart_place.setObjectName("gap_chart_place")
        self.chart_place.setMinimumHeight(CHART_HEIGHT)
        QVBoxLayout(self.chart_place).setContentsMargins(0, 0, 0, 0)
        self._chart: GapChart | None = None
        self._ranked: tuple[gaps.Gap, ...] = ()

        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("gap_table")
        self.table.setAccessibleName(tr("Gaps, largest weighted gap first"))
        self.table.setHorizontalHeaderLabels(
            [
                tr("#"),
                tr("Skill"),
                tr("Current"),
                tr("Required"),
                tr("Gap"),
                tr("Importance"),
                tr("Weighted"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self._plan(False))

        self.plan_button = QPushButton(tr("&Plan this gap"), self)
        self.plan_button.setObjectName("plan_gap_button")
        self.plan_button.setAccessibleName(tr("Plan a learning activity for the selected gap"))
        self.plan_button.clicked.connect(lambda: self._plan(False))
        self.step_button = QPushButton(tr("Plan as a goal &step…"), self)
        self.step_button.setObjectName("plan_gap_step_button")
        self.step_button.setAccessibleName(tr("Plan the selected gap as a step of a goal"))
        self.step_button.clicked.connect(lambda: self._plan(True))
        self.not_counted_label = QLabel(self)
        self.not_counted_label.setObjectName("not_counted_label")
        self.not_counted_label.setTextFormat(Qt.TextFormat.PlainText)
        self.not_counted_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.not_counted_label, 1)
        buttons.addWidget(self.step_button)
        buttons.addWidget(self.plan_button)

        self.attribution = QLabel(catalogue.ATTRIBUTION, self)
        self.attribution.setObjectName("gap_attribution")
        self.attribution.setAccessibleName(tr("Source of the occupation catalogue"))
        self.attribution.setTextFormat(Qt.TextFormat.PlainText)
        self.attribution.setWordWrap(True)
        self.attribution.setStyleSheet("color: palette(placeholder-text); font-size: 10px;")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.legend)
        layout.addWidget(self.chart_place, 3)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.attribution)
        self.analysis: gaps.Analysis | None = None
        self.show_role(None, None)

    def show_role(
        self, title: str | None, analysis: gaps.Analysis | None, *, onet: bool = False
    ) -> None:
        """Show one role's analysis (None: no role selected)."""
        self.analysis = analysis
        self.attribution.setVisible(onet)
        self.table.setRowCount(0)
        if analysis is None or title is None:
            self.readiness_label.setText(tr("Pick or add a target role to see your gaps."))
            self._show_gaps(())
            self.not_counted_label.setText("")
            self._update_buttons()
            return
        if analysis.readiness is None:
            self.readiness_label.setText(
                tr("{title}\nNo requirement counts yet").format(title=title)
            )
        else:
            open_gaps = tr_n("%n open gap", "%n open gaps", len(analysis.open_gaps))
            self.readiness_label.setText(
                tr("{title}\nReadiness {percent} · {open_gaps}").format(
                    title=title, percent=percent(analysis.readiness), open_gaps=open_gaps
                )
            )
        self._show_gaps(analysis.ranked)
        shown = len(analysis.ranked)
        self.table.setRowCount(shown)
        for row, g in enumerate(analysis.ranked):
            req = g.requirement
            cells = [
                str(row + 1),
                g.name,
                level_name(req.current_level),
                number(req.required_level),
                number(g.gap),
                number(req.importance),
                format_number(g.weighted, 1),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(REQUIREMENT_ROLE, req.requirement_id)
                if col != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
        notes = []
        if shown > CHART_MAX_SKILLS:
            notes.append(tr("The chart shows the {n} largest gaps.").format(n=CHART_MAX_SKILLS))
        if analysis.not_counted:
            notes.append(
                tr_n(
                    "%n requirement below importance {t} is not counted.",
                    "%n requirements below importance {t} are not counted.",
                    len(analysis.not_counted),
                ).format(t=number(self.threshold_spin.value()))
            )
        self.not_counted_label.setText(" ".join(notes))
        if analysis.open_gaps:  # the largest gap is ready to be planned
            self.table.selectRow(0)
        self._update_buttons()

    @property
    def chart(self) -> GapChart:
        """The gap chart, made now if the gap view was not shown yet."""
        if self._chart is None:
            from careerdesk.ui.skills.gap_chart import GapChart  # brings pyqtgraph

            self._chart = GapChart(self.chart_place)
            self._chart.setMinimumHeight(CHART_HEIGHT)
            self.chart_place.layout().addWidget(self._chart)
            self._chart.show_gaps(self._ranked)
            self._chart.show()  # made after its parent was shown: not shown by itself
        return self._chart

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._chart is None:
            # After this paint, once the background import of pyqtgraph is done: the
            # rest of the tab shows first, and never waits for the import.
            preload.when_ready(self, lambda: self.chart)

    def _show_gaps(self, ranked: tuple[gaps.Gap, ...]) -> None:
        self._ranked = ranked
        if self._chart is not None:
            self._chart.show_gaps(ranked)

    def selected_requirement(self) -> int | None:
        """The requirement of the selected gap (None when none is)."""
        items = self.table.selectedItems()
        return items[0].data(REQUIREMENT_ROLE) if items else None

    def select_rank(self, rank: int) -> None:
        """Select the gap at this position of the ranking (0: the largest)."""
        self.table.selectRow(rank)

    def _update_buttons(self) -> None:
        has = self.selected_requirement() is not None
        self.plan_button.setEnabled(has)
        self.step_button.setEnabled(has)

    def _plan(self, as_step: bool) -> None:
        requirement = self.selected_requirement()
        if requirement is not None:
            self.plan_requested.emit(requirement, as_step)


def _heat(gap: float, base: QColor) -> QColor:
    """From the table's base colour (no gap) to vermillion (a full 5-level gap)."""
    strength = max(0.0, min(1.0, gap / 5.0))
    hot = palette.color(GAP_COLOUR)
    return QColor(
        round(base.red() + (hot.red() - base.red()) * strength),
        round(base.green() + (hot.green() - base.green()) * strength),
        round(base.blue() + (hot.blue() - base.blue()) * strength),
    )


class HeatmapTable(QTableWidget):
    """Skills down, target roles across; each cell the gap in numbers, shaded by its size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gap_heatmap")
        self.setAccessibleName(tr("Gaps per skill and target role"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        # Each role's column is at least as wide as its title (wrapped), so a narrow
        # table scrolls sideways instead of clipping the title on both sides; spare
        # width is shared out (see _fit_columns).
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setWordWrap(False)

    def show_heatmap(self, table: gaps.Heatmap) -> None:
        """Fill the table from a heatmap of the active roles."""
        self.clear()
        self.setRowCount(len(table.skill_names))
        self.setColumnCount(len(table.role_titles))
        self.setHorizontalHeaderLabels(
            [
                _wrapped(title) + f"\n{tr('readiness')} {percent(readiness)}"
                for title, readiness in zip(table.role_titles, table.readiness, strict=True)
            ]
        )
        for col, title in enumerate(table.role_titles):  # a narrow column may clip the title
            self.horizontalHeaderItem(col).setToolTip(title)
        self.setVerticalHeaderLabels(list(table.skill_names))
        base = self.palette().color(QPalette.ColorRole.Base)
        for row, name in enumerate(table.skill_names):
            for col, gap in enumerate(table.cells[row]):
                if gap is None:
                    item = QTableWidgetItem("")
                    item.setToolTip(tr("Not required (or below the importance threshold)"))
                else:
                    unassessed = name in table.not_assessed
                    text = "✓" if gap == 0 else number(gap) + (" ?" if unassessed else "")
                    item = QTableWidgetItem(text)
                    colour = _heat(gap, base)
                    item.setBackground(colour)
                    item.setForeground(palette.text_color_on(colour))
                    item.setToolTip(
                        tr("{skill} for {role}: gap {gap}{note}").format(
                            skill=name,
                            role=table.role_titles[col],
                            gap=number(gap),
                            note=tr(" (not assessed)") if unassessed else "",
                        )
                    )
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(row, col, item)
        self._fit_columns()

    def needed_width(self, column: int) -> int:
        """The width a role's column needs to show its whole title (and its cells)."""
        header = self.horizontalHeader()
        metrics = QFontMetrics(header.font())
        lines = self.horizontalHeaderItem(column).text().splitlines()
        text = max(metrics.horizontalAdvance(line) for line in lines) if lines else 0
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 8
        return max(
            text + margin, header.sectionSizeHint(column), metrics.horizontalAdvance("0.5 ?") + 16
        )

    def _fit_columns(self) -> None:
        count = self.columnCount()
        if not count:
            return
        needed = [self.needed_width(col) for col in range(count)]
        spare = max(0, self.viewport().width() - sum(needed)) // count
        for col, width in enumerate(needed):
            self.horizontalHeader().resizeSection(col, width + spare)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_columns()


def _wrapped(title: str) -> str:
    """A role title in lines of about HEADER_WIDTH characters; "A/B" may break after "/"."""
    words = title.replace("/", "/\u200b").split()
    text = textwrap.fill(" ".join(words), HEADER_WIDTH, break_long_words=False)
    lines = []
    for line in text.splitlines():  # a word still too long breaks after its "/"
        if len(line) > HEADER_WIDTH and "/\u200b" in line:
            lines.extend(part for part in line.replace("/\u200b", "/\n").splitlines())
        else:
            lines.append(line)
    return "\n".join(lines).replace("\u200b", "")
