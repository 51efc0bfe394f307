"""The one way the UI performs a user action: core operation -> one undo step -> refresh."""

from __future__ import annotations

import logging
import os
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from careerdesk.core.db import DatabaseClosed
from careerdesk.core.operation import Done, Operation
from careerdesk.core.write_errors import is_write_error
from careerdesk.ui.safety import show_write_error

if TYPE_CHECKING:
    from careerdesk.ui.context import AppContext

log = logging.getLogger(__name__)


def perform(
    ctx: AppContext,
    text: str,
    op: Operation,
    *,
    parent: QWidget | None = None,
    refused: Callable[[str], None] | None = None,
) -> Done | None:
    """Run `op` now in one transaction on the window's database and push it as one undo step.

    Returns its Done, or None when core refused it (a ValueError: one sentence,
    shown by `refused` where the user is working, else in a message box) or it
    failed (logged with its traceback and shown). A Done that changed nothing
    pushes no empty undo step.
    """
    try:
        done = run_in_transaction(ctx, op)
    except ValueError as exc:
        if refused is None:
            ctx.report_error(exc, parent)
        else:
            refused(str(exc))
        return None
    except Exception as exc:  # noqa: BLE001 - shown and logged; re-raised under pytest
        show_failure(ctx, text, exc, parent)
        return None
    push_done(ctx, text, done)
    return done


def show_failure(
    ctx: AppContext, text: str, exc: BaseException, parent: QWidget | None = None
) -> None:
    """Why `text` did not happen: a refusal in one sentence, a full disk or a read-only
    file as such (a box that does not block), anything else with its details."""
    if isinstance(exc, ValueError):
        ctx.report_error(exc, parent)
    elif not show_write_error(ctx, exc, parent):
        report_failure(ctx, text, exc, parent)


def push_done(ctx: AppContext, text: str, done: Done) -> None:
    """Record a write that already ran (in a worker, say) as one undo step, and refresh."""
    if done.changes:
        ctx.undo_stack.push(OperationCommand(ctx, text, done))
        ctx.apply(done.changes)


def run_in_transaction(ctx: AppContext, op: Operation) -> Done:
    """`op` inside one transaction of the context's own database (never a stale one)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        with ctx.database.atomic():
            return op()
    finally:
        QApplication.restoreOverrideCursor()


def report_failure(
    ctx: AppContext, text: str, exc: BaseException, parent: QWidget | None = None
) -> None:
    """An unexpected error: logged with its traceback, shown short with the details."""
    log.error("%s failed", text, exc_info=exc)
    if "PYTEST_CURRENT_TEST" in os.environ:
        raise exc  # a test must fail here, not hang on a modal box
    if isinstance(exc, DatabaseClosed):
        ctx.report_error(exc, parent)
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        ctx.tr("CareerDesk"),
        ctx.tr("“{action}” did not work: {reason}").format(
            action=text, reason=str(exc) or type(exc).__name__
        ),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("failure_message")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(ctx.tr("Nothing was changed. The details are in the log file."))
    box.setDetailedText("".join(traceback.format_exception(exc)))
    box.exec()


class OperationCommand(QUndoCommand):
    """One undo step: undo runs the Done's undo, which hands back the redo, and so on.

    Its steps run on the UI thread; `BackgroundStep` runs them in a worker.
    """

    def __init__(self, ctx: AppContext, text: str, done: Done) -> None:
        super().__init__(text)
        self._ctx = ctx
        self._next: Operation = done.undo
        # The database already holds what the next call would bring: pushing calls
        # redo() on a write that ran, and a failed step is put back (see _failed).
        self._in_place = True

    def redo(self) -> None:
        self._step(undoing=False)

    def undo(self) -> None:
        self._step(undoing=True)

    def _execute(self, operation: Operation, undoing: bool) -> Done:
        return run_in_transaction(self._ctx, operation)

    def _message_parent(self) -> QWidget | None:
        return None

    def _step(self, undoing: bool) -> None:
        if self._in_place:
            self._in_place = False
            return
        try:
            done = self._execute(self._next, undoing)
        except Exception as exc:  # noqa: BLE001 - the database did not change
            self._failed(exc, undoing)
            return
        self._next = done.undo
        self._ctx.apply(done.changes)

    def _put_back(self, undoing: bool) -> None:
        stack = self._ctx.undo_stack
        # Still where the failure left it (nothing pushed or cleared meanwhile)?
        here = stack.index() if undoing else stack.index() - 1
        if stack.command(here) is not self:
            return
        if undoing:
            stack.redo()
            said = self._ctx.tr("Not undone: {action}")
        else:
            stack.undo()
            said = self._ctx.tr("Not redone: {action}")
        self._ctx.status.emit(said.format(action=self.text()))  # after the stack's own line

    def _failed(self, exc: BaseException, undoing: bool) -> None:
        if is_write_error(exc):
            # Disk full, read-only, locked: the step can run once that is over. The
            # stack has already moved past it; move it back, without running the step
            # again, so that Undo (or Redo) offers the same step to try again.
            self._in_place = True
            QTimer.singleShot(0, self._ctx.undo_stack, lambda: self._put_back(undoing))
        else:  # refused or broken: it cannot be replayed any more; dropped from the stack
            self.setObsolete(True)
        show_failure(self._ctx, self.text(), exc, self._message_parent())
