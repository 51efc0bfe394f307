"""What needs attention today: steps overdue and coming up, goals at risk, people to reach
out to and follow up with, the next check-in, learning under way, recent achievements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from careerdesk.core import cadence, goals, journal, network
from careerdesk.core import models as m
from careerdesk.core.health import AT_RISK, LATE, health_by_goal

SOON_DAYS = 14  # "coming up" looks this far ahead
FOLLOW_UPS_SHOWN = 50  # of the overdue and of the coming ones; the rest are counted
RECENT_DAYS = 90  # achievements this recent are shown


@dataclass(frozen=True)
class GoalAttention:
    goal_id: int
    title: str
    health: str
    target_date: dt.date


@dataclass(frozen=True)
class Line:
    """One line of a list: what it opens ("step", "goal", "contact", "achievement",
    "learning"), its id, its date and the words."""

    kind: str
    record_id: int
    day: dt.date | None
    title: str
    detail: str = ""  # the goal of a step, the contact of a follow-up


@dataclass(frozen=True)
class Attention:
    overdue_steps: list[m.Step]
    upcoming_steps: list[m.Step]
    goals_at_risk: list[GoalAttention]
    next_checkin: dt.date
    has_goals: bool  # False on a new, empty plan
    # Steps and follow-ups due in the next two weeks, by date.
    coming_up: list[Line] = field(default_factory=list)
    overdue_follow_ups: list[Line] = field(default_factory=list)
    # All of them, also those beyond the FOLLOW_UPS_SHOWN listed.
    overdue_follow_up_count: int = 0
    coming_follow_up_count: int = 0
    overdue_step_count: int = 0
    upcoming_step_count: int = 0
    contacts_due: list[cadence.DueContact] = field(default_factory=list)
    contacts_due_count: int = 0  # all of them, not only the listed ones
    learning: list[Line] = field(default_factory=list)
    recent_achievements: list[Line] = field(default_factory=list)
    checkin: journal.NextCheckIn | None = None
    checkin_due: bool = False  # the next check-in is due today or overdue (after a first)
    is_empty: bool = False  # nothing at all yet: show how to start


def follow_ups(
    today: dt.date,
    days: int = SOON_DAYS,
    *,
    since: dt.date | None = None,
    limit: int | None = None,
) -> list[Line]:
    """Open interaction follow-ups due up to `days` ahead (overdue ones too unless
    `since`), by date; the first `limit`."""
    return [
        Line("contact", f.contact_id, f.date, f.summary or f.kind, f.name)
        for f in network.follow_ups(today, days, limit=limit, since=since)
    ]


def learning_in_progress(limit: int = 20) -> list[Line]:
    rows = (
        m.LearningActivity.select()
        .where(m.LearningActivity.status == "in_progress")
        .order_by(m.LearningActivity.end_date.is_null(), m.LearningActivity.end_date)
        .limit(limit)
    )
    return [Line("learning", a.id, a.end_date, a.title, a.provider) for a in rows]


def recent_achievements(today: dt.date, limit: int = 5) -> list[Line]:
    rows = (
        m.Achievement.select()
        .where(m.Achievement.date >= today - dt.timedelta(days=RECENT_DAYS))
        .order_by(m.Achievement.date.desc(), m.Achievement.id.desc())
        .limit(limit)
    )
    return [Line("achievement", a.id, a.date, a.title, a.metric) for a in rows]


def _is_empty() -> bool:
    return not any(
        model.select().exists()
        for model in (m.Goal, m.Skill, m.Contact, m.AssessmentItem, m.TargetRole, m.CheckIn)
    )


def attention(today: dt.date) -> Attention:
    """Everything the Overview tab lists, for `today`."""
    health = health_by_goal(today)
    troubled = [gid for gid, h in health.items() if h in (AT_RISK, LATE)]
    rows = (
        m.Goal.select(m.Goal.id, m.Goal.title, m.Goal.target_date)
        .where(m.Goal.id.in_(troubled), m.Goal.archived == False)  # noqa: E712
        .order_by(m.Goal.target_date)
        .tuples()
    )
    at_risk = [GoalAttention(gid, title, health[gid], target) for gid, title, target in rows]
    at_risk.sort(key=lambda g: (g.health != LATE, g.target_date))
    upcoming = goals.upcoming_steps(today, days=SOON_DAYS)
    coming = [Line("step", s.id, s.due_date, s.title, s.goal.title) for s in upcoming]
    coming += follow_ups(today, since=today, limit=FOLLOW_UPS_SHOWN)
    coming.sort(key=lambda line: (line.day, line.kind != "step"))
    checkin = journal.next_checkin(today)
    return Attention(
        overdue_steps=goals.overdue_steps(today),
        upcoming_steps=upcoming,
        goals_at_risk=at_risk,
        next_checkin=checkin.day,
        has_goals=m.Goal.select().where(m.Goal.archived == False).exists(),  # noqa: E712
        coming_up=coming,
        overdue_follow_ups=follow_ups(today, days=-1, limit=FOLLOW_UPS_SHOWN),
        overdue_follow_up_count=network.follow_up_count(today, days=-1),
        overdue_step_count=goals.overdue_step_count(today),
        upcoming_step_count=goals.upcoming_step_count(today, SOON_DAYS),
        coming_follow_up_count=network.follow_up_count(today, SOON_DAYS, since=today),
        contacts_due=cadence.reach_out_queue(today, limit=20),
        contacts_due_count=sum(cadence.due_count(today)),
        learning=learning_in_progress(),
        recent_achievements=recent_achievements(today),
        checkin=checkin,
        is_empty=_is_empty(),
        # Before the first check-in nothing is "due": the Journal invites one.
        checkin_due=checkin.last is not None and checkin.day <= today,
    )


@dataclass(frozen=True)
class Due:
    """What a reminder says is due today (counts only)."""

    overdue_steps: int
    steps_today: int
    contacts: int
    follow_ups: int
    checkin: bool

    def __bool__(self) -> bool:
        return bool(
            self.overdue_steps
            or self.steps_today
            or self.contacts
            or self.follow_ups
            or self.checkin
        )


def due_today(today: dt.date) -> Due:
    """The counts a reminder at start (and once a day) shows."""
    due, overdue = cadence.due_count(today)
    return Due(
        overdue_steps=goals.overdue_step_count(today),
        steps_today=goals.upcoming_step_count(today, days=0),
        contacts=due + overdue,
        follow_ups=network.follow_up_count(today, days=0),
        checkin=m.CheckIn.select().exists() and journal.next_checkin(today).day <= today,
    )
