"""Goal health: on track, at risk or late, from progress against elapsed time."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from careerdesk.core import models as m
from careerdesk.core.goals import CLOSED_STATUSES, progress_by_goal

ON_TRACK, AT_RISK, LATE, CLOSED = "on_track", "at_risk", "late", "closed"
HEALTHS = (ON_TRACK, AT_RISK, LATE, CLOSED)
# The one order of healths (tree sorting, timeline styles, reports): open and best first.
HEALTH_ORDER = HEALTHS


def health_rank(health: str) -> int:
    """A health's place in HEALTH_ORDER; an unknown one ranks as on track."""
    return HEALTH_ORDER.index(health) if health in HEALTH_ORDER else 0


# How far progress may trail the share of time elapsed before a goal is at risk.
DEFAULT_SLACK = 0.25


def expected_progress(start: dt.date, target: dt.date, today: dt.date) -> float:
    """The share of the goal's time that has passed (0 before start, 1 on the target day)."""
    if today < start:
        return 0.0
    span = (target - start).days + 1  # the target day is inclusive
    return min(1.0, ((today - start).days + 1) / span)


def goal_health(
    *,
    status: str,
    start: dt.date,
    target: dt.date,
    progress: float,
    overdue_steps: int,
    today: dt.date,
    slack: float = DEFAULT_SLACK,
) -> str:
    """The health rule.

    - closed: the goal is done or abandoned;
    - late: its target date has passed without it being done;
    - at risk: a step is overdue, or progress trails the share of time
      elapsed by more than `slack` (25 points by default);
    - on track: otherwise (goals on hold are judged the same way, so holding
      a goal does not hide that its dates no longer hold).
    """
    if status in CLOSED_STATUSES:
        return CLOSED
    if today > target:
        return LATE
    if overdue_steps > 0 or progress < expected_progress(start, target, today) - slack:
        return AT_RISK
    return ON_TRACK


def health_by_goal(
    today: dt.date, slack: float = DEFAULT_SLACK, goal_ids: Iterable[int] | None = None
) -> dict[int, str]:
    """The health of every goal (or of `goal_ids` only), in four queries."""
    ids = None if goal_ids is None else list(goal_ids)
    overdue_query = m.Step.select(m.Step.goal_id).where(
        m.Step.done_date.is_null(), m.Step.due_date < today
    )
    goal_query = m.Goal.select(m.Goal.id, m.Goal.status, m.Goal.start_date, m.Goal.target_date)
    shares = progress_by_goal(ids)
    if ids is not None:
        overdue_query = overdue_query.where(m.Step.goal.in_(ids))
        goal_query = goal_query.where(m.Goal.id.in_(ids))
    overdue = Counter(goal_id for (goal_id,) in overdue_query.tuples())
    return {
        goal_id: goal_health(
            status=status,
            start=start,
            target=target,
            progress=shares.get(goal_id, 0.0),
            overdue_steps=overdue.get(goal_id, 0),
            today=today,
            slack=slack,
        )
        for goal_id, status, start, target in goal_query.tuples()
    }
