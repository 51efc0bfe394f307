"""Skills and Profile in a small window: nothing cut off, titles whole, names readable."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication

from careerdesk.ui.skills.inventory import NAME

LONG_TITLES = (
    "Computer Systems Engineers/Architects",
    "Computer and Information Systems Managers",
    "Staff Engineer (my company's ladder)",
)


def test_heatmap_role_titles_are_whole_even_in_a_narrow_table(tab):
    for title in LONG_TITLES:
        role = tab.add_own_role(title)
        tab.add_requirement(role, "System design", 4)
    tab.views.setCurrentIndex(2)
    tab.resize(700, 500)
    QApplication.processEvents()
    heatmap = tab.heatmap
    header = heatmap.horizontalHeader()
    metrics = QFontMetrics(header.font())
    assert heatmap.columnCount() == 3
    for col in range(3):
        lines = heatmap.horizontalHeaderItem(col).text().splitlines()
        widest = max(metrics.horizontalAdvance(line) for line in lines)
        assert header.sectionSize(col) >= widest + 8, lines  # never clipped on either side
    # The first title breaks after its "/", not in the middle of a word.
    assert heatmap.horizontalHeaderItem(0).text().splitlines()[:3] == [
        "Computer Systems",
        "Engineers/",
        "Architects",
    ]
    # Too wide for the table: it scrolls sideways instead.
    assert sum(header.sectionSize(c) for c in range(3)) > heatmap.viewport().width()
    assert heatmap.horizontalScrollBar().maximum() > 0


def test_heatmap_columns_share_out_spare_width(tab):
    for title in ("Lead", "Architect"):
        tab.add_requirement(tab.add_own_role(title), "System design", 4)
    tab.views.setCurrentIndex(2)
    QApplication.processEvents()
    header = tab.heatmap.horizontalHeader()
    total = header.sectionSize(0) + header.sectionSize(1)
    assert abs(total - tab.heatmap.viewport().width()) <= 2


def _fully_shown(widget, window) -> bool:
    top_left = widget.mapTo(window, widget.rect().topLeft())
    inside = window.rect().contains(top_left) and window.rect().contains(
        widget.mapTo(window, widget.rect().bottomRight())
    )
    return inside and widget.width() >= widget.minimumSizeHint().width()


def test_skills_and_profile_fit_a_1000_by_600_window(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    for name in ("skills_tab", "profile_tab"):
        tab = window.show_tab(name)
        QApplication.processEvents()
        window.resize(1000, 600)
        QApplication.processEvents()
        assert (window.width(), window.height()) == (1000, 600)
        assert tab.height() < 600
        buttons = [b for b in tab.findChildren(QAbstractButton) if b.isVisible() and b.text()]
        assert buttons
        cut = []
        for button in buttons:
            page = getattr(tab, "gap_page", None)
            if page is not None and page.isAncestorOf(button):  # reachable by scrolling
                page.ensureWidgetVisible(button)
                QApplication.processEvents()
                if not _fully_shown(button, page.viewport()):
                    cut.append(f"{button.text()} in its page")
            if not _fully_shown(button, window):
                cut.append(button.text())
        assert cut == [], f"{name}: buttons cut off at 1000x600"
    skills = window.skills_tab
    # Skill names keep a readable width; the table scrolls sideways for the rest.
    least = skills.inventory.fontMetrics().horizontalAdvance("M") * 15
    assert skills.inventory.table.horizontalHeader().sectionSize(NAME) >= least
    # The gap view scrolls rather than squeezing its chart away.
    skills.views.setCurrentIndex(0)
    QApplication.processEvents()
    assert skills.gap_panel.chart.height() >= skills.gap_panel.chart.minimumHeight()
    assert skills.gap_page.verticalScrollBar().maximum() >= 0
