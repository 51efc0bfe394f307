"""The goal health rule: on track, at risk, late or closed."""

from __future__ import annotations

import datetime as dt

import pytest

from careerdesk.core import goals, health

D = dt.date


def rule(**kwargs):
    values = {
        "status": "active",
        "start": D(2026, 1, 1),
        "target": D(2026, 1, 10),
        "progress": 0.0,
        "overdue_steps": 0,
        "today": D(2026, 1, 5),
    }
    values.update(kwargs)
    return health.goal_health(**values)


def test_expected_progress_counts_the_target_day():
    assert health.expected_progress(D(2026, 1, 1), D(2026, 1, 10), D(2025, 12, 31)) == 0.0
    assert health.expected_progress(D(2026, 1, 1), D(2026, 1, 10), D(2026, 1, 1)) == 0.1
    assert health.expected_progress(D(2026, 1, 1), D(2026, 1, 10), D(2026, 1, 10)) == 1.0
    # A one-day goal is all elapsed on its day.
    assert health.expected_progress(D(2026, 1, 1), D(2026, 1, 1), D(2026, 1, 1)) == 1.0


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"status": "done", "today": D(2027, 1, 1)}, health.CLOSED),
        ({"status": "abandoned"}, health.CLOSED),
        ({"today": D(2026, 1, 11)}, health.LATE),
        ({"today": D(2026, 1, 10), "progress": 0.9}, health.ON_TRACK),
        ({"today": D(2026, 1, 10), "progress": 0.7}, health.AT_RISK),
        # Day 5 of 10: half the time gone; 25 points of slack.
        ({"progress": 0.25}, health.ON_TRACK),
        ({"progress": 0.24}, health.AT_RISK),
        ({"progress": 1.0, "overdue_steps": 1}, health.AT_RISK),
        ({"today": D(2025, 12, 1)}, health.ON_TRACK),
        ({"status": "on_hold", "today": D(2026, 2, 1)}, health.LATE),
    ],
)
def test_goal_health_rule(kwargs, expected):
    assert rule(**kwargs) == expected


def test_health_by_goal_reads_steps_and_progress(db_path):
    fine = goals.create_goal("Fine", D(2026, 1, 1), D(2026, 12, 31)).value
    goals.create_step(fine, "Later", D(2026, 12, 1))
    overdue = goals.create_goal("Overdue step", D(2026, 1, 1), D(2026, 12, 31)).value
    goals.create_step(overdue, "Missed", D(2026, 2, 1))
    done_step = goals.create_step(overdue, "Done late", D(2026, 1, 15)).value
    goals.set_step_done(done_step, D(2026, 1, 20))
    late = goals.create_goal("Late", D(2025, 1, 1), D(2025, 12, 31)).value
    closed = goals.create_goal("Done", D(2025, 1, 1), D(2025, 6, 1), status="done").value
    behind = goals.create_goal(
        "Behind",
        D(2026, 1, 1),
        D(2026, 4, 10),
        measure_start=0,
        measure_target=10,
        measure_current=1,
    ).value
    result = health.health_by_goal(D(2026, 3, 1))
    assert result == {
        fine: health.ON_TRACK,
        overdue: health.AT_RISK,
        late: health.LATE,
        closed: health.CLOSED,
        behind: health.AT_RISK,
    }
