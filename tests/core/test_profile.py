"""Tests of the profile: About me, self-assessment items and career history."""

import datetime as dt

import pytest
from database_dump import canonical_dump

from careerdesk.core import models as m
from careerdesk.core import profile


def test_profile_fields_change_and_undo(db_path):
    before = canonical_dump(db_path)
    assert profile.get_profile().name == "" and canonical_dump(db_path) == before  # read only
    done = profile.update_profile(name="  Alex Morgan ", growth_definition="More impact.\n")
    assert done.changes.profile
    me = profile.get_profile()
    assert (me.name, me.growth_definition) == ("Alex Morgan", "More impact.\n")
    done.undo()  # the row the first change made goes with it
    assert canonical_dump(db_path) == before
    profile.update_profile(headline="Staff engineer")
    again = profile.update_profile(name="Alex")  # the row exists now: an update
    again.undo()
    assert (profile.get_profile().name, profile.get_profile().headline) == ("", "Staff engineer")
    with pytest.raises(ValueError, match="no field currency"):
        profile.update_profile(currency="XXX")


def test_self_assessment_items_are_added_edited_moved_and_removed(db_path):
    first = profile.add_assessment_item("strength", "  Calm in incidents ").value
    second = profile.add_assessment_item("strength", "Clear designs").value
    profile.add_assessment_item("constraint", "Evenings free", constraint_area="time")
    assert [(i.kind, i.text, i.position) for i in profile.assessment_items()][:2] == [
        ("strength", "Calm in incidents", 1),
        ("strength", "Clear designs", 2),
    ]
    before = canonical_dump(db_path)
    done = profile.update_assessment_item(second, text="Clear designs, fast", detail=" reviews")
    assert profile.assessment_values(second)["detail"] == "reviews"
    redo = done.undo()
    assert canonical_dump(db_path) == before
    redo.undo()
    # Another kind: last of that kind; only a constraint keeps an area.
    profile.update_assessment_item(first, kind="constraint", constraint_area="money")
    moved = m.AssessmentItem.get_by_id(first)
    assert (moved.kind, moved.position, moved.constraint_area) == ("constraint", 2, "money")
    profile.update_assessment_item(first, kind="value")
    assert m.AssessmentItem.get_by_id(first).constraint_area is None
    with pytest.raises(ValueError, match="Write the item"):
        profile.update_assessment_item(first, text="  ")
    with pytest.raises(ValueError, match="one of"):
        profile.add_assessment_item("dream", "Sailing")
    assert m.AssessmentItem.get_by_id(first).text == "Calm in incidents"
    before = canonical_dump(db_path)
    profile.delete_assessment_item(first).undo()
    assert canonical_dump(db_path) == before


def test_roles_are_checked_and_each_write_undoes(db_path):
    before = canonical_dump(db_path)
    added = profile.add_role(title="Engineer", start_date=dt.date(2020, 1, 1))
    with pytest.raises(ValueError, match="end before"):
        profile.update_role(added.value, end_date=dt.date(2019, 1, 1))
    with pytest.raises(ValueError, match="title"):
        profile.add_role(title=" ", start_date=dt.date(2020, 1, 1))
    edited = profile.update_role(added.value, title="Senior engineer")
    assert [r.title for r in profile.career_history()] == ["Senior engineer"]
    edited.undo()
    assert profile.role_values(added.value)["title"] == "Engineer"
    profile.delete_role(added.value).undo()
    added.undo()
    assert canonical_dump(db_path) == before
