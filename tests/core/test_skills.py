"""Tests of the skill inventory: skills, levels with their history, evidence."""

import datetime as dt

import pytest
from database_dump import canonical_dump

from careerdesk.core import learning, skills
from careerdesk.core import models as m
from careerdesk.core.operation import Done

TODAY = dt.date(2026, 11, 23)


def undo_redo(db_path, done: Done) -> Done:
    """Take `done` back and do it again twice; the file matches each time. Returns the redo."""
    after = canonical_dump(db_path)
    redo = done
    for _ in range(2):
        back = redo.undo()
        assert canonical_dump(db_path) != after
        redo = back.undo()
        assert canonical_dump(db_path) == after
    return redo


def test_add_skill_with_a_level_keeps_its_history_and_undo_takes_both(db_path):
    before = canonical_dump(db_path)
    done = skills.add_skill("Python", current_level=2, today=TODAY)
    assert done.changes.skills
    history = [(c.date, c.old_level, c.new_level) for c in skills.level_history(done.value)]
    assert history == [(TODAY, None, 2)]
    undone = done.undo()
    assert canonical_dump(db_path) == before
    undone.undo()
    assert m.SkillLevelChange.get().skill_id == done.value  # the same rows back


def test_set_level_keeps_history_and_its_undo_is_an_operation(db_path):
    skill_id = skills.add_skill("Python", current_level=2, today=dt.date(2026, 1, 5)).value
    before = canonical_dump(db_path)
    done = skills.set_level(skill_id, 3, TODAY, note="after the course")
    assert done.changes.skills
    skill = m.Skill.get_by_id(skill_id)
    assert (skill.current_level, skill.last_assessed) == (3, TODAY)
    history = [(c.date, c.old_level, c.new_level) for c in skills.level_history(skill_id)]
    assert history == [(dt.date(2026, 1, 5), None, 2), (TODAY, 2, 3)]
    assert not skills.set_level(skill_id, 3, TODAY).changes  # the same level: nothing done
    undo_redo(db_path, done).undo()
    assert canonical_dump(db_path) == before
    skill = m.Skill.get_by_id(skill_id)
    assert (skill.current_level, skill.last_assessed) == (2, dt.date(2026, 1, 5))


def test_bad_levels_are_refused_with_a_message_and_nothing_changes(db_path):
    skill_id = skills.add_skill("Python", current_level=2, today=TODAY).value
    with pytest.raises(skills.SkillError, match="from 0 to 5"):
        skills.set_level(skill_id, 6, TODAY)
    with pytest.raises(skills.SkillError, match="whole number"):
        skills.set_level(skill_id, 2.5, TODAY)
    with pytest.raises(skills.SkillError, match="set_level"):
        skills.update_skill(skill_id, current_level=4)
    with pytest.raises(skills.SkillError, match="no field"):
        skills.update_skill(skill_id, last_assessed=TODAY)
    with pytest.raises(skills.SkillError, match="needs a name"):
        skills.add_skill("   ")
    with pytest.raises(skills.SkillError, match="date it was assessed"):
        skills.add_skill("Go", current_level=1)
    assert m.Skill.get_by_id(skill_id).current_level == 2
    assert len(skills.level_history(skill_id)) == 1


def test_inventory_lists_evidence_and_learning_counts(db_path):
    python = skills.add_skill("python", current_level=3, target_level=5, today=TODAY).value
    skills.add_skill("Architecture", kind="hard")
    skills.add_evidence(python, "Payments service rewrite", kind="project", date=TODAY)
    skills.add_evidence(python, "PCAP certificate", kind="certificate")
    win = m.Achievement.create(date=TODAY, title="Cut payment latency by 40 %")
    assert skills.achievement_choices() == [(win.id, win.title, TODAY)]
    skills.add_evidence(python, win.title, kind="achievement", achievement_id=win.id)
    learning.add_activity("Fluent Python", kind="reading", skill_ids=[python])
    rows = skills.list_skills()
    assert [r.name for r in rows] == ["Architecture", "python"]
    assert (rows[1].evidence_count, rows[1].learning_count, rows[1].target_level) == (3, 1, 5)
    assert (rows[0].evidence_count, rows[0].current_level) == (0, None)
    assert [e.title for e in skills.evidence_of(python)] == [
        "Payments service rewrite",
        "Cut payment latency by 40 %",
        "PCAP certificate",
    ]
    assert m.Evidence.get(m.Evidence.kind == "achievement").date == TODAY  # from the journal


def test_evidence_add_and_skill_edits_undo_and_redo(db_path):
    python = skills.add_skill("Python", current_level=3, today=TODAY).value
    undo_redo(db_path, skills.add_evidence(python, "Talk at PyCon", kind="other"))
    done = skills.update_skill(python, name="  Python   3 ", priority=5, kind="soft")
    assert m.Skill.get_by_id(python).name == "Python 3"
    undo_redo(db_path, done)
    assert not skills.update_skill(python, priority=5).changes


def test_deleting_a_skill_takes_its_history_and_evidence_and_undo_brings_them_back(db_path):
    python = skills.add_skill("Python", current_level=3, today=TODAY).value
    skills.add_evidence(python, "Talk at PyCon", kind="other")
    before = canonical_dump(db_path)
    done = skills.delete_skill(python)
    assert m.Evidence.select().count() == m.SkillLevelChange.select().count() == 0
    done.undo()
    assert canonical_dump(db_path) == before


def test_one_skill_reads_like_its_inventory_row_and_priority_is_checked(db_path):
    skill_id = skills.add_skill("Python", current_level=3, today=TODAY, priority=4).value
    assert skills.skill(skill_id) == next(r for r in skills.list_skills() if r.id == skill_id)
    with pytest.raises(skills.SkillError, match="Priority"):
        skills.add_skill("Go", priority=9)
    with pytest.raises(skills.SkillError, match="Priority"):
        skills.update_skill(skill_id, priority=None)
    with pytest.raises(skills.SkillError, match="no skill"):
        skills.skill(skill_id + 1)
    assert [r.name for r in skills.list_skills()] == ["Python"]
