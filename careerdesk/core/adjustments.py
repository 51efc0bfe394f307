"""Plan changes made during a check-in, each a Done through the Plan's own core functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from careerdesk.core import goals, plan, plan_edit
from careerdesk.core import models as m
from careerdesk.core.operation import Done

# Each adjustment is the Plan's own core function (its checks, its undo); this
# module only names them in the words of a review.


def move_target(goal_id: int, target: dt.date) -> Done:
    """Give a goal a new target date (its start stays; steps do not move)."""
    return plan.set_goal_dates(goal_id, m.Goal.get_by_id(goal_id).start_date, target)


def set_status(goal_id: int, status: str, today: dt.date) -> Done:
    """Put a goal on hold, abandon it, take it up again or mark it done today."""
    done = goals.done_date_for(status, m.Goal.get_by_id(goal_id).done_date, today)
    return plan_edit.update_goal(goal_id, status=status, done_date=done)


def add_goal(
    title: str, start: dt.date, target: dt.date, *, horizon: str = "short", **values: object
) -> Done:
    """A new goal; `value` is its id."""
    if not title.strip():
        raise ValueError("A goal needs a title.")
    return goals.create_goal(title.strip(), start, target, horizon=horizon, **values)


def add_step(goal_id: int, title: str, due: dt.date | None, **values: object) -> Done:
    """A new step at the end of a goal's steps; `value` is its id."""
    if not title.strip():
        raise ValueError("A step needs a title.")
    return goals.create_step(goal_id, title.strip(), due, **values)


@dataclass(frozen=True)
class Adjustment:
    """One change to the plan decided at a review, as the user chose it.

    kind: "target" (goal_id, day), "status" (goal_id, status), "measure"
    (goal_id, number), "goal" (title, day = target; goal_id = parent or None),
    "step" (goal_id, title, day = due or None), "step_done" (step_id, day).
    """

    kind: str
    goal_id: int | None = None
    step_id: int | None = None
    day: dt.date | None = None
    status: str = ""
    title: str = ""
    number: float | None = None


def apply(adj: Adjustment, today: dt.date) -> Done:
    """Make one adjustment; `value` is the sentence that says what changed."""
    if adj.kind == "target":
        goal = m.Goal.get_by_id(adj.goal_id)
        done = move_target(adj.goal_id, adj.day)
        said = f"Moved the target date of “{goal.title}” from {goal.target_date} to {adj.day}."
    elif adj.kind == "status":
        goal = m.Goal.get_by_id(adj.goal_id)
        done = set_status(adj.goal_id, adj.status, today)
        said = f"“{goal.title}”: {goal.status.replace('_', ' ')} → {adj.status.replace('_', ' ')}."
    elif adj.kind == "measure":
        goal = m.Goal.get_by_id(adj.goal_id)
        done = plan_edit.update_goal(adj.goal_id, measure_current=adj.number)
        unit = f" {goal.measure_unit}" if goal.measure_unit else ""
        said = f"“{goal.title}”: {goal.measure_name or 'measure'} now {adj.number:g}{unit}."
    elif adj.kind == "goal":
        target = adj.day or today + dt.timedelta(days=90)
        done = add_goal(adj.title, min(today, target), target, parent_id=adj.goal_id)
        said = f"Added the goal “{adj.title.strip()}” (target {target})."
    elif adj.kind == "step":
        goal = m.Goal.get_by_id(adj.goal_id)
        done = add_step(adj.goal_id, adj.title, adj.day)
        due = f" (due {adj.day})" if adj.day else ""
        said = f"Added the step “{adj.title.strip()}” to “{goal.title}”{due}."
    elif adj.kind == "step_done":
        step = m.Step.get_by_id(adj.step_id)
        done = goals.set_step_done(adj.step_id, adj.day or today)
        said = f"Marked the step “{step.title}” done."
    else:
        raise ValueError(f"Unknown plan change {adj.kind!r}.")
    return Done(done.changes, done.undo, said if done.changes else None)
