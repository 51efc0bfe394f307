"""One user operation of the do/undo/redo table: a name and what the user does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Case:
    name: str
    # Does the operation in the main window on the example plan (today fixed).
    act: Callable[[Any], None]
    # How many undo steps it pushes (an import with a check-in, say, is still one).
    steps: int = 1
