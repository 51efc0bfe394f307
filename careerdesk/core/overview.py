"""What needs attention today: overdue and upcoming steps, goals at risk, the next check-in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from careerdesk.core import goals, journal
from careerdesk.core import models as m
from careerdesk.core.health import AT_RISK, LATE, health_by_goal


@dataclass(frozen=True)
class GoalAttention:
    goal_id: int
    title: str
    health: str
    target_date: dt.date


@dataclass(frozen=True)
class Attention:
    overdue_steps: list[m.Step]
    upcoming_steps: list[m.Step]
    goals_at_risk: list[GoalAttention]
    next_checkin: dt.date
    has_goals: bool  # False on a new, empty plan


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
    return Attention(
        overdue_steps=goals.overdue_steps(today),
        upcoming_steps=goals.upcoming_steps(today),
        goals_at_risk=at_risk,
        next_checkin=journal.next_checkin_date(today),
        has_goals=m.Goal.select().where(m.Goal.archived == False).exists(),  # noqa: E712
    )
