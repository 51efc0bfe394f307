"""The contact detail pane: every field editable, tags, cadence, jobs, goals and interactions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import network, network_edits
from careerdesk.core.operation import Operation
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import days_from, format_date, label
from careerdesk.ui.network.contact_form import ContactForm
from careerdesk.ui.network.dialogs import JobDialog, LinkGoalDialog, LogInteractionDialog, named
from careerdesk.ui.operations import perform


def _plain_label(parent: QWidget, name: str) -> QLabel:
    text = QLabel(parent)
    text.setObjectName(name)
    text.setTextFormat(Qt.TextFormat.PlainText)
    text.setWordWrap(True)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return text


def _button(parent: QWidget, name: str, text: str, slot: Callable[[], Any]) -> QPushButton:
    button = QPushButton(text, parent)
    named(button, name, text.replace("&", "").rstrip("…"))
    button.clicked.connect(slot)
    return button


def _tree(parent: QWidget, name: str, accessible: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget(parent)
    named(tree, name, accessible)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setMinimumHeight(90)
    return tree


class ContactDetailsPanel(QScrollArea):
    """Shows one contact; each edit is one undo step through operations.perform."""

    # The user asked to log an interaction / mark contacted today for the shown contact.
    contacted_today = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact_id: int | None = None
        self.details: network.ContactDetails | None = None
        named(self, "contact_details", self.tr("Contact details"))
        self.setWidgetResizable(True)
        # A narrow pane (a 1000×600 window) scrolls sideways rather than cutting fields off.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        body = QWidget(self)
        body.setObjectName("contact_details_body")
        self.setWidget(body)
        layout = QVBoxLayout(body)

        self.title_label = _plain_label(body, "contact_title")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.subtitle_label = _plain_label(body, "contact_subtitle")
        self.cadence_label = _plain_label(body, "contact_cadence_status")
        self.empty_label = _plain_label(body, "contact_details_empty")
        self.empty_label.setText(self.tr("Select a contact to see and edit the details."))
        actions = QHBoxLayout()
        self.log_button = _button(
            body, "log_interaction_button", self.tr("&Log interaction…"), self.log_interaction
        )
        self.today_button = _button(
            body, "details_contacted_today", self.tr("Contacted &today"), self._contacted_today
        )
        actions.addWidget(self.log_button)
        actions.addWidget(self.today_button)
        actions.addStretch(1)
        for widget in (self.title_label, self.subtitle_label, self.cadence_label):
            layout.addWidget(widget)
        layout.addLayout(actions)
        layout.addWidget(self.empty_label)

        self.form_box = ContactForm(ctx, body)
        # The tab and tests reach the fields here.
        form = self.form_box
        self.edits = form.edits
        self.relationship_combo, self.tags_edit = form.relationship_combo, form.tags_edit
        self.ideal_spin, self.max_spin = form.ideal_spin, form.max_spin
        self.urls_edit, self.notes_edit = form.urls_edit, form.notes_edit
        layout.addWidget(self.form_box)

        self.jobs_box, self.jobs = self._list_box(
            body,
            "contact_employment",
            self.tr("Employment history"),
            [self.tr("Company"), self.tr("Position"), self.tr("From"), self.tr("To")],
            [
                ("add_job_button", self.tr("Add &job…"), self.add_job),
                ("remove_job_button", self.tr("Remove job"), self.remove_job),
            ],
        )
        self.goals_box, self.goals = self._list_box(
            body,
            "contact_goals",
            self.tr("Goals this person helps with"),
            [self.tr("Goal"), self.tr("How they help")],
            [
                ("link_goal_button", self.tr("Link &goal…"), self.link_goal),
                ("unlink_goal_button", self.tr("Unlink goal"), self.unlink_goal),
            ],
        )
        self.interactions_box, self.interactions = self._list_box(
            body,
            "contact_interactions",
            self.tr("Interactions"),
            [self.tr("Date"), self.tr("Kind"), self.tr("Summary"), self.tr("Follow up")],
            [
                ("edit_interaction_button", self.tr("&Edit interaction…"), self.edit_interaction),
                (
                    "delete_interaction_button",
                    self.tr("Delete interaction"),
                    self.delete_interaction,
                ),
            ],
        )
        self.interactions.itemActivated.connect(lambda *_: self.edit_interaction())
        self.jobs.setMaximumHeight(130)
        self.goals.setMaximumHeight(130)
        self.interactions.setMinimumHeight(160)
        for box in (self.jobs_box, self.goals_box, self.interactions_box):
            layout.addWidget(box)
        layout.addStretch(1)
        self.show_contact(None)

    def _list_box(
        self,
        body: QWidget,
        name: str,
        title: str,
        headers: list[str],
        buttons: list[tuple[str, str, Callable[[], Any]]],
    ) -> tuple[QGroupBox, QTreeWidget]:
        box = QGroupBox(title, body)
        box.setObjectName(f"{name}_box")
        tree = _tree(box, name, title, headers)
        layout = QVBoxLayout(box)
        layout.addWidget(tree)
        if buttons:
            row = QHBoxLayout()
            for button_name, text, slot in buttons:
                row.addWidget(_button(box, button_name, text, slot))
            row.addStretch(1)
            layout.addLayout(row)
        return box, tree

    # --- showing ------------------------------------------------------------------------

    def show_contact(self, contact_id: int | None) -> None:
        """Show a contact (None: nothing selected); reloads from the database."""
        self.contact_id = contact_id
        try:
            self.details = (
                network.contact_details(contact_id, self.ctx.today()) if contact_id else None
            )
        except LookupError:  # deleted meanwhile
            self.details = None
        d = self.details
        for widget in (self.form_box, self.jobs_box, self.goals_box, self.interactions_box):
            widget.setVisible(d is not None)
        for widget in (self.log_button, self.today_button):
            widget.setEnabled(d is not None)
            widget.setVisible(d is not None)  # no greyed-out buttons floating over nothing
        self.empty_label.setVisible(d is None)
        if d is None:
            self.contact_id = None
            for text in (self.title_label, self.subtitle_label, self.cadence_label):
                text.clear()
            return
        self.title_label.setText(d.name or d.email or self.tr("(no name)"))
        job = (
            self.tr("{position} at {company}").format(position=d.position, company=d.company)
            if d.position and d.company
            else d.position or d.company
        )
        self.subtitle_label.setText(" · ".join(p for p in (job, label(d.relationship)) if p))
        self.cadence_label.setText(self._cadence_text(d))
        self.form_box.show_details(d)
        self._fill(
            self.jobs,
            [
                (j.id, [j.company, j.position, format_date(j.start_date), format_date(j.end_date)])
                for j in d.employment
            ],
            self.tr("No past jobs recorded."),
        )
        self._fill(
            self.goals,
            [(g.link_id, [g.title, g.role]) for g in d.goals],
            self.tr("Not linked to any goal."),
        )
        self._fill(
            self.interactions,
            [
                (
                    i.id,
                    [
                        format_date(i.date),
                        label(i.kind),
                        i.summary,
                        format_date(i.follow_up_date),
                    ],
                )
                for i in d.interactions
            ],
            self.tr("No interactions logged yet."),
        )

    def _cadence_text(self, d: network.ContactDetails) -> str:
        today = self.ctx.today()
        last = (
            self.tr("Last contacted {when}.").format(when=days_from(today, d.last_contacted))
            if d.last_contacted
            else self.tr("Never contacted.")
        )
        c = d.cadence
        if c is None:
            return last + " " + self.tr("No keep-in-touch cadence.")
        source = (
            self.tr("own cadence")
            if c.source == "contact"
            else self.tr("from tag “{tag}”").format(tag=c.source)
        )
        rule = self.tr("Every {ideal} days, at most {maximum} ({source}).").format(
            ideal=QLocale().toString(c.ideal_days),
            maximum=QLocale().toString(c.max_days),
            source=source,
        )
        if c.status == "overdue":
            # overdue_date is the last day of the maximum interval; overdue starts after it.
            overdue_from = c.overdue_date + dt.timedelta(days=1)
            state = self.tr("Overdue since {when}.").format(when=format_date(overdue_from))
        elif c.status == "due":
            state = self.tr("Due since {when}.").format(when=format_date(c.due_date))
        else:
            state = self.tr("Next due {when}.").format(when=days_from(today, c.due_date))
        return f"{last} {rule} {state}"

    @staticmethod
    def _fill(tree: QTreeWidget, rows: list[tuple[int, list[str]]], empty: str) -> None:
        tree.clear()
        for record_id, texts in rows:
            item = QTreeWidgetItem(texts)
            item.setData(0, Qt.ItemDataRole.UserRole, record_id)
            tree.addTopLevelItem(item)
        if rows:
            for column in range(tree.columnCount() - 1):
                tree.resizeColumnToContents(column)
                tree.setColumnWidth(column, max(80, tree.columnWidth(column) + 12))
        else:
            item = QTreeWidgetItem([empty])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)  # only once it is in the tree

    @staticmethod
    def _selected_id(tree: QTreeWidget) -> int | None:
        item = tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    # --- edits, each one undo step --------------------------------------------------------

    def _perform(self, text: str, op: Operation) -> None:
        perform(self.ctx, text, op, parent=self)

    def log_interaction(self) -> None:
        d = self.details
        if d is None:
            return
        dialog = LogInteractionDialog(d.name or d.email, self.ctx.today(), self)
        if dialog.exec() != LogInteractionDialog.DialogCode.Accepted:
            return
        values, today = dialog.values(), self.ctx.today()
        contact_id = d.id
        self._perform(
            self.tr("Log interaction"),
            lambda: network_edits.log_interaction(contact_id, **values, today=today),
        )

    def _interaction(self) -> network.InteractionEntry | None:
        chosen = self._selected_id(self.interactions)
        d = self.details
        if d is None or chosen is None:
            return None
        return next((i for i in d.interactions if i.id == chosen), None)

    def edit_interaction(self) -> None:
        """Change the selected interaction as one undo step."""
        entry, d = self._interaction(), self.details
        if entry is None or d is None:
            return
        dialog = LogInteractionDialog(d.name or d.email, self.ctx.today(), self, entry=entry)
        if dialog.exec() != LogInteractionDialog.DialogCode.Accepted:
            return
        values, today = dialog.values(), self.ctx.today()
        self._perform(
            self.tr("Edit interaction"),
            lambda: network_edits.edit_interaction(entry.id, **values, today=today),
        )

    def delete_interaction(self) -> None:
        """Delete the selected interaction as one undo step ("last contacted" follows)."""
        entry = self._interaction()
        if entry is not None:
            self._perform(
                self.tr("Delete interaction"),
                lambda: network_edits.delete_interaction(entry.id),
            )

    def _contacted_today(self) -> None:
        if self.contact_id is not None:
            self.contacted_today.emit(self.contact_id)

    def add_job(self) -> None:
        d = self.details
        if d is None:
            return
        dialog = JobDialog(self.ctx.today(), self)
        if dialog.exec() != JobDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        contact_id = d.id
        self._perform(
            self.tr("Add past job"), lambda: network_edits.add_employment(contact_id, **values)
        )

    def remove_job(self) -> None:
        job_id = self._selected_id(self.jobs)
        if job_id is not None:
            self._perform(
                self.tr("Remove past job"), lambda: network_edits.remove_employment(job_id)
            )

    def link_goal(self) -> None:
        d = self.details
        if d is None:
            return
        dialog = LinkGoalDialog(network.goal_choices(), self)
        if dialog.exec() != LinkGoalDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        if values["goal_id"] is None:
            return
        contact_id = d.id
        self._perform(
            self.tr("Link goal"),
            lambda: network_edits.link_goal(contact_id, values["goal_id"], values["role"]),
        )

    def unlink_goal(self) -> None:
        link_id = self._selected_id(self.goals)
        if link_id is not None:
            self._perform(self.tr("Unlink goal"), lambda: network_edits.unlink_goal(link_id))
