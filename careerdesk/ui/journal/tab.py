"""Journal tab: check-ins with their goal snapshots, achievements and feedback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import journal
from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.ui import palette
from careerdesk.ui.commands import add_undoable
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import format_date, format_percent, label
from careerdesk.ui.journal.checkin_dialog import CheckInDialog
from careerdesk.ui.journal.trend_chart import TrendChart
from careerdesk.ui.tab import Tab


def _table(parent: QWidget, name: str, accessible: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeRowsToContents()


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
        self.checkin_text = QLabel(checkin_page)
        self.checkin_text.setObjectName("checkin_text")
        self.checkin_text.setTextFormat(Qt.TextFormat.PlainText)
        self.checkin_text.setWordWrap(True)
        self.snapshot_table = _table(
            checkin_page,
            "snapshot_table",
            self.tr("Goal progress at this check-in"),
            [self.tr("Goal"), self.tr("Progress"), self.tr("Health"), self.tr("Status")],
        )
        left = QVBoxLayout()
        left.addWidget(self.new_checkin)
        left.addWidget(self.checkin_list)
        right = QVBoxLayout()
        right.addWidget(self.checkin_text)
        right.addWidget(self.snapshot_table, 1)
        left_box, right_box = QWidget(checkin_page), QWidget(checkin_page)
        left_box.setLayout(left)
        right_box.setLayout(right)
        splitter = QSplitter(checkin_page)
        splitter.addWidget(left_box)
        splitter.addWidget(right_box)
        splitter.setStretchFactor(1, 3)
        QHBoxLayout(checkin_page).addWidget(splitter)

        self.achievement_table = _table(
            self,
            "achievement_table",
            self.tr("Achievements"),
            [
                self.tr("Date"),
                self.tr("Achievement"),
                self.tr("Situation"),
                self.tr("Action"),
                self.tr("Result"),
                self.tr("Metric"),
            ],
        )
        self.feedback_table = _table(
            self,
            "feedback_table",
            self.tr("Feedback"),
            [self.tr("Date"), self.tr("From"), self.tr("Kind"), self.tr("Feedback")],
        )
        self.trend_chart = TrendChart(self)
        self.sections.addTab(checkin_page, self.tr("Check-ins"))
        self.sections.addTab(self.trend_chart, self.tr("Over time"))
        self.sections.addTab(self.achievement_table, self.tr("Achievements"))
        self.sections.addTab(self.feedback_table, self.tr("Feedback"))
        QVBoxLayout(self).addWidget(self.sections)

    def title(self) -> str:
        return self.tr("Journal")

    def refresh(self, changes: Changes) -> None:
        if changes.journal or changes.goals:
            current = self.checkin_list.currentItem()
            keep = current.data(Qt.ItemDataRole.UserRole) if current else None
            self.checkin_list.clear()
            for checkin in journal.checkins():
                item = QListWidgetItem(
                    f"{format_date(checkin.date)} · {label(checkin.period)}", self.checkin_list
                )
                item.setData(Qt.ItemDataRole.UserRole, checkin.id)
                if checkin.id == keep or (keep is None and self.checkin_list.count() == 1):
                    self.checkin_list.setCurrentItem(item)
            self._show_checkin()
            self.trend_chart.show_points(journal.trend())
        if changes.journal:
            _fill(
                self.achievement_table,
                [
                    [format_date(a.date), a.title, a.situation, a.action, a.result, a.metric]
                    for a in journal.achievements()
                ],
            )
            _fill(
                self.feedback_table,
                [
                    [format_date(f.date), f.giver, label(f.kind), f.text]
                    for f in journal.feedback()
                ],
            )

    def _show_checkin(self) -> None:
        item = self.checkin_list.currentItem()
        if item is None:
            self.checkin_text.setText(self.tr("No check-in yet. Start one to review your plan."))
            _fill(self.snapshot_table, [])
            return
        checkin = journal.get_checkin(item.data(Qt.ItemDataRole.UserRole))
        rating = self.tr("not rated")
        self.checkin_text.setText(
            self.tr(
                "{date}\n\n{reflection}\n\nWellbeing: {wellbeing} / 5 · Work-life balance: "
                "{balance} / 5\nNext: {next}"
            ).format(
                date=format_date(checkin.date, long=True),
                reflection=checkin.reflection or self.tr("(no reflection written)"),
                wellbeing=checkin.wellbeing if checkin.wellbeing is not None else rating,
                balance=checkin.work_life_balance
                if checkin.work_life_balance is not None
                else rating,
                next=checkin.next_actions or "—",
            )
        )
        snaps = journal.snapshots(checkin.id)
        _fill(
            self.snapshot_table,
            [
                [
                    s.goal.title,
                    format_percent(s.progress),
                    label(s.health) if s.health else "",
                    label(s.status),
                ]
                for s in snaps
            ],
        )
        for row, snap in enumerate(snaps):
            if snap.health:
                self.snapshot_table.item(row, 2).setIcon(palette.health_icon(snap.health))

    def start_checkin(self) -> None:
        """The guided review: reflection and ratings; the goals' progress is snapshotted."""
        today = self.ctx.today()
        dialog = CheckInDialog(today, journal.review(today), self)
        if not dialog.exec():
            return
        values = dialog.values()
        add_undoable(
            self.ctx,
            self.tr("Check-in"),
            m.CheckIn,
            lambda: journal.create_checkin(today=self.ctx.today(), **values),
            parent=self,
        )
