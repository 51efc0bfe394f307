"""A multi-line plain-text field that says when editing is finished, as QLineEdit does."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class PlainTextField(QPlainTextEdit):
    """Emits `editingFinished` when it loses focus after a change."""

    editingFinished = Signal()  # noqa: N815 - Qt naming, as QLineEdit's

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab leaves the field, as in a form
        self._changed = False
        self.textChanged.connect(self._mark_changed)

    def _mark_changed(self) -> None:
        self._changed = True

    def setPlainText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setPlainText(text)
        self._changed = False

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        if self._changed:
            self._changed = False
            self.editingFinished.emit()
