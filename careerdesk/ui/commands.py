"""Undo commands: every user edit is one QUndoCommand around core calls that return Changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from careerdesk.core import records
from careerdesk.core.changes import Changes
from careerdesk.core.models import BaseModel

if TYPE_CHECKING:
    from careerdesk.ui.context import AppContext


def edit_record(
    ctx: AppContext, model: type[BaseModel], record_id: int, action: str, /, **values: Any
) -> bool:
    """Change fields of one record as one undo step named `action`."""
    before = records.stored_values(model, record_id, list(values))
    if all(before.get(k) == v for k, v in values.items()):
        return False  # nothing changed: no empty undo step
    return ctx.run(
        action,
        lambda: records.update_row(model, record_id, **values),
        lambda: records.update_row(model, record_id, **before),
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
            return records.restore_rows(state.pop("deleted"))
        state["id"], changes = add()
        return changes

    def backward() -> Changes:
        state["deleted"], changes = records.delete_rows(model, state["id"])
        return changes

    done = ctx.run(text, forward, backward, parent=parent, refused=refused)
    return state["id"] if done else None


def delete_record(ctx: AppContext, model: type[BaseModel], record_id: int, text: str) -> bool:
    """Delete a record (and what cascades from it) as one undo step."""
    state: dict[str, Any] = {}

    def forward() -> Changes:
        state["deleted"], changes = records.delete_rows(model, record_id)
        return changes

    return ctx.run(text, forward, lambda: records.restore_rows(state["deleted"]))
