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
from PySide6.QtWidgets import QWidget

from careerdesk.core.operation import Done, Operation
from careerdesk.ui.background import BackgroundTask, run_in_background
from careerdesk.ui.context import AppContext
from careerdesk.ui.operations import OperationCommand, show_failure


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


class BackgroundStep(OperationCommand):
    """One undo step for a Done whose inverse is too long for the UI thread.

    Like every step, one that a full disk or a read-only file stops stays on the
    stack to try again (OperationCommand._failed).
    """

    def __init__(
        self, ctx: AppContext, parent: QWidget, text: str, done: Done, titles: Titles
    ) -> None:
        super().__init__(ctx, text, done)
        self._parent = parent
        self._titles = titles
        self.worker_threads: list[object] = []  # which thread ran each step (for tests)

    def _message_parent(self) -> QWidget | None:
        return self._parent

    def _execute(self, operation: Operation, undoing: bool) -> Done:
        loop = QEventLoop()
        outcome: list[object] = []

        def finished(result: object) -> None:
            outcome.append(result)
            loop.quit()

        title = self._titles.undo if undoing else self._titles.redo
        work = _work_in_transaction(self._ctx, operation, self.worker_threads)
        task = run_in_background(self._parent, title, work, finished, finished)
        if not outcome:  # the worker may already have reported
            loop.exec()
        task.deleteLater()
        (result,) = outcome
        if isinstance(result, BaseException):
            raise result  # the database did not change
        assert isinstance(result, Done)
        return result


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
        show_failure(ctx, text, exc, parent)

    work = _work_in_transaction(ctx, op, [])
    return run_in_background(parent, title, work, done, failed)
