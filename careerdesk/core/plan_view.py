"""The plan as the Plan tab and the report show it: goals, steps and spans as plain rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from careerdesk.core import goals, health
from careerdesk.core import models as m


@dataclass(frozen=True)
class GoalRow:
    """A goal as the tree and the timeline show it (plain values, cheap to hold by thousands)."""

    id: int
    title: str
    parent_id: int | None
    depth: int
    root_id: int  # the top-level goal of its tree
    horizon: str
    category: str
    status: str
    health: str
    progress: float
    start: dt.date
    target: dt.date
    baseline_start: dt.date | None
    baseline_target: dt.date | None
    archived: bool
    position: int = 0  # among its siblings (equal positions: by start date)


@dataclass(frozen=True)
class StepRow:
    id: int
    goal_id: int
    title: str
    due: dt.date | None
    done: dt.date | None
    milestone: bool
    baseline_due: dt.date | None
    depends_on_id: int | None
    outside: bool  # due outside its goal's dates
    position: int = 0


@dataclass(frozen=True)
class SpanRow:
    """A learning activity or a career-history role, drawn in its own lane."""

    kind: str  # "learning" | "role"
    id: int
    title: str
    detail: str
    start: dt.date
    end: dt.date  # inclusive; an open role or course ends today
    status: str


@dataclass(frozen=True)
class PlanView:
    goals: list[GoalRow]  # in tree order: each goal followed by its sub-goals
    steps: list[StepRow]  # by goal, in list order
    spans: list[SpanRow]


def plan_view(today: dt.date, *, include_archived: bool = False) -> PlanView:
    """Everything the Plan tab shows, as plain rows, in a handful of queries."""
    healths = health.health_by_goal(today)
    shares = goals.progress_by_goal()
    query = m.Goal.select(
        m.Goal.id,
        m.Goal.title,
        m.Goal.parent_id,
        m.Goal.horizon,
        m.Goal.category,
        m.Goal.status,
        m.Goal.start_date,
        m.Goal.target_date,
        m.Goal.baseline_start_date,
        m.Goal.baseline_target_date,
        m.Goal.archived,
        m.Goal.position,
    )
    if not include_archived:
        query = query.where(m.Goal.archived == False)  # noqa: E712 - SQL comparison
    rows = list(query.tuples())
    by_id = {r[0]: r for r in rows}
    children: dict[int | None, list[tuple]] = {}
    for r in rows:
        parent = r[2] if r[2] in by_id else None
        children.setdefault(parent, []).append(r)
    for kids in children.values():
        kids.sort(key=lambda r: (r[11], r[6], r[0]))
    roots = sorted(children.get(None, []), key=lambda r: (r[3] != "long", r[11], r[6], r[0]))
    ordered: list[GoalRow] = []
    seen: set[int] = set()
    stack = [(r, 0, r[0]) for r in reversed(roots)]
    while stack:
        r, depth, root = stack.pop()
        if r[0] in seen:
            continue
        seen.add(r[0])
        gid = r[0]
        ordered.append(
            GoalRow(
                id=gid,
                title=r[1],
                parent_id=r[2] if r[2] in by_id else None,
                depth=depth,
                root_id=root,
                horizon=r[3],
                category=r[4],
                status=r[5],
                health=healths.get(gid, health.ON_TRACK),
                progress=shares.get(gid, 0.0),
                start=r[6],
                target=r[7],
                baseline_start=r[8],
                baseline_target=r[9],
                archived=r[10],
                position=r[11],
            )
        )
        stack.extend((c, depth + 1, root) for c in reversed(children.get(gid, [])))
    ranges = {g.id: (g.start, g.target) for g in ordered}
    steps = []
    step_query = m.Step.select(
        m.Step.id,
        m.Step.goal_id,
        m.Step.title,
        m.Step.due_date,
        m.Step.done_date,
        m.Step.milestone,
        m.Step.baseline_due_date,
        m.Step.depends_on_id,
        m.Step.position,
    ).order_by(m.Step.goal_id, m.Step.position, m.Step.due_date, m.Step.id)
    for sid, gid, title, due, done, milestone, baseline, depends, pos in step_query.tuples():
        if gid not in ranges:
            continue
        start, target = ranges[gid]
        outside = goals.step_outside(due, start, target)
        steps.append(
            StepRow(sid, gid, title, due, done, milestone, baseline, depends, outside, pos)
        )
    return PlanView(ordered, steps, spans(today))


def spans(today: dt.date) -> list[SpanRow]:
    """Learning activities and career-history roles with dates, by start date."""
    found = []
    for a in m.LearningActivity.select().where(m.LearningActivity.start_date.is_null(False)):
        end = a.end_date or max(today, a.start_date)
        found.append(SpanRow("learning", a.id, a.title, a.provider, a.start_date, end, a.status))
    for r in m.CareerRole.select():
        end = r.end_date or max(today, r.start_date)
        detail = ", ".join(p for p in (r.organisation, r.level) if p)
        found.append(SpanRow("role", r.id, r.title, detail, r.start_date, end, ""))
    found.sort(key=lambda s: (s.kind, s.start, s.id))
    return found


def refresh_view(
    view: PlanView, goal_ids: Iterable[int], step_ids: Iterable[int], today: dt.date
) -> PlanView:
    """`view` with the dates and health of some goals and steps read again.

    For moves, which change dates only: the goals and steps, their titles and order stay,
    so a drop on a big plan reloads a few rows instead of all of them.
    """
    goal_ids, step_ids = set(goal_ids), set(step_ids)
    stored_steps = {}
    if step_ids:
        rows = m.Step.select(
            m.Step.id, m.Step.goal_id, m.Step.due_date, m.Step.done_date, m.Step.baseline_due_date
        ).where(m.Step.id.in_(list(step_ids)))
        stored_steps = {sid: (gid, due, done, base) for sid, gid, due, done, base in rows.tuples()}
    stored_goals = {}
    if goal_ids:
        rows = m.Goal.select(
            m.Goal.id,
            m.Goal.start_date,
            m.Goal.target_date,
            m.Goal.baseline_start_date,
            m.Goal.baseline_target_date,
        ).where(m.Goal.id.in_(list(goal_ids)))
        stored_goals = {gid: rest for gid, *rest in rows.tuples()}
    # A goal's health follows its dates and its steps' due dates.
    judged = goal_ids | {gid for gid, *_ in stored_steps.values()}
    healths = health.health_by_goal(today, goal_ids=judged) if judged else {}
    goals_out = []
    for g in view.goals:
        if g.id in stored_goals:
            start, target, base_start, base_target = stored_goals[g.id]
            g = replace(
                g,
                start=start,
                target=target,
                baseline_start=base_start,
                baseline_target=base_target,
            )
        if g.id in healths:
            g = replace(g, health=healths[g.id])
        goals_out.append(g)
    ranges = {g.id: (g.start, g.target) for g in goals_out}
    steps_out = []
    for s in view.steps:
        if s.id in stored_steps:
            _, due, done, base = stored_steps[s.id]
            s = replace(s, due=due, done=done, baseline_due=base)
        if s.goal_id in goal_ids or s.id in step_ids:
            start, target = ranges[s.goal_id]
            s = replace(s, outside=goals.step_outside(s.due, start, target))
        steps_out.append(s)
    # New dates may change the order: siblings with equal positions go by date.
    steps_out.sort(key=_step_order)
    return PlanView(_in_tree_order(goals_out), steps_out, view.spans)


def _step_order(s: StepRow) -> tuple:
    # As the query's ORDER BY: SQLite puts steps without a due date first.
    return (s.goal_id, s.position, s.due is not None, s.due or dt.date.min, s.id)


def _in_tree_order(rows: list[GoalRow]) -> list[GoalRow]:
    """Goals in the order `plan_view` lists them: each followed by its sub-goals."""
    ids = {g.id for g in rows}
    children: dict[int | None, list[GoalRow]] = {}
    for g in rows:
        children.setdefault(g.parent_id if g.parent_id in ids else None, []).append(g)
    for kids in children.values():
        kids.sort(key=lambda g: (g.position, g.start, g.id))
    roots = sorted(
        children.get(None, []), key=lambda g: (g.horizon != "long", g.position, g.start, g.id)
    )
    ordered: list[GoalRow] = []
    seen: set[int] = set()
    stack = list(reversed(roots))
    while stack:
        g = stack.pop()
        if g.id in seen:
            continue
        seen.add(g.id)
        ordered.append(g)
        stack.extend(reversed(children.get(g.id, [])))
    return ordered


def filtered(
    view: PlanView, text: str = "", status: str | None = None, category: str | None = None
) -> PlanView:
    """The goals matching a search text, a status ("open": not done) and a category.

    The text matches a goal's title or one of its steps' titles; a matching goal's
    parents stay, to keep the tree whole.
    """
    text = text.strip().casefold()
    if not (text or status or category):
        return view
    by_id = {g.id: g for g in view.goals}
    step_titles: dict[int, list[str]] = {}
    for s in view.steps:
        step_titles.setdefault(s.goal_id, []).append(s.title.casefold())

    def matches(g: GoalRow) -> bool:
        if status == "open" and g.status in goals.CLOSED_STATUSES:
            return False
        if status not in (None, "open") and g.status != status:
            return False
        if category and g.category != category:
            return False
        if text and text not in g.title.casefold():
            return any(text in t for t in step_titles.get(g.id, []))
        return True

    keep = {g.id for g in view.goals if matches(g)}
    for gid in list(keep):
        parent = by_id[gid].parent_id
        while parent is not None and parent not in keep:
            keep.add(parent)
            parent = by_id[parent].parent_id if parent in by_id else None
    return PlanView(
        [g for g in view.goals if g.id in keep],
        [s for s in view.steps if s.goal_id in keep],
        view.spans,
    )
