"""Reshaping the plan in time: moving goals and steps, dependency shifts, baselines, order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

import peewee as pw

from careerdesk.core import goals, health
from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.core.goals import descendant_goals

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
    """What a move did: the previous dates, the Changes, and what the user should notice.

    Unpacks as `before, changes = plan.move_goal(...)`.
    """

    before: SavedDates
    changes: Changes
    # Steps of other goals (or not part of the moved goal) that followed a dependency.
    followers: frozenset[int] = frozenset()
    # Steps whose due date now lies outside their goal's start..target range.
    outside: frozenset[int] = frozenset()

    def __iter__(self) -> Iterator[object]:
        return iter((self.before, self.changes))


def _changes(saved: SavedDates) -> Changes:
    return Changes(
        goals=bool(saved.goals or saved.goal_baselines or saved.steps or saved.step_baselines),
        steps=bool(saved.steps or saved.step_baselines),
    )


def _shift(day: dt.date | None, days: int) -> dt.date | None:
    return None if day is None else day + dt.timedelta(days=days)


def _check_range(start: dt.date, target: dt.date) -> None:
    if target < start:
        raise PlanError(
            f"A goal's target date ({target.isoformat()}) cannot be before its start date "
            f"({start.isoformat()})."
        )


def _goal(goal_id: int) -> m.Goal:
    goal = m.Goal.get_or_none(m.Goal.id == goal_id)
    if goal is None:
        raise PlanError(f"There is no goal {goal_id} (was it deleted?).")
    return goal


def _step(step_id: int) -> m.Step:
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


def followers_of_goal(goal_id: int) -> list[int]:
    """Steps outside the goal's own tree that would follow it when it moves later."""
    goal_ids = descendant_goals(goal_id)
    own = [sid for (sid,) in m.Step.select(m.Step.id).where(m.Step.goal.in_(goal_ids)).tuples()]
    return dependent_steps(own)


def followers_of_step(step_id: int) -> list[int]:
    """Steps that would follow this step when it moves later."""
    return dependent_steps([step_id])


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
    """Steps due before their goal starts or after its (inclusive) target date."""
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


def _follow(step_ids: list[int], days: int, saved: SavedDates) -> list[int]:
    """Move, by `days`, every step depending on `step_ids` that has not moved already."""
    if days <= 0:
        return []
    followers = [s for s in dependent_steps(step_ids) if s not in saved.steps]
    if followers:
        _save_steps(followers, saved)
        _shift_steps(followers, days)
    return followers


def move_goal(goal_id: int, days: int) -> Moved:
    """Move a goal's body by `days`: its dates, its steps and its sub-goals all move.

    When it moves later, steps elsewhere that depend on its steps follow.
    """
    saved = SavedDates()
    followers: list[int] = []
    with m.database_proxy.atomic():
        _goal(goal_id)
        if days:
            goal_ids = descendant_goals(goal_id)
            step_ids = [
                sid
                for (sid,) in m.Step.select(m.Step.id).where(m.Step.goal.in_(goal_ids)).tuples()
            ]
            _save_goals(goal_ids, saved)
            _save_steps(step_ids, saved)
            _shift_goals(goal_ids, days)
            if step_ids:
                _shift_steps(step_ids, days)
            followers = _follow(step_ids, days, saved)
        outside = _outside_of(saved)
    return Moved(saved, _changes(saved), frozenset(followers), outside)


def set_goal_dates(goal_id: int, start: dt.date, target: dt.date) -> Moved:
    """Give a goal new start and target dates; nothing else moves (steps may end up outside)."""
    _check_range(start, target)
    saved = SavedDates()
    with m.database_proxy.atomic():
        goal = _goal(goal_id)
        if (goal.start_date, goal.target_date) != (start, target):
            saved.goals[goal_id] = (goal.start_date, goal.target_date)
            m.Goal.update(start_date=start, target_date=target, updated_at=m.utc_now()).where(
                m.Goal.id == goal_id
            ).execute()
        outside = frozenset(steps_outside([goal_id]))
    return Moved(saved, _changes(saved), frozenset(), outside)


def move_goal_edge(goal_id: int, edge: str, day: dt.date) -> Moved:
    """Move a goal's start or target date (`edge` is "start" or "target") to `day`."""
    if edge not in GOAL_EDGES:
        raise PlanError(f"Unknown edge {edge!r}; use 'start' or 'target'.")
    goal = _goal(goal_id)
    if edge == "start":
        return set_goal_dates(goal_id, day, goal.target_date)
    return set_goal_dates(goal_id, goal.start_date, day)


def shift_goal_edge(goal_id: int, edge: str, days: int) -> Moved:
    """Move a goal's start or target date (`edge`) by `days` (a drag of that edge)."""
    if edge not in GOAL_EDGES:
        raise PlanError(f"Unknown edge {edge!r}; use 'start' or 'target'.")
    goal = _goal(goal_id)
    day = goal.start_date if edge == "start" else goal.target_date
    return move_goal_edge(goal_id, edge, day + dt.timedelta(days=days))


def shift_step(step_id: int, days: int) -> Moved:
    """Move a step's due date by `days` (a drag of its marker); dependents follow."""
    step = _step(step_id)
    if step.due_date is None:
        raise PlanError(f"The step “{step.title}” has no due date to move; give it one first.")
    return move_step(step_id, step.due_date + dt.timedelta(days=days))


def move_step(step_id: int, due: dt.date) -> Moved:
    """Give a step a new due date; when it moves later, steps depending on it follow."""
    saved = SavedDates()
    followers: list[int] = []
    with m.database_proxy.atomic():
        step = _step(step_id)
        if step.due_date != due:
            saved.steps[step_id] = step.due_date
            m.Step.update(due_date=due, updated_at=m.utc_now()).where(
                m.Step.id == step_id
            ).execute()
            if step.due_date is not None:
                followers = _follow([step_id], (due - step.due_date).days, saved)
        outside = _outside_of(saved)
    return Moved(saved, _changes(saved), frozenset(followers), outside)


def restore_dates(before: SavedDates) -> Changes:
    """Put back exactly the dates (and baselines) saved by a move or a baseline reset."""
    now = m.utc_now()
    with m.database_proxy.atomic():
        for gid, (start, target) in before.goals.items():
            m.Goal.update(start_date=start, target_date=target, updated_at=now).where(
                m.Goal.id == gid
            ).execute()
        for sid, due in before.steps.items():
            m.Step.update(due_date=due, updated_at=now).where(m.Step.id == sid).execute()
        for gid, (start, target) in before.goal_baselines.items():
            m.Goal.update(
                baseline_start_date=start, baseline_target_date=target, updated_at=now
            ).where(m.Goal.id == gid).execute()
        for sid, due in before.step_baselines.items():
            m.Step.update(baseline_due_date=due, updated_at=now).where(m.Step.id == sid).execute()
    return _changes(before)


def reset_baseline(goal_ids: Iterable[int] | None = None) -> Moved:
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
    return Moved(saved, _changes(saved))


def set_dependency(step_id: int, depends_on_id: int | None) -> tuple[int | None, Changes]:
    """Make a step depend on another (or on nothing); return the previous one and Changes.

    A step cannot depend on itself, nor on a step that (through others) depends on it.
    """
    with m.database_proxy.atomic():
        step = _step(step_id)
        previous = step.depends_on_id
        if depends_on_id is not None:
            other = _step(depends_on_id)
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
            return previous, Changes()
        m.Step.update(depends_on=depends_on_id, updated_at=m.utc_now()).where(
            m.Step.id == step_id
        ).execute()
    return previous, Changes(steps=True)


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


def reorder(kind: str, record_id: int, offset: int) -> tuple[dict[int, int], Changes]:
    """Move a goal or step (`kind` "goal" or "step") up (-1) or down (+1) among its siblings.

    Returns the previous positions of the siblings (for `restore_positions`) and Changes;
    nothing happens at either end of the list.
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
            return {}, Changes()
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
    return before, Changes(goals=True, steps=kind == "step")


def restore_positions(kind: str, before: dict[int, int]) -> Changes:
    """Undo `reorder`: give the siblings back their previous positions."""
    model = {"goal": m.Goal, "step": m.Step}[kind]
    with m.database_proxy.atomic():
        for rid, position in before.items():
            model.update(position=position).where(model.id == rid).execute()
    return Changes(goals=True, steps=kind == "step")


# --- Editing fields with the plan's rules ---------------------------------------------

_GOAL_EDITABLE = frozenset(
    name for name in m.Goal._meta.fields if name not in ("id", "uuid", "created_at", "updated_at")
) | {"parent_id"}
_STEP_EDITABLE = frozenset(
    name for name in m.Step._meta.fields if name not in ("id", "uuid", "created_at", "updated_at")
) | {"goal_id", "depends_on_id"}


def _normalise(values: dict[str, object], editable: frozenset[str], kind: str) -> dict:
    unknown = set(values) - editable
    if unknown:
        raise PlanError(f"A {kind} has no field {', '.join(sorted(unknown))}.")
    # Foreign keys are compared and stored by id.
    return {(f"{k}_id" if k in _FOREIGN_KEYS else k): v for k, v in values.items()}


_FOREIGN_KEYS = ("parent", "goal", "depends_on")


def _stored(row: m.BaseModel, names: Iterable[str]) -> dict[str, object]:
    """The stored values of `names` (foreign keys by their `_id` name) of a row."""
    data = row.__data__
    return {k: data.get(k[:-3] if k[:-3] in _FOREIGN_KEYS else k) for k in names}


def _fields(row: m.BaseModel, editable: frozenset[str]) -> dict[str, object]:
    names = [n for n in editable if not (n in _FOREIGN_KEYS and f"{n}_id" in editable)]
    return {"id": row.id, **_stored(row, names)}


def goal_fields(goal_id: int) -> dict[str, object] | None:
    """Every editable field of a goal (foreign keys as `parent_id`), or None if it is gone."""
    goal = m.Goal.get_or_none(m.Goal.id == goal_id)
    return None if goal is None else _fields(goal, _GOAL_EDITABLE)


def step_fields(step_id: int) -> dict[str, object] | None:
    """Every editable field of a step (`goal_id`, `depends_on_id`), or None if it is gone."""
    step = m.Step.get_or_none(m.Step.id == step_id)
    return None if step is None else _fields(step, _STEP_EDITABLE)


def changed_fields(kind: str, record_id: int, values: dict[str, object]) -> dict[str, object]:
    """Of `values` for a goal or step, those that differ from what is stored."""
    stored = goal_fields(record_id) if kind == "goal" else step_fields(record_id)
    if stored is None:
        raise PlanError(f"There is no {kind} {record_id} (was it deleted?).")
    editable = _GOAL_EDITABLE if kind == "goal" else _STEP_EDITABLE
    wanted = _normalise(values, editable, kind)
    return {k: v for k, v in wanted.items() if stored.get(k) != v}


def update_goal(goal_id: int, **values: object) -> tuple[dict[str, object], Changes]:
    """Change fields of a goal in one transaction; return their previous values and Changes.

    Refuses a target date before the start date, an empty title, and a parent that is
    the goal itself or one of its sub-goals.
    """
    values = _normalise(values, _GOAL_EDITABLE, "goal")
    with m.database_proxy.atomic():
        goal = _goal(goal_id)
        before = _stored(goal, values)
        after = {**before, **values}
        if "title" in values and not str(values["title"]).strip():
            raise PlanError("A goal needs a title.")
        start = after.get("start_date", goal.start_date)
        target = after.get("target_date", goal.target_date)
        _check_range(start, target)  # type: ignore[arg-type]
        status = after.get("status", goal.status)
        done = after.get("done_date", goal.done_date)
        if status == "done" and done is None:
            raise PlanError("A goal marked done needs the date it was done.")
        if status != "done" and done is not None:
            raise PlanError("Only a goal marked done has a done date: clear it, or mark it done.")
        parent = values.get("parent_id")
        if parent is not None and parent in descendant_goals(goal_id):
            raise PlanError("A goal cannot be placed under itself or one of its sub-goals.")
        changed = {k: v for k, v in values.items() if before[k] != v}
        if not changed:
            return {}, Changes()
        m.Goal.update(**changed, updated_at=m.utc_now()).where(m.Goal.id == goal_id).execute()
    return {k: before[k] for k in changed}, Changes(goals=True)


def update_step(step_id: int, **values: object) -> tuple[dict[str, object], Changes]:
    """Change fields of a step in one transaction; return their previous values and Changes.

    A new dependency goes through the circle check of `set_dependency`.
    """
    values = _normalise(values, _STEP_EDITABLE, "step")
    with m.database_proxy.atomic():
        step = _step(step_id)
        before = _stored(step, values)
        if "title" in values and not str(values["title"]).strip():
            raise PlanError("A step needs a title.")
        currency = values.get("currency")
        if currency is not None and not (
            len(str(currency)) == 3 and str(currency).isascii() and str(currency).isalpha()
        ):
            raise PlanError(f"“{currency}” is not a currency code; use three letters, like EUR.")
        changed = {k: v for k, v in values.items() if before[k] != v}
        if not changed:
            return {}, Changes()
        previous = {k: before[k] for k in changed}
        if "depends_on_id" in changed:
            set_dependency(step_id, changed.pop("depends_on_id"))  # type: ignore[arg-type]
        if changed:
            m.Step.update(**changed, updated_at=m.utc_now()).where(m.Step.id == step_id).execute()
    return previous, Changes(goals=True, steps=True)


@dataclass(frozen=True)
class StepEdit:
    """What `edit_step` did: the step's previous values and the dates of steps that followed."""

    before: dict[str, object]
    followed: SavedDates
    changes: Changes

    @property
    def followers(self) -> frozenset[int]:
        return frozenset(self.followed.steps)


def edit_step(step_id: int, **values: object) -> StepEdit:
    """`update_step`, and when the due date moves later, steps waiting for it follow.

    One transaction; `undo_step_edit` puts back exactly what it changed.
    """
    saved = SavedDates()
    with m.database_proxy.atomic():
        old_due = _step(step_id).due_date
        before, changes = update_step(step_id, **values)
        new_due = values.get("due_date", old_due)
        if "due_date" in before and old_due is not None and new_due is not None:
            _follow([step_id], (new_due - old_due).days, saved)  # type: ignore[operator]
    return StepEdit(before, saved, changes | _changes(saved))


def undo_step_edit(step_id: int, edit: StepEdit) -> Changes:
    """Undo `edit_step`: the step's previous values and its followers' previous dates."""
    with m.database_proxy.atomic():
        changes = restore_dates(edit.followed)
        if edit.before:
            changes |= update_step(step_id, **edit.before)[1]
    return changes


# --- What the Plan tab draws ----------------------------------------------------------


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
    ).order_by(m.Step.goal_id, m.Step.position, m.Step.due_date, m.Step.id)
    for sid, gid, title, due, done, milestone, baseline, depends in step_query.tuples():
        if gid not in ranges:
            continue
        start, target = ranges[gid]
        outside = due is not None and not start <= due <= target
        steps.append(StepRow(sid, gid, title, due, done, milestone, baseline, depends, outside))
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
            s = replace(s, outside=s.due is not None and not start <= s.due <= target)
        steps_out.append(s)
    return PlanView(goals_out, steps_out, view.spans)
