"""The Skills tab's first show: columns fit their cells, the gap chart follows the tab."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtWidgets import QApplication, QWidget

from careerdesk.core import gaps, skills
from careerdesk.core.changes import Changes
from careerdesk.ui.skills import inventory
from careerdesk.ui.skills.roles import ID_ROLE

from ...conftest import TODAY


def _shown_chart(window: QWidget, qtbot) -> QWidget:
    """The gap chart as it appears on screen, once the tab has painted without it."""

    def shown() -> bool:
        chart = window.findChild(QWidget, "gap_chart")
        return chart is not None and chart.isVisible()

    qtbot.waitUntil(shown)
    return window.findChild(QWidget, "gap_chart")


def test_the_gap_chart_appears_with_the_largest_gaps_of_the_chosen_role(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    tab = window.show_tab("skills_tab")
    chart = _shown_chart(window, qtbot)
    role_id = tab.roles.selected_role_id()
    assert role_id is not None  # the example plan has target roles
    ranked = gaps.role_analysis(role_id, tab.gap_panel.threshold_spin.value()).ranked
    assert [g.name for g in chart.shown] == [g.name for g in ranked[:12]]
    assert chart.height() >= chart.minimumHeight()
    # Bars: the frame of each required level, the current levels and the gaps.
    bars = [i for i in chart.getPlotItem().items if type(i).__name__ == "BarGraphItem"]
    assert len(bars) >= 3

    # Another role: the chart shows its gaps.
    ids = [tab.roles.list.item(r).data(ID_ROLE) for r in range(tab.roles.list.count())]
    other = next(i for i in ids if i != role_id)
    tab.roles.select_role(other)
    ranked = gaps.role_analysis(other, tab.gap_panel.threshold_spin.value()).ranked
    assert [g.name for g in chart.shown] == [g.name for g in ranked[:12]]


def test_the_skills_tab_does_not_import_pyqtgraph_until_its_chart_is_shown():
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen';"
        "import careerdesk.ui.skills.tab; print('pyqtgraph' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_inventory_columns_show_their_widest_cell_whole_and_follow_edits(tab):
    table = tab.inventory.table
    header = table.horizontalHeader()

    def clipped() -> list[str]:
        QApplication.processEvents()
        return [
            inventory.HEADERS[col]
            for col in inventory.SIZED
            if header.sectionSize(col)
            < max(table.sizeHintForColumn(col), header.sectionSizeHint(col))
        ]

    skills.add_skill("Python", today=TODAY)
    tab.ctx.apply(Changes(skills=True))
    assert clipped() == []
    current_before = header.sectionSize(inventory.CURRENT)
    # "5 · Expert" and a date appear: the columns widen to show them whole.
    skill_id = skills.add_skill("Rust", current_level=5, target_level=4, today=TODAY).value
    tab.ctx.apply(Changes(skills=True))
    assert clipped() == []
    assert tab.inventory.model.row_of(skill_id) is not None
    assert header.sectionSize(inventory.CURRENT) >= current_before
