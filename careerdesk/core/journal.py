"""Check-ins: the snapshot they take, what moved since the last one, the plan changes
made at the review, and the cadence that says when the next one is due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from peewee import fn

from careerdesk.core import models as m
from careerdesk.core import records, vocabulary
from careerdesk.core.goals import CLOSED_STATUSES, progress_by_goal
from careerdesk.core.health import health_by_goal
from careerdesk.core.operation import Done, in_order
from careerdesk.core.profile import write_profile

if TYPE_CHECKING:  # the Overview reads check-ins at start-up; the Plan's moves wait
    from careerdesk.core.adjustments import Adjustment

PERIOD_DAYS = {"monthly": 30, "quarterly": 91, "yearly": 365}
# A custom cadence is stored as "custom:N" (every N days) in the same text column.
CUSTOM = "custom"
# The heading of what a review changed in the plan, kept in the check-in's notes.
CHANGED_HEADING = "Changed at this review:"


def period_days(period: str) -> int:
    """How many days a check-in period lasts; refuses an unknown one."""
    if period in PERIOD_DAYS:
        return PERIOD_DAYS[period]
    kind, _, days = period.partition(":")
    if kind == CUSTOM and days.isdigit() and 1 <= int(days) <= 730:
        return int(days)
    raise ValueError("A check-in period is monthly, quarterly, yearly or every 1 to 730 days.")


def period_words(period: str) -> str:
    """A period in English words, untranslated: "Quarterly", "Every 45 days", "Every day"."""
    if period.startswith(CUSTOM + ":"):
        days = period_days(period)
        return "Every day" if days == 1 else f"Every {days} days"
    return vocabulary.label_words(period)


def custom_period(days: int) -> str:
    """The stored key of "every `days` days"."""
    key = f"{CUSTOM}:{days}"
    period_days(key)
    return key


def _check_ratings(wellbeing: int | None, balance: int | None) -> None:
    for name, value in (("Wellbeing", wellbeing), ("Work-life balance", balance)):
        if value is not None and not 1 <= value <= 5:
            raise ValueError(f"{name} is rated 1 to 5.")


@dataclass(frozen=True)
class CheckInEntry:
    """What the user wrote at a check-in."""

    day: dt.date
    period: str = "quarterly"
    wellbeing: int | None = None
    work_life_balance: int | None = None
    went_well: str = ""
    not_well: str = ""
    learned: str = ""
    will_change: str = ""
    goal_notes: dict[int, str] = field(default_factory=dict)  # goal id -> comment


def compose_reflection(went_well: str, not_well: str, learned: str) -> str:
    """The reflection as stored: one paragraph per question answered."""
    parts = [
        (head, text.strip())
        for head, text in (
            ("Went well", went_well),
            ("Did not go well", not_well),
            ("Learned", learned),
        )
        if text.strip()
    ]
    return "\n\n".join(f"{head}: {text}" for head, text in parts)


def _insert_checkin(
    entry: CheckInEntry, reflection: str, changed: Sequence[str], today: dt.date
) -> Done:
    shares = progress_by_goal()
    health = health_by_goal(today)
    notes = "\n".join([CHANGED_HEADING, *(f"• {line}" for line in changed)]) if changed else ""
    with m.database_proxy.atomic():
        checkin = m.CheckIn.create(
            date=entry.day,
            period=entry.period,
            reflection=reflection,
            wellbeing=entry.wellbeing,
            work_life_balance=entry.work_life_balance,
            next_actions=entry.will_change.strip(),
            notes=notes,
        )
        goals = m.Goal.select().where(m.Goal.archived == False)  # noqa: E712
        rows = [
            {
                "checkin": checkin.id,
                "goal": g.id,
                "progress": shares.get(g.id, 0.0),
                "status": g.status,
                "health": health.get(g.id, ""),
                "measure_current": g.measure_current,
                "note": entry.goal_notes.get(g.id, "").strip(),
                "uuid": m.new_uuid(),
                "created_at": m.utc_now(),
                "updated_at": m.utc_now(),
            }
            for g in goals
        ]
        if rows:
            m.CheckInGoal.insert_many(rows).execute()
    return records.added(m.CheckIn, checkin.id, records.changes_for(m.CheckIn, m.CheckInGoal))


def record_checkin(
    entry: CheckInEntry, changes: Sequence[Adjustment] = (), *, today: dt.date
) -> Done:
    """The whole check-in as one write: the plan changes first, then the check-in.

    Its snapshot (each goal not archived: progress, health, status, measure,
    the user's comment) records the plan as the review left it, and its notes
    list what the review changed. `value` is the check-in's id.
    """
    from careerdesk.core import adjustments

    _check_ratings(entry.wellbeing, entry.work_life_balance)
    period_days(entry.period)
    steps: list[Done] = []
    said: list[str] = []
    for adj in changes:
        done = adjustments.apply(adj, today)
        if done.changes:
            steps.append(done)
            said.append(done.value)
    reflection = compose_reflection(entry.went_well, entry.not_well, entry.learned)
    created = _insert_checkin(entry, reflection, said, today)
    return in_order([*steps, created], created.value)


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


def get_checkin(checkin_id: int) -> m.CheckIn:
    return m.CheckIn.get_by_id(checkin_id)


def changed_at(checkin: m.CheckIn) -> list[str]:
    """What the review of this check-in changed in the plan, one sentence each."""
    lines = checkin.notes.splitlines()
    if not lines or lines[0] != CHANGED_HEADING:
        return []
    return [line.removeprefix("• ") for line in lines[1:] if line.strip()]


# --- cadence --------------------------------------------------------------------


def checkin_period() -> str:
    """The profile's check-in cadence (quarterly when not set)."""
    profile = m.Profile.select(m.Profile.checkin_period).order_by(m.Profile.id).first()
    period = profile.checkin_period if profile else "quarterly"
    try:
        period_days(period)
    except ValueError:
        return "quarterly"
    return period


def set_checkin_period(period: str) -> Done:
    """Set how often the user checks in; undo sets the previous cadence."""
    period_days(period)
    return write_profile(checkin_period=period)


@dataclass(frozen=True)
class NextCheckIn:
    day: dt.date
    period: str
    last: dt.date | None  # the last check-in, None before the first


def next_checkin(today: dt.date) -> NextCheckIn:
    """When the next check-in is due: the last one plus the cadence (today before the first)."""
    last = m.CheckIn.select(m.CheckIn.date).order_by(m.CheckIn.date.desc()).first()
    period = checkin_period()
    if last is None:
        return NextCheckIn(today, period, None)
    return NextCheckIn(last.date + dt.timedelta(days=period_days(period)), period, last.date)


def next_checkin_date(today: dt.date) -> dt.date:
    return next_checkin(today).day


# --- the trend chart ------------------------------------------------------------


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


# --- the review -----------------------------------------------------------------


@dataclass(frozen=True)
class OpenStep:
    step_id: int
    title: str
    due_date: dt.date | None


@dataclass(frozen=True)
class GoalReview:
    """A goal as a new check-in reviews it: where it stands and what moved since the last."""

    goal_id: int
    title: str
    progress: float
    health: str
    previous: float | None  # progress at the last check-in, None if not snapshotted then
    status: str = "active"
    previous_status: str | None = None
    start_date: dt.date | None = None
    target_date: dt.date | None = None
    measure_name: str = ""
    measure_unit: str = ""
    measure_current: float | None = None
    previous_measure: float | None = None
    done_since: tuple[str, ...] = ()  # titles of the steps done since the last check-in
    open_steps: tuple[OpenStep, ...] = ()

    @property
    def moved(self) -> float | None:
        """Progress gained since the last check-in (0..1), None for a goal new since."""
        return None if self.previous is None else self.progress - self.previous


def review(today: dt.date) -> list[GoalReview]:
    """Every goal still pursued (not archived, done or abandoned), with its progress now
    and at the last check-in, and the steps done since."""
    shares = progress_by_goal()
    health = health_by_goal(today)
    last = (
        m.CheckIn.select(m.CheckIn.id, m.CheckIn.date)
        .order_by(m.CheckIn.date.desc(), m.CheckIn.id.desc())
        .first()
    )
    before = {
        s.goal_id: s
        for s in m.CheckInGoal.select().where(m.CheckInGoal.checkin == (last.id if last else None))
    }
    goals = list(
        m.Goal.select()
        .where(m.Goal.archived == False, m.Goal.status.not_in(CLOSED_STATUSES))  # noqa: E712
        .order_by(m.Goal.target_date, m.Goal.id)
    )
    ids = [g.id for g in goals]
    done_since: dict[int, list[str]] = {}
    open_steps: dict[int, list[OpenStep]] = {}
    for step in m.Step.select().where(m.Step.goal.in_(ids)).order_by(m.Step.position, m.Step.id):
        if step.done_date is None:
            open_steps.setdefault(step.goal_id, []).append(
                OpenStep(step.id, step.title, step.due_date)
            )
        elif last is None or step.done_date > last.date:
            done_since.setdefault(step.goal_id, []).append(step.title)
    reviews = []
    for g in goals:
        snap = before.get(g.id)
        reviews.append(
            GoalReview(
                goal_id=g.id,
                title=g.title,
                progress=shares.get(g.id, 0.0),
                health=health.get(g.id, ""),
                previous=snap.progress if snap else None,
                status=g.status,
                previous_status=snap.status if snap else None,
                start_date=g.start_date,
                target_date=g.target_date,
                measure_name=g.measure_name,
                measure_unit=g.measure_unit,
                measure_current=g.measure_current,
                previous_measure=snap.measure_current if snap else None,
                done_since=tuple(done_since.get(g.id, ())),
                open_steps=tuple(open_steps.get(g.id, ())),
            )
        )
    return reviews
