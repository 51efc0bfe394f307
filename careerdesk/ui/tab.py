"""The base of every main-window tab: refreshes on data changes, lazily when hidden."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from careerdesk.core.changes import NOTHING, Changes
from careerdesk.ui import collector
from careerdesk.ui.context import AppContext


class Tab(QWidget):
    """A tab listens to `ctx.changed`; while hidden it only remembers what changed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._pending: Changes = NOTHING
        ctx.changed.connect(self._on_changed)

    def title(self) -> str:
        """The tab's label in the main window."""
        raise NotImplementedError

    def refresh(self, changes: Changes) -> None:
        """Reload what `changes` touched (Changes.everything() on first show)."""
        raise NotImplementedError

    def save_pending(self) -> bool:
        """Save an edit still being typed (before closing); False if it was refused."""
        return True

    def discard_pending(self) -> None:
        """Drop an edit still being typed (the user chose to leave it unsaved)."""

    def _on_changed(self, changes: Changes) -> None:
        if self.isVisible():
            self.refresh(changes)
        else:
            self._pending = self._pending | changes

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._pending:
            pending, self._pending = self._pending, NOTHING
            self.refresh(pending)

    def load(self) -> None:
        """First fill of the tab."""
        self._pending = NOTHING
        self.refresh(Changes.everything())
        collector.keep_long_lived()  # its widgets and what it shows live as long as it
