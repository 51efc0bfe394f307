"""The contact's editable fields: each change is one operation (network_edits) and undo step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from careerdesk.core import network, network_edits
from careerdesk.core.operation import Done
from careerdesk.core.vocabulary import RELATIONSHIPS
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import format_date, label
from careerdesk.ui.network.dialogs import days_spin, named
from careerdesk.ui.operations import perform
from careerdesk.ui.text_edit import PlainTextField

# Contact fields edited in single-line fields: (field, label).
LINE_FIELDS = (
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("company", "Company"),
    ("position", "Position"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("linkedin_url", "LinkedIn URL"),
    ("how_met", "How we met"),
)


class ContactForm(QGroupBox):
    """Shows one contact's fields; a refused change stays in its field with the reason."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Details"), parent)
        self.ctx = ctx
        self.setObjectName("contact_form")
        self.details: network.ContactDetails | None = None
        form = QFormLayout(self)
        # Narrow panes (a 1000×600 window): labels go above their fields, nothing is cut.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.edits: dict[str, QLineEdit] = {}
        for field, text in LINE_FIELDS:
            edit = QLineEdit(self)
            named(edit, f"contact_{field}", self.tr(text))
            edit.setMinimumWidth(120)
            edit.editingFinished.connect(lambda f=field: self._save_line(f))
            self.edits[field] = edit
            form.addRow(self.tr(text), edit)
        self.edits["how_met"].setPlaceholderText(self.tr("where, when, who introduced us"))
        self.edits["email"].setPlaceholderText(self.tr("name@example.com"))
        # Says in place why a value was refused (an e-mail address that is none, say).
        self.error_label = QLabel(self)
        self.error_label.setObjectName("contact_form_error")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        form.insertRow(5, "", self.error_label)
        self.relationship_combo = QComboBox(self)
        named(self.relationship_combo, "contact_relationship", self.tr("Relationship"))
        for key in RELATIONSHIPS:
            self.relationship_combo.addItem(label(key), key)
        self.relationship_combo.activated.connect(self._save_relationship)
        form.insertRow(4, self.tr("Relationship"), self.relationship_combo)
        self.tags_edit = QLineEdit(self)
        named(self.tags_edit, "contact_tags", self.tr("Tags"))
        self.tags_edit.setPlaceholderText(self.tr("comma-separated, e.g. mentor, meetup"))
        self.tags_edit.editingFinished.connect(self._save_tags)
        form.addRow(self.tr("Tags"), self.tags_edit)
        cadence_row = QHBoxLayout()
        self.ideal_spin = self._days_spin("contact_cadence_ideal", self.tr("Ideal interval"))
        self.max_spin = self._days_spin("contact_cadence_max", self.tr("Maximum interval"))
        cadence_row.addWidget(QLabel(self.tr("every"), self))
        cadence_row.addWidget(self.ideal_spin)
        cadence_row.addWidget(QLabel(self.tr("at most"), self))
        cadence_row.addWidget(self.max_spin)
        cadence_row.addStretch(1)
        form.addRow(self.tr("Keep in touch"), cadence_row)
        self.urls_edit = PlainTextField(self)
        named(self.urls_edit, "contact_urls", self.tr("Other web addresses"))
        self.urls_edit.setMaximumHeight(60)
        self.urls_edit.editingFinished.connect(self._save_urls)
        form.addRow(self.tr("Other web addresses"), self.urls_edit)
        self.notes_edit = PlainTextField(self)
        named(self.notes_edit, "contact_notes", self.tr("Notes"))
        self.notes_edit.setMaximumHeight(90)
        self.notes_edit.editingFinished.connect(self._save_notes)
        form.addRow(self.tr("Notes"), self.notes_edit)
        self.dates_label = QLabel(self)
        self.dates_label.setObjectName("contact_dates")
        self.dates_label.setTextFormat(Qt.TextFormat.PlainText)
        self.dates_label.setWordWrap(True)
        form.addRow(self.tr("Added"), self.dates_label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _days_spin(self, name: str, accessible: str) -> QSpinBox:
        spin = days_spin(self, name, accessible, None)  # "—": no cadence of its own
        spin.editingFinished.connect(self._save_cadence)
        return spin

    def show_details(self, d: network.ContactDetails) -> None:
        self.details = d
        self._show_refusal("")
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
        if d.archived:
            dates.append(self.tr("archived"))
        self.dates_label.setText(" · ".join(dates))

    # --- edits, each one undo step ---------------------------------------------------------

    def _show_refusal(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _perform(
        self, text: str, op: Callable[[], Done], refused: Callable[[str], None] | None = None
    ) -> Done | None:
        self._show_refusal("")
        return perform(self.ctx, text, op, parent=self, refused=refused or self._show_refusal)

    def _edit(self, text: str, **values: object) -> Done | None:
        d = self.details
        if d is None:
            return None
        contact_id = d.id
        return self._perform(text, lambda: network_edits.edit_contact(contact_id, **values))

    def _save_line(self, field: str) -> None:
        if self.details is None:
            return
        value = self.edits[field].text().strip()
        if value != getattr(self.details, field):
            name = dict(LINE_FIELDS)[field]
            # A refused value stays in its field, with the reason beside it, to correct.
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
        contact_id = d.id
        self._perform(self.tr("Edit tags"), lambda: network_edits.set_tags(contact_id, wanted))

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

        def refused(text: str) -> None:
            self._show_refusal(text)
            self.ideal_spin.setValue(before[0] or 0)
            self.max_spin.setValue(before[1] or 0)

        self._perform(
            self.tr("Change keep-in-touch cadence"),
            lambda: network_edits.set_cadence(contact_id, ideal, maximum),
            refused,
        )
