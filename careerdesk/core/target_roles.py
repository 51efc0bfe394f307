"""Target roles: the user's own or from the occupation catalogue, and their requirements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import peewee as pw

from careerdesk.core import catalogue, records
from careerdesk.core import models as m
from careerdesk.core.operation import Done, in_order
from careerdesk.core.skills import SkillError, check_level, clean_name

# The fields of a requirement the user adjusts in place.
REQUIREMENT_FIELDS = ("name", "skill", "required_level", "importance", "notes")


class UnratedOccupation(SkillError):
    """A catalogue occupation without skill ratings: offer the closest rated ones instead."""

    def __init__(self, code: str, title: str) -> None:
        super().__init__(
            f"{title} ({code}) has no skill ratings in O*NET 29.0: pick a closely "
            "related occupation or enter the requirements by hand."
        )
        self.code = code
        self.title = title


def _check_importance(importance: float) -> None:
    if not 1 <= importance <= 5:
        raise SkillError(f"Importance must be from 1 to 5, not {importance}.")


@dataclass(frozen=True)
class RequirementInput:
    """A requirement of an own role as the user enters it."""

    name: str
    required_level: float
    importance: float = 3.0
    skill_id: int | None = None


@dataclass(frozen=True)
class RoleRow:
    id: int
    title: str
    source: str
    onet_code: str | None
    active: bool
    requirement_count: int


# --- reading ------------------------------------------------------------------------


def list_roles(*, active_only: bool = False) -> list[RoleRow]:
    """Target roles in the user's order."""
    counts = dict(
        m.RoleRequirement.select(m.RoleRequirement.role, pw.fn.COUNT(m.RoleRequirement.id))
        .group_by(m.RoleRequirement.role)
        .tuples()
    )
    query = m.TargetRole.select().order_by(m.TargetRole.position, m.TargetRole.id)
    if active_only:  # the roles aimed for, as the report shows them
        query = query.where(m.TargetRole.active == True)  # noqa: E712 - peewee expression
    return [
        RoleRow(r.id, r.title, r.source, r.onet_code, r.active, counts.get(r.id, 0)) for r in query
    ]


def role(role_id: int) -> RoleRow | None:
    """One target role (None when it is gone)."""
    return next((r for r in list_roles() if r.id == role_id), None)


def requirements_of(role_id: int) -> list[m.RoleRequirement]:
    """A role's requirements, most important first, with their linked skills."""
    return list(
        m.RoleRequirement.select(m.RoleRequirement, m.Skill)
        .join(m.Skill, pw.JOIN.LEFT_OUTER)
        .where(m.RoleRequirement.role == role_id)
        .order_by(m.RoleRequirement.importance.desc(), m.RoleRequirement.name)
    )


def _skills_by_element() -> dict[str, int]:
    """Inventory skills linked to an O*NET skill, the first one added winning a tie."""
    linked: dict[str, int] = {}
    query = m.Skill.select(m.Skill.id, m.Skill.onet_element_id).where(
        m.Skill.onet_element_id.is_null(False)
    )
    for skill in query.order_by(m.Skill.id):
        linked.setdefault(skill.onet_element_id, skill.id)
    return linked


def missing_onet_skills(code: str) -> list[catalogue.OnetSkill]:
    """The O*NET skills an occupation is rated on that no inventory skill is linked to."""
    linked = _skills_by_element()
    return [
        skill
        for rating in catalogue.ratings(code)
        if rating.element_id not in linked
        and (skill := catalogue.onet_skill(rating.element_id)) is not None
    ]


def requirement_choices() -> list[str]:
    """Names a new requirement can take: the inventory's skills, then O*NET's others."""
    names = [s.name for s in m.Skill.select(m.Skill.name).order_by(pw.fn.LOWER(m.Skill.name))]
    known = {n.casefold() for n in names}
    return names + [s.name for s in catalogue.onet_skills() if s.name.casefold() not in known]


# --- writing --------------------------------------------------------------------------


def _next_role_position() -> int:
    return (m.TargetRole.select(pw.fn.MAX(m.TargetRole.position)).scalar() or 0) + 1


def add_catalogue_role(code: str, *, add_missing_skills: bool = False) -> Done:
    """Add an occupation of the catalogue as a target role with its rated skills as requirements.

    Each requirement keeps O*NET's importance (1-5) and its level mapped with
    catalogue.map_level, and links to the inventory skill with the same O*NET
    element; with `add_missing_skills` the skills the inventory lacks are
    added (not assessed) first. An occupation without ratings raises
    UnratedOccupation rather than making an empty role. `value` is the role's
    id; undo takes the role and the skills it brought.
    """
    occ = catalogue.occupation(code)
    if occ is None:
        raise SkillError(f"There is no occupation {code.strip()!r} in the catalogue.")
    rated = catalogue.ratings(occ.code)
    if not rated:
        raise UnratedOccupation(occ.code, occ.title)
    steps: list[Done] = []
    linked = _skills_by_element()
    if add_missing_skills:
        for rating in rated:
            if rating.element_id in linked:
                continue
            onet = catalogue.onet_skill(rating.element_id)
            added = records.create(
                m.Skill,
                name=rating.name,
                kind=catalogue.skill_kind(rating.element_id),
                category="O*NET",
                description=onet.description if onet else "",
                onet_element_id=rating.element_id,
            )
            linked[rating.element_id] = added.value
            steps.append(added)
    role_id, changes = records.insert_row(
        m.TargetRole,
        title=occ.title,
        source="onet",
        onet_code=occ.code,
        description=occ.description,
        position=_next_role_position(),
    )
    m.RoleRequirement.insert_many(
        [
            {
                "role": role_id,
                "skill": linked.get(rating.element_id),
                "name": rating.name,
                "onet_element_id": rating.element_id,
                "required_level": catalogue.map_level(rating.level),
                "importance": rating.importance,
                "onet_importance": rating.importance,
                "onet_level": rating.level,
                "uuid": m.new_uuid(),
                "created_at": m.utc_now(),
                "updated_at": m.utc_now(),
            }
            for rating in rated
        ]
    ).execute()
    # Undo deletes the role (its requirements cascade), then the skills it brought.
    steps.append(records.added(m.TargetRole, role_id, changes))
    return in_order(steps, role_id)


def _skill_named(name: str) -> int | None:
    skill = m.Skill.get_or_none(pw.fn.LOWER(m.Skill.name) == name.casefold())
    return skill.id if skill else None


def add_own_role(
    title: str,
    requirements: Iterable[RequirementInput] = (),
    *,
    description: str = "",
    onet_code: str | None = None,
) -> Done:
    """Add a target role of the user's own; a requirement naming an inventory skill links to it.

    `onet_code` keeps which catalogue occupation the role stands for when its
    requirements are entered by hand (an occupation O*NET has not rated).
    `value` is the role's id.
    """
    title = clean_name(title, "A target role")
    reqs = list(requirements)
    for req in reqs:
        clean_name(req.name, "A requirement")
        check_level(req.required_level, "Required level", whole=False)
        _check_importance(req.importance)
    role_id, changes = records.insert_row(
        m.TargetRole,
        title=title,
        source="own",
        onet_code=onet_code,
        description=description,
        position=_next_role_position(),
    )
    for req in reqs:
        name = clean_name(req.name, "A requirement")
        records.insert_row(
            m.RoleRequirement,
            role=role_id,
            skill=req.skill_id if req.skill_id is not None else _skill_named(name),
            name=name,
            required_level=req.required_level,
            importance=req.importance,
        )
    return records.added(m.TargetRole, role_id, changes | records.changes_for(m.RoleRequirement))


def remove_role(role_id: int) -> Done:
    """Delete a target role with its requirements; the skills of the inventory stay."""
    return records.delete(m.TargetRole, role_id)


def set_role_active(role_id: int, active: bool) -> Done:
    """Aim for a role or stop aiming for it (the heatmap compares the active ones)."""
    return records.update(m.TargetRole, role_id, active=bool(active))


def add_requirement(
    role_id: int,
    name: str,
    required_level: float,
    *,
    importance: float = 3.0,
    skill_id: int | None = None,
) -> Done:
    """Add a requirement to a role; without a skill, one of the same name is linked if any."""
    name = clean_name(name, "A requirement")
    check_level(required_level, "Required level", whole=False)
    _check_importance(importance)
    if skill_id is None:
        skill_id = _skill_named(name)
    if skill_id is not None:
        onet_id = m.Skill.get_by_id(skill_id).onet_element_id
    else:  # an O*NET skill by name keeps its link, for "add missing skills" later
        onet_id = next(
            (
                s.element_id
                for s in catalogue.onet_skills()
                if s.name.casefold() == name.casefold()
            ),
            None,
        )
    return records.create(
        m.RoleRequirement,
        role=role_id,
        skill=skill_id,
        name=name,
        required_level=required_level,
        importance=importance,
        onet_element_id=onet_id,
    )


def update_requirement(requirement_id: int, **values: Any) -> Done:
    """Adjust a requirement: required_level (0-5), importance (1-5), name, skill, notes."""
    unknown = set(values) - set(REQUIREMENT_FIELDS)
    if unknown:
        raise SkillError(f"A requirement has no field {', '.join(sorted(unknown))} to change.")
    if "required_level" in values:
        check_level(values["required_level"], "Required level", whole=False)
        if values["required_level"] is None:
            raise SkillError("A requirement needs a required level.")
    if "importance" in values:
        _check_importance(values["importance"])
    if "name" in values:
        values["name"] = clean_name(values["name"], "A requirement")
    return records.update(m.RoleRequirement, requirement_id, **values)


def remove_requirement(requirement_id: int) -> Done:
    """Delete one requirement of a role."""
    return records.delete(m.RoleRequirement, requirement_id)
