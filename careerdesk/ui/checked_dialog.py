"""A dialog that checks its fields when the user presses OK, and stays open if they are wrong."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox


class CheckedDialog(QDialog):
    """Subclasses implement `check()`: raise ValueError with a one-line reason."""

    def check(self) -> None:
        """Raise ValueError when the fields cannot be saved as they are."""

    def accept(self) -> None:
        try:
            self.check()
        except ValueError as exc:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.windowTitle(),
                str(exc),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setObjectName("dialog_refusal")
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            return  # stay open: nothing the user typed is lost
        super().accept()
