"""The check-in's last page: adjust the plan in place, the changes listed until Finish."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from careerdesk.core import journal
from careerdesk.core.adjustments import Adjustment
from careerdesk.ui.date_edit import DateEdit
from careerdesk.ui.formatting import format_date, label

# The statuses a review may set (done goals are closed from the Plan).
REVIEW_STATUSES = ("active", "on_hold", "abandoned", "done")


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class PlanChangesPage(QWizardPage):
    """Move a target date, set a status, add a step or a goal, mark steps done."""

    def __init__(
        self, today: dt.date, goals: list[journal.GoalReview], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkin_page_changes")
        self.setTitle(self.tr("Adjust the plan"))
        self.setSubTitle(
            self.tr(
                "Change what the review showed needs changing. Nothing is written until you "
                "save the check-in; the changes are kept with it."
            )
        )
        self.today = today
        self.goals = {g.goal_id: g for g in goals}
        self._pending: list[tuple[Adjustment, str]] = []
        self._done_steps: set[int] = set()

        self.goal = _named(QComboBox(self), "change_goal", self.tr("Goal to change"))
        for g in goals:
            self.goal.addItem(g.title, g.goal_id)
        self.goal.currentIndexChanged.connect(self._show_goal)

        self.target = _named(
            DateEdit(optional=False, parent=self), "change_target", self.tr("New target date")
        )
        self.move_button = self._button("change_move", self.tr("Move target date"), self._move)
        self.status = _named(QComboBox(self), "change_status", self.tr("New status"))
        for key in REVIEW_STATUSES:
            self.status.addItem(label(key), key)
        self.status_button = self._button("change_set_status", self.tr("Set status"), self._set)
        self.step_title = _named(QLineEdit(self), "change_step_title", self.tr("New step"))
        self.step_title.setPlaceholderText(self.tr("Next step towards this goal"))
        self.step_due = _named(DateEdit(parent=self), "change_step_due", self.tr("Due"))
        self.step_due.set_value(today)
        self.step_button = self._button("change_add_step", self.tr("Add step"), self._add_step)
        self.steps = _named(QListWidget(self), "change_open_steps", self.tr("Open steps"))
        self.steps.itemChanged.connect(self._step_checked)

        goal_box = QGroupBox(self.tr("This goal"), self)
        grid = QGridLayout(goal_box)
        grid.addWidget(QLabel(self.tr("Target date"), goal_box), 0, 0)
        grid.addWidget(self.target, 0, 1)
        grid.addWidget(self.move_button, 0, 2)
        grid.addWidget(QLabel(self.tr("Status"), goal_box), 1, 0)
        grid.addWidget(self.status, 1, 1)
        grid.addWidget(self.status_button, 1, 2)
        grid.addWidget(QLabel(self.tr("New step"), goal_box), 2, 0)
        step_row = QHBoxLayout()
        step_row.addWidget(self.step_title, 2)
        step_row.addWidget(self.step_due, 1)
        grid.addLayout(step_row, 2, 1)
        grid.addWidget(self.step_button, 2, 2)
        grid.addWidget(QLabel(self.tr("Open steps (tick the done ones)"), goal_box), 3, 0, 1, 3)
        grid.addWidget(self.steps, 4, 0, 1, 3)

        self.new_goal = _named(QLineEdit(self), "change_goal_title", self.tr("New goal"))
        self.new_goal.setPlaceholderText(self.tr("A goal the review showed is missing"))
        self.new_goal_target = _named(
            DateEdit(optional=False, parent=self),
            "change_goal_target",
            self.tr("Target date of the new goal"),
        )
        self.new_goal_target.set_value(today + dt.timedelta(days=90))
        self.new_goal_under = _named(
            QCheckBox(self.tr("under the goal above"), self),
            "change_goal_under",
            self.tr("A sub-goal of the goal above"),
        )
        add_goal = self._button("change_add_goal", self.tr("Add goal"), self._add_goal)
        new_box = QGroupBox(self.tr("A new goal"), self)
        row = QHBoxLayout(new_box)
        row.addWidget(self.new_goal, 2)
        row.addWidget(self.new_goal_target, 1)
        row.addWidget(self.new_goal_under)
        row.addWidget(add_goal)

        self.changes = _named(QListWidget(self), "change_list", self.tr("Changes at this review"))
        self.changes.setMaximumHeight(110)
        remove = self._button("change_remove", self.tr("Remove change"), self._remove)
        changes_box = QGroupBox(self.tr("Changes at this review"), self)
        box = QVBoxLayout(changes_box)
        box.addWidget(self.changes)
        box.addWidget(remove, 0, Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self)
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("&Goal"), self))
        pick.itemAt(0).widget().setBuddy(self.goal)
        pick.addWidget(self.goal, 1)
        layout.addLayout(pick)
        layout.addWidget(goal_box, 1)
        layout.addWidget(new_box)
        layout.addWidget(changes_box)
        self.problem = _named(QLabel(self), "change_problem", self.tr("Problem"))
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        for w in (goal_box, self.goal, pick.itemAt(0).widget()):
            w.setEnabled(bool(goals))
        self._show_goal()

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = _named(QPushButton(text, self), name, text)
        button.setAutoDefault(False)  # Enter in a field must not finish the wizard
        button.clicked.connect(slot)
        return button

    def _goal(self) -> journal.GoalReview | None:
        return self.goals.get(self.goal.currentData())

    def _show_goal(self) -> None:
        goal = self._goal()
        self.steps.blockSignals(True)
        self.steps.clear()
        if goal is not None:
            self.target.set_value(goal.target_date)
            self.status.setCurrentIndex(max(0, self.status.findData(goal.status)))
            for step in goal.open_steps:
                due = f" — {format_date(step.due_date)}" if step.due_date else ""
                item = QListWidgetItem(f"{step.title}{due}", self.steps)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = step.step_id in self._done_steps
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                item.setData(Qt.ItemDataRole.UserRole, step.step_id)
        self.steps.blockSignals(False)

    def _day(self, field: DateEdit) -> dt.date | None:
        """The date of a field, or None with the reason shown on the page."""
        try:
            return field.value()
        except ValueError as exc:
            self.problem.setText(str(exc))
            return None

    def _add(self, adj: Adjustment, words: str) -> None:
        self.problem.clear()
        self._pending.append((adj, words))
        self._show_changes()

    def _show_changes(self) -> None:
        self.changes.clear()
        for adj, words in self._pending:
            item = QListWidgetItem(words, self.changes)
            item.setData(Qt.ItemDataRole.UserRole, ("pending", id(adj)))
        for goal in self.goals.values():
            for step in goal.open_steps:
                if step.step_id in self._done_steps:
                    item = QListWidgetItem(
                        self.tr("Mark “{step}” done").format(step=step.title), self.changes
                    )
                    item.setData(Qt.ItemDataRole.UserRole, ("done", step.step_id))

    def _move(self) -> None:
        goal = self._goal()
        day = self._day(self.target)
        if day is None:
            return
        if goal is None or day == goal.target_date:
            return
        self._add(
            Adjustment("target", goal_id=goal.goal_id, day=day),
            self.tr("Move the target of “{goal}” to {date}").format(
                goal=goal.title, date=format_date(day)
            ),
        )

    def _set(self) -> None:
        goal = self._goal()
        status = self.status.currentData()
        if goal is None or status == goal.status:
            return
        self._add(
            Adjustment("status", goal_id=goal.goal_id, status=status),
            self.tr("Set “{goal}” to {status}").format(goal=goal.title, status=label(status)),
        )

    def _add_step(self) -> None:
        goal = self._goal()
        title = self.step_title.text().strip()
        if goal is None or not title:
            self.step_title.setFocus()
            return
        try:
            day = self.step_due.value()
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        self._add(
            Adjustment("step", goal_id=goal.goal_id, title=title, day=day),
            self.tr("Add the step “{step}” to “{goal}”, due {date}").format(
                step=title, goal=goal.title, date=format_date(day)
            )
            if day
            else self.tr("Add the step “{step}” to “{goal}”").format(step=title, goal=goal.title),
        )
        self.step_title.clear()

    def _add_goal(self) -> None:
        title = self.new_goal.text().strip()
        if not title:
            self.new_goal.setFocus()
            return
        parent = self._goal() if self.new_goal_under.isChecked() else None
        day = self._day(self.new_goal_target)
        if day is None:
            return
        self._add(
            Adjustment("goal", goal_id=parent.goal_id if parent else None, title=title, day=day),
            self.tr("Add the goal “{goal}”, target {date}").format(
                goal=title, date=format_date(day)
            ),
        )
        self.new_goal.clear()

    def _step_checked(self, item: QListWidgetItem) -> None:
        step_id = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self._done_steps.add(step_id)
        else:
            self._done_steps.discard(step_id)
        self._show_changes()

    def _remove(self) -> None:
        item = self.changes.currentItem()
        if item is None:
            return
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        if kind == "pending":
            self._pending = [(a, w) for a, w in self._pending if id(a) != key]
        else:
            self._done_steps.discard(key)
            self._show_goal()
        self._show_changes()

    def adjustments(self) -> list[Adjustment]:
        """The changes in the order the user made them, then the steps ticked done."""
        done = [
            Adjustment("step_done", step_id=sid, day=self.today)
            for sid in sorted(self._done_steps)
        ]
        return [adj for adj, _ in self._pending] + done
