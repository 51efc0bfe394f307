"""Tests of learning activities: editing their skills, completing them, planning gaps."""

import datetime as dt

import pytest
from database_dump import canonical_dump

from careerdesk.core import gaps, learning, skills, target_roles
from careerdesk.core import models as m
from careerdesk.core.operation import Done

TODAY = dt.date(2026, 11, 23)


def undo_redo(db_path, done: Done) -> Done:
    after = canonical_dump(db_path)
    redo = done
    for _ in range(2):
        back = redo.undo()
        assert canonical_dump(db_path) != after
        redo = back.undo()
        assert canonical_dump(db_path) == after
    return redo


def test_plan_gap_of_an_unlinked_requirement_adds_the_skill_and_undo_takes_it(db_path):
    role_id = target_roles.add_catalogue_role("15-1299.08").value
    req = m.RoleRequirement.get(
        (m.RoleRequirement.role == role_id) & (m.RoleRequirement.name == "Systems Analysis")
    )
    before = canonical_dump(db_path)
    done = learning.plan_gap(req.id, today=TODAY)
    assert done.changes.learning and done.changes.skills and done.changes.roles
    planned = done.value
    activity = m.LearningActivity.get_by_id(planned.activity_id)
    assert activity.title == f"Learn Systems Analysis to level {req.required_level:g}"
    assert (activity.status, activity.start_date) == ("planned", TODAY)
    assert activity.end_date == TODAY + dt.timedelta(days=learning.PLANNED_DAYS)
    skill = m.Skill.get_by_id(planned.created_skill_id)
    assert (skill.name, skill.onet_element_id) == ("Systems Analysis", "2.B.4.g")
    assert m.RoleRequirement.get_by_id(req.id).skill_id == skill.id
    assert learning.activity_skill_ids(activity.id) == [skill.id]
    undo_redo(db_path, done).undo()
    assert canonical_dump(db_path) == before
    assert m.RoleRequirement.get_by_id(req.id).skill_id is None


def test_plan_gap_as_a_goal_step_links_the_goal_once(db_path):
    skill_id = skills.add_skill("Negotiation", target_level=4).value
    goal = m.Goal.create(title="Become a team lead", start_date=TODAY, target_date=TODAY)
    done = learning.plan_gap(skill_id=skill_id, today=TODAY, goal_id=goal.id, as_step=True)
    assert done.changes.steps and done.changes.goals and not done.changes.learning
    step = m.Step.get_by_id(done.value.step_id)
    assert (step.goal_id, step.title) == (goal.id, "Build Negotiation to level 4")
    due = TODAY + dt.timedelta(days=learning.PLANNED_DAYS)
    assert (step.due_date, step.baseline_due_date) == (due, due)  # shown as the plan's ghost
    assert m.GoalSkill.get(m.GoalSkill.goal == goal.id).skill_id == skill_id
    undo_redo(db_path, done)
    # A goal already linked to the skill keeps its link when a second step is taken back.
    again = learning.plan_gap(skill_id=skill_id, today=TODAY, goal_id=goal.id, as_step=True)
    assert again.value.goal_skill_id is None
    again.undo()
    assert m.GoalSkill.select().count() == 1 and m.Step.select().count() == 1
    with pytest.raises(skills.SkillError, match="goal"):
        learning.plan_gap(skill_id=skill_id, today=TODAY, as_step=True)


def test_completing_an_activity_raises_the_chosen_levels_in_one_write(db_path):
    python = skills.add_skill("Python", current_level=2, today=TODAY).value
    sql = skills.add_skill("SQL", current_level=5, today=TODAY).value
    role_id = target_roles.add_own_role(
        "Backend", [target_roles.RequirementInput("Python", 4)]
    ).value
    before = gaps.role_analysis(role_id).readiness
    activity_id = learning.plan_gap(skill_id=python, today=TODAY).value.activity_id
    learning.update_activity(activity_id, skill_ids=[python, sql])
    offers = learning.level_offers(activity_id)
    assert offers == [learning.LevelOffer(python, "Python", 2, 3)]  # SQL is at 5 already
    done_day = TODAY + dt.timedelta(days=30)
    done = learning.complete_activity(
        activity_id, done_day, {python: offers[0].suggested_level}, note="course done"
    )
    assert done.changes.learning and done.changes.skills
    activity = m.LearningActivity.get_by_id(activity_id)
    assert (activity.status, activity.end_date) == ("done", done_day)
    assert skills.level_history(python)[-1].note == "course done"
    assert gaps.role_analysis(role_id).readiness > before
    assert [r.status for r in learning.list_activities()] == ["done"]
    undo_redo(db_path, done).undo()
    assert m.Skill.get_by_id(python).current_level == 2
    assert m.LearningActivity.get_by_id(activity_id).status == "planned"


def test_activities_edit_their_skills_keeping_the_links_that_stay(db_path):
    a = skills.add_skill("Python").value
    b = skills.add_skill("SQL").value
    c = skills.add_skill("Go").value
    first = learning.add_activity(
        "Databases course", skill_ids=[a, c], provider="Uni", start_date=TODAY, hours=20
    ).value
    kept = m.LearningSkill.get(m.LearningSkill.skill == a).id
    learning.add_activity("Old book", kind="reading", status="done")
    done = learning.update_activity(first, skill_ids=[b, a], title="Databases and Python")
    assert m.LearningSkill.get(m.LearningSkill.skill == a).id == kept
    rows = learning.list_activities()
    assert [r.title for r in rows] == ["Databases and Python", "Old book"]
    assert rows[0].skill_names == ("Python", "SQL")
    undo_redo(db_path, done)
    with pytest.raises(skills.SkillError, match="end before"):
        learning.update_activity(first, end_date=TODAY - dt.timedelta(days=1))
    # A cost entered without a currency is in the profile's; a given currency stays.
    m.Profile.create(currency="GBP")
    learning.update_activity(first, cost_minor=49_00)
    assert m.LearningActivity.get_by_id(first).currency == "GBP"
    priced = learning.add_activity("Conference", cost_minor=900_00, currency="USD").value
    learning.update_activity(priced, cost_minor=950_00)
    assert m.LearningActivity.get_by_id(priced).currency == "USD"
    with pytest.raises(skills.SkillError, match="kind"):
        learning.add_activity("Thing", kind="party")
    assert m.LearningActivity.get_by_id(first).end_date is None


def test_deleting_an_activity_and_undo(db_path):
    python = skills.add_skill("Python").value
    activity = learning.add_activity("Fluent Python", kind="reading", skill_ids=[python])
    undo_redo(db_path, activity)
    before = canonical_dump(db_path)
    learning.delete_activity(activity.value).undo()
    assert canonical_dump(db_path) == before


def test_goal_choices_leave_out_archived_goals(db_path):
    keep = m.Goal.create(title="B goal", start_date=TODAY, target_date=TODAY)
    m.Goal.create(title="A old goal", start_date=TODAY, target_date=TODAY, archived=True)
    assert learning.goal_choices() == [(keep.id, "B goal")]
