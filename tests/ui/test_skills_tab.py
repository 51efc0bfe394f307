"""The Skills tab: pick a catalogue role, see ranked gaps, plan one, complete it, readiness up."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QTableView

from careerdesk.core import catalogue, gaps, skills
from careerdesk.core import db as cdb
from careerdesk.core import models as m
from careerdesk.ui import settings
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import format_date, format_percent
from careerdesk.ui.skills import inventory
from careerdesk.ui.skills.inventory import EvidenceDialog
from careerdesk.ui.skills.learning import ActivityDialog, RaiseLevelsDialog
from careerdesk.ui.skills.picker import RolePickerDialog
from careerdesk.ui.skills.tab import SkillsTab

from ..conftest import TODAY


@pytest.fixture
def tab(db_path, qtbot):
    QSettings().remove(
        settings.GAP_IMPORTANCE_THRESHOLD.key
    )  # the user's threshold must not leak between tests
    ctx = AppContext(cdb.bound_database())
    ctx.set_today(TODAY)
    widget = SkillsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.load()
    yield widget
    QSettings().remove(settings.GAP_IMPORTANCE_THRESHOLD.key)


def readiness_shown(tab) -> int:
    match = re.search(r"readiness (\d+)\s?%", tab.gap_panel.readiness_label.text().lower())
    assert match, tab.gap_panel.readiness_label.text()
    return int(match.group(1))


def gap_rows(tab) -> list[tuple[str, float]]:
    table = tab.gap_panel.table
    return [
        (table.item(r, 1).text(), float(table.item(r, 6).text())) for r in range(table.rowCount())
    ]


def picking(monkeypatch, qtbot, typed: str, *, closest: str | None = None, manual=False):
    """Answer the role picker like a user: type, (pick a stand-in), press the button."""

    def exec_(dialog: RolePickerDialog) -> int:
        qtbot.keyClicks(dialog.search_edit, typed)
        if closest is not None:
            titles = [dialog.closest.item(i).text() for i in range(dialog.closest.count())]
            dialog.closest.setCurrentRow(next(i for i, t in enumerate(titles) if closest in t))
        if manual:
            qtbot.mouseClick(dialog.manual_button, Qt.MouseButton.LeftButton)
        else:
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(RolePickerDialog, "exec", exec_)


def test_pick_role_see_ranked_gaps_plan_complete_and_readiness_rises(tab, qtbot, monkeypatch):
    # Alex already knows some programming; the rest of the role's skills are new.
    skills.add_skill("Python", onet_element_id="2.B.3.e", current_level=2, today=TODAY)
    tab.ctx.apply(skills.Changes(skills=True))
    picking(monkeypatch, qtbot, "computer systems eng")
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
    # The missing O*NET skills were offered (checked by default) and added, not assessed.
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


def test_inline_level_edit_keeps_history_and_undoes(tab):
    skill_id, _ = skills.add_skill("Python", current_level=2, today=TODAY)
    tab.ctx.apply(skills.Changes(skills=True))
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


def test_evidence_and_a_new_activity_are_added_and_undone(tab, qtbot, monkeypatch):
    skill_id, _ = skills.add_skill("Python", current_level=3, today=TODAY)
    tab.ctx.apply(skills.Changes(skills=True))
    tab.inventory.select_skill(skill_id)

    win = m.Achievement.create(date=dt.date(2026, 10, 2), title="Cut latency <b>40 %</b>")

    def evidence_exec(dialog: EvidenceDialog) -> int:
        qtbot.keyClicks(dialog.title_edit, "Payments rewrite <b>in Python</b>")
        return EvidenceDialog.DialogCode.Accepted

    def from_journal_exec(dialog: EvidenceDialog) -> int:
        dialog.achievement_box.setCurrentIndex(dialog.achievement_box.findData(win.id))
        return EvidenceDialog.DialogCode.Accepted

    monkeypatch.setattr(EvidenceDialog, "exec", evidence_exec)
    qtbot.mouseClick(tab.inventory.evidence_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(EvidenceDialog, "exec", from_journal_exec)
    qtbot.mouseClick(tab.inventory.evidence_button, Qt.MouseButton.LeftButton)
    model = tab.inventory.model
    assert model.index(model.row_of(skill_id), inventory.EVIDENCE).data() == "2"
    # Dates read the user's way (QLocale), not as ISO text.
    assert (
        f"Payments rewrite <b>in Python</b> ({format_date(TODAY)})" in tab.inventory.details.text()
    )
    assert model.index(model.row_of(skill_id), inventory.ASSESSED).data() == format_date(TODAY)
    linked = m.Evidence.get(m.Evidence.achievement == win.id)
    assert (linked.kind, linked.title, linked.date) == ("achievement", win.title, win.date)
    assert tab.inventory.details.textFormat() == Qt.TextFormat.PlainText

    def activity_exec(dialog: ActivityDialog) -> int:
        qtbot.keyClicks(dialog.title_edit, "Fluent Python")
        dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("reading"))
        dialog.start[0].setChecked(True)
        dialog.start[1].setDate(QDate(2026, 12, 1))
        qtbot.keyClicks(dialog.hours_edit, "12,5")
        dialog.skill_list.item(0).setCheckState(Qt.CheckState.Checked)
        return ActivityDialog.DialogCode.Accepted

    monkeypatch.setattr(ActivityDialog, "exec", activity_exec)
    qtbot.mouseClick(tab.learning.add_button, Qt.MouseButton.LeftButton)
    activity = m.LearningActivity.get()
    assert (activity.title, activity.kind, activity.hours) == ("Fluent Python", "reading", 12.5)
    assert skills.activity_skill_ids(activity.id) == [skill_id]
    assert [tab.learning.table.item(0, c).text() for c in (0, 1, 6)] == [
        "Fluent Python",
        "Reading",
        "Python",
    ]
    for _ in range(3):
        tab.ctx.undo_stack.undo()
    assert m.LearningActivity.select().count() == m.Evidence.select().count() == 0
    assert tab.learning.table.rowCount() == 0


def test_a_bad_number_in_the_activity_editor_is_refused_with_a_message(tab, qtbot, monkeypatch):
    messages = []
    monkeypatch.setattr(
        tab.ctx, "report_error", lambda exc, parent=None: messages.append(str(exc))
    )

    def activity_exec(dialog: ActivityDialog) -> int:
        qtbot.keyClicks(dialog.title_edit, "Course")
        qtbot.keyClicks(dialog.cost_edit, "a lot")
        return ActivityDialog.DialogCode.Accepted

    monkeypatch.setattr(ActivityDialog, "exec", activity_exec)
    qtbot.mouseClick(tab.learning.add_button, Qt.MouseButton.LeftButton)
    assert messages == ["Cost must be a number, not “a lot”."]
    assert m.LearningActivity.select().count() == 0


def test_picker_answers_each_keystroke_and_walks_results_from_the_keyboard(tab, qtbot):
    dialog = RolePickerDialog(tab)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search_edit, "web")
    titles = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert titles[0].startswith("Web Administrators")
    assert "catalogue_attribution" in [w.objectName() for w in dialog.findChildren(QLabel)]
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)
    assert dialog.selected_code() == "15-1255.00"  # Web and Digital Interface Designers
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert dialog.picked is None  # unrated: Return does not make an empty role
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)
    assert dialog.selected_code() == "15-1254.00"  # Web Developers
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert dialog.picked is not None and dialog.picked.code == "15-1254.00"


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
