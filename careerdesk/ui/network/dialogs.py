"""Small dialogs of the Network tab: interactions, past jobs, goal links, tag cadences."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.cadence import check_cadence
from careerdesk.core.network import InteractionEntry
from careerdesk.core.network_edits import check_employment, check_interaction
from careerdesk.core.vocabulary import INTERACTION_KINDS
from careerdesk.ui.checked_dialog import CheckedDialog
from careerdesk.ui.date_edit import DateEdit
from careerdesk.ui.formatting import label
from careerdesk.ui.text_edit import PlainTextField


def named(widget: QWidget, name: str, accessible: str) -> QWidget:
    """Give a widget the object name tests use and the name screen readers say."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def _date_edit(
    parent: QWidget, name: str, accessible: str, day: dt.date, today: dt.date
) -> DateEdit:
    """The app's date field (typed the locale's way, or picked), filled with `day`."""
    edit = DateEdit(optional=False, today=lambda: today, parent=parent)
    named(edit, name, accessible)
    edit.set_value(day)
    return edit


class _FormDialog(CheckedDialog):
    """A form with OK and Cancel; OK keeps it open with the reason when check() refuses."""

    def __init__(self, parent: QWidget | None, name: str, title: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName(f"{name}_buttons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        named(self.ok_button, f"{name}_ok", self.tr("OK"))
        named(
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
            f"{name}_cancel",
            self.tr("Cancel"),
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_form(self) -> None:
        self.form.addRow(self.buttons)


class LogInteractionDialog(_FormDialog):
    """What happened with a contact, when, and whether to follow up; or an edit of that."""

    def __init__(
        self,
        contact_name: str,
        today: dt.date,
        parent: QWidget | None = None,
        entry: InteractionEntry | None = None,
    ) -> None:
        if entry is None:
            title = self.tr("Log interaction with {name}").format(name=contact_name)
        else:
            title = self.tr("Edit interaction with {name}").format(name=contact_name)
        super().__init__(parent, "log_interaction_dialog", title)
        self._today = today
        self.date_edit = _date_edit(self, "interaction_date", self.tr("Date"), today, today)
        self.kind_combo = QComboBox(self)
        named(self.kind_combo, "interaction_kind", self.tr("Kind"))
        for kind in INTERACTION_KINDS:
            self.kind_combo.addItem(label(kind), kind)
        self.summary_edit = QLineEdit(self)
        named(self.summary_edit, "interaction_summary", self.tr("Summary"))
        self.summary_edit.setPlaceholderText(self.tr("What did you talk about?"))
        self.follow_up_check = QCheckBox(self.tr("Follow up on"), self)
        named(self.follow_up_check, "interaction_follow_up_check", self.tr("Follow up"))
        self.follow_up_edit = _date_edit(
            self,
            "interaction_follow_up",
            self.tr("Follow-up date"),
            today + dt.timedelta(14),
            today,
        )
        self.follow_up_edit.setEnabled(False)
        self.follow_up_check.toggled.connect(self.follow_up_edit.setEnabled)
        # Editing: the follow-up can be ticked off (it then leaves the reach-out queue).
        self.follow_up_done_check = QCheckBox(self.tr("Followed up (done)"), self)
        named(self.follow_up_done_check, "interaction_follow_up_done", self.tr("Followed up"))
        self.follow_up_done_check.setVisible(entry is not None)
        self.follow_up_check.toggled.connect(self.follow_up_done_check.setEnabled)
        self.follow_up_done_check.setEnabled(False)
        self.notes_edit = PlainTextField(self)
        named(self.notes_edit, "interaction_notes", self.tr("Notes"))
        self.notes_edit.setMaximumHeight(80)
        self.form.addRow(self.tr("&Date"), self.date_edit)
        self.form.addRow(self.tr("&Kind"), self.kind_combo)
        self.form.addRow(self.tr("&Summary"), self.summary_edit)
        self.form.addRow(self.follow_up_check, self.follow_up_edit)
        if entry is not None:
            self.form.addRow("", self.follow_up_done_check)
        self.form.addRow(self.tr("&Notes"), self.notes_edit)
        self.finish_form()
        if entry is not None:
            self.date_edit.set_value(entry.date)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(entry.kind)))
            self.summary_edit.setText(entry.summary)
            if entry.follow_up_date is not None:
                self.follow_up_check.setChecked(True)
                self.follow_up_edit.set_value(entry.follow_up_date)
            self.follow_up_done_check.setChecked(entry.follow_up_done)
            self.notes_edit.setPlainText(entry.notes)
        self._editing = entry is not None

    def check(self) -> None:
        values = self.values()
        check_interaction(
            values["date"], values["kind"], values["follow_up_date"], today=self._today
        )

    def values(self) -> dict[str, Any]:
        """What the fields hold; ValueError (one sentence) for a date that is not one."""
        values: dict[str, Any] = {
            "date": self.date_edit.value(),
            "kind": self.kind_combo.currentData(),
            "summary": self.summary_edit.text().strip(),
            "follow_up_date": (
                self.follow_up_edit.value() if self.follow_up_check.isChecked() else None
            ),
            "notes": self.notes_edit.toPlainText(),
        }
        if self._editing:
            values["follow_up_done"] = (
                self.follow_up_check.isChecked() and self.follow_up_done_check.isChecked()
            )
        return values


class JobDialog(_FormDialog):
    """A past job for a contact's employment history."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent, "job_dialog", self.tr("Add a past job"))
        self.company_edit = QLineEdit(self)
        named(self.company_edit, "job_company", self.tr("Company"))
        self.position_edit = QLineEdit(self)
        named(self.position_edit, "job_position", self.tr("Position"))
        self.start_check = QCheckBox(self.tr("Started"), self)
        named(self.start_check, "job_start_check", self.tr("Start date known"))
        self.start_edit = _date_edit(self, "job_start", self.tr("Start date"), today, today)
        self.end_check = QCheckBox(self.tr("Ended"), self)
        named(self.end_check, "job_end_check", self.tr("End date known"))
        self.end_edit = _date_edit(self, "job_end", self.tr("End date"), today, today)
        for check, edit in ((self.start_check, self.start_edit), (self.end_check, self.end_edit)):
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
        self.form.addRow(self.tr("&Company"), self.company_edit)
        self.form.addRow(self.tr("&Position"), self.position_edit)
        self.form.addRow(self.start_check, self.start_edit)
        self.form.addRow(self.end_check, self.end_edit)
        self.finish_form()

    def check(self) -> None:
        values = self.values()
        check_employment(
            values["company"], values["position"], values["start_date"], values["end_date"]
        )

    def values(self) -> dict[str, Any]:
        """What the fields hold; ValueError (one sentence) for a date that is not one."""
        return {
            "company": self.company_edit.text(),
            "position": self.position_edit.text(),
            "start_date": self.start_edit.value() if self.start_check.isChecked() else None,
            "end_date": self.end_edit.value() if self.end_check.isChecked() else None,
        }


class LinkGoalDialog(_FormDialog):
    """Which goal this person helps with, and how."""

    def __init__(self, goals: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent, "link_goal_dialog", self.tr("Link a goal"))
        self.goal_combo = QComboBox(self)
        named(self.goal_combo, "link_goal_combo", self.tr("Goal"))
        for goal_id, title in goals:
            self.goal_combo.addItem(title, goal_id)
        self.role_edit = QLineEdit(self)
        named(self.role_edit, "link_goal_role", self.tr("How they help"))
        self.role_edit.setPlaceholderText(self.tr("e.g. reviews my design documents"))
        self.form.addRow(self.tr("&Goal"), self.goal_combo)
        self.form.addRow(self.tr("&How they help"), self.role_edit)
        self.finish_form()
        self.ok_button.setEnabled(bool(goals))
        self.goal_combo.setEditable(False)
        self.goal_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.goal_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumWidth(420)
        self.role_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def values(self) -> dict[str, object]:
        return {"goal_id": self.goal_combo.currentData(), "role": self.role_edit.text().strip()}


def days_spin(parent: QWidget, name: str, accessible: str, days: int | None) -> QSpinBox:
    """Days of a keep-in-touch interval; 0 shows "—" (none)."""
    spin = QSpinBox(parent)
    named(spin, name, accessible)
    spin.setRange(0, 3650)
    spin.setSpecialValueText(QCoreApplication.translate("network", "—"))
    spin.setSuffix(QCoreApplication.translate("network", " days"))
    spin.setValue(days or 0)
    return spin


class TagCadenceDialog(QDialog):
    """Every tag with its keep-in-touch cadence (ideal and maximum days), editable."""

    def __init__(
        self, tags: list[tuple[str, int | None, int | None, int]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tag_cadence_dialog")
        self.setWindowTitle(self.tr("Tags and cadences"))
        self.setAccessibleName(self.tr("Tags and cadences"))
        self._tags = tags
        intro = QLabel(
            self.tr(
                "Contacts with a tag are due for a message at its ideal interval and "
                "overdue past its maximum. With several cadences, the shortest wins."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(len(tags), 4, self)
        named(self.table, "tag_cadence_table", self.tr("Tags and cadences"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Tag"), self.tr("Contacts"), self.tr("Ideal"), self.tr("Maximum")]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.spins: list[tuple[QSpinBox, QSpinBox]] = []
        for row, (name, ideal, maximum, uses) in enumerate(tags):
            for column, text in ((0, name), (1, QLocale().toString(uses))):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            spins = (
                days_spin(
                    self,
                    f"tag_ideal_{row}",
                    self.tr("Ideal interval for {tag}").format(tag=name),
                    ideal,
                ),
                days_spin(
                    self,
                    f"tag_max_{row}",
                    self.tr("Maximum interval for {tag}").format(tag=name),
                    maximum,
                ),
            )
            self.table.setCellWidget(row, 2, spins[0])
            self.table.setCellWidget(row, 3, spins[1])
            self.spins.append(spins)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("tag_cadence_error")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        named(self.ok_button, "tag_cadence_dialog_ok", self.tr("OK"))
        named(
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
            "tag_cadence_dialog_cancel",
            self.tr("Cancel"),
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if tags:
            layout.addWidget(self.table)
        else:
            self.table.hide()
            empty = QLabel(self.tr("No tags yet: give a contact a tag first."), self)
            empty.setObjectName("tag_cadence_empty")
            layout.addWidget(empty)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(520, 420)

    def changed(self) -> dict[str, tuple[int | None, int | None]]:
        """The tags whose cadence the user changed: name -> (ideal, maximum) days."""
        out = {}
        for (name, ideal, maximum, _uses), (ideal_spin, max_spin) in zip(
            self._tags, self.spins, strict=True
        ):
            wanted = (ideal_spin.value() or None, max_spin.value() or None)
            if wanted != (ideal, maximum):
                out[name] = wanted
        return out

    def accept(self) -> None:
        """Stay open with the reason when a cadence cannot work."""
        for name, (ideal, maximum) in self.changed().items():
            try:
                check_cadence(ideal, maximum)
            except ValueError as exc:
                self.error_label.setText(f"{name}: {exc}")
                return
        super().accept()
