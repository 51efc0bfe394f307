"""What every tab shares: the undo stack, today's date and the "data changed" signal."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from careerdesk.core.changes import Changes

log = logging.getLogger(__name__)


class AppContext(QObject):
    """Handed to every tab: tabs never call each other, they listen to `changed`."""

    # Emitted after every core write (and its undo) with the Changes it returned.
    changed = Signal(object)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undo_stack")
        self._today: dt.date | None = None

    def today(self) -> dt.date:
        """Today's date; tests fix it with set_today()."""
        return self._today or dt.date.today()

    def set_today(self, day: dt.date | None) -> None:
        self._today = day

    def apply(self, changes: Changes) -> None:
        """Tell every screen what a write changed."""
        if changes:
            self.changed.emit(changes)

    def run(
        self,
        text: str,
        forward: Callable[[], Changes],
        backward: Callable[[], Changes],
        *,
        parent: QWidget | None = None,
        refused: Callable[[str], None] | None = None,
    ) -> bool:
        """Do one user action now and push it as one undo step; False if it failed.

        Core refuses bad input with a ValueError (a one-line reason): `refused`
        shows it where the user is working, else a message box does.
        """
        from careerdesk.ui.commands import FunctionCommand

        try:
            changes = forward()
        except ValueError as exc:
            if refused is None:
                self.report_error(exc, parent)
            else:
                refused(str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - any failure is shown, nothing pushed
            log.warning("%s failed", text, exc_info=exc)
            self.report_error(exc, parent)
            return False
        self.undo_stack.push(FunctionCommand(self, text, forward, backward, done=True))
        self.apply(changes)
        return True

    def report_error(self, exc: BaseException, parent: QWidget | None = None) -> None:
        """Show a failed action to the user in one clear sentence."""
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
