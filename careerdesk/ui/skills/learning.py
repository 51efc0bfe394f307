"""Learning activities: the list, the editor, and completing one with an offer to raise levels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import learning, money, skills
from careerdesk.core.vocabulary import LEARNING_KINDS, LEARNING_STATUSES
from careerdesk.ui.checked_dialog import CheckedDialog, dialog_buttons
from careerdesk.ui.context import AppContext
from careerdesk.ui.date_edit import DateEdit
from careerdesk.ui.formatting import (
    format_date,
    format_money,
    money_text,
    number_text,
    parse_number,
)
from careerdesk.ui.operations import perform
from careerdesk.ui.skills.levels import (
    learning_kind_name,
    learning_status_name,
    level_name,
    number,
    tr,
)
from careerdesk.ui.skills.parts import ElidedLabel, StretchWithFloor, make_button

ID_ROLE = Qt.ItemDataRole.UserRole
TITLE, KIND, STATUS, PROVIDER, DATES, HOURS, SKILLS = range(7)


class ActivityDialog(CheckedDialog):
    """Add or edit one learning activity."""

    def __init__(
        self,
        today: dt.date,
        values: dict[str, Any] | None = None,
        skill_ids: list[int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("activity_dialog")
        self.setWindowTitle(tr("Learning activity"))
        values = values or {}
        self.title_edit = self._line("activity_title", tr("Title"), values.get("title", ""))
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("activity_kind")
        self.kind_box.setAccessibleName(tr("Kind"))
        for kind in LEARNING_KINDS:
            self.kind_box.addItem(learning_kind_name(kind), kind)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(values.get("kind", "course"))))
        self.status_box = QComboBox(self)
        self.status_box.setObjectName("activity_status")
        self.status_box.setAccessibleName(tr("Status"))
        for status in LEARNING_STATUSES:
            self.status_box.addItem(learning_status_name(status), status)
        self.status_box.setCurrentIndex(
            max(0, self.status_box.findData(values.get("status", "planned")))
        )
        self.provider_edit = self._line(
            "activity_provider", tr("Provider"), values.get("provider", "")
        )
        self.url_edit = self._line("activity_url", tr("Link"), values.get("url", ""))
        self.start = self._date(
            "activity_start", tr("Start date"), values.get("start_date"), today
        )
        self.end = self._date("activity_end", tr("End date"), values.get("end_date"), today)
        hours = values.get("hours")
        self.hours_edit = self._line("activity_hours", tr("Hours"), number_text(hours))
        cost = values.get("cost_minor")
        self.cost_edit = self._line(
            "activity_cost", tr("Cost"), money_text(cost, values.get("currency"))
        )
        self.currency = values.get("currency")
        self.goal_box = QComboBox(self)
        self.goal_box.setObjectName("activity_goal")
        self.goal_box.setAccessibleName(tr("Goal it serves"))
        self.goal_box.addItem(tr("— no goal"), None)
        for goal_id, title in learning.goal_choices():
            self.goal_box.addItem(title, goal_id)
        self.goal_box.setCurrentIndex(max(0, self.goal_box.findData(values.get("goal"))))
        self.skill_list = QListWidget(self)
        self.skill_list.setObjectName("activity_skills")
        self.skill_list.setAccessibleName(tr("Skills it builds"))
        chosen = set(skill_ids or [])
        for row in skills.list_skills():
            item = QListWidgetItem(row.name, self.skill_list)
            item.setData(ID_ROLE, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if row.id in chosen else Qt.CheckState.Unchecked
            )
        self.notes = values.get("notes", "")

        form = QFormLayout()
        form.addRow(tr("&Title"), self.title_edit)
        form.addRow(tr("&Kind"), self.kind_box)
        form.addRow(tr("&Status"), self.status_box)
        form.addRow(tr("&Provider"), self.provider_edit)
        form.addRow(tr("&Link"), self.url_edit)
        form.addRow(tr("St&art"), self.start)
        form.addRow(tr("&End"), self.end)
        form.addRow(tr("&Hours"), self.hours_edit)
        form.addRow(tr("C&ost"), self.cost_edit)
        form.addRow(tr("&Goal"), self.goal_box)
        form.addRow(tr("Skills it builds"), self.skill_list)
        buttons = dialog_buttons(self, "activity_buttons")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _line(self, name: str, label: str, text: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.setAccessibleName(label)
        return edit

    def _date(self, name: str, label: str, day: dt.date | None, today: dt.date) -> DateEdit:
        """An optional date field (left empty: no date), its calendar opening on `today`."""
        edit = DateEdit(today=lambda: today, parent=self)
        edit.setObjectName(name)
        edit.setAccessibleName(label)
        edit.set_value(day)
        return edit

    def values(self) -> dict[str, Any]:
        """The fields as entered; raises ValueError on a bad number or date."""
        cost = parse_number(self.cost_edit.text(), tr("Cost"))
        return {
            "title": self.title_edit.text(),
            "kind": self.kind_box.currentData(),
            "status": self.status_box.currentData(),
            "provider": self.provider_edit.text().strip(),
            "url": self.url_edit.text().strip(),
            "start_date": self.start.value(),
            "end_date": self.end.value(),
            "hours": parse_number(self.hours_edit.text(), tr("Hours")),
            "cost_minor": None if cost is None else money.to_minor(cost, self.currency),
            "goal": self.goal_box.currentData(),
            "notes": self.notes,
        }

    def check(self) -> None:
        self.values()  # a number or date that is not one raises here, before it closes

    def skill_ids(self) -> list[int]:
        """The skills ticked as built by the activity."""
        return [
            self.skill_list.item(i).data(ID_ROLE)
            for i in range(self.skill_list.count())
            if self.skill_list.item(i).checkState() == Qt.CheckState.Checked
        ]


class RaiseLevelsDialog(QDialog):
    """After an activity is done: raise the current level of the skills it built?"""

    def __init__(
        self, title: str, offers: list[learning.LevelOffer], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("raise_levels_dialog")
        self.setWindowTitle(tr("Raise skill levels?"))
        intro = QLabel(
            tr("“{title}” is done. Raise the current level of the skills it built?").format(
                title=title
            ),
            self,
        )
        intro.setObjectName("raise_levels_intro")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.checks: list[tuple[QCheckBox, learning.LevelOffer]] = []
        for offer in offers:
            check = QCheckBox(
                tr("{skill}: {old} → {new}").format(
                    skill=offer.name,
                    old=level_name(offer.current_level),
                    new=level_name(offer.suggested_level),
                ),
                self,
            )
            check.setObjectName(f"raise_skill_{offer.skill_id}")
            check.setAccessibleName(tr("Raise {skill}").format(skill=offer.name))
            check.setChecked(True)
            layout.addWidget(check)
            self.checks.append((check, offer))
        buttons = QDialogButtonBox(self)
        buttons.setObjectName("raise_levels_buttons")
        raise_button = buttons.addButton(
            tr("Raise levels"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        raise_button.setObjectName("raise_levels_ok")
        later = buttons.addButton(tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("raise_levels_later")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[learning.LevelOffer]:
        """The offers the user kept ticked."""
        return [offer for check, offer in self.checks if check.isChecked()]


class LearningPanel(QWidget):
    """The learning activities with add, edit, complete and delete."""

    COLUMNS = ("Activity", "Kind", "Status", "Provider", "Dates", "Hours", "Skills")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("learning_panel")
        heading = ElidedLabel(tr("Learning activities"), self)
        heading.setObjectName("learning_heading")
        heading.setStyleSheet("font-weight: bold;")
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("activity_table")
        self.table.setAccessibleName(tr("Learning activities"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # The title takes what the other columns leave, so there is no horizontal scroll
        # bar; the skills column keeps a set width (the tooltip lists them all).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SKILLS, QHeaderView.ResizeMode.Interactive)
        self.title_width = StretchWithFloor(
            self.table, TITLE, self.fontMetrics().horizontalAdvance("M") * 12
        )
        header.setStretchLastSection(False)
        self.table.setColumnWidth(SKILLS, self.fontMetrics().horizontalAdvance("M") * 9)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_activity())
        self.add_button = make_button(self, "add_activity_button", tr("Add…"), self.add_activity)
        self.edit_button = make_button(
            self, "edit_activity_button", tr("Edit…"), self.edit_activity
        )
        self.complete_button = make_button(
            self, "complete_activity_button", tr("Mark &done"), self.complete_selected
        )
        self.delete_button = make_button(
            self, "delete_activity_button", tr("Delete"), self.delete_activity
        )
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        for button in (
            self.add_button,
            self.edit_button,
            self.complete_button,
            self.delete_button,
        ):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.rows: list[learning.ActivityRow] = []
        self._update_buttons()

    def reload(self) -> None:
        """Show the activities again, keeping the selected one."""
        keep = self.selected_activity_id()
        self.rows = learning.list_activities()
        self.table.setRowCount(len(self.rows))
        for row, a in enumerate(self.rows):
            dates = " – ".join(format_date(d) for d in (a.start_date, a.end_date) if d)
            cells = [
                a.title,
                learning_kind_name(a.kind),
                learning_status_name(a.status),
                a.provider,
                dates,
                "" if a.hours is None else number(a.hours),
                ", ".join(a.skill_names),
            ]
            # Columns too narrow for all of it: the whole line is in the tooltip.
            about = [a.title, a.provider, dates, ", ".join(a.skill_names)]
            if a.cost_minor is not None:
                about.append(
                    tr("Cost: {cost}").format(cost=format_money(a.cost_minor, a.currency))
                )
            tooltip = "\n".join(line for line in about if line)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, a.id)
                item.setToolTip(tooltip)
                self.table.setItem(row, col, item)
        self.title_width.fit()
        if keep is not None:
            self.select_activity(keep)
        self._update_buttons()

    def select_activity(self, activity_id: int) -> None:
        """Select the row of this activity."""
        for row, a in enumerate(self.rows):
            if a.id == activity_id:
                self.table.selectRow(row)

    def selected_activity_id(self) -> int | None:
        """The id of the selected activity (None when none is)."""
        items = self.table.selectedItems()
        return items[0].data(ID_ROLE) if items else None

    def _update_buttons(self) -> None:
        activity_id = self.selected_activity_id()
        row = next((a for a in self.rows if a.id == activity_id), None)
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        self.complete_button.setEnabled(row is not None and row.status not in ("done", "dropped"))

    # --- writing -------------------------------------------------------------------

    def add_activity(self) -> None:
        """Ask for a new activity and add it as one undo step."""
        dialog = ActivityDialog(self.ctx.today(), parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            values, skill_ids = dialog.values(), dialog.skill_ids()
        except ValueError as exc:  # a number that is not one
            self.ctx.report_error(exc, self)
            return
        goal = values.pop("goal")
        done = perform(
            self.ctx,
            tr("Add learning activity"),
            lambda: learning.add_activity(skill_ids=skill_ids, goal_id=goal, **values),
            parent=self,
        )
        if done is not None:
            self.select_activity(done.value)

    def edit_activity(self) -> None:
        """Edit the selected activity in a dialog; the edit is one undo step."""
        activity_id = self.selected_activity_id()
        if activity_id is None:
            return
        before = learning.activity_values(activity_id)
        skills_before = learning.activity_skill_ids(activity_id)
        dialog = ActivityDialog(self.ctx.today(), before, skills_before, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            after, skills_after = dialog.values(), dialog.skill_ids()
        except ValueError as exc:  # a number that is not one
            self.ctx.report_error(exc, self)
            return
        perform(
            self.ctx,
            tr("Edit learning activity"),
            lambda: learning.update_activity(activity_id, skill_ids=skills_after, **after),
            parent=self,
        )

    def delete_activity(self) -> None:
        """Delete the selected activity as one undo step."""
        activity_id = self.selected_activity_id()
        if activity_id is not None:
            perform(
                self.ctx,
                tr("Delete learning activity"),
                lambda: learning.delete_activity(activity_id),
                parent=self,
            )

    def complete_selected(self) -> None:
        """Mark the selected activity done (see complete_activity)."""
        activity_id = self.selected_activity_id()
        if activity_id is not None:
            self.complete_activity(activity_id)

    def ask_levels(
        self, title: str, offers: list[learning.LevelOffer]
    ) -> list[learning.LevelOffer]:
        """Ask which skills to raise; [] when the user declines."""
        dialog = RaiseLevelsDialog(title, offers, self)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []

    def complete_activity(self, activity_id: int) -> None:
        """Mark done, raising the levels the user accepts: one undo step for both."""
        title = learning.activity_values(activity_id, ["title"])["title"]
        offers = learning.level_offers(activity_id)
        chosen = self.ask_levels(title, offers) if offers else []
        today = self.ctx.today()
        raise_to = {offer.skill_id: offer.suggested_level for offer in chosen}
        note = tr("learning activity done")
        perform(
            self.ctx,
            tr("Complete learning activity"),
            lambda: learning.complete_activity(activity_id, today, raise_to, note),
            parent=self,
        )
