"""Goals and steps: creating them, progress, and the goal tree the Plan tab shows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from careerdesk.core import models as m
from careerdesk.core import records
from careerdesk.core.changes import Changes
from careerdesk.core.operation import Done, nothing_done

CLOSED_STATUSES = ("done", "abandoned")


def done_date_for(status: str, done_date: dt.date | None, today: dt.date) -> dt.date | None:
    """The status rule: a done goal has its done day (today when just marked), others none."""
    if status == "done":
        return done_date or today
    return None


def check_done_date(status: str, done_date: dt.date | None) -> None:
    """Refuse a done goal without its done date, or a done date on a goal not done."""
    if status == "done" and done_date is None:
        raise ValueError("A goal marked done needs the date it was done.")
    if status != "done" and done_date is not None:
        raise ValueError("Only a goal marked done has a done date: clear it, or mark it done.")


def step_outside(due: dt.date | None, start: dt.date, target: dt.date) -> bool:
    """Is a step due outside its goal's dates (before the start or after the target day)?

    `plan.steps_outside` asks the same of the database in SQL.
    """
    return due is not None and not start <= due <= target


def create_goal(title: str, start_date: dt.date, target_date: dt.date, **values: Any) -> Done:
    """Add a goal; its first planned dates become its baseline. `value` is its id."""
    if target_date < start_date:
        raise ValueError("A goal's target date cannot be before its start date.")
    with m.database_proxy.atomic():
        goal = m.Goal.create(
            title=title,
            start_date=start_date,
            target_date=target_date,
            baseline_start_date=start_date,
            baseline_target_date=target_date,
            **values,
        )
    return records.added(m.Goal, goal.id, Changes(goals=True))


def create_step(goal_id: int, title: str, due_date: dt.date | None, **values: Any) -> Done:
    """Add a step at the end of its goal's list; its first due date is its baseline.

    `value` is its id.
    """
    with m.database_proxy.atomic():
        last = (
            m.Step.select(m.Step.position)
            .where(m.Step.goal == goal_id)
            .order_by(m.Step.position.desc())
            .first()
        )
        step = m.Step.create(
            goal=goal_id,
            title=title,
            due_date=due_date,
            baseline_due_date=due_date,
            position=(last.position + 1) if last else 0,
            **values,
        )
    return records.added(m.Step, step.id, Changes(steps=True, goals=True))


def descendant_goals(goal_id: int) -> list[int]:
    """The goal and all its sub-goals, at any depth (the goal first)."""
    found = [goal_id]
    seen = {goal_id}
    frontier = [goal_id]
    while frontier:
        children = [
            gid
            for (gid,) in m.Goal.select(m.Goal.id).where(m.Goal.parent.in_(frontier)).tuples()
            if gid not in seen  # a parent loop in old data must not hang us
        ]
        seen.update(children)
        found.extend(children)
        frontier = children
    return found


def set_goal_archived(goal_id: int, archived: bool = True) -> Done:
    """Archive (hide) or bring back a goal with all its sub-goals; goals are archived
    rather than deleted. Undo gives each goal back its own previous state."""
    with m.database_proxy.atomic():
        if m.Goal.get_or_none(m.Goal.id == goal_id) is None:
            raise ValueError(f"There is no goal {goal_id} (was it deleted?).")
        return restore_archived(dict.fromkeys(descendant_goals(goal_id), archived))


def restore_archived(states: dict[int, bool]) -> Done:
    """Give goals these archived states; undo gives them back the states they had."""
    with m.database_proxy.atomic():
        ids = list(states)
        before = dict(m.Goal.select(m.Goal.id, m.Goal.archived).where(m.Goal.id.in_(ids)).tuples())
        for state in (True, False):
            ids = [goal_id for goal_id, wanted in states.items() if wanted == state]
            if ids:
                m.Goal.update(archived=state, updated_at=m.utc_now()).where(
                    m.Goal.id.in_(ids)
                ).execute()
    return Done(Changes(goals=True, steps=True), lambda: restore_archived(before), before)


def set_step_done(step_id: int, done_date: dt.date | None) -> Done:
    """Mark a step done on `done_date`, or not done with None; undo puts the old date back."""
    with m.database_proxy.atomic():
        previous = m.Step.select(m.Step.done_date).where(m.Step.id == step_id).scalar()
        if previous == done_date:
            return nothing_done()
        m.Step.update(done_date=done_date, updated_at=m.utc_now()).where(
            m.Step.id == step_id
        ).execute()
    return Done(Changes(steps=True, goals=True), lambda: set_step_done(step_id, previous))


def progress(
    status: str,
    measure: tuple[float | None, float | None, float | None],
    steps_done: int,
    steps_total: int,
) -> float:
    """A goal's progress from 0 to 1.

    A done goal is complete. Otherwise a success measure with a start and a
    different target wins (how far current is from start towards target);
    else the share of steps done; else nothing yet.
    """
    if status == "done":
        return 1.0
    start, target, current = measure
    if start is not None and target is not None and current is not None and target != start:
        return max(0.0, min(1.0, (current - start) / (target - start)))
    if steps_total:
        return steps_done / steps_total
    return 0.0


def progress_by_goal(goal_ids: Collection[int] | None = None) -> dict[int, float]:
    """Progress of every goal (or of `goal_ids`), in two queries."""
    done: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    rows = m.Step.select(m.Step.goal_id, m.Step.done_date)
    goals = m.Goal.select(
        m.Goal.id,
        m.Goal.status,
        m.Goal.measure_start,
        m.Goal.measure_target,
        m.Goal.measure_current,
    )
    if goal_ids is not None:
        rows = rows.where(m.Step.goal.in_(list(goal_ids)))
        goals = goals.where(m.Goal.id.in_(list(goal_ids)))
    for goal_id, done_date in rows.tuples():
        counts = done[goal_id]
        counts[1] += 1
        if done_date is not None:
            counts[0] += 1
    result = {}
    for goal_id, status, start, target, current in goals.tuples():
        steps_done, steps_total = done.get(goal_id, (0, 0))
        result[goal_id] = progress(status, (start, target, current), steps_done, steps_total)
    return result


@dataclass
class GoalNode:
    """A goal with its sub-goals and steps, as the goal tree shows it."""

    goal: m.Goal
    progress: float
    children: list[GoalNode] = field(default_factory=list)
    steps: list[m.Step] = field(default_factory=list)


def goal_tree(*, include_archived: bool = False) -> list[GoalNode]:
    """Top-level goals (long-term first, then by start date), each with sub-goals and steps."""
    query = m.Goal.select()
    if not include_archived:
        query = query.where(m.Goal.archived == False)  # noqa: E712 - SQL comparison
    goals = list(query.order_by(m.Goal.position, m.Goal.start_date, m.Goal.id))
    shares = progress_by_goal()
    nodes = {g.id: GoalNode(g, shares.get(g.id, 0.0)) for g in goals}
    for step in m.Step.select().order_by(m.Step.position, m.Step.due_date, m.Step.id):
        if step.goal_id in nodes:
            nodes[step.goal_id].steps.append(step)
    roots = []
    for goal in goals:
        parent = nodes.get(goal.parent_id) if goal.parent_id else None
        (parent.children if parent else roots).append(nodes[goal.id])
    roots.sort(key=lambda n: (n.goal.horizon != "long", n.goal.position, n.goal.start_date))
    return roots


def _open_steps_due(first: dt.date | None, last: dt.date) -> pw.ModelSelect:
    """Open steps of goals still pursued, due from `first` (None: any day) to `last`."""
    due = m.Step.due_date <= last if first is None else m.Step.due_date.between(first, last)
    return (
        m.Step.select(m.Step, m.Goal)
        .join(m.Goal)
        .where(
            m.Step.done_date.is_null(),
            due,
            m.Goal.archived == False,  # noqa: E712
            m.Goal.status.not_in(CLOSED_STATUSES),
        )
    )


def overdue_steps(today: dt.date, limit: int = 50) -> list[m.Step]:
    """Open steps whose due date has passed, oldest first, of goals still pursued."""
    query = _open_steps_due(None, today - dt.timedelta(days=1))
    return list(query.order_by(m.Step.due_date).limit(limit))


def overdue_step_count(today: dt.date) -> int:
    """How many steps `overdue_steps` would list without a limit."""
    return _open_steps_due(None, today - dt.timedelta(days=1)).count()


def upcoming_steps(today: dt.date, days: int = 14, limit: int = 50) -> list[m.Step]:
    """Open steps due from today to `days` ahead."""
    query = _open_steps_due(today, today + dt.timedelta(days=days))
    return list(query.order_by(m.Step.due_date).limit(limit))


def upcoming_step_count(today: dt.date, days: int = 14) -> int:
    """How many steps `upcoming_steps` would list without a limit."""
    return _open_steps_due(today, today + dt.timedelta(days=days)).count()


def delete_goal(goal_id: int) -> Done:
    """Delete a goal for good, with its sub-goals and steps; undo brings back the same rows."""
    return records.delete(m.Goal, goal_id)


def delete_step(step_id: int) -> Done:
    """Delete a step for good; undo brings back the same row, and what waited for it."""
    return records.delete(m.Step, step_id)
