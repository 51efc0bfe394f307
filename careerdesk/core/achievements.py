"""Achievements (situation, task, action, result, metric) and feedback: write, edit, delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import peewee as pw

from careerdesk.core import adjustments, records
from careerdesk.core import models as m
from careerdesk.core.operation import Done, in_order, nothing_done
from careerdesk.core.vocabulary import FEEDBACK_KINDS, LEGACY_FEEDBACK_KINDS

# Schema 2 has no column for an achievement's task (STAR) nor for feedback's
# agreed actions: the first is kept in achievement.notes, the second in
# feedback.notes (one action a line), which no other screen writes.


@dataclass(frozen=True)
class AchievementInput:
    date: dt.date
    title: str
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    metric: str = ""
    goal_id: int | None = None
    skill_ids: tuple[int, ...] = ()
    evidence: bool = False  # counts as evidence for each linked skill


@dataclass(frozen=True)
class FeedbackInput:
    date: dt.date
    text: str
    kind: str = "manager_review"
    giver: str = ""
    contact_id: int | None = None
    goal_id: int | None = None
    skill_ids: tuple[int, ...] = ()
    actions: tuple[str, ...] = ()  # agreed actions; each new one becomes a step of the goal


def _check_achievement(entry: AchievementInput) -> None:
    if not entry.title.strip():
        raise ValueError("An achievement needs a title.")


def _achievement_values(entry: AchievementInput) -> dict[str, object]:
    return {
        "date": entry.date,
        "title": entry.title.strip(),
        "situation": entry.situation.strip(),
        "notes": entry.task.strip(),
        "action": entry.action.strip(),
        "result": entry.result.strip(),
        "metric": entry.metric.strip(),
        "goal": entry.goal_id,
    }


def _links(
    link_model: type[m.BaseModel], owner: str, owner_id: int, skill_ids: Iterable[int]
) -> list[Done]:
    """Make the skill links of a record exactly `skill_ids`."""
    owner_field = getattr(link_model, owner)
    have = {link.skill_id: link.id for link in link_model.select().where(owner_field == owner_id)}
    wanted = list(dict.fromkeys(skill_ids))
    steps = [records.delete(link_model, lid) for sid, lid in have.items() if sid not in wanted]
    steps += [
        records.create(link_model, **{f"{owner}_id": owner_id, "skill_id": sid})
        for sid in wanted
        if sid not in have
    ]
    return steps


def _evidence(achievement_id: int, entry: AchievementInput) -> list[Done]:
    """Evidence rows from this achievement: one per linked skill while it counts."""
    have = {
        e.skill_id: e for e in m.Evidence.select().where(m.Evidence.achievement == achievement_id)
    }
    wanted = set(entry.skill_ids) if entry.evidence else set()
    steps = [records.delete(m.Evidence, e.id) for sid, e in have.items() if sid not in wanted]
    for sid in entry.skill_ids:
        if sid not in wanted:
            continue
        values = {"title": entry.title.strip(), "date": entry.date}
        if sid in have:
            steps.append(records.update(m.Evidence, have[sid].id, **values))
        else:
            steps.append(
                records.create(
                    m.Evidence,
                    skill_id=sid,
                    kind="achievement",
                    achievement_id=achievement_id,
                    **values,
                )
            )
    return steps


def add_achievement(entry: AchievementInput) -> Done:
    """A new achievement with its skills (and evidence); `value` is its id."""
    _check_achievement(entry)
    created = records.create(m.Achievement, **_achievement_values(entry))
    aid = created.value
    steps = [created, *_links(m.AchievementSkill, "achievement", aid, entry.skill_ids)]
    steps += _evidence(aid, entry)
    return in_order(steps, aid)


def update_achievement(achievement_id: int, entry: AchievementInput) -> Done:
    """Change an achievement, its skills and whether it counts as evidence."""
    _check_achievement(entry)
    steps = [records.update(m.Achievement, achievement_id, **_achievement_values(entry))]
    steps += _links(m.AchievementSkill, "achievement", achievement_id, entry.skill_ids)
    steps += _evidence(achievement_id, entry)
    steps = [s for s in steps if s.changes]
    return in_order(steps, achievement_id) if steps else nothing_done(achievement_id)


def delete_achievement(achievement_id: int) -> Done:
    """Delete an achievement and the evidence it gave; undo brings both back."""
    evidence = [
        records.delete(m.Evidence, eid)
        for (eid,) in m.Evidence.select(m.Evidence.id)
        .where(m.Evidence.achievement == achievement_id)
        .tuples()
    ]
    return in_order([*evidence, records.delete(m.Achievement, achievement_id)])


def _linked_skills(link: type[m.BaseModel], owner: pw.Field, owner_id: int) -> tuple[int, ...]:
    """The skill ids an achievement or feedback is linked to, in the order they were linked."""
    query = link.select(link.skill_id).where(owner == owner_id).order_by(link.id)
    return tuple(sid for (sid,) in query.tuples())


def achievement_input(achievement_id: int) -> AchievementInput:
    """An achievement as its editor shows it."""
    a = m.Achievement.get_by_id(achievement_id)
    skills = _linked_skills(m.AchievementSkill, m.AchievementSkill.achievement, achievement_id)
    evidence = m.Evidence.select().where(m.Evidence.achievement == achievement_id).exists()
    return AchievementInput(
        a.date,
        a.title,
        a.situation,
        a.notes,
        a.action,
        a.result,
        a.metric,
        a.goal_id,
        skills,
        evidence,
    )


@dataclass(frozen=True)
class AchievementRow:
    achievement_id: int
    date: dt.date
    title: str
    situation: str
    task: str
    action: str
    result: str
    metric: str
    goal: str
    skills: tuple[str, ...]
    evidence: bool


def _skill_names(link_model: type[m.BaseModel], owner: str) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    owner_col = getattr(link_model, f"{owner}_id")
    for oid, name in (
        link_model.select(owner_col, m.Skill.name).join(m.Skill).order_by(m.Skill.name).tuples()
    ):
        names.setdefault(oid, []).append(name)
    return names


def _filtered(
    query: object,
    model: type[m.BaseModel],
    link: type[m.BaseModel],
    owner: str,
    skill_id: int | None,
    goal_id: int | None,
) -> object:
    if goal_id is not None:
        query = query.where(model.goal == goal_id)
    if skill_id is not None:
        owner_col = getattr(link, f"{owner}_id")
        query = query.where(model.id.in_(link.select(owner_col).where(link.skill == skill_id)))
    return query


def achievements(
    *, skill_id: int | None = None, goal_id: int | None = None, since: dt.date | None = None
) -> list[AchievementRow]:
    """Achievements, newest first, of one skill or goal when given."""
    query = m.Achievement.select(m.Achievement, m.Goal).join(
        m.Goal, on=(m.Achievement.goal == m.Goal.id), join_type=pw.JOIN.LEFT_OUTER
    )
    query = _filtered(query, m.Achievement, m.AchievementSkill, "achievement", skill_id, goal_id)
    if since is not None:
        query = query.where(m.Achievement.date >= since)
    skills = _skill_names(m.AchievementSkill, "achievement")
    proof = {
        aid
        for (aid,) in m.Evidence.select(m.Evidence.achievement_id)
        .where(m.Evidence.achievement.is_null(False))
        .tuples()
    }
    return [
        AchievementRow(
            a.id,
            a.date,
            a.title,
            a.situation,
            a.notes,
            a.action,
            a.result,
            a.metric,
            a.goal.title if a.goal_id else "",
            tuple(skills.get(a.id, ())),
            a.id in proof,
        )
        for a in query.order_by(m.Achievement.date.desc(), m.Achievement.id.desc())
    ]


# --- feedback -------------------------------------------------------------------


def _check_feedback(entry: FeedbackInput) -> None:
    if not entry.text.strip():
        raise ValueError("Write down what was said first.")
    if entry.kind not in FEEDBACK_KINDS + LEGACY_FEEDBACK_KINDS:
        raise ValueError(f"Feedback is one of: {', '.join(FEEDBACK_KINDS)}.")
    if entry.contact_id is None and not entry.giver.strip():
        raise ValueError("Say who gave the feedback: pick a contact or type a name.")
    if any(a.strip() for a in entry.actions) and entry.goal_id is None:
        raise ValueError("Agreed actions become steps of a goal: pick the goal first.")


def _feedback_values(entry: FeedbackInput) -> dict[str, object]:
    giver = entry.giver.strip()
    if entry.contact_id is not None and not giver:
        giver = m.Contact.get_by_id(entry.contact_id).full_name
    return {
        "date": entry.date,
        "text": entry.text.strip(),
        "kind": entry.kind,
        "giver": giver,
        "contact": entry.contact_id,
        "goal": entry.goal_id,
        "notes": "\n".join(a.strip() for a in entry.actions if a.strip()),
    }


def _new_action_steps(entry: FeedbackInput, already: Iterable[str]) -> list[Done]:
    """Each agreed action not agreed before becomes a step of the feedback's goal."""
    seen = {a.strip() for a in already}
    return [
        adjustments.add_step(entry.goal_id, action.strip(), None)
        for action in dict.fromkeys(a.strip() for a in entry.actions if a.strip())
        if action not in seen
    ]


def add_feedback(entry: FeedbackInput) -> Done:
    """New feedback; its agreed actions become steps of its goal. `value` is its id."""
    _check_feedback(entry)
    created = records.create(m.Feedback, **_feedback_values(entry))
    fid = created.value
    steps = [created, *_links(m.FeedbackSkill, "feedback", fid, entry.skill_ids)]
    steps += _new_action_steps(entry, ())
    return in_order(steps, fid)


def update_feedback(feedback_id: int, entry: FeedbackInput) -> Done:
    """Change feedback; actions added since become steps (earlier steps stay as they are)."""
    _check_feedback(entry)
    before = m.Feedback.get_by_id(feedback_id).notes.splitlines()
    steps = [records.update(m.Feedback, feedback_id, **_feedback_values(entry))]
    steps += _links(m.FeedbackSkill, "feedback", feedback_id, entry.skill_ids)
    steps += _new_action_steps(entry, before)
    steps = [s for s in steps if s.changes]
    return in_order(steps, feedback_id) if steps else nothing_done(feedback_id)


def delete_feedback(feedback_id: int) -> Done:
    """Delete feedback; the steps it led to stay in the plan. Undo brings it back."""
    return records.delete(m.Feedback, feedback_id)


def feedback_input(feedback_id: int) -> FeedbackInput:
    f = m.Feedback.get_by_id(feedback_id)
    skills = _linked_skills(m.FeedbackSkill, m.FeedbackSkill.feedback, feedback_id)
    return FeedbackInput(
        f.date,
        f.text,
        f.kind,
        f.giver if f.contact_id is None else "",
        f.contact_id,
        f.goal_id,
        skills,
        tuple(f.notes.splitlines()),
    )


@dataclass(frozen=True)
class FeedbackRow:
    feedback_id: int
    date: dt.date
    giver: str
    kind: str
    text: str
    goal: str
    skills: tuple[str, ...]
    actions: tuple[str, ...] = field(default=())


def feedback(*, skill_id: int | None = None, goal_id: int | None = None) -> list[FeedbackRow]:
    """Feedback, newest first, about one skill or goal when given."""
    query = m.Feedback.select(m.Feedback, m.Goal).join(
        m.Goal, on=(m.Feedback.goal == m.Goal.id), join_type=pw.JOIN.LEFT_OUTER
    )
    query = _filtered(query, m.Feedback, m.FeedbackSkill, "feedback", skill_id, goal_id)
    skills = _skill_names(m.FeedbackSkill, "feedback")
    return [
        FeedbackRow(
            f.id,
            f.date,
            f.giver,
            f.kind,
            f.text,
            f.goal.title if f.goal_id else "",
            tuple(skills.get(f.id, ())),
            tuple(f.notes.splitlines()),
        )
        for f in query.order_by(m.Feedback.date.desc(), m.Feedback.id.desc())
    ]


def skill_choices() -> list[tuple[int, str]]:
    return list(m.Skill.select(m.Skill.id, m.Skill.name).order_by(m.Skill.name).tuples())


def goal_choices() -> list[tuple[int, str]]:
    return list(
        m.Goal.select(m.Goal.id, m.Goal.title)
        .where(m.Goal.archived == False)  # noqa: E712
        .order_by(m.Goal.title)
        .tuples()
    )


def contact_choices() -> list[tuple[int, str]]:
    rows = (
        m.Contact.select(m.Contact.id, m.Contact.first_name, m.Contact.last_name)
        .where(m.Contact.archived == False)  # noqa: E712
        .order_by(m.Contact.last_name, m.Contact.first_name)
        .tuples()
    )
    return [(cid, " ".join(p for p in (first, last) if p)) for cid, first, last in rows]
