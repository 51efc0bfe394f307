"""The contact detail pane: every field editable, tags, cadence, jobs, goals and interactions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import models as m
from careerdesk.core import network
from careerdesk.core.changes import Changes
from careerdesk.ui import commands
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import days_from, format_date, label
from careerdesk.ui.network.dialogs import (
    JobDialog,
    LinkGoalDialog,
    LogInteractionDialog,
    days_spin,
    named,
)
from careerdesk.ui.text_edit import PlainTextField

# Contact fields edited in single-line fields: (field, label).
_LINE_FIELDS = (
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("company", "Company"),
    ("position", "Position"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("linkedin_url", "LinkedIn URL"),
    ("how_met", "How we met"),
)


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
    """Shows one contact; each edit is one undo step through ctx.run."""

    # The user asked to log an interaction / mark contacted today for the shown contact.
    contacted_today = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact_id: int | None = None
        self.details: network.ContactDetails | None = None
        named(self, "contact_details", self.tr("Contact details"))
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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

        self.form_box = QGroupBox(self.tr("Details"), body)
        self.form_box.setObjectName("contact_form")
        form = QFormLayout(self.form_box)
        self.edits: dict[str, QLineEdit] = {}
        for field, text in _LINE_FIELDS:
            edit = QLineEdit(self.form_box)
            named(edit, f"contact_{field}", self.tr(text))
            edit.editingFinished.connect(lambda f=field: self._save_line(f))
            self.edits[field] = edit
            form.addRow(self.tr(text), edit)
        self.edits["how_met"].setPlaceholderText(self.tr("where, when, who introduced us"))
        self.relationship_combo = QComboBox(self.form_box)
        named(self.relationship_combo, "contact_relationship", self.tr("Relationship"))
        for key in m.RELATIONSHIPS:
            self.relationship_combo.addItem(label(key), key)
        self.relationship_combo.activated.connect(self._save_relationship)
        form.insertRow(4, self.tr("Relationship"), self.relationship_combo)
        self.tags_edit = QLineEdit(self.form_box)
        named(self.tags_edit, "contact_tags", self.tr("Tags"))
        self.tags_edit.setPlaceholderText(self.tr("comma-separated, e.g. mentor, meetup"))
        self.tags_edit.editingFinished.connect(self._save_tags)
        form.addRow(self.tr("Tags"), self.tags_edit)
        cadence_row = QHBoxLayout()
        self.ideal_spin = self._days_spin("contact_cadence_ideal", self.tr("Ideal interval"))
        self.max_spin = self._days_spin("contact_cadence_max", self.tr("Maximum interval"))
        cadence_row.addWidget(QLabel(self.tr("every"), self.form_box))
        cadence_row.addWidget(self.ideal_spin)
        cadence_row.addWidget(QLabel(self.tr("at most"), self.form_box))
        cadence_row.addWidget(self.max_spin)
        cadence_row.addStretch(1)
        form.addRow(self.tr("Keep in touch"), cadence_row)
        self.urls_edit = PlainTextField(self.form_box)
        named(self.urls_edit, "contact_urls", self.tr("Other web addresses"))
        self.urls_edit.setMaximumHeight(60)
        self.urls_edit.editingFinished.connect(self._save_urls)
        form.addRow(self.tr("Other web addresses"), self.urls_edit)
        self.notes_edit = PlainTextField(self.form_box)
        named(self.notes_edit, "contact_notes", self.tr("Notes"))
        self.notes_edit.setMaximumHeight(90)
        self.notes_edit.editingFinished.connect(self._save_notes)
        form.addRow(self.tr("Notes"), self.notes_edit)
        self.dates_label = _plain_label(self.form_box, "contact_dates")
        form.addRow(self.tr("Added"), self.dates_label)
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

    def _days_spin(self, name: str, accessible: str) -> QSpinBox:
        spin = days_spin(self.form_box, name, accessible, None)  # "—": no cadence of its own
        spin.editingFinished.connect(self._save_cadence)
        return spin

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
        except m.Contact.DoesNotExist:
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
        for field, edit in self.edits.items():
            edit.setText(getattr(d, field))
            edit.setCursorPosition(0)
        self.relationship_combo.setCurrentIndex(
            max(0, self.relationship_combo.findData(d.relationship))
        )
        self.tags_edit.setText(", ".join(d.tags))
        self.ideal_spin.setValue(d.cadence_ideal_days or 0)
        self.max_spin.setValue(d.cadence_max_days or 0)
        self.urls_edit.setPlainText("\n".join(d.urls))
        self.notes_edit.setPlainText(d.notes)
        dates = [format_date(d.added_date)]
        if d.connected_on:
            dates.append(self.tr("connected {date}").format(date=format_date(d.connected_on)))
        if d.source != "manual":
            dates.append(self.tr("from {source}").format(source=label(d.source)))
        self.dates_label.setText(" · ".join(dates))
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

    def _edit(self, text: str, **values: Any) -> None:
        if self.contact_id is not None:
            commands.edit_record(self.ctx, m.Contact, self.contact_id, text, **values)

    def _save_line(self, field: str) -> None:
        if self.details is None:
            return
        value = self.edits[field].text().strip()
        if value != getattr(self.details, field):
            name = dict(_LINE_FIELDS)[field]
            self._edit(
                self.tr("Edit {field}").format(field=self.tr(name).lower()), **{field: value}
            )

    def _save_relationship(self) -> None:
        value = self.relationship_combo.currentData()
        if self.details is not None and value != self.details.relationship:
            self._edit(self.tr("Change relationship"), relationship=value)

    def _save_urls(self) -> None:
        if self.details is None:
            return
        urls = [u.strip() for u in self.urls_edit.toPlainText().splitlines() if u.strip()]
        if urls != self.details.urls:
            self._edit(self.tr("Edit web addresses"), urls="\n".join(urls))

    def _save_notes(self) -> None:
        if self.details is not None and self.notes_edit.toPlainText() != self.details.notes:
            self._edit(self.tr("Edit notes"), notes=self.notes_edit.toPlainText())

    def _save_tags(self) -> None:
        d = self.details
        if d is None:
            return
        wanted = [t.strip() for t in self.tags_edit.text().split(",") if t.strip()]
        if [t.casefold() for t in wanted] == [t.casefold() for t in d.tags]:
            return
        contact_id, before = d.id, list(d.tags)
        ok = self.ctx.run(
            self.tr("Edit tags"),
            lambda: network.set_tags(contact_id, wanted)[1],
            lambda: network.set_tags(contact_id, before)[1],
            parent=self,
        )
        if not ok:  # show what is stored again
            self.tags_edit.setText(", ".join(before))

    def _save_cadence(self) -> None:
        d = self.details
        if d is None:
            return
        ideal = self.ideal_spin.value() or None
        maximum = self.max_spin.value() or None
        before = (d.cadence_ideal_days, d.cadence_max_days)
        if (ideal, maximum) == before:
            return
        contact_id = d.id
        ok = self.ctx.run(
            self.tr("Change keep-in-touch cadence"),
            lambda: network.set_cadence(contact_id, ideal, maximum),
            lambda: network.set_cadence(contact_id, *before),
            parent=self,
        )
        if not ok:
            self.ideal_spin.setValue(before[0] or 0)
            self.max_spin.setValue(before[1] or 0)

    def log_interaction(self) -> None:
        d = self.details
        if d is None:
            return
        dialog = LogInteractionDialog(d.name or d.email, self.ctx.today(), self)
        if dialog.exec() != LogInteractionDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        log_undoable(self.ctx, d.id, self.tr("Log interaction"), parent=self, **values)

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
        values = dialog.values()
        state: dict[str, network.InteractionChange] = {}

        def forward() -> Changes:
            state["change"], changes = network.edit_interaction(entry.id, **values)
            return changes

        self.ctx.run(
            self.tr("Edit interaction"),
            forward,
            lambda: network.undo_interaction_change(state["change"]),
            parent=self,
        )

    def delete_interaction(self) -> None:
        """Delete the selected interaction as one undo step ("last contacted" follows)."""
        entry = self._interaction()
        if entry is None:
            return
        state: dict[str, network.InteractionChange] = {}

        def forward() -> Changes:
            state["change"], changes = network.delete_interaction(entry.id)
            return changes

        self.ctx.run(
            self.tr("Delete interaction"),
            forward,
            lambda: network.undo_interaction_change(state["change"]),
            parent=self,
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
        commands.add_undoable(
            self.ctx,
            self.tr("Add past job"),
            m.Employment,
            lambda: network.add_employment(d.id, **values),
            parent=self,
        )

    def remove_job(self) -> None:
        job_id = self._selected_id(self.jobs)
        if job_id is not None:
            commands.delete_record(self.ctx, m.Employment, job_id, self.tr("Remove past job"))

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
        commands.add_undoable(
            self.ctx,
            self.tr("Link goal"),
            m.GoalContact,
            lambda: network.link_goal(d.id, values["goal_id"], values["role"]),
            parent=self,
        )

    def unlink_goal(self) -> None:
        link_id = self._selected_id(self.goals)
        if link_id is not None:
            commands.delete_record(self.ctx, m.GoalContact, link_id, self.tr("Unlink goal"))


def log_undoable(
    ctx: AppContext, contact_id: int, text: str, parent: QWidget | None = None, **values: Any
) -> bool:
    """Log an interaction as one undo step; undo also puts "last contacted" back."""
    state: dict[str, network.LoggedInteraction] = {}

    def forward() -> Changes:
        state["logged"], changes = network.log_interaction(contact_id, **values)
        return changes

    return ctx.run(
        text, forward, lambda: network.unlog_interaction(state["logged"]), parent=parent
    )
