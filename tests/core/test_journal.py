"""Check-ins: the snapshot they take, what moved since the last one, the plan changes."""

from __future__ import annotations

import datetime as dt

import pytest
from database_dump import canonical_dump

from careerdesk.core import goals, journal
from careerdesk.core import models as m
from careerdesk.core.adjustments import Adjustment

D = dt.date


def _check_in(day, **values):
    return journal.record_checkin(journal.CheckInEntry(day=day, **values), today=day)


def test_checkin_snapshots_goals_and_review_shows_what_moved(db_path):
    goal_id = goals.create_goal("Certify", D(2027, 1, 1), D(2027, 12, 31)).value
    steps = [goals.create_step(goal_id, f"Step {i}", D(2027, 2, i + 1)).value for i in range(4)]
    goals.set_step_done(steps[0], D(2027, 2, 1))
    done = _check_in(D(2027, 3, 1), wellbeing=4, went_well="ok")
    assert done.changes.journal
    snapshot = m.CheckInGoal.get(m.CheckInGoal.checkin == done.value)
    assert (snapshot.goal_id, snapshot.progress) == (goal_id, 0.25)

    goals.set_step_done(steps[1], D(2027, 3, 5))
    new_id = goals.create_goal("Speak", D(2027, 3, 1), D(2027, 6, 1)).value
    review = {r.goal_id: r for r in journal.review(D(2027, 3, 10))}
    assert (review[goal_id].previous, review[goal_id].progress) == (0.25, 0.5)
    assert review[goal_id].moved == 0.25
    assert review[goal_id].done_since == ("Step 1",)  # step 0 was done before the check-in
    assert [s.title for s in review[goal_id].open_steps] == ["Step 2", "Step 3"]
    assert review[goal_id].health == "at_risk"  # steps 3 and 4 are overdue
    assert review[new_id].previous is None and review[new_id].moved is None


def test_review_leaves_out_closed_goals(db_path):
    goals.create_goal("Done", D(2027, 1, 1), D(2027, 2, 1), status="done", done_date=D(2027, 2, 1))
    goals.create_goal("Dropped", D(2027, 1, 1), D(2027, 2, 1), status="abandoned")
    kept = goals.create_goal("Going", D(2027, 1, 1), D(2027, 9, 1), status="on_hold").value
    assert [r.goal_id for r in journal.review(D(2027, 3, 1))] == [kept]


@pytest.mark.parametrize(
    "values",
    [{"wellbeing": 6}, {"work_life_balance": 0}, {"period": "weekly"}, {"period": "custom:0"}],
)
def test_bad_checkin_values_are_refused(db_path, values):
    with pytest.raises(ValueError):
        _check_in(D(2027, 3, 1), **values)
    assert m.CheckIn.select().count() == 0


def test_trend_lists_ratings_and_mean_progress(db_path):
    goal_id = goals.create_goal("Certify", D(2027, 1, 1), D(2027, 12, 31)).value
    step_id = goals.create_step(goal_id, "Course", D(2027, 2, 1)).value
    _check_in(D(2027, 3, 1), wellbeing=2, work_life_balance=3)
    goals.set_step_done(step_id, D(2027, 3, 2))
    _check_in(D(2027, 6, 1), wellbeing=4)
    assert [
        (p.date, p.wellbeing, p.work_life_balance, p.mean_progress) for p in journal.trend()
    ] == [
        (D(2027, 3, 1), 2, 3, 0.0),
        (D(2027, 6, 1), 4, None, 1.0),
    ]


def _plan():
    goal_id = goals.create_goal("Certify", D(2027, 1, 1), D(2027, 6, 30), status="active").value
    other = goals.create_goal("Side project", D(2027, 1, 1), D(2027, 9, 1), status="active").value
    step_id = goals.create_step(goal_id, "Course", D(2027, 2, 1)).value
    return goal_id, other, step_id


def test_checkin_adjusts_the_plan_and_stores_what_changed(db_path):
    goal_id, other, step_id = _plan()
    entry = journal.CheckInEntry(
        day=D(2027, 3, 1),
        period="monthly",
        wellbeing=4,
        work_life_balance=2,
        went_well="Passed the mock exam.",
        learned="Mornings work best.",
        will_change="Study twice a week.",
        goal_notes={goal_id: "Behind, but close."},
    )
    done = journal.record_checkin(
        entry,
        [
            Adjustment("target", goal_id=goal_id, day=D(2027, 8, 31)),
            Adjustment("step", goal_id=goal_id, title="Book the exam", day=D(2027, 4, 1)),
            Adjustment("step_done", step_id=step_id, day=D(2027, 2, 20)),
            Adjustment("status", goal_id=other, status="on_hold"),
            Adjustment("goal", title="Speak at a meetup", day=D(2027, 10, 1)),
        ],
        today=D(2027, 3, 1),
    )
    checkin = m.CheckIn.get_by_id(done.value)
    assert checkin.reflection == "Went well: Passed the mock exam.\n\nLearned: Mornings work best."
    assert checkin.next_actions == "Study twice a week."
    assert journal.changed_at(checkin) == [
        "Moved the target date of “Certify” from 2027-06-30 to 2027-08-31.",
        "Added the step “Book the exam” to “Certify” (due 2027-04-01).",
        "Marked the step “Course” done.",
        "“Side project”: active → on hold.",
        "Added the goal “Speak at a meetup” (target 2027-10-01).",
    ]
    assert m.Goal.get_by_id(goal_id).target_date == D(2027, 8, 31)
    assert m.Goal.get_by_id(other).status == "on_hold"
    assert m.Step.get(m.Step.title == "Book the exam").goal_id == goal_id
    assert m.Step.get_by_id(step_id).done_date == D(2027, 2, 20)
    snaps = {s.goal.title: s for s in journal.snapshots(checkin.id)}
    # The snapshot records the plan as the review left it.
    assert snaps["Certify"].progress == 0.5 and snaps["Certify"].note == "Behind, but close."
    assert snaps["Side project"].status == "on_hold"
    assert "Speak at a meetup" in snaps


def test_one_undo_takes_the_whole_checkin_back_and_redo_replays_it(db_path):
    goal_id, other, step_id = _plan()
    before = canonical_dump(db_path)
    done = journal.record_checkin(
        journal.CheckInEntry(day=D(2027, 3, 1), wellbeing=3),
        [
            Adjustment("target", goal_id=goal_id, day=D(2027, 8, 31)),
            Adjustment("step", goal_id=goal_id, title="Book the exam"),
            Adjustment("status", goal_id=other, status="abandoned"),
        ],
        today=D(2027, 3, 1),
    )
    after = canonical_dump(db_path)
    redo = done.undo()
    assert canonical_dump(db_path) == before
    again = redo.undo()
    assert canonical_dump(db_path) == after
    again.undo()
    assert canonical_dump(db_path) == before


def test_a_refused_adjustment_is_one_sentence(db_path):
    goal_id, _, _ = _plan()
    with pytest.raises(ValueError, match="cannot be before its start date"):
        journal.record_checkin(
            journal.CheckInEntry(day=D(2027, 3, 1)),
            [Adjustment("target", goal_id=goal_id, day=D(2026, 1, 1))],
            today=D(2027, 3, 1),
        )


def test_cadence_sets_when_the_next_checkin_is_due(db_path):
    assert journal.next_checkin(D(2027, 1, 5)).day == D(2027, 1, 5)  # before the first
    _check_in(D(2027, 1, 1))
    assert journal.next_checkin_date(D(2027, 1, 5)) == D(2027, 4, 2)  # quarterly: 91 days
    journal.set_checkin_period("monthly")
    assert journal.next_checkin_date(D(2027, 1, 5)) == D(2027, 1, 31)
    done = journal.set_checkin_period(journal.custom_period(45))
    assert journal.next_checkin(D(2027, 1, 5)) == journal.NextCheckIn(
        D(2027, 2, 15), "custom:45", D(2027, 1, 1)
    )
    done.undo()
    assert journal.checkin_period() == "monthly"
    with pytest.raises(ValueError):
        journal.set_checkin_period("fortnightly")


@pytest.mark.parametrize(
    ("period", "words"),
    [("quarterly", "Quarterly"), ("custom:45", "Every 45 days"), ("custom:1", "Every day")],
)
def test_a_period_in_words(period, words):
    assert journal.period_words(period) == words
