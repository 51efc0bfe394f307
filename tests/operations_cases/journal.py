"""Operations of the Journal, the check-in and the first-run guide."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from careerdesk.core import achievements as ach
from careerdesk.core import first_run
from careerdesk.core import models as m
from careerdesk.ui.journal.checkin_wizard import CheckInWizard
from careerdesk.ui.operations import perform

from .case import Case


def _checkin(window) -> None:
    """Through the wizard: a comment, ratings, a moved target, a new step, a step done."""

    def walk(wizard: CheckInWizard) -> int:
        wizard.show()
        wizard.period.setCurrentIndex(wizard.period.findData("custom"))
        wizard.custom_days.setValue(45)
        wizard.next()
        wizard.goal_table.item(0, wizard.COMMENT).setText("Slow month")
        wizard.next()
        wizard.wellbeing.setValue(5)
        wizard.will_change.setPlainText("Less scope")
        wizard.next()
        page = wizard.changes_page
        page.target.set_value(page.target.value() + dt.timedelta(days=30))
        page.findChild(object, "change_move").click()
        page.status.setCurrentIndex(page.status.findData("on_hold"))
        page.findChild(object, "change_set_status").click()
        page.step_title.setText("A step decided at the review")
        page.findChild(object, "change_add_step").click()
        page.new_goal.setText("A goal the review found")
        page.findChild(object, "change_add_goal").click()
        if page.steps.count():
            page.steps.item(0).setCheckState(Qt.CheckState.Checked)
        wizard.hide()
        return QWizard.DialogCode.Accepted

    with mock.patch.object(CheckInWizard, "exec", walk):
        window.journal_tab.start_checkin()


def _achievement() -> int:
    return m.Achievement.select().order_by(m.Achievement.id).first().id


def _feedback() -> int:
    return m.Feedback.select().order_by(m.Feedback.id).first().id


def _skills() -> tuple[int, ...]:
    return tuple(s for (s,) in m.Skill.select(m.Skill.id).order_by(m.Skill.id).limit(2).tuples())


def _add_achievement(window) -> None:
    entry = ach.AchievementInput(
        dt.date(2026, 11, 20), "Talk", situation="s", task="t", action="a", result="r",
        metric="40 people", goal_id=m.Goal.select().first().id, skill_ids=_skills(),
        evidence=True,
    )  # fmt: skip
    perform(window.ctx, "Add achievement", lambda: ach.add_achievement(entry))


def _edit_achievement(window) -> None:
    aid = _achievement()
    entry = ach.achievement_input(aid)
    changed = ach.AchievementInput(
        **{**entry.__dict__, "title": "Renamed", "skill_ids": _skills()[1:], "evidence": True}
    )
    perform(window.ctx, "Edit achievement", lambda: ach.update_achievement(aid, changed))


def _delete_achievement(window) -> None:
    aid = _achievement()
    perform(window.ctx, "Delete achievement", lambda: ach.delete_achievement(aid))


def _add_feedback(window) -> None:
    entry = ach.FeedbackInput(
        dt.date(2026, 11, 20), "Push back earlier", kind="manager_review",
        contact_id=m.Contact.select().first().id, goal_id=m.Goal.select().first().id,
        skill_ids=_skills(), actions=("Write a scope note", "Weekly 1:1"),
    )  # fmt: skip
    perform(window.ctx, "Add feedback", lambda: ach.add_feedback(entry))


def _edit_feedback(window) -> None:
    fid = _feedback()
    entry = ach.feedback_input(fid)
    changed = ach.FeedbackInput(
        **{**entry.__dict__, "text": "Said again", "kind": "peer",
           "goal_id": m.Goal.select().first().id, "actions": ("New action",)}
    )  # fmt: skip
    perform(window.ctx, "Edit feedback", lambda: ach.update_feedback(fid, changed))


def _delete_feedback(window) -> None:
    fid = _feedback()
    perform(window.ctx, "Delete feedback", lambda: ach.delete_feedback(fid))


def _guide(window) -> None:
    from careerdesk.ui.guide.run import open_guide

    guide = open_guide(window)
    guide.assessment["strength"].setPlainText("Calm")
    guide.role_search.setText("software developers")
    guide.role_list.setCurrentRow(0)
    guide.long_goal.setText("Long goal")
    for n, (title, _target, step, due) in enumerate(guide.short, start=1):
        title.setText(f"Short {n}")
        step.setText(f"Step {n}")
        due.set_value(dt.date(2026, 12, n))
    guide.accept()


def _first_plan_own_role(window) -> None:
    plan = first_run.FirstPlan(
        assessment={"value": ["Autonomy"]},
        role_title="Team lead",
        long_goal="Lead a team",
        short_goals=(first_run.ShortGoal("Run the stand-ups", dt.date(2027, 3, 1), "Ask"),),
    )
    perform(window.ctx, "First plan", lambda: first_run.make_first_plan(plan, window.ctx.today()))


CASES = [
    Case("check-in that adjusts the plan (wizard)", _checkin),
    Case("achievement: add with skills and evidence", _add_achievement),
    Case("achievement: edit", _edit_achievement),
    Case("achievement: delete with its evidence", _delete_achievement),
    Case("feedback: add with actions as steps", _add_feedback),
    Case("feedback: edit", _edit_feedback),
    Case("feedback: delete", _delete_feedback),
    Case("first-run guide", _guide),
    Case("first plan with an own role", _first_plan_own_role),
]
