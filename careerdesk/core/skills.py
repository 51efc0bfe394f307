"""The skill inventory: skills, their levels over time and the evidence behind them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import peewee as pw

from careerdesk.core import models as m
from careerdesk.core import records
from careerdesk.core.operation import Done, in_order, nothing_done
from careerdesk.core.vocabulary import EVIDENCE_KINDS, SKILL_KINDS

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

# The fields of a skill the inventory edits in place (its current level goes by set_level).
EDITABLE_FIELDS = ("name", "kind", "category", "description", "target_level", "priority", "notes")


class SkillError(ValueError):
    """Input a skill function cannot accept; the message is meant for the user."""


def check_level(level: float | None, what: str = "Level", *, whole: bool = True) -> None:
    """Refuse a level outside 0-5 (or, with `whole`, one that is not a whole number)."""
    if level is None:
        return
    if not 0 <= level <= 5 or (whole and level != int(level)):
        kind = "a whole number" if whole else "a number"
        raise SkillError(f"{what} must be {kind} from 0 to 5, not {level}.")


def _check_priority(priority: int) -> None:
    if priority is None or not 1 <= priority <= 5:
        raise SkillError(f"Priority must be from 1 to 5, not {priority}.")


def clean_name(name: str, what: str = "A skill") -> str:
    """The name with its spaces tidied; refused when there is nothing left."""
    name = " ".join(name.split())
    if not name:
        raise SkillError(f"{what} needs a name.")
    return name


# --- reading ------------------------------------------------------------------------


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
    columns = (
        m.Skill.id,
        m.Skill.name,
        m.Skill.kind,
        m.Skill.category,
        m.Skill.current_level,
        m.Skill.target_level,
        m.Skill.priority,
        m.Skill.onet_element_id,
        m.Skill.last_assessed,
    )
    # Tuples, not model instances: the whole inventory is read on each refresh.
    return [
        SkillRow(*values, evidence.get(values[0], 0), learning.get(values[0], 0))
        for values in query.select(*columns).tuples()
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


def level_history(skill_id: int) -> list[m.SkillLevelChange]:
    """The level changes of a skill, oldest first (progress over time)."""
    return list(
        m.SkillLevelChange.select()
        .where(m.SkillLevelChange.skill == skill_id)
        .order_by(m.SkillLevelChange.date, m.SkillLevelChange.id)
    )


def evidence_of(skill_id: int) -> list[m.Evidence]:
    """A skill's evidence, newest first (undated last)."""
    return list(
        m.Evidence.select()
        .where(m.Evidence.skill == skill_id)
        .order_by(m.Evidence.date.desc(nulls="LAST"), m.Evidence.id)
    )


def achievement_choices() -> list[tuple[int, str, dt.date]]:
    """Achievements of the journal a piece of evidence can point to, newest first."""
    query = m.Achievement.select(m.Achievement.id, m.Achievement.title, m.Achievement.date)
    return [(a.id, a.title, a.date) for a in query.order_by(m.Achievement.date.desc())]


# --- writing (each returns Done; its undo is the operation that takes it back) -------


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
) -> Done:
    """Add a skill (value: its id); an initial current level goes in its history as of `today`."""
    name = clean_name(name)
    if kind not in SKILL_KINDS:
        raise SkillError(f"A skill is hard or soft, not {kind!r}.")
    check_level(current_level, "Current level")
    check_level(target_level, "Target level")
    _check_priority(priority)
    if current_level is not None and today is None:
        raise SkillError("A current level needs the date it was assessed.")
    skill_id, changes = records.insert_row(
        m.Skill,
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
        records.insert_row(
            m.SkillLevelChange, skill=skill_id, date=today, old_level=None, new_level=current_level
        )
    # Undo deletes the skill with its history row; redo brings both back, same ids.
    return records.added(m.Skill, skill_id, changes)


def update_skill(skill_id: int, **values: Any) -> Done:
    """Change fields of a skill other than its current level (see set_level)."""
    if "current_level" in values:
        raise SkillError("Change a skill's current level with set_level, to keep its history.")
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise SkillError(f"A skill has no field {', '.join(sorted(unknown))} to change.")
    if "name" in values:
        values["name"] = clean_name(values["name"])
    if "kind" in values and values["kind"] not in SKILL_KINDS:
        raise SkillError(f"A skill is hard or soft, not {values['kind']!r}.")
    check_level(values.get("target_level"), "Target level")
    if "priority" in values:
        _check_priority(values["priority"])
    return records.update(m.Skill, skill_id, **values)


def set_level(skill_id: int, level: int | None, today: dt.date, note: str = "") -> Done:
    """Set a skill's current level as assessed `today`, keeping the change in its history.

    `value` is the id of the history row; the same level again is nothing
    done. None as level means "not assessed". Undo puts back the old level
    and assessment date and removes the history row.
    """
    check_level(level, "Current level")
    skill = m.Skill.get_by_id(skill_id)
    if skill.current_level == level:
        return nothing_done()
    history = records.create(
        m.SkillLevelChange,
        skill=skill_id,
        date=today,
        old_level=skill.current_level,
        new_level=level,
        note=note,
    )
    assessed = records.update(
        m.Skill,
        skill_id,
        current_level=level,
        last_assessed=today if level is not None else None,
    )
    return in_order([history, assessed], history.value)


def delete_skill(skill_id: int) -> Done:
    """Delete a skill with its history, evidence and links; requirements keep their name."""
    return records.delete(m.Skill, skill_id)


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
) -> Done:
    """Record proof of a skill: a project, certificate, feedback or journal achievement."""
    title = clean_name(title, "Evidence")
    if kind not in EVIDENCE_KINDS:
        raise SkillError(f"Unknown kind of evidence {kind!r}.")
    if date is None and achievement_id is not None:  # the journal already knows when
        date = m.Achievement.get_by_id(achievement_id).date
    return records.create(
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
