"""The first-run guide's result: self-assessment, a target role, a first goal tree, in one Done."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from careerdesk.core import adjustments, catalogue, profile, target_roles
from careerdesk.core import models as m
from careerdesk.core.operation import Done, in_order


@dataclass(frozen=True)
class ShortGoal:
    title: str
    target: dt.date
    first_step: str = ""
    step_due: dt.date | None = None


@dataclass(frozen=True)
class FirstPlan:
    """What the user typed into the guide; empty parts are left out."""

    assessment: dict[str, list[str]] = field(default_factory=dict)  # kind -> items
    role_code: str | None = None  # an occupation of the catalogue
    role_title: str = ""  # or a role of their own
    long_goal: str = ""
    long_target: dt.date | None = None
    short_goals: tuple[ShortGoal, ...] = ()


@dataclass(frozen=True)
class Made:
    """The ids of what the guide made (for the Plan tab to show)."""

    long_goal_id: int | None
    short_goal_ids: tuple[int, ...]
    step_ids: tuple[int, ...]
    role_id: int | None


def is_new_file() -> bool:
    """True for a file with nothing in it yet: the guide is offered."""
    return not any(
        model.select().exists()
        for model in (m.Goal, m.AssessmentItem, m.TargetRole, m.Skill, m.Contact, m.CheckIn)
    )


def _catalogue_role(code: str) -> Done:
    try:
        return target_roles.add_catalogue_role(code)
    except target_roles.UnratedOccupation:
        # Not rated in the catalogue: the role of that name, its requirements by hand.
        occ = catalogue.occupation(code)
        return target_roles.add_own_role(
            occ.title, description=occ.description, onet_code=occ.code
        )


def _role(plan: FirstPlan) -> Done | None:
    if plan.role_code:
        return _catalogue_role(plan.role_code)
    if plan.role_title.strip():
        return target_roles.add_own_role(plan.role_title.strip())
    return None


def make_first_plan(plan: FirstPlan, today: dt.date) -> Done:
    """Write everything the guide gathered; `value` is a Made. Refuses a short-term goal
    without a long-term one, and dates before today's goals start."""
    if plan.short_goals and not plan.long_goal.strip():
        raise ValueError("Name the long-term goal the short-term goals lead to.")
    steps: list[Done] = []
    for kind, items in plan.assessment.items():
        for text in items:
            if text.strip():
                steps.append(profile.add_assessment_item(kind, text))
    role = _role(plan)
    if role is not None:
        steps.append(role)
    long_id = None
    short_ids: list[int] = []
    step_ids: list[int] = []
    if plan.long_goal.strip():
        target = plan.long_target or today + dt.timedelta(days=3 * 365)
        long_done = adjustments.add_goal(plan.long_goal, today, target, horizon="long")
        steps.append(long_done)
        long_id = long_done.value
        for short in plan.short_goals:
            if not short.title.strip():
                continue
            goal = adjustments.add_goal(
                short.title, today, short.target, horizon="short", parent_id=long_id
            )
            steps.append(goal)
            short_ids.append(goal.value)
            if short.first_step.strip():
                step = adjustments.add_step(goal.value, short.first_step, short.step_due)
                steps.append(step)
                step_ids.append(step.value)
    made = Made(long_id, tuple(short_ids), tuple(step_ids), role.value if role else None)
    return in_order(steps, made)
