"""The gap and readiness rule: how far the inventory is from what a target role requires."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import peewee as pw

from careerdesk.core import models as m

# The user can change it; requirements below it are shown but do not count.
DEFAULT_IMPORTANCE_THRESHOLD = 3.0


@dataclass(frozen=True)
class Requirement:
    """One requirement of a role, with the user's current level (None: not assessed)."""

    name: str
    importance: float  # 1-5
    required_level: float  # 0-5
    current_level: float | None
    requirement_id: int | None = None
    skill_id: int | None = None


@dataclass(frozen=True)
class Gap:
    requirement: Requirement
    gap: float  # max(0, required - current); the full required level when not assessed
    weighted: float  # importance x gap, the ranking key
    counted: bool  # importance at or above the threshold

    @property
    def not_assessed(self) -> bool:
        return self.requirement.current_level is None

    @property
    def name(self) -> str:
        return self.requirement.name


@dataclass(frozen=True)
class Analysis:
    """A role's gaps and readiness under one importance threshold."""

    readiness: float | None  # 0..1; None when no requirement counts
    ranked: tuple[Gap, ...]  # counted requirements, largest weighted gap first
    not_counted: tuple[Gap, ...]  # below the threshold, most important first

    @property
    def open_gaps(self) -> tuple[Gap, ...]:
        """Counted requirements not yet met, largest weighted gap first."""
        return tuple(g for g in self.ranked if g.gap > 0)


def gap_of(required_level: float, current_level: float | None) -> float:
    """max(0, required - current); a skill never assessed is a full gap."""
    if current_level is None:
        return max(0.0, float(required_level))
    return max(0.0, float(required_level) - float(current_level))


def analyse(
    requirements: Iterable[Requirement], threshold: float = DEFAULT_IMPORTANCE_THRESHOLD
) -> Analysis:
    """Gaps and readiness of a set of requirements.

    Requirements with importance >= threshold count. readiness =
    1 - sum(importance * gap) / sum(importance * required); a role whose
    counted requirements all require level 0 is fully ready. Gaps rank by
    importance * gap, then by gap, then by name.
    """
    counted: list[Gap] = []
    others: list[Gap] = []
    for req in requirements:
        gap = gap_of(req.required_level, req.current_level)
        item = Gap(req, gap, req.importance * gap, req.importance >= threshold)
        (counted if item.counted else others).append(item)
    counted.sort(key=lambda g: (-g.weighted, -g.gap, g.name.casefold()))
    others.sort(key=lambda g: (-g.requirement.importance, g.name.casefold()))
    if not counted:
        return Analysis(None, (), tuple(others))
    needed = sum(g.requirement.importance * g.requirement.required_level for g in counted)
    missing = sum(g.weighted for g in counted)
    readiness = 1.0 if needed == 0 else 1.0 - missing / needed
    return Analysis(readiness, tuple(counted), tuple(others))


def _requirements_by_role(role_ids: Iterable[int]) -> dict[int, list[Requirement]]:
    """The requirements of several target roles, read in one query."""
    found: dict[int, list[Requirement]] = {role_id: [] for role_id in role_ids}
    query = (
        m.RoleRequirement.select(m.RoleRequirement, m.Skill)
        .join(m.Skill, pw.JOIN.LEFT_OUTER)
        .where(m.RoleRequirement.role.in_(list(found)))
    )
    for req in query:
        found[req.role_id].append(
            Requirement(
                name=req.skill.name if req.skill_id is not None else req.name,
                importance=req.importance,
                required_level=req.required_level,
                current_level=req.skill.current_level if req.skill_id is not None else None,
                requirement_id=req.id,
                skill_id=req.skill_id,
            )
        )
    return found


def role_requirements(role_id: int) -> list[Requirement]:
    """A target role's requirements with the current levels of their linked skills."""
    return _requirements_by_role([role_id])[role_id]


def role_analysis(role_id: int, threshold: float = DEFAULT_IMPORTANCE_THRESHOLD) -> Analysis:
    """The gap analysis of one target role from the database."""
    return analyse(role_requirements(role_id), threshold)


def role_analyses(
    role_ids: Iterable[int], threshold: float = DEFAULT_IMPORTANCE_THRESHOLD
) -> dict[int, Analysis]:
    """The gap analyses of several target roles (one query, not one per role)."""
    return {
        role_id: analyse(reqs, threshold)
        for role_id, reqs in _requirements_by_role(role_ids).items()
    }


@dataclass(frozen=True)
class Heatmap:
    """Gaps of several roles side by side: rows are skills, columns roles."""

    role_ids: tuple[int, ...]
    role_titles: tuple[str, ...]
    readiness: tuple[float | None, ...]
    skill_names: tuple[str, ...]  # by total weighted gap over the roles, largest first
    # cells[row][column]: the gap, or None when that role does not count the skill
    cells: tuple[tuple[float | None, ...], ...]
    not_assessed: frozenset[str]


def heatmap(
    role_ids: Sequence[int],
    threshold: float = DEFAULT_IMPORTANCE_THRESHOLD,
    *,
    analyses: Mapping[int, Analysis] | None = None,
) -> Heatmap:
    """The skills x target-roles gap table of the given roles.

    `analyses` may bring the roles' analyses at this threshold, already read.
    """
    roles = {r.id: r.title for r in m.TargetRole.select().where(m.TargetRole.id.in_(role_ids))}
    ids = tuple(i for i in role_ids if i in roles)
    known = dict(analyses or {})
    missing = [i for i in ids if i not in known]
    if missing:
        known.update(role_analyses(missing, threshold))
    ordered = [known[i] for i in ids]
    total: dict[str, float] = {}
    per_role: list[dict[str, float]] = []
    not_assessed: set[str] = set()
    for analysis in ordered:
        cells: dict[str, float] = {}
        for g in analysis.ranked:
            # Two requirements of one role on one skill: the larger gap stands.
            cells[g.name] = max(cells.get(g.name, 0.0), g.gap)
            total[g.name] = total.get(g.name, 0.0) + g.weighted
            if g.not_assessed:
                not_assessed.add(g.name)
        per_role.append(cells)
    names = sorted(total, key=lambda n: (-total[n], n.casefold()))
    return Heatmap(
        role_ids=ids,
        role_titles=tuple(roles[i] for i in ids),
        readiness=tuple(a.readiness for a in ordered),
        skill_names=tuple(names),
        cells=tuple(tuple(cells.get(n) for cells in per_role) for n in names),
        not_assessed=frozenset(not_assessed),
    )
