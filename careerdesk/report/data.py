"""What the printed report shows, read from core in one go as plain values (no Qt, no writes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from careerdesk.core import cadence, gaps, journal, learning, plan_view, target_roles
from careerdesk.core import models as m
from careerdesk.core.catalogue import ATTRIBUTION

__all__ = ["ATTRIBUTION", "ReportData", "RoleGaps", "read_report_data"]


@dataclass(frozen=True)
class RoleGaps:
    """A target role with its gap analysis; `catalogue` when its data come from O*NET."""

    title: str
    readiness: float | None
    gaps: tuple[gaps.Gap, ...]
    catalogue: bool


@dataclass(frozen=True)
class CheckInSummary:
    date: dt.date
    period: str
    reflection: str
    next_actions: str
    wellbeing: int | None
    work_life_balance: int | None
    goals: tuple[tuple[str, float, str], ...]  # title, progress then, health then


@dataclass
class ReportData:
    """Everything the report prints, already filtered to the chosen date range."""

    today: dt.date
    name: str = ""
    headline: str = ""
    growth: str = ""
    view: plan_view.PlanView = field(default_factory=lambda: plan_view.PlanView([], [], []))
    roles: list[RoleGaps] = field(default_factory=list)
    activities: list[learning.ActivityRow] = field(default_factory=list)
    reach_out: list[cadence.DueContact] = field(default_factory=list)
    helpers: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, rel, goal, how
    checkin: CheckInSummary | None = None
    trend: list[journal.TrendPoint] = field(default_factory=list)
    assessment: list[tuple[str, str, str]] = field(default_factory=list)  # kind, text, detail
    history: list[m.CareerRole] = field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    next_checkin: dt.date | None = None

    def current_role(self) -> m.CareerRole | None:
        return next((r for r in self.history if r.end_date is None), None)

    def steps_of(self, goal_id: int) -> list[plan_view.StepRow]:
        return [s for s in self.view.steps if s.goal_id == goal_id]


def _overlaps(start: dt.date, end: dt.date, lo: dt.date | None, hi: dt.date | None) -> bool:
    return (lo is None or end >= lo) and (hi is None or start <= hi)


def _in_range(day: dt.date | None, lo: dt.date | None, hi: dt.date | None) -> bool:
    if day is None:
        return True  # an undated step belongs to its goal wherever it lies
    return (lo is None or day >= lo) and (hi is None or day <= hi)


def filtered_view(
    view: plan_view.PlanView, lo: dt.date | None, hi: dt.date | None
) -> plan_view.PlanView:
    """The goals that overlap lo..hi, their steps due in it, and the spans that overlap it."""
    goal_rows = [g for g in view.goals if _overlaps(g.start, g.target, lo, hi)]
    kept = {g.id for g in goal_rows}
    steps = [s for s in view.steps if s.goal_id in kept and _in_range(s.done or s.due, lo, hi)]
    spans = [s for s in view.spans if _overlaps(s.start, s.end, lo, hi)]
    return plan_view.PlanView(goal_rows, steps, spans)


def _roles(lo: dt.date | None, hi: dt.date | None) -> list[RoleGaps]:
    found = []
    for role in target_roles.list_roles(active_only=True):
        analysis = gaps.role_analysis(role.id)
        reqs = target_roles.requirements_of(role.id)
        catalogue = role.source == "onet" or any(r.onet_level is not None for r in reqs)
        found.append(RoleGaps(role.title, analysis.readiness, analysis.ranked, catalogue))
    return found


def _helpers(goal_ids: set[int]) -> list[tuple[str, str, str, str]]:
    query = (
        m.GoalContact.select(m.GoalContact, m.Contact, m.Goal)
        .join(m.Contact)
        .switch(m.GoalContact)
        .join(m.Goal)
        .order_by(m.Goal.target_date, m.Contact.last_name, m.Contact.first_name)
    )
    rows = []
    for link in query:
        if link.goal_id not in goal_ids:
            continue
        c = link.contact
        name = " ".join(p for p in (c.first_name, c.last_name) if p)
        rows.append((name, c.relationship, link.goal.title, link.role))
    return rows


def _checkin() -> CheckInSummary | None:
    found = journal.checkins()
    if not found:
        return None
    c = found[0]
    goals = tuple(
        (s.goal.title, s.progress, s.health)
        for s in journal.snapshots(c.id)
        if not s.goal.archived
    )
    return CheckInSummary(
        c.date, c.period, c.reflection, c.next_actions, c.wellbeing, c.work_life_balance, goals
    )


def read_report_data(
    today: dt.date, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> ReportData:
    """Read the report's data from the open database (reads only: no row is created)."""
    profile = m.Profile.select().order_by(m.Profile.id).first()
    view = filtered_view(plan_view.plan_view(today), date_from, date_to)
    activities = [
        a
        for a in learning.list_activities()
        if a.start_date is None
        or _overlaps(a.start_date, a.end_date or a.start_date, date_from, date_to)
    ]
    items = sorted(
        m.AssessmentItem.select(),
        key=lambda i: (
            m.ASSESSMENT_KINDS.index(i.kind) if i.kind in m.ASSESSMENT_KINDS else 99,
            i.position,
            i.id,
        ),
    )
    history = list(
        m.CareerRole.select().order_by(
            m.CareerRole.end_date.is_null(False), m.CareerRole.start_date.desc()
        )
    )
    trend = [
        p for p in journal.trend() if _in_range(p.date, date_from, date_to) or date_from is None
    ]
    return ReportData(
        today=today,
        name=profile.name if profile else "",
        headline=profile.headline if profile else "",
        growth=profile.growth_definition if profile else "",
        view=view,
        roles=_roles(date_from, date_to),
        activities=activities,
        reach_out=cadence.reach_out_queue(today, limit=20),
        helpers=_helpers({g.id for g in view.goals}),
        checkin=_checkin(),
        trend=trend,
        assessment=[(i.kind, i.text, i.detail) for i in items],
        history=history,
        date_from=date_from,
        date_to=date_to,
        next_checkin=journal.next_checkin_date(today),
    )
