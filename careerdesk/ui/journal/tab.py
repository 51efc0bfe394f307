"""Journal tab: check-ins with their goal snapshots and plan changes, the trend over
time, achievements and feedback."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import journal
from careerdesk.core.adjustments import Adjustment
from careerdesk.core.changes import Changes
from careerdesk.core.operation import Done, Operation, in_order
from careerdesk.ui import palette
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import format_date, format_percent, label
from careerdesk.ui.journal.checkin_wizard import CheckInWizard
from careerdesk.ui.journal.entries import AchievementsPage, FeedbackPage
from careerdesk.ui.journal.trend_chart import TrendChart
from careerdesk.ui.operations import perform
from careerdesk.ui.tab import Tab


def period_text(period: str) -> str:
    """A check-in period in words ("Quarterly", "Every 45 days"), as the report says it."""
    return QCoreApplication.translate("labels", journal.period_words(period))


def _check_in(
    period: str, entry: journal.CheckInEntry, adjustments: list[Adjustment], today: dt.date
) -> Operation:
    """The whole check-in as one operation: the cadence, the plan changes, the check-in."""

    def op() -> Done:
        steps = [journal.set_checkin_period(period)]
        steps.append(journal.record_checkin(entry, adjustments, today=today))
        return in_order(steps, steps[-1].value)

    return op


class JournalTab(Tab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("journal_tab")
        self.sections = QTabWidget(self)
        self.sections.setObjectName("journal_sections")
        self.sections.setAccessibleName(self.tr("Journal sections"))

        checkin_page = QWidget(self)
        self.checkin_list = QListWidget(checkin_page)
        self.checkin_list.setObjectName("checkin_list")
        self.checkin_list.setAccessibleName(self.tr("Check-ins"))
        self.checkin_list.currentItemChanged.connect(lambda *_: self._show_checkin())
        self.new_checkin = QPushButton(self.tr("New check-in…"), checkin_page)
        self.new_checkin.setObjectName("new_checkin")
        self.new_checkin.setAccessibleName(self.tr("New check-in"))
        self.new_checkin.clicked.connect(self.start_checkin)
        self.cadence = QLabel(checkin_page)
        self.cadence.setObjectName("checkin_cadence")
        self.cadence.setWordWrap(True)
        self.checkin_text = QLabel(checkin_page)
        self.checkin_text.setObjectName("checkin_text")
        self.checkin_text.setTextFormat(Qt.TextFormat.PlainText)
        self.checkin_text.setWordWrap(True)
        self.checkin_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.checkin_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text_scroll = QScrollArea(checkin_page)
        text_scroll.setWidgetResizable(True)
        text_scroll.setWidget(self.checkin_text)
        self.snapshot_table = QTableWidget(0, 5, checkin_page)
        self.snapshot_table.setObjectName("snapshot_table")
        self.snapshot_table.setAccessibleName(self.tr("Goal progress at this check-in"))
        self.snapshot_table.setHorizontalHeaderLabels(
            [self.tr("Goal"), self.tr("Progress"), self.tr("Health"), self.tr("Status"),
             self.tr("Comment")]
        )  # fmt: skip
        self.snapshot_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.snapshot_table.verticalHeader().setVisible(False)
        header = self.snapshot_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        left = QVBoxLayout()
        left.addWidget(self.new_checkin)
        left.addWidget(self.cadence)
        left.addWidget(self.checkin_list)
        right_split = QSplitter(Qt.Orientation.Vertical, checkin_page)
        right_split.addWidget(text_scroll)
        right_split.addWidget(self.snapshot_table)
        right_split.setSizes([320, 400])  # the reflection and changes get room to read
        left_box = QWidget(checkin_page)
        left_box.setLayout(left)
        splitter = QSplitter(checkin_page)
        splitter.addWidget(left_box)
        splitter.addWidget(right_split)
        splitter.setStretchFactor(1, 3)
        QHBoxLayout(checkin_page).addWidget(splitter)

        self.trend_chart = TrendChart(self)
        self.achievements = AchievementsPage(ctx, self)
        self.feedback = FeedbackPage(ctx, self)
        self.achievement_table = self.achievements.table
        self.feedback_table = self.feedback.table
        self.sections.addTab(checkin_page, self.tr("Check-ins"))
        self.sections.addTab(self.trend_chart, self.tr("Over time"))
        self.sections.addTab(self.achievements, self.tr("Achievements"))
        self.sections.addTab(self.feedback, self.tr("Feedback"))
        QVBoxLayout(self).addWidget(self.sections)

    def title(self) -> str:
        return self.tr("Journal")

    def refresh(self, changes: Changes) -> None:
        if changes.journal or changes.goals or changes.profile:
            current = self.checkin_list.currentItem()
            keep = current.data(Qt.ItemDataRole.UserRole) if current else None
            with QSignalBlocker(self.checkin_list):  # the check-in is shown once, below
                self.checkin_list.clear()
                for checkin in journal.checkins():
                    item = QListWidgetItem(
                        f"{format_date(checkin.date)} · {period_text(checkin.period)}",
                        self.checkin_list,
                    )
                    item.setData(Qt.ItemDataRole.UserRole, checkin.id)
                    if checkin.id == keep or (keep is None and self.checkin_list.count() == 1):
                        self.checkin_list.setCurrentItem(item)
            self._show_checkin()
            self.trend_chart.show_points(journal.trend())
            nxt = journal.next_checkin(self.ctx.today())
            self.cadence.setText(
                self.tr("{period} · next due {date}").format(
                    period=period_text(nxt.period), date=format_date(nxt.day)
                )
            )
        if changes.journal or changes.skills or changes.goals:
            for page in (self.achievements, self.feedback):
                page.fill_filters()
                page.reload()
        elif changes.contacts:
            self.feedback.reload()

    def _show_checkin(self) -> None:
        item = self.checkin_list.currentItem()
        if item is None:
            self.checkin_text.setText(self.tr("No check-in yet. Start one to review your plan."))
            self.snapshot_table.setRowCount(0)
            return
        checkin = journal.get_checkin(item.data(Qt.ItemDataRole.UserRole))
        rating = self.tr("not rated")
        changed = journal.changed_at(checkin)
        text = self.tr(
            "{date}\n\n{reflection}\n\nWellbeing: {wellbeing} / 5 · Work-life balance: "
            "{balance} / 5\nWhat I will change: {next}"
        ).format(
            date=format_date(checkin.date, long=True),
            reflection=checkin.reflection or self.tr("(no reflection written)"),
            wellbeing=checkin.wellbeing if checkin.wellbeing is not None else rating,
            balance=checkin.work_life_balance if checkin.work_life_balance is not None else rating,
            next=checkin.next_actions or "—",
        )
        if changed:
            text += "\n\n" + self.tr("What I changed at this review:") + "\n"
            text += "\n".join(f"• {line}" for line in changed)
        self.checkin_text.setText(text)
        snaps = journal.snapshots(checkin.id)
        self.snapshot_table.setRowCount(len(snaps))
        for row, s in enumerate(snaps):
            values = [
                s.goal.title,
                format_percent(s.progress),
                label(s.health) if s.health else "",
                label(s.status),
                s.note,
            ]
            for col, value in enumerate(values):
                self.snapshot_table.setItem(row, col, QTableWidgetItem(value))
            if s.health:
                self.snapshot_table.item(row, 2).setIcon(palette.health_icon(s.health))
        self.snapshot_table.resizeRowsToContents()

    def start_checkin(self) -> None:
        """The guided review; Finish writes the plan changes and the check-in as one step."""
        today = self.ctx.today()
        wizard = CheckInWizard(today, journal.review(today), journal.checkin_period(), self)
        refusals: list[str] = []
        while wizard.exec():
            refusals.clear()
            try:
                adjustments = wizard.adjustments()
                entry = wizard.entry()
            except ValueError as exc:
                refusals.append(str(exc))
            else:
                check_in = _check_in(wizard.chosen_period(), entry, adjustments, today)
                done = perform(
                    self.ctx, self.tr("Check-in"), check_in, parent=self,
                    refused=refusals.append,
                )  # fmt: skip
                if done is not None:
                    self.sections.setCurrentIndex(0)
                    self._select_checkin(done.value)
                    return
            if not refusals:
                return
            # Nothing was written: back in the wizard with everything the user typed.
            self.ctx.report_error(ValueError(refusals[0]), self)

    def _select_checkin(self, checkin_id: int) -> None:
        for row in range(self.checkin_list.count()):
            item = self.checkin_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == checkin_id:
                self.checkin_list.setCurrentItem(item)

    def show_item(self, kind: str, record_id: int) -> None:
        """Show an achievement, or the check-ins ("checkin"; 0: the newest)."""
        if kind == "achievement":
            self.sections.setCurrentWidget(self.achievements)
            self.achievements.skill_filter.setCurrentIndex(0)
            self.achievements.goal_filter.setCurrentIndex(0)
            self.achievements.select(record_id)
        else:
            self.sections.setCurrentIndex(0)
            if record_id:
                self._select_checkin(record_id)
