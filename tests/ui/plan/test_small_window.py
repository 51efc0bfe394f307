"""The Plan tab at 1000×600: every control reachable, and the bars keep their titles."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QCheckBox, QComboBox, QPushButton


def test_plan_tab_fits_1000_by_600_with_titles_on_the_bars(window, qtbot):
    window.resize(1000, 600)
    tab = window.show_tab("plan_tab")
    qtbot.waitExposed(tab)
    qtbot.wait(30)
    assert window.width() <= 1000 and window.height() <= 600
    shown = QRect(tab.mapTo(window, tab.rect().topLeft()), tab.size())
    for kind in (QPushButton, QComboBox, QCheckBox):
        for widget in tab.findChildren(kind):
            if not widget.isVisibleTo(tab) or widget.window() is not window:
                continue
            where = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
            assert shown.contains(where), f"{widget.objectName()} is clipped at {where}"
            # Not squeezed below what its text needs.
            assert widget.width() >= widget.minimumSizeHint().width(), widget.objectName()
    timeline = tab.timeline
    assert timeline._band().labels  # rows tall enough for a title above each bar
    titles = [g for g in tab.view.goals if timeline.goal_rect(g.id) is not None]
    assert len(titles) == len(tab.view.goals)  # Fit all shows every goal
