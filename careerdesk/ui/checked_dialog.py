"""Dialog parts: OK/Cancel buttons, and a dialog that checks its fields before it closes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox


def dialog_buttons(dialog: QDialog, name: str, *, save: bool = False) -> QDialogButtonBox:
    """OK (or Save) and Cancel, wired to the dialog's accept and reject."""
    ok = QDialogButtonBox.StandardButton.Save if save else QDialogButtonBox.StandardButton.Ok
    buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.setObjectName(name)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


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
