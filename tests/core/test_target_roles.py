"""Tests of target roles: from the catalogue or the user's own, and their requirements."""

import datetime as dt

import pytest
from database_dump import canonical_dump

from careerdesk.core import catalogue, skills, target_roles
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


def test_catalogue_role_maps_every_rating_and_links_inventory_skills(db_path):
    python_id = skills.add_skill(
        "Python", onet_element_id="2.B.3.e", current_level=3, today=TODAY
    ).value
    done = target_roles.add_catalogue_role("15-1299.08")
    assert done.changes.roles and not done.changes.skills
    role = m.TargetRole.get_by_id(done.value)
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


def test_catalogue_role_adds_the_missing_skills_and_undo_takes_them_too(db_path):
    skills.add_skill("Python", onet_element_id="2.B.3.e")
    before = canonical_dump(db_path)
    missing = target_roles.missing_onet_skills("11-3021.00")
    assert "Programming" not in {s.name for s in missing}
    done = target_roles.add_catalogue_role("11-3021.00", add_missing_skills=True)
    assert done.changes.skills and done.changes.roles
    assert m.Skill.select().count() == 1 + len(missing)
    added = m.Skill.get(m.Skill.name == "Negotiation")
    assert (added.kind, added.current_level, added.onet_element_id) == ("soft", None, "2.B.1.d")
    assert all(r.skill_id is not None for r in m.TargetRole.get_by_id(done.value).requirements)
    assert target_roles.missing_onet_skills("11-3021.00") == []
    back = undo_redo(db_path, done).undo()
    assert canonical_dump(db_path) == before
    back.undo()  # done again: a second role reuses the skills already there
    target_roles.add_catalogue_role("15-1251.00", add_missing_skills=True)
    assert m.Skill.select().where(m.Skill.name == "Negotiation").count() == 1


def test_unrated_occupation_is_refused_and_nothing_is_written(db_path):
    with pytest.raises(target_roles.UnratedOccupation, match="Software Developers") as info:
        target_roles.add_catalogue_role("15-1252.00")
    assert info.value.code == "15-1252.00"
    with pytest.raises(skills.SkillError, match="no occupation"):
        target_roles.add_catalogue_role("15-1252")
    assert m.TargetRole.select().count() == 0
    assert m.RoleRequirement.select().count() == 0


def test_own_roles_are_listed_in_order_and_remove_and_activity_undo(db_path):
    target_roles.add_catalogue_role("15-1299.08")
    own = target_roles.add_own_role(
        "Staff engineer", [target_roles.RequirementInput("System design", 4)]
    )
    rows = target_roles.list_roles()
    assert [r.title for r in rows] == ["Computer Systems Engineers/Architects", "Staff engineer"]
    assert rows[1].requirement_count == 1 and rows[1].source == "own"
    undo_redo(db_path, own)
    undo_redo(db_path, target_roles.set_role_active(own.value, False))
    assert [r.active for r in target_roles.list_roles()] == [True, False]
    assert [r.title for r in target_roles.list_roles(active_only=True)] == [rows[0].title]
    undo_redo(db_path, target_roles.remove_role(rows[0].id))
    assert [r.title for r in target_roles.list_roles()] == ["Staff engineer"]
    with pytest.raises(skills.SkillError, match="Importance"):
        target_roles.add_own_role(
            "Lead", [target_roles.RequirementInput("Python", 3, importance=0)]
        )
    assert m.TargetRole.select().count() == 1


def test_requirements_can_be_added_adjusted_and_removed(db_path):
    role_id = target_roles.add_catalogue_role("15-1299.08").value
    programming = m.RoleRequirement.get(
        (m.RoleRequirement.role == role_id) & (m.RoleRequirement.name == "Programming")
    )
    done = target_roles.update_requirement(programming.id, required_level=4.5, importance=5)
    programming = m.RoleRequirement.get_by_id(programming.id)
    assert (programming.required_level, programming.importance) == (4.5, 5)
    assert programming.onet_level is not None  # the catalogue's rating stays for reference
    undo_redo(db_path, done)
    with pytest.raises(skills.SkillError, match="Required level"):
        target_roles.update_requirement(programming.id, required_level=5.5)
    with pytest.raises(skills.SkillError, match="no field"):
        target_roles.update_requirement(programming.id, role=2)
    negotiation = target_roles.add_requirement(role_id, "negotiation", 2)
    assert m.RoleRequirement.get_by_id(negotiation.value).onet_element_id == "2.B.1.d"
    undo_redo(db_path, negotiation)
    k8s = skills.add_skill("Kubernetes").value
    req_id = target_roles.add_requirement(role_id, "kubernetes", 3).value
    assert m.RoleRequirement.get_by_id(req_id).skill_id == k8s
    removed = target_roles.remove_requirement(req_id)
    assert removed.changes.roles and m.RoleRequirement.get_or_none(id=req_id) is None
    undo_redo(db_path, removed).undo()
    assert m.RoleRequirement.get_by_id(req_id).name == "kubernetes"
    assert [r.name for r in target_roles.requirements_of(role_id)][0] == "Programming"


def test_requirement_choices_are_the_inventory_then_the_other_onet_skills(db_path):
    skills.add_skill("Kubernetes")
    skills.add_skill("programming")
    choices = target_roles.requirement_choices()
    assert choices[:2] == ["Kubernetes", "programming"]
    assert "Programming" not in choices and "Negotiation" in choices
