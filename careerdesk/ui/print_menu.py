"""File › Print…, Print Preview…, Export PDF…: menu entries that load the printing code on use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from careerdesk.ui.printing import Printing


class PrintMenu:
    """The three entries; the report and Qt's print support are imported on first use."""

    def __init__(self, window: QMainWindow, file_menu: QMenu) -> None:
        self._window = window
        self._printing: Printing | None = None
        file_menu.addSeparator()
        for name, text, method, shortcut in (
            ("action_print", window.tr("&Print…"), "print_report", QKeySequence.Print),
            ("action_print_preview", window.tr("Print Pre&view…"), "preview", None),
            ("action_export_pdf", window.tr("Export P&DF…"), "export", None),
        ):
            action = QAction(text, window)
            action.setObjectName(name)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _c=False, m=method: getattr(self.printing, m)())
            window.addAction(action)  # the shortcut works with the menu bar hidden
            file_menu.addAction(action)

    @property
    def printing(self) -> Printing:
        if self._printing is None:
            from careerdesk.ui.printing import Printing

            self._printing = Printing(self._window)
        return self._printing
