"""Check-ins: the snapshot they take and the review of what moved since the last one."""

from __future__ import annotations

import datetime as dt

import pytest

from careerdesk.core import goals, journal
from careerdesk.core import models as m

D = dt.date


def test_checkin_snapshots_goals_and_review_shows_what_moved(db_path):
    goal_id = goals.create_goal("Certify", D(2027, 1, 1), D(2027, 12, 31)).value
    steps = [goals.create_step(goal_id, f"Step {i}", D(2027, 2, i + 1)).value for i in range(4)]
    goals.set_step_done(steps[0], D(2027, 2, 1))
    checkin_id, changes = journal.create_checkin(D(2027, 3, 1), wellbeing=4, reflection="ok")
    assert changes.journal
    snapshot = m.CheckInGoal.get(m.CheckInGoal.checkin == checkin_id)
    assert (snapshot.goal_id, snapshot.progress) == (goal_id, 0.25)

    goals.set_step_done(steps[1], D(2027, 3, 5))
    new_id = goals.create_goal("Speak", D(2027, 3, 1), D(2027, 6, 1)).value
    review = {r.goal_id: r for r in journal.review(D(2027, 3, 10))}
    assert (review[goal_id].previous, review[goal_id].progress) == (0.25, 0.5)
    assert review[goal_id].health == "at_risk"  # steps 3 and 4 are overdue
    assert review[new_id].previous is None


@pytest.mark.parametrize(
    "values",
    [{"wellbeing": 6}, {"work_life_balance": 0}, {"period": "weekly"}],
)
def test_bad_checkin_values_are_refused(db_path, values):
    with pytest.raises(ValueError):
        journal.create_checkin(D(2027, 3, 1), **values)
    assert m.CheckIn.select().count() == 0


def test_trend_lists_ratings_and_mean_progress(db_path):
    goal_id = goals.create_goal("Certify", D(2027, 1, 1), D(2027, 12, 31)).value
    step_id = goals.create_step(goal_id, "Course", D(2027, 2, 1)).value
    journal.create_checkin(D(2027, 3, 1), wellbeing=2, work_life_balance=3)
    goals.set_step_done(step_id, D(2027, 3, 2))
    journal.create_checkin(D(2027, 6, 1), wellbeing=4)
    assert [
        (p.date, p.wellbeing, p.work_life_balance, p.mean_progress) for p in journal.trend()
    ] == [
        (D(2027, 3, 1), 2, 3, 0.0),
        (D(2027, 6, 1), 4, None, 1.0),
    ]
