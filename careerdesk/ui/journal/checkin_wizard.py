"""The check-in: a guided review of each goal, of how the period went, and of the plan."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from careerdesk.core import journal
from careerdesk.core.adjustments import Adjustment
from careerdesk.core.vocabulary import CHECKIN_PERIODS
from careerdesk.ui import palette
from careerdesk.ui.date_edit import DateEdit
from careerdesk.ui.formatting import (
    format_number,
    format_percent,
    label,
    number_text,
    parse_number,
)
from careerdesk.ui.journal.plan_changes import PlanChangesPage
from careerdesk.ui.wording import counted


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class CheckInWizard(QWizard):
    """Date and cadence → each goal → how it went → adjust the plan. Finish saves it all."""

    # Columns of the goals page.
    GOAL, PROGRESS, MOVED, HEALTH, UPDATE, COMMENT = range(6)

    def __init__(
        self,
        today: dt.date,
        goals: list[journal.GoalReview],
        period: str = "quarterly",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkin_wizard")
        self.setWindowTitle(self.tr("Check-in"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.resize(820, 600)
        self.today = today
        self.goals = goals
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Save check-in"))
        self.addPage(self._when_page(period))
        self.addPage(self._goals_page())
        self.addPage(self._reflection_page())
        self.changes_page = PlanChangesPage(today, goals, self)
        self.addPage(self.changes_page)

    # --- pages ------------------------------------------------------------------

    def _when_page(self, period: str) -> QWizardPage:
        page = QWizardPage(self)
        page.setObjectName("checkin_page_when")
        page.setTitle(self.tr("Check-in"))
        page.setSubTitle(
            self.tr(
                "Look back at the period: how each goal moved, how you feel, and what to "
                "change in the plan. Everything is saved together when you finish, and one "
                "Undo takes it all back."
            )
        )
        self.date = _named(
            DateEdit(optional=False, parent=page), "checkin_date", self.tr("Check-in date")
        )
        self.date.set_value(self.today)
        self.date.setMaximumWidth(220)
        self.date.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.period = _named(QComboBox(page), "checkin_period", self.tr("Check in every"))
        for key in CHECKIN_PERIODS:
            self.period.addItem(label(key), key)
        self.period.addItem(self.tr("Custom"), journal.CUSTOM)
        self.custom_days = _named(QSpinBox(page), "checkin_custom_days", self.tr("Days"))
        self.custom_days.setRange(1, 730)
        self.custom_days.setSuffix(self.tr(" days"))
        if period.startswith(journal.CUSTOM + ":"):
            self.period.setCurrentIndex(self.period.count() - 1)
            self.custom_days.setValue(journal.period_days(period))
        else:
            self.period.setCurrentIndex(max(0, self.period.findData(period)))
            self.custom_days.setValue(60)
        self.custom_days.setEnabled(self.period.currentData() == journal.CUSTOM)
        self.period.currentIndexChanged.connect(
            lambda: self.custom_days.setEnabled(self.period.currentData() == journal.CUSTOM)
        )
        every = QHBoxLayout()
        every.addWidget(self.period)
        every.addWidget(self.custom_days)
        every.addStretch(1)
        form = QFormLayout(page)
        form.addRow(self.tr("&Date"), self.date)
        every_label = QLabel(self.tr("Check in &every"), page)
        every_label.setBuddy(self.period)
        form.addRow(every_label, every)
        hint = QLabel(self.tr("The Overview shows when the next check-in is due."), page)
        hint.setWordWrap(True)
        form.addRow(hint)
        return page

    def _goals_page(self) -> QWizardPage:
        page = QWizardPage(self)
        page.setObjectName("checkin_page_goals")
        page.setTitle(self.tr("Your goals"))
        page.setSubTitle(
            self.tr(
                "Where each goal stands and what moved since the last check-in. Type a new "
                "value of its measure under Update, and a comment if you like."
            )
        )
        headers = [
            self.tr("Goal"),
            self.tr("Progress"),
            self.tr("Since last check-in"),
            self.tr("Health"),
            self.tr("Update"),
            self.tr("Comment"),
        ]
        table = QTableWidget(len(self.goals), len(headers), page)
        self.goal_table = _named(table, "checkin_goals", self.tr("Goals to review"))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.GOAL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COMMENT, QHeaderView.ResizeMode.Stretch)
        for row, goal in enumerate(self.goals):
            health = QTableWidgetItem(label(goal.health) if goal.health else "")
            if goal.health:
                health.setIcon(palette.health_icon(goal.health))
            update = QTableWidgetItem(number_text(goal.measure_current))
            if goal.measure_name:
                unit = f" ({goal.measure_unit})" if goal.measure_unit else ""
                tip = self.tr("{measure}{unit} now").format(measure=goal.measure_name, unit=unit)
                update.setToolTip(f"<p>{html.escape(tip)}</p>")  # user text, never markup
            fixed = [
                QTableWidgetItem(goal.title),
                QTableWidgetItem(format_percent(goal.progress)),
                QTableWidgetItem(self.moved_text(goal)),
                health,
            ]
            for col, item in enumerate(fixed):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(row, col, item)
            if not goal.measure_name:
                update.setFlags(update.flags() & ~Qt.ItemFlag.ItemIsEditable)
                update.setToolTip(self.tr("This goal has no measure to update."))
            table.setItem(row, self.UPDATE, update)
            table.setItem(row, self.COMMENT, QTableWidgetItem(""))
        table.resizeRowsToContents()
        QVBoxLayout(page).addWidget(table)
        if not self.goals:
            table.hide()
            empty = QLabel(self.tr("No goal is being pursued yet: add one on the last page."))
            empty.setObjectName("checkin_no_goals")
            page.layout().addWidget(empty)
        return page

    def moved_text(self, goal: journal.GoalReview) -> str:
        """What moved since the last check-in, in a few words."""
        if goal.moved is None:
            return self.tr("new since the last check-in")
        points = round(goal.moved * 100)
        parts = [
            self.tr("{sign}{points} points").format(
                sign="+" if points > 0 else "", points=format_number(points)
            )
        ]
        if goal.done_since:
            parts.append(counted("CheckInWizard", "%n step(s) done", len(goal.done_since)))
        if goal.previous_status and goal.previous_status != goal.status:
            parts.append(
                self.tr("was {status}").format(status=label(goal.previous_status).lower())
            )
        if (
            goal.measure_name
            and goal.previous_measure is not None
            and goal.measure_current is not None
            and goal.previous_measure != goal.measure_current
        ):
            parts.append(
                self.tr("{measure} {before} → {now}").format(
                    measure=goal.measure_name,
                    before=number_text(goal.previous_measure),
                    now=number_text(goal.measure_current),
                )
            )
        return " · ".join(parts)

    def _reflection_page(self) -> QWizardPage:
        page = QWizardPage(self)
        page.setObjectName("checkin_page_reflection")
        page.setTitle(self.tr("How it went"))
        page.setSubTitle(self.tr("Rate 1 (poor) to 5 (great), and look back in a few lines."))
        self.wellbeing = self._rating(page, "checkin_wellbeing", self.tr("Wellbeing"))
        self.balance = self._rating(page, "checkin_balance", self.tr("Work-life balance"))
        self.went_well = self._text(page, "checkin_went_well", self.tr("What went well"))
        self.not_well = self._text(page, "checkin_not_well", self.tr("What did not go well"))
        self.learned = self._text(page, "checkin_learned", self.tr("What I learned"))
        self.will_change = self._text(page, "checkin_will_change", self.tr("What I will change"))
        form = QFormLayout(page)
        form.addRow(self.tr("&Wellbeing (1-5)"), self.wellbeing)
        form.addRow(self.tr("Work-life &balance (1-5)"), self.balance)
        form.addRow(self.tr("What went &well"), self.went_well)
        form.addRow(self.tr("What did &not go well"), self.not_well)
        form.addRow(self.tr("What I &learned"), self.learned)
        form.addRow(self.tr("What I will &change"), self.will_change)
        return page

    def _rating(self, page: QWidget, name: str, accessible: str) -> QSpinBox:
        spin = _named(QSpinBox(page), name, accessible)
        spin.setRange(1, 5)
        spin.setValue(3)
        return spin

    def _text(self, page: QWidget, name: str, accessible: str) -> QPlainTextEdit:
        edit = _named(QPlainTextEdit(page), name, accessible)
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(70)
        return edit

    # --- what the user chose ------------------------------------------------------

    def chosen_period(self) -> str:
        key = self.period.currentData()
        return journal.custom_period(self.custom_days.value()) if key == journal.CUSTOM else key

    def entry(self) -> journal.CheckInEntry:
        notes = {}
        for row, goal in enumerate(self.goals):
            comment = self.goal_table.item(row, self.COMMENT).text().strip()
            if comment:
                notes[goal.goal_id] = comment
        return journal.CheckInEntry(
            day=self.date.value(),
            period=self.chosen_period(),
            wellbeing=self.wellbeing.value(),
            work_life_balance=self.balance.value(),
            went_well=self.went_well.toPlainText(),
            not_well=self.not_well.toPlainText(),
            learned=self.learned.toPlainText(),
            will_change=self.will_change.toPlainText(),
            goal_notes=notes,
        )

    def adjustments(self) -> list[Adjustment]:
        """The measure updates typed on the goals page, then the plan changes; a number
        that is not one raises ValueError naming the goal."""
        found = []
        for row, goal in enumerate(self.goals):
            if not goal.measure_name:
                continue
            text = self.goal_table.item(row, self.UPDATE).text()
            value = parse_number(text, goal.measure_name)
            if value is not None and value != goal.measure_current:
                found.append(Adjustment("measure", goal_id=goal.goal_id, number=value))
        return found + self.changes_page.adjustments()
