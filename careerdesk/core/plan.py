"""Reshaping the plan in time: moving goals and steps, dependency shifts, baselines, order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import peewee as pw

from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.core.goals import descendant_goals
from careerdesk.core.operation import Done, nothing_done

GOAL_EDGES = ("start", "target")


class PlanError(ValueError):
    """A change the plan cannot take; the message is meant for the user."""


@dataclass(frozen=True)
class SavedDates:
    """The dates of goals and steps before a change, enough to put them back exactly."""

    goals: dict[int, tuple[dt.date, dt.date]] = field(default_factory=dict)
    steps: dict[int, dt.date | None] = field(default_factory=dict)
    goal_baselines: dict[int, tuple[dt.date | None, dt.date | None]] = field(default_factory=dict)
    step_baselines: dict[int, dt.date | None] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.goals or self.steps or self.goal_baselines or self.step_baselines)


@dataclass(frozen=True)
class Moved:
    """The `value` of a move's Done: the previous dates, and what the user should notice."""

    before: SavedDates
    # Steps of other goals (or not part of the moved goal) that followed a dependency.
    followers: frozenset[int] = frozenset()
    # Steps whose due date now lies outside their goal's start..target range.
    outside: frozenset[int] = frozenset()


def moved(saved: SavedDates, followers: Iterable[int] = (), outside: Iterable[int] = ()) -> Done:
    """The Done of a change of dates: its undo puts back `saved` exactly."""
    return Done(
        changes_of(saved),
        lambda: restore_dates(saved),
        Moved(saved, frozenset(followers), frozenset(outside)),
    )


def changes_of(saved: SavedDates) -> Changes:
    return Changes(
        goals=bool(saved.goals or saved.goal_baselines or saved.steps or saved.step_baselines),
        steps=bool(saved.steps or saved.step_baselines),
    )


def check_range(start: dt.date, target: dt.date) -> None:
    if target < start:
        raise PlanError(
            f"A goal's target date ({target.isoformat()}) cannot be before its start date "
            f"({start.isoformat()})."
        )


def get_goal(goal_id: int) -> m.Goal:
    goal = m.Goal.get_or_none(m.Goal.id == goal_id)
    if goal is None:
        raise PlanError(f"There is no goal {goal_id} (was it deleted?).")
    return goal


def get_step(step_id: int) -> m.Step:
    step = m.Step.get_or_none(m.Step.id == step_id)
    if step is None:
        raise PlanError(f"There is no step {step_id} (was it deleted?).")
    return step


def dependent_steps(step_ids: Iterable[int]) -> list[int]:
    """Steps that depend on any of `step_ids`, directly or through other steps."""
    seen = set(step_ids)
    found: list[int] = []
    frontier = list(seen)
    while frontier:
        nxt = [
            sid
            for (sid,) in m.Step.select(m.Step.id).where(m.Step.depends_on.in_(frontier)).tuples()
            if sid not in seen
        ]
        seen.update(nxt)
        found.extend(nxt)
        frontier = nxt
    return found


@dataclass(frozen=True)
class MoveScope:
    """What a drag moves: the one rule the timeline's preview and the drop share."""

    goals: tuple[int, ...]  # goals whose dates change (the dragged one first)
    steps: tuple[int, ...]  # steps whose due dates change with them
    followers: tuple[int, ...]  # other steps that follow when it moves later


def move_scope(kind: str, record_id: int, zone: str) -> MoveScope:
    """What dragging a goal's body, one of its edges ("start", "target") or a step moves.

    A body takes its sub-goals and all their steps; steps elsewhere waiting for any of
    them follow when it moves later. An edge changes that one date only. A step moves
    alone, and the steps waiting for it follow when it moves later.
    """
    if kind == "step":
        return MoveScope((), (record_id,), tuple(dependent_steps([record_id])))
    if zone in GOAL_EDGES:
        return MoveScope((record_id,), (), ())
    goal_ids = descendant_goals(record_id)
    step_ids = [
        sid for (sid,) in m.Step.select(m.Step.id).where(m.Step.goal.in_(goal_ids)).tuples()
    ]
    own = set(step_ids)
    followers = tuple(s for s in dependent_steps(step_ids) if s not in own)
    return MoveScope(tuple(goal_ids), tuple(step_ids), followers)


def _save_goals(goal_ids: Iterable[int], saved: SavedDates) -> None:
    ids = [g for g in goal_ids if g not in saved.goals]
    if ids:
        rows = m.Goal.select(m.Goal.id, m.Goal.start_date, m.Goal.target_date)
        for gid, start, target in rows.where(m.Goal.id.in_(ids)).tuples():
            saved.goals[gid] = (start, target)


def _save_steps(step_ids: Iterable[int], saved: SavedDates) -> None:
    ids = [s for s in step_ids if s not in saved.steps]
    if ids:
        rows = m.Step.select(m.Step.id, m.Step.due_date).where(m.Step.id.in_(ids)).tuples()
        for sid, due in rows:
            saved.steps[sid] = due


def _shift_goals(goal_ids: list[int], days: int) -> None:
    offset = f"{days:+d} days"
    m.Goal.update(
        start_date=pw.fn.date(m.Goal.start_date, offset),
        target_date=pw.fn.date(m.Goal.target_date, offset),
        updated_at=m.utc_now(),
    ).where(m.Goal.id.in_(goal_ids)).execute()


def _shift_steps(step_ids: list[int], days: int) -> None:
    m.Step.update(
        due_date=pw.fn.date(m.Step.due_date, f"{days:+d} days"), updated_at=m.utc_now()
    ).where(m.Step.id.in_(step_ids), m.Step.due_date.is_null(False)).execute()


def steps_outside(goal_ids: Iterable[int] | None = None) -> set[int]:
    """Steps due before their goal starts or after its (inclusive) target date.

    The SQL form of `goals.step_outside`.
    """
    query = (
        m.Step.select(m.Step.id)
        .join(m.Goal)
        .where(
            m.Step.due_date.is_null(False),
            (m.Step.due_date < m.Goal.start_date) | (m.Step.due_date > m.Goal.target_date),
        )
    )
    if goal_ids is not None:
        query = query.where(m.Step.goal.in_(list(goal_ids)))
    return {sid for (sid,) in query.tuples()}


def _outside_of(saved: SavedDates) -> frozenset[int]:
    goal_ids = set(saved.goals)
    if saved.steps:
        goal_ids.update(
            gid
            for (gid,) in m.Step.select(m.Step.goal_id)
            .where(m.Step.id.in_(list(saved.steps)))
            .tuples()
        )
    return frozenset(steps_outside(goal_ids)) if goal_ids else frozenset()


def follow(step_ids: list[int], days: int, saved: SavedDates) -> list[int]:
    """Move, by `days`, every step depending on `step_ids` that has not moved already."""
    if days <= 0:
        return []
    followers = [s for s in dependent_steps(step_ids) if s not in saved.steps]
    if followers:
        _save_steps(followers, saved)
        _shift_steps(followers, days)
    return followers


def move_goal(goal_id: int, days: int) -> Done:
    """Move a goal's body by `days`: its dates, its steps and its sub-goals all move.

    When it moves later, steps elsewhere that depend on its steps follow.
    """
    saved = SavedDates()
    followers: list[int] = []
    with m.database_proxy.atomic():
        get_goal(goal_id)
        if days:
            scope = move_scope("goal", goal_id, "body")
            goal_ids, step_ids = list(scope.goals), list(scope.steps)
            _save_goals(goal_ids, saved)
            _save_steps(step_ids, saved)
            _shift_goals(goal_ids, days)
            if step_ids:
                _shift_steps(step_ids, days)
            followers = follow(step_ids, days, saved)
        outside = _outside_of(saved)
    return moved(saved, followers, outside)


def set_goal_dates(goal_id: int, start: dt.date, target: dt.date) -> Done:
    """Give a goal new start and target dates; nothing else moves (steps may end up outside)."""
    check_range(start, target)
    saved = SavedDates()
    with m.database_proxy.atomic():
        goal = get_goal(goal_id)
        if (goal.start_date, goal.target_date) != (start, target):
            saved.goals[goal_id] = (goal.start_date, goal.target_date)
            m.Goal.update(start_date=start, target_date=target, updated_at=m.utc_now()).where(
                m.Goal.id == goal_id
            ).execute()
        outside = steps_outside([goal_id])
    return moved(saved, (), outside)


def move_goal_edge(goal_id: int, edge: str, day: dt.date) -> Done:
    """Move a goal's start or target date (`edge` is "start" or "target") to `day`."""
    if edge not in GOAL_EDGES:
        raise PlanError(f"Unknown edge {edge!r}; use 'start' or 'target'.")
    goal = get_goal(goal_id)
    if edge == "start":
        return set_goal_dates(goal_id, day, goal.target_date)
    return set_goal_dates(goal_id, goal.start_date, day)


def shift_goal_edge(goal_id: int, edge: str, days: int) -> Done:
    """Move a goal's start or target date (`edge`) by `days` (a drag of that edge)."""
    if edge not in GOAL_EDGES:
        raise PlanError(f"Unknown edge {edge!r}; use 'start' or 'target'.")
    goal = get_goal(goal_id)
    day = goal.start_date if edge == "start" else goal.target_date
    return move_goal_edge(goal_id, edge, day + dt.timedelta(days=days))


def shift_step(step_id: int, days: int) -> Done:
    """Move a step's due date by `days` (a drag of its marker); dependents follow."""
    step = get_step(step_id)
    if step.due_date is None:
        raise PlanError(f"The step “{step.title}” has no due date to move; give it one first.")
    return move_step(step_id, step.due_date + dt.timedelta(days=days))


def move_step(step_id: int, due: dt.date) -> Done:
    """Give a step a new due date; when it moves later, steps depending on it follow."""
    saved = SavedDates()
    followers: list[int] = []
    with m.database_proxy.atomic():
        step = get_step(step_id)
        if step.due_date != due:
            saved.steps[step_id] = step.due_date
            m.Step.update(due_date=due, updated_at=m.utc_now()).where(
                m.Step.id == step_id
            ).execute()
            if step.due_date is not None:
                followers = follow([step_id], (due - step.due_date).days, saved)
        outside = _outside_of(saved)
    return moved(saved, followers, outside)


def drag_move(kind: str, record_id: int, zone: str, days: int) -> Done:
    """Save a drag (or a nudge) of `days`: what `move_scope` says moves, moves."""
    if kind == "step":
        return shift_step(record_id, days)
    if zone in GOAL_EDGES:
        return shift_goal_edge(record_id, zone, days)
    return move_goal(record_id, days)


def _current(like: SavedDates) -> SavedDates:
    """The dates stored now for the goals and steps (and baselines) that `like` names."""
    now = SavedDates()
    if like.goals:
        _save_goals(like.goals, now)
    if like.steps:
        _save_steps(like.steps, now)
    if like.goal_baselines:
        rows = m.Goal.select(m.Goal.id, m.Goal.baseline_start_date, m.Goal.baseline_target_date)
        for gid, start, target in rows.where(m.Goal.id.in_(list(like.goal_baselines))).tuples():
            now.goal_baselines[gid] = (start, target)
    if like.step_baselines:
        rows = m.Step.select(m.Step.id, m.Step.baseline_due_date)
        for sid, due in rows.where(m.Step.id.in_(list(like.step_baselines))).tuples():
            now.step_baselines[sid] = due
    return now


def restore_dates(before: SavedDates) -> Done:
    """Put back exactly the dates (and baselines) saved by a move or a baseline reset.

    Its undo puts back the dates it replaced (the redo of the move).
    """
    stamp = m.utc_now()
    with m.database_proxy.atomic():
        replaced = _current(before)
        for gid, (start, target) in before.goals.items():
            m.Goal.update(start_date=start, target_date=target, updated_at=stamp).where(
                m.Goal.id == gid
            ).execute()
        for sid, due in before.steps.items():
            m.Step.update(due_date=due, updated_at=stamp).where(m.Step.id == sid).execute()
        for gid, (start, target) in before.goal_baselines.items():
            m.Goal.update(
                baseline_start_date=start, baseline_target_date=target, updated_at=stamp
            ).where(m.Goal.id == gid).execute()
        for sid, due in before.step_baselines.items():
            m.Step.update(baseline_due_date=due, updated_at=stamp).where(
                m.Step.id == sid
            ).execute()
        outside = _outside_of(before)
    return moved(replaced, (), outside)


def reset_baseline(goal_ids: Iterable[int] | None = None) -> Done:
    """Make the current dates the new baseline, of the given goals (and their steps) or of all."""
    saved = SavedDates()
    now = m.utc_now()
    with m.database_proxy.atomic():
        goals = m.Goal.select(
            m.Goal.id, m.Goal.baseline_start_date, m.Goal.baseline_target_date
        ).where(
            (m.Goal.baseline_start_date.is_null())
            | (m.Goal.baseline_start_date != m.Goal.start_date)
            | (m.Goal.baseline_target_date.is_null())
            | (m.Goal.baseline_target_date != m.Goal.target_date)
        )
        steps = m.Step.select(m.Step.id, m.Step.baseline_due_date).where(
            (m.Step.baseline_due_date.is_null() & m.Step.due_date.is_null(False))
            | (m.Step.baseline_due_date.is_null(False) & m.Step.due_date.is_null())
            | (m.Step.baseline_due_date != m.Step.due_date)
        )
        if goal_ids is not None:
            ids = list(goal_ids)
            goals = goals.where(m.Goal.id.in_(ids))
            steps = steps.where(m.Step.goal.in_(ids))
        for gid, start, target in goals.tuples():
            saved.goal_baselines[gid] = (start, target)
        for sid, due in steps.tuples():
            saved.step_baselines[sid] = due
        if saved.goal_baselines:
            m.Goal.update(
                baseline_start_date=m.Goal.start_date,
                baseline_target_date=m.Goal.target_date,
                updated_at=now,
            ).where(m.Goal.id.in_(list(saved.goal_baselines))).execute()
        if saved.step_baselines:
            m.Step.update(baseline_due_date=m.Step.due_date, updated_at=now).where(
                m.Step.id.in_(list(saved.step_baselines))
            ).execute()
    return moved(saved)


def set_dependency(step_id: int, depends_on_id: int | None) -> Done:
    """Make a step depend on another (or on nothing); `value` is the previous one.

    A step cannot depend on itself, nor on a step that (through others) depends on it.
    """
    with m.database_proxy.atomic():
        step = get_step(step_id)
        previous = step.depends_on_id
        if depends_on_id is not None:
            other = get_step(depends_on_id)
            if depends_on_id == step_id:
                raise PlanError(f"The step “{step.title}” cannot depend on itself.")
            # Walk up from the new predecessor: meeting our step means a circle.
            seen = set()
            current: int | None = depends_on_id
            while current is not None and current not in seen:
                if current == step_id:
                    raise PlanError(
                        f"“{step.title}” cannot depend on “{other.title}”: "
                        f"“{other.title}” already waits for it, which would make a circle."
                    )
                seen.add(current)
                current = m.Step.select(m.Step.depends_on_id).where(m.Step.id == current).scalar()
        if previous == depends_on_id:
            return nothing_done(previous)
        m.Step.update(depends_on=depends_on_id, updated_at=m.utc_now()).where(
            m.Step.id == step_id
        ).execute()
    return Done(Changes(steps=True), lambda: set_dependency(step_id, previous), previous)


def _goal_siblings(goal: m.Goal) -> list[int]:
    query = m.Goal.select(m.Goal.id).where(m.Goal.archived == goal.archived)
    if goal.parent_id is None:
        # Top-level goals are listed long-term first; order within the same horizon.
        query = query.where(m.Goal.parent.is_null(), m.Goal.horizon == goal.horizon)
    else:
        query = query.where(m.Goal.parent == goal.parent_id)
    order = query.order_by(m.Goal.position, m.Goal.start_date, m.Goal.id)
    return [gid for (gid,) in order.tuples()]


def _step_siblings(step: m.Step) -> list[int]:
    order = (
        m.Step.select(m.Step.id)
        .where(m.Step.goal == step.goal_id)
        .order_by(m.Step.position, m.Step.due_date, m.Step.id)
    )
    return [sid for (sid,) in order.tuples()]


def reorder(kind: str, record_id: int, offset: int) -> Done:
    """Move a goal or step (`kind` "goal" or "step") up (-1) or down (+1) among its siblings.

    Nothing happens at either end of the list; undo gives the siblings back their places.
    """
    model = {"goal": m.Goal, "step": m.Step}.get(kind)
    if model is None:
        raise PlanError(f"Unknown kind {kind!r}; use 'goal' or 'step'.")
    with m.database_proxy.atomic():
        row = model.get_or_none(model.id == record_id)
        if row is None:
            raise PlanError(f"There is no {kind} {record_id} (was it deleted?).")
        siblings = _goal_siblings(row) if kind == "goal" else _step_siblings(row)
        index = siblings.index(record_id)
        new_index = index + offset
        if offset == 0 or not 0 <= new_index < len(siblings):
            return nothing_done()
        siblings.insert(new_index, siblings.pop(index))
        before = {
            rid: pos
            for rid, pos in model.select(model.id, model.position)
            .where(model.id.in_(siblings))
            .tuples()
        }
        for position, rid in enumerate(siblings):
            if before[rid] != position:
                model.update(position=position).where(model.id == rid).execute()
    return Done(Changes(goals=True, steps=kind == "step"), lambda: restore_positions(kind, before))


def restore_positions(kind: str, before: dict[int, int]) -> Done:
    """Undo `reorder`: give the siblings back their previous positions (undo: the redo)."""
    model = {"goal": m.Goal, "step": m.Step}[kind]
    with m.database_proxy.atomic():
        replaced = dict(
            model.select(model.id, model.position).where(model.id.in_(list(before))).tuples()
        )
        for rid, position in before.items():
            model.update(position=position).where(model.id == rid).execute()
    return Done(
        Changes(goals=True, steps=kind == "step"), lambda: restore_positions(kind, replaced)
    )
