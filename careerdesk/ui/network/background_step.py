"""An undo step whose undo and redo run in a worker thread: a 30,000-row import, say.

The undo stack calls undo() and redo() synchronously. Here each runs its
operation in a worker (its own connection to the window's file, one
transaction) behind the progress dialog, while a local event loop keeps the
window painting; undo() returns once the database holds the result, so the
stack, the screens and a test that undoes and then reads all see one state.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from careerdesk.core.operation import Done, Operation
from careerdesk.ui.background import run_in_background
from careerdesk.ui.context import AppContext
from careerdesk.ui.operations import report_failure


class BackgroundStep(QUndoCommand):
    """One undo step for a Done whose inverse is too long for the UI thread."""

    def __init__(self, ctx: AppContext, parent: QWidget, text: str, done: Done) -> None:
        super().__init__(text)
        self._ctx = ctx
        self._parent = parent
        self._next: Operation = done.undo
        self._first_redo = True  # pushing calls redo(); the write already ran
        self.worker_threads: list[object] = []  # which thread ran each step (for tests)

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self._step(self._parent.tr("Importing the contacts again…"))

    def undo(self) -> None:
        self._step(self._parent.tr("Taking the import back…"))

    def _step(self, title: str) -> None:
        loop = QEventLoop()
        outcome: list[object] = []
        database = self._ctx.database
        operation = self._next

        def work(_report: object) -> Done:
            self.worker_threads.append(threading.current_thread())
            with database.atomic():
                return operation()

        def done(result: Done) -> None:
            outcome.append(result)
            loop.quit()

        def failed(exc: BaseException) -> None:
            outcome.append(exc)
            loop.quit()

        task = run_in_background(self._parent, title, work, done, failed)
        if not outcome:  # the worker may already have reported
            loop.exec()
        task.deleteLater()
        (result,) = outcome
        if isinstance(result, BaseException):
            self.setObsolete(True)  # the database did not change: this step cannot replay
            if isinstance(result, ValueError):
                self._ctx.report_error(result, self._parent)
            else:
                report_failure(self._ctx, self.text(), result, self._parent)
            return
        assert isinstance(result, Done)
        self._next = result.undo
        self._ctx.apply(result.changes)


def push_background_step(ctx: AppContext, parent: QWidget, text: str, done: Done) -> None:
    """Like operations.push_done, for a write whose undo and redo run in a worker."""
    if done.changes:
        ctx.undo_stack.push(BackgroundStep(ctx, parent, text, done))
        ctx.apply(done.changes)
