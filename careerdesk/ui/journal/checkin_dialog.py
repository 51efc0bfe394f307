"""The check-in dialog: a short guided review of the period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from careerdesk.core import journal
from careerdesk.core import models as m
from careerdesk.ui import palette
from careerdesk.ui.checked_dialog import dialog_buttons
from careerdesk.ui.formatting import format_number, format_percent, label, qdate


class CheckInDialog(QDialog):
    def __init__(
        self,
        today: dt.date,
        goals: list[journal.GoalReview] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkin_dialog")
        self.setWindowTitle(self.tr("New check-in"))
        self.resize(620, 640)
        self.goal_table = self._goal_table(goals or [])
        self.date = QDateEdit(qdate(today), self)
        self.date.setObjectName("checkin_date")
        self.date.setCalendarPopup(True)
        self.period = QComboBox(self)
        self.period.setObjectName("checkin_period")
        for key in m.CHECKIN_PERIODS:
            self.period.addItem(label(key), key)
        self.period.setCurrentIndex(m.CHECKIN_PERIODS.index("quarterly"))
        self.reflection = QPlainTextEdit(self)
        self.reflection.setObjectName("checkin_reflection")
        self.reflection.setMaximumHeight(140)
        self.reflection.setPlaceholderText(
            self.tr("What went well? What did not? What did you learn? What changes in the plan?")
        )
        self.wellbeing = self._rating("checkin_wellbeing", self.tr("Wellbeing"))
        self.balance = self._rating("checkin_balance", self.tr("Work-life balance"))
        self.next_actions = QPlainTextEdit(self)
        self.next_actions.setObjectName("checkin_next_actions")
        self.next_actions.setMaximumHeight(80)
        note = QLabel(
            self.tr("Review where each goal stands; its progress is saved with the check-in."),
            self,
        )
        note.setWordWrap(True)
        buttons = dialog_buttons(self, "checkin_buttons", save=True)
        form = QFormLayout(self)
        form.addRow(self.tr("&Date"), self.date)
        form.addRow(self.tr("&Period"), self.period)
        form.addRow(self.tr("Goals"), self.goal_table)
        form.addRow(self.tr("&Reflection"), self.reflection)
        form.addRow(self.tr("&Wellbeing (1-5)"), self.wellbeing)
        form.addRow(self.tr("Work-life &balance (1-5)"), self.balance)
        form.addRow(self.tr("&Next actions"), self.next_actions)
        form.addRow(note)
        form.addRow(buttons)
        for widget, name in (
            (self.date, self.tr("Check-in date")),
            (self.period, self.tr("Period")),
            (self.reflection, self.tr("Reflection")),
            (self.next_actions, self.tr("Next actions")),
        ):
            widget.setAccessibleName(name)

    def _goal_table(self, goals: list[journal.GoalReview]) -> QTableWidget:
        """Each goal's progress now, what moved since the last check-in, and its health."""
        headers = [self.tr("Goal"), self.tr("Progress"), self.tr("Since last"), self.tr("Health")]
        table = QTableWidget(len(goals), len(headers), self)
        table.setObjectName("checkin_goals")
        table.setAccessibleName(self.tr("Goals to review"))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, goal in enumerate(goals):
            if goal.previous is None:
                moved = self.tr("new")
            else:
                points = round((goal.progress - goal.previous) * 100)
                moved = self.tr("{sign}{points} points").format(
                    sign="+" if points > 0 else "", points=format_number(points)
                )
            health = QTableWidgetItem(label(goal.health) if goal.health else "")
            if goal.health:
                health.setIcon(palette.health_icon(goal.health))
            for col, item in enumerate(
                (
                    QTableWidgetItem(goal.title),
                    QTableWidgetItem(format_percent(goal.progress)),
                    QTableWidgetItem(moved),
                    health,
                )
            ):
                table.setItem(row, col, item)
        table.setMinimumHeight(220)
        return table

    def _rating(self, name: str, accessible: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(1, 5)
        spin.setValue(3)
        spin.setAccessibleName(accessible)
        return spin

    def values(self) -> dict[str, Any]:
        return {
            "day": self.date.date().toPython(),
            "period": self.period.currentData(),
            "reflection": self.reflection.toPlainText().strip(),
            "wellbeing": self.wellbeing.value(),
            "work_life_balance": self.balance.value(),
            "next_actions": self.next_actions.toPlainText().strip(),
        }
