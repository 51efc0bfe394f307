"""Editing a goal's or step's fields with the plan's rules, each edit undoable exactly."""

from __future__ import annotations

from collections.abc import Iterable

from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.core.goals import check_done_date, descendant_goals
from careerdesk.core.operation import Done, in_order, nothing_done
from careerdesk.core.plan import (
    PlanError,
    SavedDates,
    check_range,
    follow,
    get_goal,
    get_step,
    moved,
    set_dependency,
)

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


def _put_back(model: type[m.BaseModel], record_id: int, values: dict[str, object]) -> Done:
    """Write stored values back as they were (no rule checks: they were stored like this).

    The undo of an edit; its own undo writes back what it replaced.
    """
    kind = "goal" if model is m.Goal else "step"
    editable = _GOAL_EDITABLE if kind == "goal" else _STEP_EDITABLE
    with m.database_proxy.atomic():
        row = model.get_or_none(model.id == record_id)
        if row is None:
            raise PlanError(f"There is no {kind} {record_id} (was it deleted?).")
        replaced = _stored(row, _normalise(values, editable, kind))
        model.update(**values, updated_at=m.utc_now()).where(model.id == record_id).execute()
    changes = Changes(goals=True, steps=kind == "step")
    return Done(changes, lambda: _put_back(model, record_id, replaced), replaced)


def update_goal(goal_id: int, **values: object) -> Done:
    """Change fields of a goal in one transaction; `value` holds their previous values.

    Refuses a target date before the start date, an empty title, a done date that does
    not go with the status, and a parent that is the goal itself or one of its sub-goals.
    """
    values = _normalise(values, _GOAL_EDITABLE, "goal")
    with m.database_proxy.atomic():
        goal = get_goal(goal_id)
        before = _stored(goal, values)
        after = {**before, **values}
        if "title" in values and not str(values["title"]).strip():
            raise PlanError("A goal needs a title.")
        start = after.get("start_date", goal.start_date)
        target = after.get("target_date", goal.target_date)
        check_range(start, target)  # type: ignore[arg-type]
        status = after.get("status", goal.status)
        try:
            check_done_date(status, after.get("done_date", goal.done_date))  # type: ignore[arg-type]
        except ValueError as exc:
            raise PlanError(str(exc)) from None
        parent = values.get("parent_id")
        if parent is not None and parent in descendant_goals(goal_id):
            raise PlanError("A goal cannot be placed under itself or one of its sub-goals.")
        changed = {k: v for k, v in values.items() if before[k] != v}
        if not changed:
            return nothing_done({})
        m.Goal.update(**changed, updated_at=m.utc_now()).where(m.Goal.id == goal_id).execute()
    previous = {k: before[k] for k in changed}
    return Done(Changes(goals=True), lambda: _put_back(m.Goal, goal_id, previous), previous)


def update_step(step_id: int, **values: object) -> Done:
    """Change fields of a step in one transaction; `value` holds their previous values.

    A new dependency goes through the circle check of `set_dependency`.
    """
    values = _normalise(values, _STEP_EDITABLE, "step")
    with m.database_proxy.atomic():
        step = get_step(step_id)
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
            return nothing_done({})
        previous = {k: before[k] for k in changed}
        if "depends_on_id" in changed:
            set_dependency(step_id, changed.pop("depends_on_id"))  # type: ignore[arg-type]
        if changed:
            m.Step.update(**changed, updated_at=m.utc_now()).where(m.Step.id == step_id).execute()
    changes = Changes(goals=True, steps=True)
    return Done(changes, lambda: _put_back(m.Step, step_id, previous), previous)


def edit_step(step_id: int, **values: object) -> Done:
    """`update_step`, and when the due date moves later, steps waiting for it follow.

    One transaction; undo puts back exactly what it changed. `value` is the set of
    steps that followed.
    """
    saved = SavedDates()
    with m.database_proxy.atomic():
        old_due = get_step(step_id).due_date
        edited = update_step(step_id, **values)
        new_due = values.get("due_date", old_due)
        if "due_date" in edited.value and old_due is not None and new_due is not None:
            follow([step_id], (new_due - old_due).days, saved)  # type: ignore[operator]
    followed = frozenset(saved.steps)
    if not saved:
        return Done(edited.changes, edited.undo, followed)
    return in_order([edited, moved(saved)], followed)
