"""The reach-out queue: who is due or overdue, the most overdue first, and "contacted today"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import cadence, network
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import days_from, format_date
from careerdesk.ui.network.dialogs import named
from careerdesk.ui.network.wording import counted

QUEUE_LENGTH = 100
# Follow-ups show this many days ahead, so a promise to call next week is seen now.
FOLLOW_UP_DAYS = 7
INTERACTION_ROLE = Qt.ItemDataRole.UserRole + 1


class ReachOutPanel(QGroupBox):
    """Follow-ups due (network.follow_ups) and then cadence.reach_out_queue(today).

    The tab does the logging (one undo step).
    """

    contact_chosen = Signal(int)  # show this contact's details
    contacted_today = Signal(int)  # log "contacted today" for this contact
    followed_up = Signal(int)  # this interaction's follow-up done today

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reach_out_box")
        self.setAccessibleName(self.tr("Reach out"))
        self.queue = QTreeWidget(self)
        named(self.queue, "reach_out_queue", self.tr("Reach-out queue"))
        self.queue.setHeaderLabels([self.tr("Name"), self.tr("Company"), self.tr("Status")])
        self.queue.setRootIsDecorated(False)
        self.queue.setUniformRowHeights(True)
        self.queue.itemActivated.connect(self._activated)
        self.queue.currentItemChanged.connect(self._current_changed)
        self.contacted_button = QPushButton(self.tr("Contacted &today"), self)
        named(self.contacted_button, "reach_out_contacted_today", self.tr("Contacted today"))
        self.contacted_button.setToolTip(
            self.tr("Log a message today for the selected person; their cadence starts again.")
        )
        self.contacted_button.clicked.connect(self._contacted)
        self.show_button = QPushButton(self.tr("Show &details"), self)
        named(self.show_button, "reach_out_show", self.tr("Show details"))
        self.show_button.clicked.connect(self._show)
        buttons = QHBoxLayout()
        buttons.addWidget(self.contacted_button)
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.queue)
        layout.addLayout(buttons)
        self._current_changed()

    def refresh(self) -> None:
        """Reload the queue, keeping the selected person selected."""
        keep = self.selected_id()
        today = self.ctx.today()
        follow_ups = network.follow_ups(today, FOLLOW_UP_DAYS, limit=QUEUE_LENGTH)
        due = cadence.reach_out_queue(today, limit=QUEUE_LENGTH - len(follow_ups))
        self.queue.clear()
        for follow_up in follow_ups:
            item = QTreeWidgetItem(
                [follow_up.name, follow_up.company, self._follow_up_status(follow_up)]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, follow_up.contact_id)
            item.setData(0, INTERACTION_ROLE, follow_up.interaction_id)
            item.setToolTip(
                2,
                self.tr("Follow-up of “{summary}”, on {date}").format(
                    summary=follow_up.summary or self.tr("an interaction"),
                    date=format_date(follow_up.date),
                ),
            )
            self.queue.addTopLevelItem(item)
            if follow_up.contact_id == keep:
                self.queue.setCurrentItem(item)
        for person in due:
            item = QTreeWidgetItem([person.name, person.company, self._status(person)])
            item.setData(0, Qt.ItemDataRole.UserRole, person.contact_id)
            item.setToolTip(
                2,
                self.tr("Due {due}; overdue after {overdue}").format(
                    due=format_date(person.due_date), overdue=format_date(person.overdue_date)
                ),
            )
            self.queue.addTopLevelItem(item)
            if person.contact_id == keep and self.queue.currentItem() is None:
                self.queue.setCurrentItem(item)
        count = len(follow_ups) + len(due)
        if not count:
            item = QTreeWidgetItem([self.tr("Nobody to reach out to today."), "", ""])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.queue.addTopLevelItem(item)
        self.setTitle(self.tr("Reach out ({count})").format(count=QLocale().toString(count)))
        for column in range(2):
            self.queue.resizeColumnToContents(column)
            self.queue.setColumnWidth(column, max(140, self.queue.columnWidth(column) + 16))
        self._current_changed()

    def _follow_up_status(self, follow_up: network.FollowUp) -> str:
        today = self.ctx.today()
        if follow_up.overdue(today):
            return counted("follow-up %Ln day(s) late", (today - follow_up.date).days)
        return self.tr("follow up {when}").format(when=days_from(today, follow_up.date))

    def _status(self, person: cadence.DueContact) -> str:
        # Words, not only colour, say how urgent it is.
        if person.status == "overdue":
            return counted("overdue by %Ln day(s)", person.days_overdue)
        # Overdue starts the day after the maximum interval ends.
        overdue_from = person.overdue_date + dt.timedelta(days=1)
        return self.tr("due now; overdue {when}").format(
            when=days_from(self.ctx.today(), overdue_from)
        )

    def selected_id(self) -> int | None:
        item = self.queue.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _current_changed(self, *_args: object) -> None:
        chosen = self.selected_id() is not None
        self.contacted_button.setEnabled(chosen)
        self.show_button.setEnabled(chosen)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        contact_id = item.data(0, Qt.ItemDataRole.UserRole)
        if contact_id is not None:
            self.contact_chosen.emit(contact_id)

    def _show(self) -> None:
        contact_id = self.selected_id()
        if contact_id is not None:
            self.contact_chosen.emit(contact_id)

    def _contacted(self) -> None:
        item = self.queue.currentItem()
        contact_id = self.selected_id()
        if contact_id is None or item is None:
            return
        interaction_id = item.data(0, INTERACTION_ROLE)
        if interaction_id is not None:
            self.followed_up.emit(interaction_id)
        else:
            self.contacted_today.emit(contact_id)
