"""Long work off the UI thread, with a progress dialog; the worker never touches widgets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from careerdesk.core import db

# work(report) -> result, where report(done, total) may be called from the worker thread.
Work = Callable[[Callable[[int, int], None]], Any]


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work
        self._database = db.bound_database()

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit)
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread to show
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            # Peewee keeps one connection per thread: close this thread's. The work
            # ran on the database it was started with; a closed one refuses writes.
            database = self._database
            if database is not None and not database.is_closed():
                database.close()


class BackgroundTask(QObject):
    """Runs `work` in a thread, then calls back on the UI thread; behind a modal progress
    dialog when it has a title (what the user waits for), else unseen (a read the
    window does for itself, such as the reminder's counts)."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        title: str | None,
        work: Work,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self._on_done, self._on_error = on_done, on_error
        self._abandoned = False
        self.dialog: QProgressDialog | None = None
        if title is not None:
            self.dialog = QProgressDialog(title, "", 0, 0, parent)
            self.dialog.setObjectName("progress_dialog")
            self.dialog.setWindowTitle(title)
            self.dialog.setCancelButton(None)  # an import is all or nothing: it runs to the end
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(300)
        self.thread = QThread(self)
        self.worker = _Worker(work)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progress)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)

    def start(self) -> None:
        self.thread.start()

    def abandon(self) -> None:
        """Wait for the work to end, and drop its result: the window is letting its file go
        (a QThread destroyed while running would abort the process)."""
        self._abandoned = True  # a result already on its way is dropped on arrival
        self._finish()  # the thread's quit is taken once the work has returned

    def _progress(self, done: int, total: int) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    def _finish(self) -> None:
        self.thread.quit()
        self.thread.wait()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.close()
        self.finished.emit()

    def _succeeded(self, result: object) -> None:
        if not self._abandoned:
            self._finish()
            self._on_done(result)

    def _failed(self, exc: BaseException) -> None:
        if not self._abandoned:
            self._finish()
            self._on_error(exc)


def abandon_all(parent: QObject) -> None:
    """Every task of `parent` still running: waited for, its result dropped."""
    for task in parent.findChildren(BackgroundTask):
        if task.thread.isRunning():
            task.abandon()


def run_in_background(
    parent: QWidget,
    title: str | None,
    work: Work,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> BackgroundTask:
    """Start `work` in a thread; then `on_done(result)` or `on_error(exc)` on the UI thread.

    `title` None: no progress dialog (a short read the user is not waiting for)."""
    task = BackgroundTask(parent, title, work, on_done, on_error)
    task.start()
    return task
