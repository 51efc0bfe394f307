"""The one shape of every core write: what it changed and the operation that takes it back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from careerdesk.core.changes import NOTHING, Changes


@dataclass(frozen=True)
class Done:
    """The result of a write that has happened.

    `undo` is itself an operation: running it takes the write back and returns
    a Done whose `undo` is the redo, and so on. Rows come back with the same
    ids and uuids, so later steps that refer to them stay valid. `value` is
    what the caller may need (a new record's id, an offer to show).
    """

    changes: Changes
    undo: Operation
    value: Any = None


Operation = Callable[[], Done]


def nothing_done(value: Any = None) -> Done:
    """A write that turned out to change nothing (its undo changes nothing either)."""
    return Done(NOTHING, nothing_done, value)


def in_order(steps: Sequence[Done], value: Any = None) -> Done:
    """Writes that happened in this order, as one: undo takes them back newest first."""
    steps = list(steps)

    def undo() -> Done:
        # Each inverse happens in turn, so they too are "in order" for the redo.
        return in_order([step.undo() for step in reversed(steps)], value)

    changes = reduce(lambda a, b: a | b, (s.changes for s in steps), NOTHING)
    return Done(changes, undo, value)


def then(first: Done, run_next: Callable[[], Done]) -> Done:
    """`first`, followed by the write `run_next` makes, as one Done."""
    return in_order([first, run_next()], first.value)
