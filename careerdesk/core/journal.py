"""The journal: check-ins that snapshot every goal's progress, achievements and feedback."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import fn

from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.core.goals import progress_by_goal
from careerdesk.core.health import health_by_goal

PERIOD_DAYS = {"monthly": 30, "quarterly": 91, "yearly": 365}


def create_checkin(
    day: dt.date, *, today: dt.date | None = None, **values: Any
) -> tuple[int, Changes]:
    """Record a check-in on `day` with a snapshot of every goal not archived.

    The snapshot is each goal's progress and health as they stand when the
    check-in is written (a check-in dated in the past records them as of now).
    """
    for rating in ("wellbeing", "work_life_balance"):
        value = values.get(rating)
        if value is not None and not 1 <= value <= 5:
            raise ValueError(f"{rating.replace('_', ' ').capitalize()} is rated 1 to 5.")
    if values.get("period", "quarterly") not in m.CHECKIN_PERIODS:
        raise ValueError(f"A check-in period is one of {', '.join(m.CHECKIN_PERIODS)}.")
    shares = progress_by_goal()
    health = health_by_goal(today or day)
    with m.database_proxy.atomic():
        checkin = m.CheckIn.create(date=day, **values)
        goals = m.Goal.select().where(m.Goal.archived == False)  # noqa: E712
        m.CheckInGoal.insert_many(
            [
                {
                    "checkin": checkin.id,
                    "goal": g.id,
                    "progress": shares.get(g.id, 0.0),
                    "status": g.status,
                    "health": health.get(g.id, ""),
                    "measure_current": g.measure_current,
                }
                for g in goals
            ]
        ).execute()
    return checkin.id, Changes(journal=True)


def checkins() -> list[m.CheckIn]:
    """Check-ins, newest first."""
    return list(m.CheckIn.select().order_by(m.CheckIn.date.desc(), m.CheckIn.id.desc()))


def snapshots(checkin_id: int) -> list[m.CheckInGoal]:
    return list(
        m.CheckInGoal.select(m.CheckInGoal, m.Goal)
        .join(m.Goal)
        .where(m.CheckInGoal.checkin == checkin_id)
        .order_by(m.Goal.title)
    )


def next_checkin_date(today: dt.date) -> dt.date:
    """When the next check-in is due: the last one plus the profile's period (or today)."""
    last = m.CheckIn.select(m.CheckIn.date).order_by(m.CheckIn.date.desc()).first()
    profile = m.Profile.select(m.Profile.checkin_period).first()
    period = PERIOD_DAYS.get(profile.checkin_period if profile else "quarterly", 91)
    return last.date + dt.timedelta(days=period) if last else today


def achievements() -> list[m.Achievement]:
    return list(m.Achievement.select().order_by(m.Achievement.date.desc()))


def feedback() -> list[m.Feedback]:
    return list(m.Feedback.select().order_by(m.Feedback.date.desc()))


def get_checkin(checkin_id: int) -> m.CheckIn:
    return m.CheckIn.get_by_id(checkin_id)


@dataclass(frozen=True)
class TrendPoint:
    """One check-in on the "over time" chart."""

    date: dt.date
    wellbeing: int | None
    work_life_balance: int | None
    mean_progress: float | None  # mean of the goals' progress snapshotted then (0..1)


def trend() -> list[TrendPoint]:
    """Wellbeing, balance and mean goal progress at each check-in, oldest first."""
    means = dict(
        m.CheckInGoal.select(m.CheckInGoal.checkin_id, fn.AVG(m.CheckInGoal.progress))
        .group_by(m.CheckInGoal.checkin_id)
        .tuples()
    )
    return [
        TrendPoint(c.date, c.wellbeing, c.work_life_balance, means.get(c.id))
        for c in m.CheckIn.select().order_by(m.CheckIn.date, m.CheckIn.id)
    ]


@dataclass(frozen=True)
class GoalReview:
    """A goal as a new check-in reviews it: where it stands and what moved since the last."""

    goal_id: int
    title: str
    progress: float
    health: str
    previous: float | None  # progress at the last check-in, None if not snapshotted then


def review(today: dt.date) -> list[GoalReview]:
    """Every goal not archived, with its progress now and at the last check-in."""
    shares = progress_by_goal()
    health = health_by_goal(today)
    last = m.CheckIn.select(m.CheckIn.id).order_by(m.CheckIn.date.desc(), m.CheckIn.id.desc())
    last_id = last.scalar()
    before = dict(
        m.CheckInGoal.select(m.CheckInGoal.goal_id, m.CheckInGoal.progress)
        .where(m.CheckInGoal.checkin == last_id)
        .tuples()
    )
    goals = (
        m.Goal.select(m.Goal.id, m.Goal.title)
        .where(m.Goal.archived == False)  # noqa: E712
        .order_by(m.Goal.target_date, m.Goal.id)
        .tuples()
    )
    return [
        GoalReview(gid, title, shares.get(gid, 0.0), health.get(gid, ""), before.get(gid))
        for gid, title in goals
    ]
