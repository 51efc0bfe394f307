"""The Skills tab: pick a catalogue role, see ranked gaps, plan one, complete it, readiness up."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from careerdesk.core import catalogue, gaps, skills
from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.ui.formatting import format_percent
from careerdesk.ui.skills.learning import RaiseLevelsDialog
from careerdesk.ui.skills.picker import RolePickerDialog

from ...conftest import TODAY
from .helpers import gap_rows, picking, readiness_shown


def test_pick_role_see_ranked_gaps_plan_complete_and_readiness_rises(tab, qtbot, monkeypatch):
    # Alex already knows some programming; the rest of the role's skills are new.
    skills.add_skill("Python", onet_element_id="2.B.3.e", current_level=2, today=TODAY)
    tab.ctx.apply(Changes(skills=True))
    picking(monkeypatch, qtbot, "computer systems eng", add_skills=True)
    qtbot.mouseClick(tab.roles.catalogue_button, Qt.MouseButton.LeftButton)

    role = m.TargetRole.get(m.TargetRole.onet_code == "15-1299.08")
    assert "Computer Systems Engineers/Architects" in tab.roles.list.currentItem().text()
    rows = gap_rows(tab)
    weighted = [w for _, w in rows]
    assert weighted == sorted(weighted, reverse=True) and weighted[0] > 0
    expected = gaps.role_analysis(role.id)
    assert [name for name, _ in rows] == [g.name for g in expected.ranked]
    assert len(tab.gap_panel.chart.shown) == min(12, len(rows))
    before = readiness_shown(tab)
    assert before == round(expected.readiness * 100)
    # The missing O*NET skills were offered, ticked and added, not assessed.
    assert m.Skill.select().count() == len(catalogue.ratings("15-1299.08"))
    assert "O*NET" in tab.gap_panel.attribution.text()
    assert not tab.gap_panel.attribution.isHidden()

    tab.gap_panel.select_rank(0)
    top_gap = rows[0][0]
    qtbot.mouseClick(tab.gap_panel.plan_button, Qt.MouseButton.LeftButton)
    activity = m.LearningActivity.get()
    assert activity.title.startswith(f"Learn {top_gap} to level")
    assert tab.learning.table.item(0, 0).text() == activity.title
    assert tab.learning.selected_activity_id() == activity.id

    monkeypatch.setattr(
        RaiseLevelsDialog, "exec", lambda self: RaiseLevelsDialog.DialogCode.Accepted
    )
    qtbot.mouseClick(tab.learning.complete_button, Qt.MouseButton.LeftButton)
    assert m.LearningActivity.get_by_id(activity.id).status == "done"
    raised = m.Skill.get(m.Skill.name == top_gap)
    assert raised.current_level == 1  # was not assessed: offered one level up
    assert tab.learning.table.item(0, 2).text() == "Done"
    assert readiness_shown(tab) > before

    # Completing and raising is one undo step.
    tab.ctx.undo_stack.undo()
    assert m.LearningActivity.get_by_id(activity.id).status == "planned"
    assert m.Skill.get(m.Skill.name == top_gap).current_level is None
    assert readiness_shown(tab) == before
    tab.ctx.undo_stack.undo()  # the planned gap
    assert m.LearningActivity.select().count() == 0
    tab.ctx.undo_stack.undo()  # the role and the skills it brought
    assert m.TargetRole.select().count() == 0
    assert [s.name for s in m.Skill.select()] == ["Python"]
    assert tab.roles.list.count() == 0
    tab.ctx.undo_stack.redo()
    assert m.TargetRole.get_by_id(role.id).title == "Computer Systems Engineers/Architects"


def test_unrated_occupation_offers_the_closest_rated_or_manual_entry(tab, qtbot, monkeypatch):
    seen = {}

    def exec_(dialog: RolePickerDialog) -> int:
        qtbot.keyClicks(dialog.search_edit, "software developers")
        seen["ok_enabled"] = dialog.ok_button.isEnabled()
        seen["note"] = dialog.unrated_note.text()
        seen["closest"] = [dialog.closest.item(i).text() for i in range(dialog.closest.count())]
        qtbot.mouseClick(dialog.manual_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(RolePickerDialog, "exec", exec_)
    qtbot.mouseClick(tab.roles.catalogue_button, Qt.MouseButton.LeftButton)
    assert seen["ok_enabled"] is False  # no empty role by accident
    assert "no skill ratings" in seen["note"]
    assert any("Computer Programmers" in t for t in seen["closest"])
    role = m.TargetRole.get()
    assert (role.title, role.source, role.onet_code) == (
        "Software Developers",
        "own",
        "15-1252.00",
    )
    assert tab.views.currentWidget() is tab.requirements
    tab.add_requirement(role.id, "System design", 4, importance=5)
    assert tab.requirements.table.item(0, 0).text() == "System design"
    assert f"readiness {format_percent(0.0)}" in tab.gap_panel.readiness_label.text().lower()

    picking(monkeypatch, qtbot, "software developers", closest="Computer Programmers")
    qtbot.mouseClick(tab.roles.catalogue_button, Qt.MouseButton.LeftButton)
    assert m.TargetRole.select().where(m.TargetRole.onet_code == "15-1251.00").count() == 1


def test_bad_requirement_edit_shows_a_message_and_changes_nothing(tab, monkeypatch):
    messages = []
    monkeypatch.setattr(
        tab.ctx, "report_error", lambda exc, parent=None: messages.append(str(exc))
    )
    role_id = tab.add_own_role("Staff engineer")
    tab.add_requirement(role_id, "System design", 4)
    req = m.RoleRequirement.get()
    tab.edit_requirement(req.id, "required_level", 7.0)
    assert messages == ["Required level must be a number from 0 to 5, not 7.0."]
    assert m.RoleRequirement.get_by_id(req.id).required_level == 4
    tab.edit_requirement(req.id, "importance", 5.0)
    assert tab.requirements.table.item(0, 3).text() == "5"
    tab.ctx.undo_stack.undo()
    assert m.RoleRequirement.get_by_id(req.id).importance == 3


def test_heatmap_appears_with_a_second_role_and_threshold_changes_what_counts(tab):
    skills.add_skill("System design", current_level=2, today=TODAY)
    tab.add_own_role("Staff engineer")
    role_one = m.TargetRole.get().id
    tab.add_requirement(role_one, "System design", 4, importance=3)
    tab.add_requirement(role_one, "Budgets", 3, importance=2)
    assert tab.heatmap.isHidden()
    assert "second target role" in tab.heatmap_note.text()
    role_two = tab.add_own_role("Architect")
    tab.add_requirement(role_two, "System design", 5, importance=5)
    assert not tab.heatmap.isHidden()
    assert tab.heatmap.rowCount() == 1 and tab.heatmap.columnCount() == 2
    assert tab.heatmap.item(0, 0).text() == "2" and tab.heatmap.item(0, 1).text() == "3"
    assert f"readiness {format_percent(0.4)}" in tab.heatmap.horizontalHeaderItem(1).text()

    tab.roles.select_role(role_one)
    assert f"readiness {format_percent(0.5)}" in tab.gap_panel.readiness_label.text().lower()
    tab.gap_panel.threshold_spin.setValue(2.0)  # Budgets now counts: 1 - (6+6)/(12+6)
    assert f"readiness {format_percent(0.33)}" in tab.gap_panel.readiness_label.text().lower()
    assert tab.heatmap.rowCount() == 2


def test_every_widget_of_the_tab_is_named(tab):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QHeaderView,
        QLineEdit,
    )

    for kind in (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QLineEdit):
        for widget in tab.findChildren(kind):
            if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
                continue
            if type(widget.parent()).__name__ in (
                "QTabBar",
                "QHeaderView",
            ):
                continue  # Qt's own parts of a table or tab bar
            assert widget.objectName(), widget
            assert widget.accessibleName(), widget.objectName()


def test_unticked_roles_leave_the_heatmap_and_a_gap_can_become_a_goal_step(tab, monkeypatch):
    one = tab.add_own_role("Staff engineer")
    tab.add_requirement(one, "System design", 4)
    two = tab.add_own_role("Architect")
    tab.add_requirement(two, "System design", 5)
    three = tab.add_own_role("Engineering manager")
    tab.add_requirement(three, "Negotiation", 3)
    assert tab.heatmap.columnCount() == 3
    tab.roles.list.item(2).setCheckState(Qt.CheckState.Unchecked)
    assert m.TargetRole.get_by_id(three).active is False
    assert tab.heatmap.columnCount() == 2
    tab.ctx.undo_stack.undo()
    assert m.TargetRole.get_by_id(three).active is True
    assert tab.heatmap.columnCount() == 3

    goal = m.Goal.create(title="Become staff engineer", start_date=TODAY, target_date=TODAY)
    monkeypatch.setattr(
        "careerdesk.ui.skills.tab.QInputDialog.getItem",
        lambda *args, **kwargs: ("Become staff engineer", True),
    )
    tab.roles.select_role(one)
    tab.gap_panel.select_rank(0)
    tab.gap_panel.step_button.click()
    step = m.Step.get()
    assert (step.goal_id, step.title) == (goal.id, "Build System design to level 4")
    tab.ctx.undo_stack.undo()
    assert m.Step.select().count() == 0
    # The goal's link to the skill came with the step, so it goes with it too.
    assert m.GoalSkill.select().count() == 0
    tab.ctx.undo_stack.redo()
    assert (m.Step.get().id, m.GoalSkill.select().count()) == (step.id, 1)


def test_redo_of_a_planned_gap_brings_back_the_same_activity(tab, monkeypatch):
    """Later undo steps refer to the activity by id: a redo must not make a new one."""
    role = tab.add_own_role("Staff engineer")
    tab.add_requirement(role, "System design", 4)
    tab.roles.select_role(role)
    tab.gap_panel.select_rank(0)
    activity_id = tab.plan_gap(tab.gap_panel.selected_requirement())
    skill_id = m.LearningSkill.get(m.LearningSkill.activity == activity_id).skill_id
    uuids = (m.LearningActivity.get_by_id(activity_id).uuid, m.Skill.get_by_id(skill_id).uuid)
    monkeypatch.setattr(
        RaiseLevelsDialog, "exec", lambda self: RaiseLevelsDialog.DialogCode.Accepted
    )
    tab.learning.complete_activity(activity_id)
    assert m.Skill.get_by_id(skill_id).current_level == 1
    stack = tab.ctx.undo_stack
    stack.undo()  # the completion
    stack.undo()  # the planned gap
    assert m.LearningActivity.select().count() == 0
    stack.redo()
    stack.redo()
    activity = m.LearningActivity.get()
    assert (activity.id, activity.status) == (activity_id, "done")
    # SQLite may hand out a freed id again: the uuids tell the rows are the same ones.
    assert (activity.uuid, m.Skill.get_by_id(skill_id).uuid) == uuids
    assert m.Skill.get_by_id(skill_id).current_level == 1
    assert tab.learning.table.item(0, 2).text() == "Done"


def test_tables_fit_the_tab_without_scrolling_sideways_at_1400_pixels(window):
    window.resize(1400, 900)
    window.show_tab("skills_tab")
    QApplication.processEvents()
    for name in ("skill_table", "activity_table", "gap_table"):
        table = window.findChild(QTableView, name)
        assert table.model().rowCount() > 0, name
        assert table.horizontalScrollBar().maximum() == 0, name
    dates = window.findChild(QTableView, "activity_table").model().index(0, 4).data()
    assert dates and not re.search(r"\d{4}-\d\d-\d\d", dates)  # locale dates, not ISO


def test_a_gap_step_goes_to_the_goal_picked_even_when_titles_repeat(tab, monkeypatch):
    role = tab.add_own_role("Staff engineer")
    tab.add_requirement(role, "System design", 4)
    first = m.Goal.create(title="New goal", start_date=TODAY, target_date=TODAY)
    second = m.Goal.create(title="New goal", start_date=TODAY, target_date=TODAY)
    offered = []

    def pick_second(parent, title, text, labels, *args):
        offered.extend(labels)
        return labels[1], True

    monkeypatch.setattr("careerdesk.ui.skills.tab.QInputDialog.getItem", pick_second)
    tab.roles.select_role(role)
    tab.gap_panel.select_rank(0)
    tab.gap_panel.step_button.click()
    assert offered == ["New goal", "New goal (2)"]
    assert m.Step.get().goal_id == second.id != first.id


def test_counts_read_in_the_singular_for_one(tab):
    role = tab.add_own_role("Staff engineer")
    tab.add_requirement(role, "System design", 4)
    tab.add_requirement(role, "Budgets", 2, importance=1)
    text = tab.gap_panel.readiness_label.text()
    assert "1 open gap" in text and "gaps" not in text
    note = tab.gap_panel.not_counted_label.text()
    assert "1 requirement below importance 3 is not counted." in note
    tab.add_requirement(role, "Negotiation", 3)
    assert "2 open gaps" in tab.gap_panel.readiness_label.text()
