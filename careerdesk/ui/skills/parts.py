"""What the Skills tab's panels share: named buttons and changing a level."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget

from careerdesk.core import skills
from careerdesk.ui.context import AppContext
from careerdesk.ui.operations import perform


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
    parent: QWidget | None = None,
) -> bool:
    """Set a skill's current level as assessed today: one undo step with its history row."""
    today = ctx.today()
    done = perform(ctx, text, lambda: skills.set_level(skill_id, level, today), parent=parent)
    return done is not None and bool(done.changes)
