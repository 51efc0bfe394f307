"""Undo commands: every user edit is one QUndoCommand around core calls that return Changes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QWidget

from careerdesk.core import records
from careerdesk.core.changes import Changes
from careerdesk.core.models import BaseModel

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from careerdesk.ui.context import AppContext


class FunctionCommand(QUndoCommand):
    """An undo step made of two core calls; `done=True` when forward already ran once."""

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        forward: Callable[[], Changes],
        backward: Callable[[], Changes],
        *,
        done: bool = False,
    ) -> None:
        super().__init__(text)
        self._ctx, self._forward, self._backward = ctx, forward, backward
        self._skip_first_redo = done

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._call(self._forward)

    def undo(self) -> None:
        self._call(self._backward)

    def _call(self, action: Callable[[], Changes]) -> None:
        # Undoing a 30,000-contact import takes a second or two: say so with the cursor.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            changes = action()
        except Exception as exc:  # noqa: BLE001 - a failed undo/redo is shown, not raised
            # The database did not change: this step can no longer be replayed.
            log.warning("%s failed", self.text(), exc_info=exc)
            self.setObsolete(True)
            QApplication.restoreOverrideCursor()
            self._ctx.report_error(exc)
            return
        QApplication.restoreOverrideCursor()
        self._ctx.apply(changes)


def edit_record(
    ctx: AppContext, model: type[BaseModel], record_id: int, action: str, /, **values: Any
) -> bool:
    """Change fields of one record as one undo step named `action`."""
    before = records.stored_values(model, record_id, list(values))
    if all(before.get(k) == v for k, v in values.items()):
        return False  # nothing changed: no empty undo step
    return ctx.run(
        action,
        lambda: records.update(model, record_id, **values),
        lambda: records.update(model, record_id, **before),
    )


def add_undoable(
    ctx: AppContext,
    text: str,
    model: type[BaseModel],
    add: Callable[[], tuple[int, Changes]],
    parent: QWidget | None = None,
    refused: Callable[[str], None] | None = None,
) -> int | None:
    """Run a core add (which checks its input) as one undo step; return the new id.

    Undo deletes the row and what hangs from it; redo puts the same rows back
    (same ids and uuids), since later undo steps may refer to them. None when
    the add failed (the user was told why).
    """
    state: dict[str, Any] = {}

    def forward() -> Changes:
        if "deleted" in state:
            return records.restore(state.pop("deleted"))
        state["id"], changes = add()
        return changes

    def backward() -> Changes:
        state["deleted"], changes = records.delete(model, state["id"])
        return changes

    done = ctx.run(text, forward, backward, parent=parent, refused=refused)
    return state["id"] if done else None


def create_record(ctx: AppContext, model: type[BaseModel], text: str, **values: Any) -> int | None:
    """Insert one record as one undo step; return its id (None if it failed)."""
    return add_undoable(ctx, text, model, lambda: records.create(model, **values))


def delete_record(ctx: AppContext, model: type[BaseModel], record_id: int, text: str) -> bool:
    """Delete a record (and what cascades from it) as one undo step."""
    state: dict[str, Any] = {}

    def forward() -> Changes:
        state["deleted"], changes = records.delete(model, record_id)
        return changes

    return ctx.run(text, forward, lambda: records.restore(state["deleted"]))
