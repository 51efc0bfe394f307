"""Generic create/update/delete/restore, with cascades and unlinked references (core.records)."""

from __future__ import annotations

import datetime as dt

import pytest

from careerdesk.core import goals, records
from careerdesk.core import models as m

D = dt.date


def test_create_update_return_what_changed(db_path):
    skill_id, changes = records.insert_row(m.Skill, name="Go", kind="hard", current_level=2)
    assert changes.skills and not changes.goals
    before = m.Skill.get_by_id(skill_id).updated_at
    changes = records.update_row(m.Skill, skill_id, current_level=3)
    skill = m.Skill.get_by_id(skill_id)
    assert skill.current_level == 3 and changes.skills
    assert skill.updated_at >= before


def test_unknown_field_is_refused(db_path):
    with pytest.raises(ValueError, match="no field colour"):
        records.insert_row(m.Skill, name="Go", colour="red")


def test_deleting_a_goal_deletes_its_steps_and_restore_brings_all_back(db_path):
    goal_id = goals.create_goal("Staff engineer", D(2027, 1, 1), D(2027, 12, 31)).value
    other_id = goals.create_goal("Talk", D(2027, 1, 1), D(2027, 3, 1), parent=goal_id).value
    first = goals.create_step(goal_id, "Write doc", D(2027, 2, 1)).value
    second = goals.create_step(goal_id, "Review doc", D(2027, 3, 1), depends_on=first).value
    outside = goals.create_step(other_id, "Rehearse", D(2027, 2, 10), depends_on=second).value
    contact = m.Contact.create(first_name="Priya", last_name="Raman")
    m.GoalContact.create(goal=goal_id, contact=contact)

    deleted, changes = records.delete_rows(m.Goal, goal_id)
    assert changes.goals and changes.steps and changes.contacts
    assert m.Step.select().where(m.Step.goal == goal_id).count() == 0
    assert m.Goal.get_by_id(other_id).parent_id is None  # sub-goal kept, unlinked
    assert m.Step.get_by_id(outside).depends_on_id is None
    assert m.GoalContact.select().count() == 0

    records.restore_rows(deleted)
    assert m.Goal.get_by_id(goal_id).title == "Staff engineer"
    assert [s.id for s in m.Step.select().where(m.Step.goal == goal_id)] == [first, second]
    assert m.Step.get_by_id(second).depends_on_id == first
    assert m.Step.get_by_id(outside).depends_on_id == second
    assert m.Goal.get_by_id(other_id).parent_id == goal_id
    assert m.GoalContact.select().count() == 1
    assert m.database_proxy.execute_sql("PRAGMA foreign_key_check").fetchall() == []


def test_deleting_a_contact_leaves_nothing_dangling(db_path):
    contact = m.Contact.create(first_name="Jonas", last_name="Weber")
    m.Interaction.create(contact=contact, date=D(2026, 5, 1), kind="call")
    tag = m.Tag.create(name="mentor")
    m.ContactTag.create(contact=contact, tag=tag)
    feedback = m.Feedback.create(date=D(2026, 5, 2), text="Nice talk", contact=contact)
    records.delete_rows(m.Contact, contact.id)
    assert m.Interaction.select().count() == 0
    assert m.ContactTag.select().count() == 0
    assert m.Tag.select().count() == 1
    assert m.Feedback.get_by_id(feedback.id).contact_id is None
    assert m.database_proxy.execute_sql("PRAGMA foreign_key_check").fetchall() == []
