"""Learning activities: the skills they build, completing them, and planning a gap as one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from careerdesk.core import catalogue, goals, records
from careerdesk.core import models as m
from careerdesk.core.operation import Done, in_order
from careerdesk.core.skills import SkillError, clean_name, set_level
from careerdesk.core.vocabulary import LEARNING_KINDS, LEARNING_STATUSES

# How long a planned learning activity runs by default (a quarter).
PLANNED_DAYS = 90

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
CLOSED_STATUSES = ("done", "dropped")


def _check_activity(values: dict[str, Any]) -> None:
    unknown = set(values) - set(ACTIVITY_FIELDS)
    if unknown:
        raise SkillError(f"A learning activity has no field {', '.join(sorted(unknown))}.")
    if "title" in values:
        values["title"] = clean_name(values["title"], "A learning activity")
    if "kind" in values and values["kind"] not in LEARNING_KINDS:
        raise SkillError(f"Unknown kind of learning activity {values['kind']!r}.")
    if "status" in values and values["status"] not in LEARNING_STATUSES:
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


# --- reading ------------------------------------------------------------------------


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
    return sorted(
        rows,
        key=lambda r: (
            r.status in CLOSED_STATUSES,
            r.start_date or dt.date.max,
            r.title.casefold(),
        ),
    )


def activity_values(activity_id: int, names: Sequence[str] = ACTIVITY_FIELDS) -> dict[str, Any]:
    """Stored values of an activity's fields (its goal as an id), for its editor."""
    return records.stored_values(m.LearningActivity, activity_id, list(names))


def activity_skill_ids(activity_id: int) -> list[int]:
    """The skills an activity builds, in the order they were linked."""
    return [link.skill_id for link in _links(activity_id)]


def _links(activity_id: int) -> list[m.LearningSkill]:
    return list(
        m.LearningSkill.select()
        .where(m.LearningSkill.activity == activity_id)
        .order_by(m.LearningSkill.id)
    )


def goal_choices() -> list[tuple[int, str]]:
    """Goals a learning activity or planned gap can serve: not archived, by title."""
    query = (
        m.Goal.select(m.Goal.id, m.Goal.title)
        .where(m.Goal.archived == False)  # noqa: E712 - peewee expression
        .order_by(m.Goal.title, m.Goal.id)
    )
    return [(g.id, g.title) for g in query]


@dataclass(frozen=True)
class LevelOffer:
    """A skill an activity built, and the level to offer raising it to."""

    skill_id: int
    name: str
    current_level: int | None
    suggested_level: int


def level_offers(activity_id: int) -> list[LevelOffer]:
    """The skills an activity builds with the level to offer once it is done.

    One level up from the current one (not assessed counts as 0); skills at
    level 5 are not offered.
    """
    return [
        LevelOffer(s.id, s.name, s.current_level, min(5, (s.current_level or 0) + 1))
        for s in m.Skill.select()
        .join(m.LearningSkill)
        .where(m.LearningSkill.activity == activity_id)
        .order_by(m.Skill.name)
        if s.current_level is None or s.current_level < 5
    ]


# --- writing --------------------------------------------------------------------------


def add_activity(
    title: str,
    *,
    kind: str = "course",
    skill_ids: Sequence[int] = (),
    goal_id: int | None = None,
    **values: Any,
) -> Done:
    """Add a learning activity linked to the skills it builds and optionally a goal.

    Other fields (provider, url, start_date, end_date, hours, cost_minor,
    currency, status, notes) go through as keywords. `value` is its id.
    """
    fields = {"title": title, "kind": kind, **values}
    _check_activity(fields)
    if fields.get("cost_minor") is not None and not fields.get("currency"):
        fields["currency"] = _home_currency()  # money is always stored with its currency
    fields["goal"] = goal_id
    activity_id, changes = records.insert_row(m.LearningActivity, **fields)
    for skill_id in dict.fromkeys(skill_ids):
        records.insert_row(m.LearningSkill, activity=activity_id, skill=skill_id)
    return records.added(m.LearningActivity, activity_id, changes)


def update_activity(
    activity_id: int, *, skill_ids: Sequence[int] | None = None, **values: Any
) -> Done:
    """Change an activity's fields and, when given, the skills it builds.

    A link to a skill kept stays the same row; undo puts back the fields and
    the links that were removed, with their ids.
    """
    if "goal_id" in values:
        values["goal"] = values.pop("goal_id")
    _check_activity(values)
    activity = m.LearningActivity.get_by_id(activity_id)
    start = values.get("start_date", activity.start_date)
    end = values.get("end_date", activity.end_date)
    if start and end and end < start:
        raise SkillError("A learning activity cannot end before it starts.")
    currency = values.get("currency", activity.currency)
    if values.get("cost_minor") is not None and not currency:
        values["currency"] = _home_currency()  # money is always stored with its currency
    steps = [records.update(m.LearningActivity, activity_id, **values)] if values else []
    if skill_ids is not None:
        wanted = list(dict.fromkeys(skill_ids))
        links = _links(activity_id)
        steps += [records.delete(m.LearningSkill, x.id) for x in links if x.skill_id not in wanted]
        have = {x.skill_id for x in links}
        steps += [
            records.create(m.LearningSkill, activity=activity_id, skill=skill_id)
            for skill_id in wanted
            if skill_id not in have
        ]
    return in_order(steps)


def delete_activity(activity_id: int) -> Done:
    """Delete a learning activity and its links to skills."""
    return records.delete(m.LearningActivity, activity_id)


def complete_activity(
    activity_id: int,
    today: dt.date,
    raise_levels: Mapping[int, int] | None = None,
    note: str = "",
) -> Done:
    """Mark an activity done today and raise the levels the user accepted, as one write.

    The end date becomes today unless it already lies in the past (a start
    in the future moves to today too). `raise_levels` maps skill ids to their
    new current level (see level_offers); each is kept in the skill's history
    with `note`.
    """
    activity = m.LearningActivity.get_by_id(activity_id)
    values: dict[str, Any] = {"status": "done"}
    if activity.end_date is None or activity.end_date > today:
        values["end_date"] = today
    if activity.start_date is not None and activity.start_date > today:
        values["start_date"] = today
    steps = [records.update(m.LearningActivity, activity_id, **values)]
    for skill_id, level in (raise_levels or {}).items():
        steps.append(set_level(skill_id, level, today, note))
    return in_order(steps)


@dataclass(frozen=True)
class PlannedGap:
    """What plan_gap made."""

    activity_id: int | None
    step_id: int | None
    created_skill_id: int | None
    goal_skill_id: int | None = None  # the goal's link to the skill, when plan_gap made it


def _gap_skill(requirement_id: int | None, skill_id: int | None) -> tuple[m.Skill, list[Done]]:
    """The inventory skill a gap is about; a requirement without one gets a new skill."""
    if skill_id is not None:
        return m.Skill.get_by_id(skill_id), []
    if requirement_id is None:
        raise SkillError("Plan a gap of a requirement or a skill.")
    req = m.RoleRequirement.get_by_id(requirement_id)
    if req.skill_id is not None:
        return req.skill, []
    element = req.onet_element_id
    added = records.create(
        m.Skill,
        name=req.name,
        kind=catalogue.skill_kind(element) if element else "hard",
        category="O*NET" if element else "",
        onet_element_id=element,
    )
    linked = records.update(m.RoleRequirement, requirement_id, skill=added.value)
    return m.Skill.get_by_id(added.value), [added, linked]


def plan_gap(
    requirement_id: int | None = None,
    *,
    skill_id: int | None = None,
    today: dt.date,
    goal_id: int | None = None,
    as_step: bool = False,
) -> Done:
    """Turn a gap into a planned learning activity (or, with `as_step`, a step of `goal_id`).

    The activity is titled after the skill and level to reach, starts today,
    runs a quarter and builds that skill; a step is due in a quarter and the
    goal is linked to the skill. `value` is a PlannedGap. Undo removes all it
    made, including a skill it had to add for an unlinked requirement.
    """
    if as_step and goal_id is None:
        raise SkillError("A step needs the goal it belongs to.")
    skill, steps = _gap_skill(requirement_id, skill_id)
    created = steps[0].value if steps else None
    level = None
    if requirement_id is not None:
        level = m.RoleRequirement.get_by_id(requirement_id).required_level
    elif skill.target_level is not None:
        level = float(skill.target_level)
    to_reach = f" to level {level:g}" if level is not None else ""
    due = today + dt.timedelta(days=PLANNED_DAYS)
    if as_step:
        # As any new step: last in its goal, its first due date kept as the baseline.
        step = goals.create_step(goal_id, f"Build {skill.name}{to_reach}", due)
        step_id = step.value
        steps.append(step)
        link_id = None
        if (
            not m.GoalSkill.select()
            .where((m.GoalSkill.goal == goal_id) & (m.GoalSkill.skill == skill.id))
            .exists()
        ):
            link = records.create(m.GoalSkill, goal=goal_id, skill=skill.id)
            link_id = link.value
            steps.append(link)
        planned = PlannedGap(None, step_id, created, link_id)
    else:
        activity = add_activity(
            f"Learn {skill.name}{to_reach}",
            kind="course",
            status="planned",
            start_date=today,
            end_date=due,
            goal_id=goal_id,
            skill_ids=[skill.id],
        )
        steps.append(activity)
        planned = PlannedGap(activity.value, None, created)
    return in_order(steps, planned)
