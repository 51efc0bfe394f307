"""What a write changed, so each screen refreshes only what it shows (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    """Flags of the areas a core write touched; combine with `|`."""

    profile: bool = False  # profile and self-assessment
    history: bool = False  # career history roles
    goals: bool = False
    steps: bool = False
    skills: bool = False
    roles: bool = False  # target roles and their requirements
    learning: bool = False
    contacts: bool = False  # contacts, tags, employment, goal links
    interactions: bool = False
    journal: bool = False  # check-ins, achievements, feedback

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{f.name: True for f in fields(cls)})

    def names(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name)]


NOTHING = Changes()
