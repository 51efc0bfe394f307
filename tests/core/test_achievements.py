"""Achievements and feedback: write, edit, delete, filter; each a Done that undoes exactly."""

from __future__ import annotations

import datetime as dt

import pytest
from database_dump import canonical_dump

from careerdesk.core import achievements as ach
from careerdesk.core import goals, records
from careerdesk.core import models as m

D = dt.date


@pytest.fixture
def plan(db_path):
    goal_id = goals.create_goal("Lead a team", D(2027, 1, 1), D(2027, 12, 31)).value
    python = records.create(m.Skill, name="Python").value
    talk = records.create(m.Skill, name="Public speaking").value
    return goal_id, python, talk


def _roundtrip(db_path, op):
    before = canonical_dump(db_path)
    done = op()
    after = canonical_dump(db_path)
    assert after != before
    redo = done.undo()
    assert canonical_dump(db_path) == before
    redo.undo()
    assert canonical_dump(db_path) == after
    return done


def test_achievement_with_skills_counts_as_evidence(db_path, plan):
    goal_id, python, talk = plan
    entry = ach.AchievementInput(
        D(2027, 3, 1),
        "Shipped the API",
        situation="Old API slow",
        task="Make it fast",
        action="Rewrote it",
        result="3x faster",
        metric="p99 120 ms",
        goal_id=goal_id,
        skill_ids=(python,),
        evidence=True,
    )
    done = _roundtrip(db_path, lambda: ach.add_achievement(entry))
    [row] = ach.achievements()
    assert (row.title, row.task, row.goal, row.skills, row.evidence) == (
        "Shipped the API",
        "Make it fast",
        "Lead a team",
        ("Python",),
        True,
    )
    assert [e.title for e in m.Evidence.select().where(m.Evidence.skill == python)] == [
        "Shipped the API"
    ]
    assert ach.achievement_input(done.value) == entry


def test_achievement_edit_moves_links_and_evidence(db_path, plan):
    goal_id, python, talk = plan
    aid = ach.add_achievement(
        ach.AchievementInput(D(2027, 3, 1), "Talk", skill_ids=(python,), evidence=True)
    ).value
    changed = ach.AchievementInput(D(2027, 3, 2), "Meetup talk", skill_ids=(talk,), evidence=True)
    _roundtrip(db_path, lambda: ach.update_achievement(aid, changed))
    assert ach.achievement_input(aid) == changed
    assert [(e.skill_id, e.title) for e in m.Evidence.select()] == [(talk, "Meetup talk")]
    assert not ach.update_achievement(aid, changed).changes  # nothing to change


def test_achievement_delete_takes_its_evidence_and_undo_brings_both(db_path, plan):
    _, python, _ = plan
    aid = ach.add_achievement(
        ach.AchievementInput(D(2027, 3, 1), "Talk", skill_ids=(python,), evidence=True)
    ).value
    _roundtrip(db_path, lambda: ach.delete_achievement(aid))


def test_achievements_and_feedback_filter_by_skill_and_goal(db_path, plan):
    goal_id, python, talk = plan
    ach.add_achievement(ach.AchievementInput(D(2027, 3, 1), "A", goal_id=goal_id))
    ach.add_achievement(ach.AchievementInput(D(2027, 3, 2), "B", skill_ids=(talk,)))
    assert [a.title for a in ach.achievements()] == ["B", "A"]
    assert [a.title for a in ach.achievements(goal_id=goal_id)] == ["A"]
    assert [a.title for a in ach.achievements(skill_id=talk)] == ["B"]
    assert ach.achievements(skill_id=python) == []
    ach.add_feedback(ach.FeedbackInput(D(2027, 3, 1), "Clear", giver="Sam", skill_ids=(talk,)))
    ach.add_feedback(ach.FeedbackInput(D(2027, 3, 2), "Calm", giver="Kim", goal_id=goal_id))
    assert [f.text for f in ach.feedback(skill_id=talk)] == ["Clear"]
    assert [f.text for f in ach.feedback(goal_id=goal_id)] == ["Calm"]


def test_feedback_actions_become_steps_of_its_goal(db_path, plan):
    goal_id, python, _ = plan
    contact = records.create(m.Contact, first_name="Priya", last_name="Raman").value
    entry = ach.FeedbackInput(
        D(2027, 3, 1),
        "Push back earlier.",
        kind="manager_review",
        contact_id=contact,
        goal_id=goal_id,
        skill_ids=(python,),
        actions=("Write a scope note", "Weekly 1:1"),
    )
    done = _roundtrip(db_path, lambda: ach.add_feedback(entry))
    [row] = ach.feedback()
    assert (row.giver, row.kind, row.actions) == (
        "Priya Raman",
        "manager_review",
        ("Write a scope note", "Weekly 1:1"),
    )
    assert [s.title for s in m.Step.select().where(m.Step.goal == goal_id)] == [
        "Write a scope note",
        "Weekly 1:1",
    ]
    more = ach.FeedbackInput(**{**entry.__dict__, "actions": (*entry.actions, "Ask for help")})
    _roundtrip(db_path, lambda: ach.update_feedback(done.value, more))
    assert m.Step.select().where(m.Step.goal == goal_id).count() == 3  # only the new one added
    _roundtrip(db_path, lambda: ach.delete_feedback(done.value))


@pytest.mark.parametrize(
    "entry, message",
    [
        (ach.FeedbackInput(D(2027, 1, 1), " ", giver="Sam"), "what was said"),
        (ach.FeedbackInput(D(2027, 1, 1), "Good"), "who gave"),
        (ach.FeedbackInput(D(2027, 1, 1), "Good", giver="S", kind="nice"), "Feedback is one"),
        (ach.FeedbackInput(D(2027, 1, 1), "Good", giver="S", actions=("x",)), "pick the goal"),
    ],
)
def test_bad_feedback_is_refused_and_nothing_written(db_path, entry, message):
    with pytest.raises(ValueError, match=message):
        ach.add_feedback(entry)
    assert m.Feedback.select().count() == 0
