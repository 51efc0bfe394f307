"""Writes whose first run, undo and redo happen in a worker: a 30,000-row import, a tag's cadence.

The undo stack calls undo() and redo() synchronously. Here each runs its
operation in a worker (its own connection to the window's file, one
transaction) behind the progress dialog (shown only once it lasts), while a
local event loop keeps the window painting; undo() returns once the database
holds the result, so the stack, the screens and a test that undoes and then
reads all see one state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from careerdesk.core.operation import Done, Operation
from careerdesk.ui.background import BackgroundTask, run_in_background
from careerdesk.ui.context import AppContext
from careerdesk.ui.operations import report_failure
from careerdesk.ui.safety import show_write_error


@dataclass(frozen=True)
class Titles:
    """What the progress dialog says while the step is undone and redone."""

    undo: str
    redo: str


def _import_titles(parent: QWidget) -> Titles:
    return Titles(parent.tr("Taking the import back…"), parent.tr("Importing the contacts again…"))


def _work_in_transaction(
    ctx: AppContext, operation: Operation, threads: list[object]
) -> Callable[[object], Done]:
    database = ctx.database

    def work(_report: object) -> Done:
        threads.append(threading.current_thread())
        with database.atomic():
            return operation()

    return work


def _show_failure(ctx: AppContext, parent: QWidget, text: str, exc: BaseException) -> None:
    """A refusal in one sentence, a full disk as such, anything else with its details."""
    if isinstance(exc, ValueError):
        ctx.report_error(exc, parent)
    elif not show_write_error(ctx, exc, parent):
        report_failure(ctx, text, exc, parent)


class BackgroundStep(QUndoCommand):
    """One undo step for a Done whose inverse is too long for the UI thread."""

    def __init__(
        self, ctx: AppContext, parent: QWidget, text: str, done: Done, titles: Titles
    ) -> None:
        super().__init__(text)
        self._ctx = ctx
        self._parent = parent
        self._titles = titles
        self._next: Operation = done.undo
        self._first_redo = True  # pushing calls redo(); the write already ran
        self.worker_threads: list[object] = []  # which thread ran each step (for tests)

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self._step(self._titles.redo)

    def undo(self) -> None:
        self._step(self._titles.undo)

    def _step(self, title: str) -> None:
        loop = QEventLoop()
        outcome: list[object] = []

        def finished(result: object) -> None:
            outcome.append(result)
            loop.quit()

        work = _work_in_transaction(self._ctx, self._next, self.worker_threads)
        task = run_in_background(self._parent, title, work, finished, finished)
        if not outcome:  # the worker may already have reported
            loop.exec()
        task.deleteLater()
        (result,) = outcome
        if isinstance(result, BaseException):
            self.setObsolete(True)  # the database did not change: this step cannot replay
            _show_failure(self._ctx, self._parent, self.text(), result)
            return
        assert isinstance(result, Done)
        self._next = result.undo
        self._ctx.apply(result.changes)


def push_background_step(
    ctx: AppContext, parent: QWidget, text: str, done: Done, titles: Titles | None = None
) -> None:
    """Like operations.push_done, for a write whose undo and redo run in a worker.

    `titles` default to an import's."""
    if done.changes:
        step = BackgroundStep(ctx, parent, text, done, titles or _import_titles(parent))
        ctx.undo_stack.push(step)
        ctx.apply(done.changes)


def perform_in_background(
    ctx: AppContext,
    parent: QWidget,
    text: str,
    op: Operation,
    title: str,
    titles: Titles,
) -> BackgroundTask:
    """Like operations.perform, for a write too long for the UI thread: `op` runs in a
    worker in one transaction (a progress dialog titled `title` once it lasts), then it
    is one undo step whose undo and redo run in a worker too. A refusal or a failure
    is shown and changes nothing."""

    def done(result: Done) -> None:
        push_background_step(ctx, parent, text, result, titles)

    def failed(exc: BaseException) -> None:
        _show_failure(ctx, parent, text, exc)

    work = _work_in_transaction(ctx, op, [])
    return run_in_background(parent, title, work, done, failed)
