"""What the Skills tab's panels share: named buttons, undoable adds and level changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget

from careerdesk.core import skills
from careerdesk.core.changes import Changes
from careerdesk.ui.context import AppContext


def make_button(parent: QWidget, name: str, text: str, slot: Callable[[], Any]) -> QPushButton:
    """A push button with an object name and an accessible name from its text."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.clicked.connect(slot)
    return button


def change_level(
    ctx: AppContext,
    skill_id: int,
    level: int | None,
    text: str,
    *,
    note: str = "",
    parent: QWidget | None = None,
) -> bool:
    """Set a skill's current level as assessed today, one undo step that takes its history row."""
    before = skills.skill(skill_id)
    if before.current_level == level:
        return False  # nothing changed: no empty undo step
    today = ctx.today()
    state: dict[str, int | None] = {}

    def forward() -> Changes:
        state["change"], changes = skills.set_level(skill_id, level, today, note)
        return changes

    def backward() -> Changes:
        change = state.get("change")
        return Changes() if change is None else skills.undo_level(change, before.last_assessed)

    return ctx.run(text, forward, backward, parent=parent)
