"""Editors of the Journal: an achievement (STAR and a metric) and a piece of feedback."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from careerdesk.core.achievements import AchievementInput, FeedbackInput
from careerdesk.core.vocabulary import FEEDBACK_KINDS
from careerdesk.ui.checked_dialog import CheckedDialog, dialog_buttons
from careerdesk.ui.date_edit import DateEdit
from careerdesk.ui.formatting import label

Choices = list[tuple[int, str]]


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def _date(parent: QWidget, day: dt.date, name: str, accessible: str) -> DateEdit:
    edit = _named(DateEdit(optional=False, parent=parent), name, accessible)
    edit.set_value(day)
    # One line high, whatever room the form has to spare.
    edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return edit


def _text(
    parent: QWidget, text: str, name: str, accessible: str, height: int = 60
) -> QPlainTextEdit:
    edit = _named(QPlainTextEdit(text, parent), name, accessible)
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(height)
    return edit


def _choice(parent: QWidget, choices: Choices, current: int | None, none: str, name: str,
            accessible: str) -> QComboBox:  # fmt: skip
    combo = _named(QComboBox(parent), name, accessible)
    combo.addItem(none, None)
    for record_id, text in choices:
        combo.addItem(text, record_id)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
    return combo


def _skill_list(parent: QWidget, choices: Choices, chosen: tuple[int, ...], name: str,
                accessible: str) -> QListWidget:  # fmt: skip
    skills = _named(QListWidget(parent), name, accessible)
    skills.setMaximumHeight(110)
    # The skills already linked come first, so they are seen without scrolling.
    for skill_id, text in sorted(choices, key=lambda c: c[0] not in chosen):
        item = QListWidgetItem(text, skills)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(
            Qt.CheckState.Checked if skill_id in chosen else Qt.CheckState.Unchecked
        )
        item.setData(Qt.ItemDataRole.UserRole, skill_id)
    return skills


def _checked(skills: QListWidget) -> tuple[int, ...]:
    return tuple(
        skills.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(skills.count())
        if skills.item(i).checkState() == Qt.CheckState.Checked
    )


class AchievementDialog(CheckedDialog):
    """Add or edit an achievement: what, when, situation, task, action, result, metric."""

    def __init__(
        self,
        today: dt.date,
        goals: Choices,
        skills: Choices,
        entry: AchievementInput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("achievement_dialog")
        self.setWindowTitle(self.tr("Edit achievement") if entry else self.tr("Add achievement"))
        self.resize(560, 640)
        e = entry or AchievementInput(today, "")
        self.title_edit = _named(
            QLineEdit(e.title, self), "achievement_title", self.tr("Achievement")
        )
        self.title_edit.setPlaceholderText(self.tr("What you achieved, in a few words"))
        self.date = _date(self, e.date, "achievement_date", self.tr("Date"))
        self.situation_edit = _text(
            self, e.situation, "achievement_situation", self.tr("Situation")
        )
        self.task_edit = _text(self, e.task, "achievement_task", self.tr("Task"))
        self.action_edit = _text(self, e.action, "achievement_action", self.tr("Action"))
        self.result_edit = _text(self, e.result, "achievement_result", self.tr("Result"))
        self.metric_edit = _named(
            QLineEdit(e.metric, self), "achievement_metric", self.tr("Metric")
        )
        self.metric_edit.setPlaceholderText(self.tr("e.g. p99 from 900 ms to 120 ms"))
        self.goal = _choice(
            self, goals, e.goal_id, self.tr("(no goal)"), "achievement_goal", self.tr("Goal")
        )
        self.skills = _skill_list(
            self, skills, e.skill_ids, "achievement_skills", self.tr("Skills shown")
        )
        self.evidence_box = _named(
            QCheckBox(self.tr("Counts as evidence for these skills"), self),
            "achievement_evidence",
            self.tr("Counts as evidence"),
        )
        self.evidence_box.setChecked(e.evidence)
        form = QFormLayout(self)
        form.addRow(self.tr("&Achievement"), self.title_edit)
        form.addRow(self.tr("&Date"), self.date)
        form.addRow(self.tr("&Situation"), self.situation_edit)
        form.addRow(self.tr("&Task"), self.task_edit)
        form.addRow(self.tr("A&ction"), self.action_edit)
        form.addRow(self.tr("&Result"), self.result_edit)
        form.addRow(self.tr("&Metric"), self.metric_edit)
        form.addRow(self.tr("&Goal"), self.goal)
        form.addRow(self.tr("S&kills"), self.skills)
        form.addRow("", self.evidence_box)
        form.addRow(dialog_buttons(self, "achievement_buttons"))

    def entry(self) -> AchievementInput:
        return AchievementInput(
            date=self.date.value(),
            title=self.title_edit.text(),
            situation=self.situation_edit.toPlainText(),
            task=self.task_edit.toPlainText(),
            action=self.action_edit.toPlainText(),
            result=self.result_edit.toPlainText(),
            metric=self.metric_edit.text(),
            goal_id=self.goal.currentData(),
            skill_ids=_checked(self.skills),
            evidence=self.evidence_box.isChecked(),
        )

    def check(self) -> None:
        self.date.value()  # a date that is not one says so
        if not self.title_edit.text().strip():
            self.title_edit.setFocus()
            raise ValueError(self.tr("An achievement needs a title."))


class FeedbackDialog(CheckedDialog):
    """Add or edit feedback: from whom, what kind, what was said, the actions agreed."""

    def __init__(
        self,
        today: dt.date,
        goals: Choices,
        skills: Choices,
        contacts: Choices,
        entry: FeedbackInput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("feedback_dialog")
        self.setWindowTitle(self.tr("Edit feedback") if entry else self.tr("Add feedback"))
        self.resize(560, 600)
        e = entry or FeedbackInput(today, "")
        self.date = _date(self, e.date, "feedback_date", self.tr("Date"))
        self.contact = _choice(
            self, contacts, e.contact_id, self.tr("(not in my contacts)"), "feedback_contact",
            self.tr("From a contact"),
        )  # fmt: skip
        self.giver = _named(QLineEdit(e.giver, self), "feedback_giver", self.tr("From"))
        self.giver.setPlaceholderText(self.tr("Name or role, e.g. “My manager”"))
        self.contact.currentIndexChanged.connect(self._contact_changed)
        self.kind = _named(QComboBox(self), "feedback_kind", self.tr("Kind"))
        for key in FEEDBACK_KINDS:
            self.kind.addItem(label(key) if key != "360" else self.tr("360° review"), key)
        if self.kind.findData(e.kind) < 0:  # a kind from an older file stays as it was
            self.kind.addItem(label(e.kind), e.kind)
        self.kind.setCurrentIndex(self.kind.findData(e.kind))
        self.text = _text(self, e.text, "feedback_text", self.tr("What was said"), 110)
        self.goal = _choice(
            self, goals, e.goal_id, self.tr("(no goal)"), "feedback_goal", self.tr("Goal")
        )
        self.skills = _skill_list(self, skills, e.skill_ids, "feedback_skills", self.tr("Skills"))
        self.actions = _text(
            self, "\n".join(e.actions), "feedback_actions", self.tr("Agreed actions"), 90
        )
        self.actions.setPlaceholderText(
            self.tr("One a line; each new one becomes a step of the goal.")
        )
        self._contact_changed()
        form = QFormLayout(self)
        form.addRow(self.tr("&Date"), self.date)
        form.addRow(self.tr("From a &contact"), self.contact)
        form.addRow(self.tr("&From"), self.giver)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&What was said"), self.text)
        form.addRow(self.tr("&Goal"), self.goal)
        form.addRow(self.tr("S&kills"), self.skills)
        form.addRow(self.tr("Agreed &actions"), self.actions)
        form.addRow(dialog_buttons(self, "feedback_buttons"))

    def _contact_changed(self) -> None:
        self.giver.setEnabled(self.contact.currentData() is None)

    def entry(self) -> FeedbackInput:
        contact = self.contact.currentData()
        return FeedbackInput(
            date=self.date.value(),
            text=self.text.toPlainText(),
            kind=self.kind.currentData(),
            giver="" if contact is not None else self.giver.text(),
            contact_id=contact,
            goal_id=self.goal.currentData(),
            skill_ids=_checked(self.skills),
            actions=tuple(
                line.strip() for line in self.actions.toPlainText().splitlines() if line.strip()
            ),
        )

    def check(self) -> None:
        entry = self.entry()  # a date that is not one says so
        if not entry.text.strip():
            self.text.setFocus()
            raise ValueError(self.tr("Write down what was said first."))
        if entry.contact_id is None and not entry.giver.strip():
            self.giver.setFocus()
            raise ValueError(self.tr("Say who gave the feedback: pick a contact or type a name."))
        if entry.actions and entry.goal_id is None:
            self.goal.setFocus()
            raise ValueError(self.tr("Agreed actions become steps of a goal: pick the goal."))
