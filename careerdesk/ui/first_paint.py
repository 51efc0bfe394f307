"""Work that waits until a window is on screen: run once its first paint is done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# A window that is never painted (hidden, minimised at start) still gets its work.
LATEST_MS = 2000


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, work: Callable[[], None]) -> None:
        super().__init__(window)
        self._window, self._work, self._done = window, work, False
        window.installEventFilter(self)
        QTimer.singleShot(LATEST_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and not self._done:
            # A zero timer from inside the paint runs once the frame is flushed.
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self._window.removeEventFilter(self)
        self._work()
        self.deleteLater()


def after_first_paint(window: QWidget, work: Callable[[], None]) -> None:
    """Call `work()` on the UI thread just after `window` first paints (at the latest
    after LATEST_MS); not at all if the window is gone first."""
    _FirstPaint(window, work)
