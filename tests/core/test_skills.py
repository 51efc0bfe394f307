"""Tests of the skill inventory, target roles, learning activities and evidence."""

import datetime as dt

import pytest

from careerdesk.core import catalogue, gaps, records, skills
from careerdesk.core import models as m

TODAY = dt.date(2026, 11, 23)


def test_catalogue_role_maps_every_rating_and_links_inventory_skills(db_path):
    python_id, _ = skills.add_skill(
        "Python", onet_element_id="2.B.3.e", current_level=3, today=TODAY
    )
    role_id, changes = skills.add_catalogue_role("15-1299.08", today=TODAY)
    assert changes.roles and not changes.skills
    role = m.TargetRole.get_by_id(role_id)
    assert (role.title, role.source, role.onet_code) == (
        "Computer Systems Engineers/Architects",
        "onet",
        "15-1299.08",
    )
    reqs = {r.onet_element_id: r for r in role.requirements}
    rated = catalogue.ratings("15-1299.08")
    assert len(reqs) == len(rated)
    for rating in rated:
        req = reqs[rating.element_id]
        assert req.name == rating.name
        assert req.importance == rating.importance == req.onet_importance
        assert req.onet_level == rating.level
        assert req.required_level == catalogue.map_level(rating.level)
    assert reqs["2.B.3.e"].skill_id == python_id
    assert all(r.skill_id is None for e, r in reqs.items() if e != "2.B.3.e")
    assert m.Skill.select().count() == 1


def test_catalogue_role_can_add_the_missing_onet_skills(db_path):
    skills.add_skill("Python", onet_element_id="2.B.3.e")
    missing = skills.missing_onet_skills("11-3021.00")
    assert "Programming" not in {s.name for s in missing}
    role_id, changes = skills.add_catalogue_role(
        "11-3021.00", today=TODAY, add_missing_skills=True
    )
    assert changes.skills and changes.roles
    assert m.Skill.select().count() == 1 + len(missing)
    added = m.Skill.get(m.Skill.name == "Negotiation")
    assert (added.kind, added.current_level, added.onet_element_id) == ("soft", None, "2.B.1.d")
    assert all(r.skill_id is not None for r in m.TargetRole.get_by_id(role_id).requirements)
    assert skills.missing_onet_skills("11-3021.00") == []
    # A second role reuses the skills already there.
    skills.add_catalogue_role("15-1251.00", today=TODAY, add_missing_skills=True)
    assert m.Skill.select().where(m.Skill.name == "Negotiation").count() == 1


def test_unrated_occupation_is_refused_and_nothing_is_written(db_path):
    with pytest.raises(skills.UnratedOccupation, match="Software Developers") as info:
        skills.add_catalogue_role("15-1252.00", today=TODAY)
    assert info.value.code == "15-1252.00"
    with pytest.raises(skills.SkillError, match="no occupation"):
        skills.add_catalogue_role("15-1252", today=TODAY)
    assert m.TargetRole.select().count() == 0
    assert m.RoleRequirement.select().count() == 0


def test_roles_are_listed_in_the_order_they_were_added(db_path):
    skills.add_catalogue_role("15-1299.08", today=TODAY)
    skills.add_own_role("Staff engineer", [skills.RequirementInput("System design", 4)])
    rows = skills.list_roles()
    assert [r.title for r in rows] == ["Computer Systems Engineers/Architects", "Staff engineer"]
    assert rows[1].requirement_count == 1 and rows[1].source == "own"


def test_set_level_keeps_history_and_can_be_taken_back(db_path):
    skill_id, _ = skills.add_skill("Python", current_level=2, today=dt.date(2026, 1, 5))
    change_id, changes = skills.set_level(skill_id, 3, TODAY, note="after the course")
    assert changes.skills
    skill = m.Skill.get_by_id(skill_id)
    assert (skill.current_level, skill.last_assessed) == (3, TODAY)
    history = [(c.date, c.old_level, c.new_level) for c in skills.level_history(skill_id)]
    assert history == [(dt.date(2026, 1, 5), None, 2), (TODAY, 2, 3)]
    assert skills.set_level(skill_id, 3, TODAY) == (None, skills.Changes())
    skills.undo_level(change_id, dt.date(2026, 1, 5))
    skill = m.Skill.get_by_id(skill_id)
    assert (skill.current_level, skill.last_assessed) == (2, dt.date(2026, 1, 5))
    assert len(skills.level_history(skill_id)) == 1


def test_bad_levels_are_refused_with_a_message_and_nothing_changes(db_path):
    skill_id, _ = skills.add_skill("Python", current_level=2, today=TODAY)
    with pytest.raises(skills.SkillError, match="from 0 to 5"):
        skills.set_level(skill_id, 6, TODAY)
    with pytest.raises(skills.SkillError, match="whole number"):
        skills.set_level(skill_id, 2.5, TODAY)
    with pytest.raises(skills.SkillError, match="set_level"):
        skills.update_skill(skill_id, current_level=4)
    with pytest.raises(skills.SkillError, match="needs a name"):
        skills.add_skill("   ")
    with pytest.raises(skills.SkillError, match="Importance"):
        skills.add_own_role("Lead", [skills.RequirementInput("Python", 3, importance=0)])
    assert m.Skill.get_by_id(skill_id).current_level == 2
    assert m.TargetRole.select().count() == 0
    assert len(skills.level_history(skill_id)) == 1


def test_inventory_lists_evidence_and_learning_counts(db_path):
    python, _ = skills.add_skill("python", current_level=3, target_level=5, today=TODAY)
    skills.add_skill("Architecture", kind="hard")
    skills.add_evidence(python, "Payments service rewrite", kind="project", date=TODAY)
    skills.add_evidence(python, "PCAP certificate", kind="certificate")
    win = m.Achievement.create(date=TODAY, title="Cut payment latency by 40 %")
    assert skills.achievement_choices() == [(win.id, win.title, TODAY)]
    skills.add_evidence(python, win.title, kind="achievement", achievement_id=win.id)
    skills.add_activity("Fluent Python", kind="reading", skill_ids=[python])
    rows = skills.list_skills()
    assert [r.name for r in rows] == ["Architecture", "python"]
    assert (rows[1].evidence_count, rows[1].learning_count, rows[1].target_level) == (3, 1, 5)
    assert (rows[0].evidence_count, rows[0].current_level) == (0, None)
    assert [e.title for e in skills.evidence_of(python)] == [
        "Payments service rewrite",
        "Cut payment latency by 40 %",
        "PCAP certificate",
    ]
    assert m.Evidence.get(m.Evidence.kind == "achievement").achievement_id == win.id


def test_requirements_can_be_added_adjusted_and_removed(db_path):
    role_id, _ = skills.add_catalogue_role("15-1299.08", today=TODAY)
    programming = m.RoleRequirement.get(
        (m.RoleRequirement.role == role_id) & (m.RoleRequirement.name == "Programming")
    )
    skills.update_requirement(programming.id, required_level=4.5, importance=5)
    programming = m.RoleRequirement.get_by_id(programming.id)
    assert (programming.required_level, programming.importance) == (4.5, 5)
    assert programming.onet_level is not None  # the catalogue's rating stays for reference
    with pytest.raises(skills.SkillError, match="Required level"):
        skills.update_requirement(programming.id, required_level=5.5)
    negotiation, _ = skills.add_requirement(role_id, "negotiation", 2)
    assert m.RoleRequirement.get_by_id(negotiation).onet_element_id == "2.B.1.d"
    k8s, _ = skills.add_skill("Kubernetes")
    req_id, _ = skills.add_requirement(role_id, "kubernetes", 3)
    assert m.RoleRequirement.get_by_id(req_id).skill_id == k8s
    deleted, changes = records.delete_rows(m.RoleRequirement, req_id)
    assert changes.roles and m.RoleRequirement.get_or_none(id=req_id) is None
    records.restore_rows(deleted)
    assert m.RoleRequirement.get_by_id(req_id).name == "kubernetes"
    assert [r.name for r in skills.requirements_of(role_id)][0] == "Programming"


def test_plan_gap_creates_a_prefilled_activity_and_can_be_undone(db_path):
    role_id, _ = skills.add_catalogue_role("15-1299.08", today=TODAY)
    req = m.RoleRequirement.get(
        (m.RoleRequirement.role == role_id) & (m.RoleRequirement.name == "Systems Analysis")
    )
    planned, changes = skills.plan_gap_details(req.id, today=TODAY)
    assert changes.learning and changes.skills and changes.roles
    activity = m.LearningActivity.get_by_id(planned.activity_id)
    assert activity.title == f"Learn Systems Analysis to level {req.required_level:g}"
    assert (activity.status, activity.start_date) == ("planned", TODAY)
    assert activity.end_date == TODAY + dt.timedelta(days=skills.PLANNED_DAYS)
    skill = m.Skill.get_by_id(planned.created_skill_id)
    assert (skill.name, skill.onet_element_id) == ("Systems Analysis", "2.B.4.g")
    assert m.RoleRequirement.get_by_id(req.id).skill_id == skill.id
    assert skills.activity_skill_ids(activity.id) == [skill.id]
    skills.unplan_gap(planned)
    assert m.LearningActivity.select().count() == 0
    assert m.Skill.select().count() == 0
    assert m.RoleRequirement.get_by_id(req.id).skill_id is None


def test_plan_gap_as_a_goal_step(db_path):
    skill_id, _ = skills.add_skill("Negotiation", target_level=4)
    goal = m.Goal.create(title="Become a team lead", start_date=TODAY, target_date=TODAY)
    step_id, changes = skills.plan_gap(
        skill_id=skill_id, today=TODAY, goal_id=goal.id, as_step=True
    )
    assert changes.steps and not changes.learning
    step = m.Step.get_by_id(step_id)
    assert (step.goal_id, step.title) == (goal.id, "Build Negotiation to level 4")
    due = TODAY + dt.timedelta(days=skills.PLANNED_DAYS)
    assert (step.due_date, step.baseline_due_date) == (due, due)  # shown as the plan's ghost
    assert m.GoalSkill.get(m.GoalSkill.goal == goal.id).skill_id == skill_id
    with pytest.raises(skills.SkillError, match="goal"):
        skills.plan_gap(skill_id=skill_id, today=TODAY, as_step=True)


def test_unplanning_a_step_takes_the_goal_link_it_made_and_restores_the_same_rows(db_path):
    skill_id, _ = skills.add_skill("Negotiation", target_level=4)
    goal = m.Goal.create(title="Become a team lead", start_date=TODAY, target_date=TODAY)
    planned, _ = skills.plan_gap_details(
        skill_id=skill_id, today=TODAY, goal_id=goal.id, as_step=True
    )
    removed, changes = skills.unplan_gap(planned)
    assert changes.steps and changes.goals
    assert m.Step.select().count() == m.GoalSkill.select().count() == 0
    skills.restore_removed(removed)
    assert m.Step.get().id == planned.step_id
    assert m.GoalSkill.get().id == planned.goal_skill_id
    # A goal already linked to the skill keeps its link when a second step is taken back.
    again, _ = skills.plan_gap_details(
        skill_id=skill_id, today=TODAY, goal_id=goal.id, as_step=True
    )
    assert again.goal_skill_id is None
    skills.unplan_gap(again)
    assert m.GoalSkill.select().count() == 1


def test_one_skill_reads_like_its_inventory_row_and_priority_is_checked(db_path):
    skill_id, _ = skills.add_skill("Python", current_level=3, today=TODAY, priority=4)
    assert skills.skill(skill_id) == next(r for r in skills.list_skills() if r.id == skill_id)
    with pytest.raises(skills.SkillError, match="Priority"):
        skills.add_skill("Go", priority=9)
    with pytest.raises(skills.SkillError, match="Priority"):
        skills.update_skill(skill_id, priority=None)
    with pytest.raises(skills.SkillError, match="no skill"):
        skills.skill(skill_id + 1)
    assert [r.name for r in skills.list_skills()] == ["Python"]


def test_completing_an_activity_offers_to_raise_levels_and_readiness_rises(db_path):
    python, _ = skills.add_skill("Python", current_level=2, today=TODAY)
    role_id, _ = skills.add_own_role("Backend", [skills.RequirementInput("Python", 4)])
    before = gaps.role_analysis(role_id).readiness
    activity_id, _ = skills.plan_gap(skill_id=python, today=TODAY)
    done_day = TODAY + dt.timedelta(days=30)
    offers, changes = skills.complete_activity(activity_id, done_day)
    assert changes.learning
    activity = m.LearningActivity.get_by_id(activity_id)
    assert (activity.status, activity.end_date) == ("done", done_day)
    assert offers == [skills.LevelOffer(python, "Python", 2, 3)]
    skills.set_level(python, offers[0].suggested_level, done_day)
    assert gaps.role_analysis(role_id).readiness > before
    assert [r.status for r in skills.list_activities()] == ["done"]


def test_activities_edit_their_skills_in_one_step_and_list_open_ones_first(db_path):
    a, _ = skills.add_skill("Python")
    b, _ = skills.add_skill("SQL")
    first, _ = skills.add_activity(
        "Databases course", skill_ids=[a], provider="Uni", start_date=TODAY, hours=20
    )
    skills.add_activity("Old book", kind="reading", status="done")
    skills.update_activity(first, skill_ids=[b, a], title="Databases and Python")
    rows = skills.list_activities()
    assert [r.title for r in rows] == ["Databases and Python", "Old book"]
    assert rows[0].skill_names == ("Python", "SQL")
    with pytest.raises(skills.SkillError, match="end before"):
        skills.update_activity(first, end_date=TODAY - dt.timedelta(days=1))
    # A cost entered without a currency is in the profile's; a given currency stays.
    m.Profile.create(currency="GBP")
    skills.update_activity(first, cost_minor=49_00)
    assert m.LearningActivity.get_by_id(first).currency == "GBP"
    priced, _ = skills.add_activity("Conference", cost_minor=900_00, currency="USD")
    skills.update_activity(priced, cost_minor=950_00)
    assert m.LearningActivity.get_by_id(priced).currency == "USD"
    with pytest.raises(skills.SkillError, match="kind"):
        skills.add_activity("Thing", kind="party")
    assert m.LearningActivity.get_by_id(first).end_date is None


def test_removing_a_role_with_the_skills_it_brought_and_restoring_them(db_path):
    before = skills.skill_ids()
    role_id, _ = skills.add_catalogue_role("11-3021.00", today=TODAY, add_missing_skills=True)
    added = sorted(skills.skill_ids() - before)
    requirement_count = m.RoleRequirement.select().count()
    removed, changes = skills.remove_role(role_id, with_skills=added)
    assert changes.roles and changes.skills
    assert m.TargetRole.select().count() == m.Skill.select().count() == 0
    skills.restore_removed(removed)
    assert m.TargetRole.get_by_id(role_id).onet_code == "11-3021.00"
    assert m.RoleRequirement.select().count() == requirement_count
    assert all(r.skill_id is not None for r in m.TargetRole.get_by_id(role_id).requirements)
