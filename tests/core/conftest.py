"""Shared fixtures of the core tests: a small plan with goals, sub-goals and dependencies."""

from __future__ import annotations

import datetime as dt

import pytest

from careerdesk.core import goals
from careerdesk.core import models as m

D = dt.date


def dates(goal_id):
    g = m.Goal.get_by_id(goal_id)
    return g.start_date, g.target_date


def due(step_id):
    return m.Step.get_by_id(step_id).due_date


@pytest.fixture
def tree(db_path):
    """A long-term goal with a sub-goal, steps on both, and a step elsewhere depending on one."""
    long_id = goals.create_goal(
        "Become staff engineer", D(2026, 1, 1), D(2027, 12, 31), horizon="long"
    ).value
    sub_id = goals.create_goal(
        "Lead a project", D(2026, 3, 1), D(2026, 6, 30), parent=long_id
    ).value
    s1 = goals.create_step(long_id, "Talk to manager", D(2026, 2, 1)).value
    s2 = goals.create_step(sub_id, "Write proposal", D(2026, 4, 1)).value
    other_id = goals.create_goal("Speak at a conference", D(2026, 5, 1), D(2026, 9, 30)).value
    s3 = goals.create_step(other_id, "Submit talk", D(2026, 5, 10), depends_on=s2).value
    s4 = goals.create_step(other_id, "Rehearse", D(2026, 8, 1), depends_on=s3).value
    s5 = goals.create_step(other_id, "Book travel", D(2026, 7, 1)).value
    return {
        "long": long_id,
        "sub": sub_id,
        "other": other_id,
        "s1": s1,
        "s2": s2,
        "s3": s3,
        "s4": s4,
        "s5": s5,
    }
