"""Goal progress, the goal tree and attention lists (core.goals, core.overview)."""

from __future__ import annotations

import datetime as dt

import pytest

from careerdesk.core import goals, overview
from careerdesk.core import models as m

D = dt.date


@pytest.mark.parametrize(
    ("status", "measure", "done", "total", "expected"),
    [
        ("done", (None, None, None), 0, 4, 1.0),
        ("active", (100, 140, 110), 0, 4, 0.25),  # the measure wins over steps
        ("active", (6, 0, 2), 0, 0, 4 / 6),  # a measure may go down
        ("active", (100, 140, 200), 0, 0, 1.0),  # clamped
        ("active", (100, 100, 100), 1, 4, 0.25),  # no span: steps decide
        ("active", (None, None, None), 3, 4, 0.75),
        ("not_started", (None, None, None), 0, 0, 0.0),
    ],
)
def test_progress_rule(status, measure, done, total, expected):
    assert goals.progress(status, measure, done, total) == pytest.approx(expected)


def test_goal_keeps_its_first_dates_as_baseline(db_path):
    done = goals.create_goal("Lead", D(2027, 1, 1), D(2027, 6, 30))
    goal_id, changes = done.value, done.changes
    goal = m.Goal.get_by_id(goal_id)
    assert (goal.baseline_start_date, goal.baseline_target_date) == (D(2027, 1, 1), D(2027, 6, 30))
    assert changes.goals


def test_impossible_dates_are_refused(db_path):
    with pytest.raises(ValueError, match="target date cannot be before"):
        goals.create_goal("Backwards", D(2027, 6, 1), D(2027, 1, 1))
    assert m.Goal.select().count() == 0


def test_goal_tree_nests_sub_goals_and_steps_and_hides_archived(db_path):
    long_id = goals.create_goal("Staff", D(2027, 1, 1), D(2028, 1, 1), horizon="long").value
    short_id = goals.create_goal("Design docs", D(2027, 1, 1), D(2027, 6, 1), parent=long_id).value
    archived_id = goals.create_goal("Old", D(2026, 1, 1), D(2026, 6, 1)).value
    goals.set_goal_archived(archived_id)
    step_id = goals.create_step(short_id, "Doc 1", D(2027, 2, 1)).value
    goals.set_step_done(step_id, D(2027, 2, 1))
    goals.create_step(short_id, "Doc 2", D(2027, 3, 1))
    tree = goals.goal_tree()
    assert [n.goal.title for n in tree] == ["Staff"]
    child = tree[0].children[0]
    assert child.goal.title == "Design docs"
    assert [s.title for s in child.steps] == ["Doc 1", "Doc 2"]
    assert child.progress == 0.5
    assert len(goals.goal_tree(include_archived=True)) == 2


def test_attention_lists_overdue_upcoming_and_troubled_goals(db_path):
    today = D(2027, 3, 10)
    goal_id = goals.create_goal("Certify", D(2027, 1, 1), D(2027, 6, 1)).value
    goals.create_step(goal_id, "Course", D(2027, 3, 1))
    goals.create_step(goal_id, "Exam", D(2027, 3, 20))
    goals.create_goal("Talk", D(2026, 10, 1), D(2027, 2, 1))
    news = overview.attention(today)
    assert [s.title for s in news.overdue_steps] == ["Course"]
    assert [s.title for s in news.upcoming_steps] == ["Exam"]
    assert [(g.title, g.health) for g in news.goals_at_risk] == [
        ("Talk", "late"),
        ("Certify", "at_risk"),
    ]
    assert news.next_checkin == today  # never checked in: due now


def test_archiving_a_goal_archives_its_sub_goals_and_can_be_undone(db_path):
    staff = goals.create_goal("Staff", D(2027, 1, 1), D(2028, 1, 1), horizon="long").value
    docs = goals.create_goal("Design docs", D(2027, 1, 1), D(2027, 6, 1), parent=staff).value
    talk = goals.create_goal("Talk", D(2027, 2, 1), D(2027, 4, 1), parent=docs).value
    goals.set_goal_archived(talk)  # archived on its own before
    goals.create_step(docs, "Doc 1", D(2026, 12, 1))
    done = goals.set_goal_archived(staff)
    assert done.changes.goals
    assert goals.goal_tree() == []
    assert overview.attention(D(2027, 3, 1)).overdue_steps == []  # hidden with its goal
    redo = done.undo().undo
    assert {g.id: g.archived for g in m.Goal.select()} == {staff: False, docs: False, talk: True}
    redo()
    assert {g.id: g.archived for g in m.Goal.select()} == {staff: True, docs: True, talk: True}
