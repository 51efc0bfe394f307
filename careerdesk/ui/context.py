"""What every tab shares: the window's database, undo stack, today's date and "data changed"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from careerdesk.core.changes import Changes
from careerdesk.core.db import Database


class AppContext(QObject):
    """Handed to every tab: tabs never call each other, they listen to `changed`.

    It owns the window's database object: every operation of the window runs
    against that file, and only that file, until the window lets it go.
    """

    # Emitted after every core write (and its undo) with the Changes it returned.
    changed = Signal(object)
    # A short line for the window's status bar (what an undo step did or did not do).
    status = Signal(str)

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undo_stack")
        self._today: dt.date | None = None

    @property
    def db_path(self) -> Path:
        return self.database.path

    def today(self) -> dt.date:
        """Today's date; tests fix it with set_today()."""
        return self._today or dt.date.today()

    def set_today(self, day: dt.date | None) -> None:
        self._today = day

    def fixed_today(self) -> dt.date | None:
        """The day set by set_today (kept when the window opens another file), or None."""
        return self._today

    def apply(self, changes: Changes) -> None:
        """Tell every screen what a write changed."""
        if changes:
            self.changed.emit(changes)

    def release(self) -> None:
        """Let the file go: no undo step can reach it any more, and its lock is dropped."""
        self.undo_stack.clear()
        self.database.close_file()

    def report_error(self, exc: BaseException, parent: QWidget | None = None) -> None:
        """Show a refused or failed action to the user in one clear sentence."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("CareerDesk"),
            self.tr("That did not work: {reason}").format(reason=str(exc) or type(exc).__name__),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("error_message")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the reason may quote user text
        box.exec()
