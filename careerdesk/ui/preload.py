"""The heavy libraries the Plan, Skills and Journal charts need, imported in a background
thread once the window is on screen, so that opening those tabs does not stall."""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer

log = logging.getLogger(__name__)

# Third-party only: they never import our modules, so the UI thread importing a tab
# at the same time can wait on one of them but never deadlock with this thread.
# pyqtgraph alone costs about 0.4 s (numpy, and a copy of every Qt class it makes).
MODULES = ("numpy", "pyqtgraph")

_started: threading.Thread | None = None
POLL_MS = 10  # how often a widget waiting for them looks whether they are in
WAIT_NAME = "waiting_for_preload"


def _import_all() -> None:
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the tab that needs it imports it again and says
            log.warning("Could not preload %s", name, exc_info=True)


def preload_in_background() -> threading.Thread | None:
    """Start importing MODULES in a daemon thread (once per process); the thread, or
    None when they are all imported already."""
    global _started
    if _started is not None or all(name in sys.modules for name in MODULES):
        return _started
    _started = threading.Thread(target=_import_all, name="preload", daemon=True)
    _started.start()
    return _started


def ready() -> bool:
    """True when the background import is over (or was never needed): MODULES are in,
    or one failed, and whoever needs it now gets the real ImportError by importing it."""
    thread = _started
    if thread is None:
        return all(name in sys.modules for name in MODULES)
    return not thread.is_alive()


def when_ready(owner: QObject, work: Callable[[], None]) -> None:
    """`work()` on a later turn of the event loop, once MODULES are imported (the
    background import started now if it was not); never once `owner` is gone.

    Always later, never now: the widget that asks is being shown, and its first
    frame is painted before the chart is made, each in an event of its own.
    One wait per owner: asked again meanwhile (shown again), it does nothing.
    """
    preload_in_background()
    if owner.findChild(QTimer, WAIT_NAME, Qt.FindChildOption.FindDirectChildrenOnly):
        return
    timer = QTimer(owner)
    timer.setObjectName(WAIT_NAME)
    timer.setInterval(POLL_MS)

    def poll() -> None:
        if ready():
            timer.stop()
            timer.deleteLater()
            work()

    timer.timeout.connect(poll)
    timer.start()
