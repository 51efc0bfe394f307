"""Skill inventory, target roles and their requirements, learning activities and evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import peewee as pw

from careerdesk.core import catalogue, goals, records
from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.core.records import changes_for

# Short names and meanings of the levels 0-5; stable English text the UI translates.
LEVEL_NAMES: dict[int, str] = {
    0: "None",
    1: "Awareness",
    2: "Beginner",
    3: "Competent",
    4: "Advanced",
    5: "Expert",
}
LEVEL_MEANINGS: dict[int, str] = {
    0: "No knowledge or experience yet.",
    1: "Knows the basics in theory; needs guidance for any task.",
    2: "Does simple tasks with help; limited practical experience.",
    3: "Does typical tasks alone; knows where to look for the rest.",
    4: "Handles complex tasks alone and helps others.",
    5: "Recognised authority; shapes how others work and teaches them.",
}

# How long a planned learning activity runs by default (a quarter).
PLANNED_DAYS = 90


class SkillError(ValueError):
    """Input a skill function cannot accept; the message is meant for the user."""


class UnratedOccupation(SkillError):
    """A catalogue occupation without skill ratings: offer the closest rated ones instead."""

    def __init__(self, code: str, title: str) -> None:
        super().__init__(
            f"{title} ({code}) has no skill ratings in O*NET 29.0: pick a closely "
            "related occupation or enter the requirements by hand."
        )
        self.code = code
        self.title = title


def _check_level(level: float | None, what: str = "Level", *, whole: bool = True) -> None:
    if level is None:
        return
    if not 0 <= level <= 5 or (whole and level != int(level)):
        kind = "a whole number" if whole else "a number"
        raise SkillError(f"{what} must be {kind} from 0 to 5, not {level}.")


def _check_importance(importance: float) -> None:
    if not 1 <= importance <= 5:
        raise SkillError(f"Importance must be from 1 to 5, not {importance}.")


def _check_priority(priority: int) -> None:
    if priority is None or not 1 <= priority <= 5:
        raise SkillError(f"Priority must be from 1 to 5, not {priority}.")


def _clean_name(name: str, what: str = "A skill") -> str:
    name = " ".join(name.split())
    if not name:
        raise SkillError(f"{what} needs a name.")
    return name


# --- Inventory --------------------------------------------------------------------


@dataclass(frozen=True)
class SkillRow:
    """One line of the inventory table."""

    id: int
    name: str
    kind: str
    category: str
    current_level: int | None
    target_level: int | None
    priority: int
    onet_element_id: str | None
    last_assessed: dt.date | None
    evidence_count: int
    learning_count: int


def _skill_rows(query: pw.ModelSelect) -> list[SkillRow]:
    evidence = dict(
        m.Evidence.select(m.Evidence.skill, pw.fn.COUNT(m.Evidence.id))
        .group_by(m.Evidence.skill)
        .tuples()
    )
    learning = dict(
        m.LearningSkill.select(m.LearningSkill.skill, pw.fn.COUNT(m.LearningSkill.id))
        .group_by(m.LearningSkill.skill)
        .tuples()
    )
    return [
        SkillRow(
            id=s.id,
            name=s.name,
            kind=s.kind,
            category=s.category,
            current_level=s.current_level,
            target_level=s.target_level,
            priority=s.priority,
            onet_element_id=s.onet_element_id,
            last_assessed=s.last_assessed,
            evidence_count=evidence.get(s.id, 0),
            learning_count=learning.get(s.id, 0),
        )
        for s in query
    ]


def list_skills() -> list[SkillRow]:
    """Every skill of the inventory, by name, with how much evidence and learning backs it."""
    return sorted(_skill_rows(m.Skill.select()), key=lambda r: (r.name.casefold(), r.id))


def skill(skill_id: int) -> SkillRow:
    """One skill of the inventory as the table shows it."""
    rows = _skill_rows(m.Skill.select().where(m.Skill.id == skill_id))
    if not rows:
        raise SkillError(f"There is no skill with id {skill_id}.")
    return rows[0]


def add_skill(
    name: str,
    *,
    kind: str = "hard",
    category: str = "",
    description: str = "",
    current_level: int | None = None,
    target_level: int | None = None,
    priority: int = 3,
    onet_element_id: str | None = None,
    today: dt.date | None = None,
) -> tuple[int, Changes]:
    """Add a skill; an initial current level is recorded in its history as assessed `today`."""
    name = _clean_name(name)
    if kind not in m.SKILL_KINDS:
        raise SkillError(f"A skill is hard or soft, not {kind!r}.")
    _check_level(current_level, "Current level")
    _check_level(target_level, "Target level")
    _check_priority(priority)
    if current_level is not None and today is None:
        raise SkillError("A current level needs the date it was assessed.")
    with m.database_proxy.atomic():
        skill = m.Skill.create(
            name=name,
            kind=kind,
            category=category,
            description=description,
            current_level=current_level,
            target_level=target_level,
            priority=priority,
            onet_element_id=onet_element_id,
            last_assessed=today if current_level is not None else None,
        )
        if current_level is not None:
            m.SkillLevelChange.create(
                skill=skill, date=today, old_level=None, new_level=current_level
            )
    return skill.id, changes_for(m.Skill)


def update_skill(skill_id: int, **values: Any) -> Changes:
    """Change fields of a skill other than its current level (see set_level)."""
    if "current_level" in values:
        raise SkillError("Change a skill's current level with set_level, to keep its history.")
    if "name" in values:
        values["name"] = _clean_name(values["name"])
    if "kind" in values and values["kind"] not in m.SKILL_KINDS:
        raise SkillError(f"A skill is hard or soft, not {values['kind']!r}.")
    _check_level(values.get("target_level"), "Target level")
    if "priority" in values:
        _check_priority(values["priority"])
    return records.update_row(m.Skill, skill_id, **values)


def set_level(
    skill_id: int, level: int | None, today: dt.date, note: str = ""
) -> tuple[int | None, Changes]:
    """Set a skill's current level as assessed `today`, keeping the change in its history.

    Returns the id of the history row (None when the level was already that)
    and what changed. None as level means "not assessed".
    """
    _check_level(level, "Current level")
    with m.database_proxy.atomic():
        skill = m.Skill.get_by_id(skill_id)
        if skill.current_level == level:
            return None, Changes()
        change = m.SkillLevelChange.create(
            skill=skill, date=today, old_level=skill.current_level, new_level=level, note=note
        )
        skill.current_level = level
        skill.last_assessed = today if level is not None else None
        skill.save()
    return change.id, changes_for(m.Skill)


def undo_level(change_id: int, last_assessed: dt.date | None) -> Changes:
    """Take back a set_level: the old level and assessment date return, the history row goes."""
    with m.database_proxy.atomic():
        change = m.SkillLevelChange.get_by_id(change_id)
        skill = change.skill
        skill.current_level = change.old_level
        skill.last_assessed = last_assessed
        skill.save()
        change.delete_instance()
    return changes_for(m.Skill)


def level_history(skill_id: int) -> list[m.SkillLevelChange]:
    """The level changes of a skill, oldest first (progress over time)."""
    return list(
        m.SkillLevelChange.select()
        .where(m.SkillLevelChange.skill == skill_id)
        .order_by(m.SkillLevelChange.date, m.SkillLevelChange.id)
    )


# --- Evidence ----------------------------------------------------------------------


def add_evidence(
    skill_id: int,
    title: str,
    *,
    kind: str = "project",
    date: dt.date | None = None,
    url: str = "",
    achievement_id: int | None = None,
    feedback_id: int | None = None,
    notes: str = "",
) -> tuple[int, Changes]:
    """Record proof of a skill: a project, certificate, feedback or journal achievement."""
    title = _clean_name(title, "Evidence")
    if kind not in m.EVIDENCE_KINDS:
        raise SkillError(f"Unknown kind of evidence {kind!r}.")
    if date is None and achievement_id is not None:  # the journal already knows when
        date = m.Achievement.get_by_id(achievement_id).date
    return records.insert_row(
        m.Evidence,
        skill=skill_id,
        title=title,
        kind=kind,
        date=date,
        url=url.strip(),
        achievement=achievement_id,
        feedback=feedback_id,
        notes=notes,
    )


def evidence_of(skill_id: int) -> list[m.Evidence]:
    """A skill's evidence, newest first (undated last)."""
    return list(
        m.Evidence.select()
        .where(m.Evidence.skill == skill_id)
        .order_by(m.Evidence.date.desc(nulls="LAST"), m.Evidence.id)
    )


# --- Target roles ------------------------------------------------------------------


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


def list_roles(*, active_only: bool = False) -> list[RoleRow]:
    """Target roles in the user's order."""
    counts = dict(
        m.RoleRequirement.select(m.RoleRequirement.role, pw.fn.COUNT(m.RoleRequirement.id))
        .group_by(m.RoleRequirement.role)
        .tuples()
    )
    query = m.TargetRole.select().order_by(m.TargetRole.position, m.TargetRole.id)
    if active_only:
        query = query.where(m.TargetRole.active == True)  # noqa: E712 - peewee expression
    return [
        RoleRow(r.id, r.title, r.source, r.onet_code, r.active, counts.get(r.id, 0)) for r in query
    ]


def role(role_id: int) -> RoleRow | None:
    """One target role (None when it is gone)."""
    return next((r for r in list_roles() if r.id == role_id), None)


def requirement_values(requirement_id: int, names: Sequence[str]) -> dict[str, Any]:
    """Stored values of some fields of a requirement, e.g. to undo an adjustment."""
    return records.stored_values(m.RoleRequirement, requirement_id, list(names))


def _next_role_position() -> int:
    return (m.TargetRole.select(pw.fn.MAX(m.TargetRole.position)).scalar() or 0) + 1


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


def add_catalogue_role(
    code: str, *, today: dt.date, add_missing_skills: bool = False
) -> tuple[int, Changes]:
    """Add an occupation of the catalogue as a target role with its rated skills as requirements.

    Each requirement keeps O*NET's importance (1-5) and its level mapped with
    catalogue.map_level, and links to the inventory skill with the same O*NET
    element; with `add_missing_skills` the skills the inventory lacks are
    added (not assessed) first. An occupation without ratings raises
    UnratedOccupation rather than making an empty role.
    """
    occ = catalogue.occupation(code)
    if occ is None:
        raise SkillError(f"There is no occupation {code.strip()!r} in the catalogue.")
    rated = catalogue.ratings(occ.code)
    if not rated:
        raise UnratedOccupation(occ.code, occ.title)
    touched: set[type[m.BaseModel]] = {m.TargetRole, m.RoleRequirement}
    with m.database_proxy.atomic():
        linked = _skills_by_element()
        if add_missing_skills:
            for rating in rated:
                if rating.element_id in linked:
                    continue
                onet = catalogue.onet_skill(rating.element_id)
                skill = m.Skill.create(
                    name=rating.name,
                    kind=catalogue.skill_kind(rating.element_id),
                    category="O*NET",
                    description=onet.description if onet else "",
                    onet_element_id=rating.element_id,
                )
                linked[rating.element_id] = skill.id
                touched.add(m.Skill)
        role = m.TargetRole.create(
            title=occ.title,
            source="onet",
            onet_code=occ.code,
            description=occ.description,
            position=_next_role_position(),
        )
        m.RoleRequirement.insert_many(
            [
                {
                    "role": role.id,
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
    return role.id, changes_for(*touched)


def _skill_named(name: str) -> int | None:
    skill = m.Skill.get_or_none(pw.fn.LOWER(m.Skill.name) == name.casefold())
    return skill.id if skill else None


def add_own_role(
    title: str,
    requirements: Iterable[RequirementInput] = (),
    *,
    description: str = "",
    onet_code: str | None = None,
) -> tuple[int, Changes]:
    """Add a target role of the user's own; a requirement naming an inventory skill links to it.

    `onet_code` keeps which catalogue occupation the role stands for when its
    requirements are entered by hand (an occupation O*NET has not rated).
    """
    title = _clean_name(title, "A target role")
    reqs = list(requirements)
    for req in reqs:
        _clean_name(req.name, "A requirement")
        _check_level(req.required_level, "Required level", whole=False)
        _check_importance(req.importance)
    with m.database_proxy.atomic():
        role = m.TargetRole.create(
            title=title,
            source="own",
            onet_code=onet_code,
            description=description,
            position=_next_role_position(),
        )
        for req in reqs:
            name = _clean_name(req.name, "A requirement")
            m.RoleRequirement.create(
                role=role,
                skill=req.skill_id if req.skill_id is not None else _skill_named(name),
                name=name,
                required_level=req.required_level,
                importance=req.importance,
            )
    return role.id, changes_for(m.TargetRole, m.RoleRequirement)


def add_requirement(
    role_id: int,
    name: str,
    required_level: float,
    *,
    importance: float = 3.0,
    skill_id: int | None = None,
) -> tuple[int, Changes]:
    """Add a requirement to a role; without a skill, one of the same name is linked if any."""
    name = _clean_name(name, "A requirement")
    _check_level(required_level, "Required level", whole=False)
    _check_importance(importance)
    with m.database_proxy.atomic():
        onet_id = None
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
        req = m.RoleRequirement.create(
            role=role_id,
            skill=skill_id,
            name=name,
            required_level=required_level,
            importance=importance,
            onet_element_id=onet_id,
        )
    return req.id, changes_for(m.RoleRequirement)


def update_requirement(requirement_id: int, **values: Any) -> Changes:
    """Adjust a requirement: required_level (0-5), importance (1-5), name, skill, notes."""
    if "required_level" in values:
        _check_level(values["required_level"], "Required level", whole=False)
        if values["required_level"] is None:
            raise SkillError("A requirement needs a required level.")
    if "importance" in values:
        _check_importance(values["importance"])
    if "name" in values:
        values["name"] = _clean_name(values["name"], "A requirement")
    return records.update_row(m.RoleRequirement, requirement_id, **values)


def requirements_of(role_id: int) -> list[m.RoleRequirement]:
    """A role's requirements, most important first, with their linked skills."""
    return list(
        m.RoleRequirement.select(m.RoleRequirement, m.Skill)
        .join(m.Skill, pw.JOIN.LEFT_OUTER)
        .where(m.RoleRequirement.role == role_id)
        .order_by(m.RoleRequirement.importance.desc(), m.RoleRequirement.name)
    )


# --- Learning activities -----------------------------------------------------------


def _check_activity(values: dict[str, Any]) -> None:
    if "title" in values:
        values["title"] = _clean_name(values["title"], "A learning activity")
    if "kind" in values and values["kind"] not in m.LEARNING_KINDS:
        raise SkillError(f"Unknown kind of learning activity {values['kind']!r}.")
    if "status" in values and values["status"] not in m.LEARNING_STATUSES:
        raise SkillError(f"Unknown status {values['status']!r}.")
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise SkillError("A learning activity cannot end before it starts.")
    for name in ("hours", "cost_minor"):
        if values.get(name) is not None and values[name] < 0:
            raise SkillError(f"{name.replace('_minor', '').capitalize()} cannot be negative.")


def _home_currency() -> str:
    """The profile's currency, for a cost entered without one."""
    currency = m.Profile.select(m.Profile.currency).order_by(m.Profile.id).scalar()
    return currency or m.Profile.currency.default


def add_activity(
    title: str,
    *,
    kind: str = "course",
    skill_ids: Sequence[int] = (),
    goal_id: int | None = None,
    **values: Any,
) -> tuple[int, Changes]:
    """Add a learning activity linked to the skills it builds and optionally a goal.

    Other fields (provider, url, start_date, end_date, hours, cost_minor,
    currency, status, notes) go through as keywords.
    """
    fields = {"title": title, "kind": kind, **values}
    _check_activity(fields)
    with m.database_proxy.atomic():
        if fields.get("cost_minor") is not None and not fields.get("currency"):
            fields["currency"] = _home_currency()  # money is always stored with its currency
        activity_id, changes = records.insert_row(m.LearningActivity, goal=goal_id, **fields)
        for skill_id in dict.fromkeys(skill_ids):
            m.LearningSkill.create(activity=activity_id, skill=skill_id)
    return activity_id, changes


def update_activity(
    activity_id: int, *, skill_ids: Sequence[int] | None = None, **values: Any
) -> Changes:
    """Change an activity's fields and, when given, the skills it builds; one transaction."""
    _check_activity(values)
    if "goal_id" in values:
        values["goal"] = values.pop("goal_id")
    with m.database_proxy.atomic():
        activity = m.LearningActivity.get_by_id(activity_id)
        start = values.get("start_date", activity.start_date)
        end = values.get("end_date", activity.end_date)
        if start and end and end < start:
            raise SkillError("A learning activity cannot end before it starts.")
        currency = values.get("currency", activity.currency)
        if values.get("cost_minor") is not None and not currency:
            values["currency"] = _home_currency()  # money is always stored with its currency
        changes = (
            records.update_row(m.LearningActivity, activity_id, **values) if values else Changes()
        )
        if skill_ids is not None:
            m.LearningSkill.delete().where(m.LearningSkill.activity == activity_id).execute()
            for skill_id in dict.fromkeys(skill_ids):
                m.LearningSkill.create(activity=activity_id, skill=skill_id)
            changes |= changes_for(m.LearningSkill)
    return changes


# The fields of an activity its editor shows and an undo puts back.
ACTIVITY_FIELDS = (
    "title",
    "kind",
    "provider",
    "url",
    "start_date",
    "end_date",
    "hours",
    "cost_minor",
    "currency",
    "status",
    "goal",
    "notes",
)


def activity_values(activity_id: int, names: Sequence[str] = ACTIVITY_FIELDS) -> dict[str, Any]:
    """Stored values of an activity's fields (its goal as an id), e.g. to undo an edit."""
    return records.stored_values(m.LearningActivity, activity_id, list(names))


def activity_skill_ids(activity_id: int) -> list[int]:
    return [
        link.skill_id
        for link in m.LearningSkill.select()
        .where(m.LearningSkill.activity == activity_id)
        .order_by(m.LearningSkill.id)
    ]


@dataclass(frozen=True)
class ActivityRow:
    id: int
    title: str
    kind: str
    provider: str
    status: str
    start_date: dt.date | None
    end_date: dt.date | None
    hours: float | None
    cost_minor: int | None
    currency: str | None
    goal_id: int | None
    skill_names: tuple[str, ...]


def list_activities() -> list[ActivityRow]:
    """Learning activities, open ones first, then by start date."""
    names: dict[int, list[str]] = {}
    links = (
        m.LearningSkill.select(m.LearningSkill.activity, m.Skill.name)
        .join(m.Skill)
        .order_by(m.Skill.name)
        .tuples()
    )
    for activity_id, name in links:
        names.setdefault(activity_id, []).append(name)
    rows = [
        ActivityRow(
            a.id,
            a.title,
            a.kind,
            a.provider,
            a.status,
            a.start_date,
            a.end_date,
            a.hours,
            a.cost_minor,
            a.currency,
            a.goal_id,
            tuple(names.get(a.id, ())),
        )
        for a in m.LearningActivity.select()
    ]
    closed = ("done", "dropped")
    return sorted(
        rows, key=lambda r: (r.status in closed, r.start_date or dt.date.max, r.title.casefold())
    )


@dataclass(frozen=True)
class PlannedGap:
    """What plan_gap made, so that it can be taken back in one step."""

    activity_id: int | None
    step_id: int | None
    created_skill_id: int | None
    goal_skill_id: int | None = None  # the goal's link to the skill, when plan_gap made it


def _gap_skill(requirement_id: int | None, skill_id: int | None) -> tuple[m.Skill, int | None]:
    """The inventory skill a gap is about; a requirement without one gets a new skill."""
    if skill_id is not None:
        return m.Skill.get_by_id(skill_id), None
    if requirement_id is None:
        raise SkillError("Plan a gap of a requirement or a skill.")
    req = m.RoleRequirement.get_by_id(requirement_id)
    if req.skill_id is not None:
        return req.skill, None
    element = req.onet_element_id
    skill = m.Skill.create(
        name=req.name,
        kind=catalogue.skill_kind(element) if element else "hard",
        category="O*NET" if element else "",
        onet_element_id=element,
    )
    req.skill = skill
    req.save()
    return skill, skill.id


def plan_gap(
    requirement_id: int | None = None,
    *,
    skill_id: int | None = None,
    today: dt.date,
    goal_id: int | None = None,
    as_step: bool = False,
) -> tuple[int, Changes]:
    """Turn a gap into a planned learning activity (or, with `as_step`, a step of `goal_id`).

    The activity is titled after the skill and level to reach, starts today,
    runs a quarter and builds that skill. Returns the id of the activity (or
    step) and what changed; see plan_gap_details to undo it.
    """
    planned, changes = plan_gap_details(
        requirement_id, skill_id=skill_id, today=today, goal_id=goal_id, as_step=as_step
    )
    made = planned.step_id if as_step else planned.activity_id
    assert made is not None
    return made, changes


def plan_gap_details(
    requirement_id: int | None = None,
    *,
    skill_id: int | None = None,
    today: dt.date,
    goal_id: int | None = None,
    as_step: bool = False,
) -> tuple[PlannedGap, Changes]:
    """plan_gap, returning everything it created (for undo with unplan_gap)."""
    if as_step and goal_id is None:
        raise SkillError("A step needs the goal it belongs to.")
    with m.database_proxy.atomic():
        skill, created = _gap_skill(requirement_id, skill_id)
        level = None
        if requirement_id is not None:
            level = m.RoleRequirement.get_by_id(requirement_id).required_level
        elif skill.target_level is not None:
            level = float(skill.target_level)
        to_reach = f" to level {level:g}" if level is not None else ""
        touched: set[type[m.BaseModel]] = {m.Skill} if created else set()
        due = today + dt.timedelta(days=PLANNED_DAYS)
        if as_step:
            # As any new step: last in its goal, its first due date kept as the baseline.
            step_id = goals.create_step(goal_id, f"Build {skill.name}{to_reach}", due).value
            link_id = None
            if (
                not m.GoalSkill.select()
                .where((m.GoalSkill.goal == goal_id) & (m.GoalSkill.skill == skill.id))
                .exists()
            ):
                link_id = m.GoalSkill.create(goal=goal_id, skill=skill.id).id
                touched.add(m.GoalSkill)
            touched.update({m.Step, m.Goal})  # a new step changes the goal's progress
            planned = PlannedGap(None, step_id, created, link_id)
        else:
            activity = m.LearningActivity.create(
                title=f"Learn {skill.name}{to_reach}",
                kind="course",
                status="planned",
                start_date=today,
                end_date=due,
                goal=goal_id,
            )
            m.LearningSkill.create(activity=activity, skill=skill)
            touched.update({m.LearningActivity, m.LearningSkill})
            planned = PlannedGap(activity.id, None, created)
        if created:
            touched.add(m.RoleRequirement)
    return planned, changes_for(*touched)


def unplan_gap(planned: PlannedGap) -> tuple[list[records.DeletedRecords], Changes]:
    """Take back a plan_gap: its activity or step, goal link and the skill it had to create go.

    Returns what was removed, so that restore_removed brings it back with the
    same ids (a later undo step may refer to them) and what changed.
    """
    made = (
        (m.LearningActivity, planned.activity_id),
        (m.Step, planned.step_id),
        (m.GoalSkill, planned.goal_skill_id),
        (m.Skill, planned.created_skill_id),  # its requirement is unlinked again
    )
    removed: list[records.DeletedRecords] = []
    changes = Changes()
    with m.database_proxy.atomic():
        for model, record_id in made:
            if record_id is not None and model.get_or_none(id=record_id) is not None:
                deleted, changed = records.delete_rows(model, record_id)
                removed.append(deleted)
                changes |= changed
    return removed, changes


@dataclass(frozen=True)
class LevelOffer:
    """A skill an activity built, and the level to offer raising it to."""

    skill_id: int
    name: str
    current_level: int | None
    suggested_level: int


def complete_activity(activity_id: int, today: dt.date) -> tuple[list[LevelOffer], Changes]:
    """Mark an activity done today; return the levels to offer raising for the skills it built.

    The end date becomes today unless it already lies in the past. The offer
    is one level up from the current one (not assessed counts as 0), at most 5.
    """
    with m.database_proxy.atomic():
        activity = m.LearningActivity.get_by_id(activity_id)
        activity.status = "done"
        if activity.end_date is None or activity.end_date > today:
            activity.end_date = today
        if activity.start_date is not None and activity.start_date > today:
            activity.start_date = today
        activity.save()
    offers = [
        LevelOffer(s.id, s.name, s.current_level, min(5, (s.current_level or 0) + 1))
        for s in m.Skill.select()
        .join(m.LearningSkill)
        .where(m.LearningSkill.activity == activity_id)
        .order_by(m.Skill.name)
        if s.current_level is None or s.current_level < 5
    ]
    return offers, changes_for(m.LearningActivity)


def remove_role(
    role_id: int, *, with_skills: Sequence[int] = ()
) -> tuple[list[records.DeletedRecords], Changes]:
    """Delete a target role (and skills that came with it) in one transaction, for undo."""
    removed: list[records.DeletedRecords] = []
    changes = Changes()
    with m.database_proxy.atomic():
        deleted, changed = records.delete_rows(m.TargetRole, role_id)
        removed.append(deleted)
        changes |= changed
        for skill_id in with_skills:
            deleted, changed = records.delete_rows(m.Skill, skill_id)
            removed.append(deleted)
            changes |= changed
    return removed, changes


def restore_removed(removed: Sequence[records.DeletedRecords]) -> Changes:
    """Put back what remove_role or unplan_gap deleted, with the same ids."""
    changes = Changes()
    with m.database_proxy.atomic():
        for deleted in removed:
            changes |= records.restore_rows(deleted)
    return changes


def skill_ids() -> set[int]:
    """Ids of every inventory skill (to see which ones an action added)."""
    return {s.id for s in m.Skill.select(m.Skill.id)}


def goal_choices() -> list[tuple[int, str]]:
    """Goals a learning activity or planned gap can serve: not archived, by title."""
    query = (
        m.Goal.select(m.Goal.id, m.Goal.title)
        .where(m.Goal.archived == False)  # noqa: E712 - peewee expression
        .order_by(m.Goal.title, m.Goal.id)
    )
    return [(g.id, g.title) for g in query]


def achievement_choices() -> list[tuple[int, str, dt.date]]:
    """Achievements of the journal a piece of evidence can point to, newest first."""
    query = m.Achievement.select(m.Achievement.id, m.Achievement.title, m.Achievement.date)
    return [(a.id, a.title, a.date) for a in query.order_by(m.Achievement.date.desc())]
