"""The skill inventory: levels edited in place keep their history, one undo step each."""

from __future__ import annotations

from careerdesk.core import models as m
from careerdesk.core import skills
from careerdesk.core.changes import Changes
from careerdesk.ui.skills import inventory

from ...conftest import TODAY


def test_inline_level_edit_keeps_history_and_undoes(tab):
    skill_id = skills.add_skill("Python", current_level=2, today=TODAY).value
    tab.ctx.apply(Changes(skills=True))
    model = tab.inventory.model
    row = model.row_of(skill_id)
    assert model.index(row, inventory.CURRENT).data() == "2 · Beginner"
    assert model.setData(model.index(row, inventory.CURRENT), 4)
    assert m.Skill.get_by_id(skill_id).current_level == 4
    assert model.index(model.row_of(skill_id), inventory.CURRENT).data() == "4 · Advanced"
    assert [c.new_level for c in skills.level_history(skill_id)] == [2, 4]
    model.setData(model.index(model.row_of(skill_id), inventory.TARGET), 5)
    assert m.Skill.get_by_id(skill_id).target_level == 5
    tab.ctx.undo_stack.undo()
    tab.ctx.undo_stack.undo()
    skill = m.Skill.get_by_id(skill_id)
    assert (skill.current_level, skill.target_level) == (2, None)
    assert [c.new_level for c in skills.level_history(skill_id)] == [2]
    assert model.index(model.row_of(skill_id), inventory.CURRENT).data() == "2 · Beginner"
