"""Dialogs of the Profile tab: a role of the career history, a self-assessment item."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from careerdesk.core import profile
from careerdesk.core.vocabulary import ASSESSMENT_KINDS, CONSTRAINT_AREAS
from careerdesk.ui.checked_dialog import CheckedDialog, dialog_buttons
from careerdesk.ui.date_edit import DateEdit
from careerdesk.ui.formatting import label


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class RoleDialog(CheckedDialog):
    """Add or edit a role held: title, organisation, dates, responsibilities."""

    def __init__(
        self, today: dt.date, values: dict[str, Any] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("role_dialog")
        self.setWindowTitle(self.tr("Edit role") if values else self.tr("Add a role"))
        self.resize(520, 420)
        values = values or {}
        self.title = _named(
            QLineEdit(values.get("title", ""), self), "role_title", self.tr("Role")
        )
        self.organisation = _named(
            QLineEdit(values.get("organisation", ""), self), "role_organisation",
            self.tr("Organisation"),
        )  # fmt: skip
        self.industry = _named(
            QLineEdit(values.get("industry", ""), self), "role_industry", self.tr("Industry")
        )
        self.level = _named(
            QLineEdit(values.get("level", ""), self), "role_level", self.tr("Level")
        )
        self.start = _named(
            DateEdit(optional=False, today=lambda: today, parent=self),
            "role_start",
            self.tr("From"),
        )
        self.start.set_value(values.get("start_date") or today)
        self.current = _named(
            QCheckBox(self.tr("I hold this role now"), self),
            "role_current",
            self.tr("Current role"),
        )
        self.end = _named(
            DateEdit(optional=False, today=lambda: today, parent=self), "role_end", self.tr("To")
        )
        self.end.set_value(values.get("end_date") or today)
        self.current.toggled.connect(lambda now: self.end.setEnabled(not now))
        self.current.setChecked(bool(values) and values.get("end_date") is None)
        self.responsibilities = _named(
            QPlainTextEdit(values.get("responsibilities", ""), self),
            "role_responsibilities",
            self.tr("Responsibilities"),
        )
        self.responsibilities.setTabChangesFocus(True)
        form = QFormLayout(self)
        form.addRow(self.tr("&Role"), self.title)
        form.addRow(self.tr("&Organisation"), self.organisation)
        form.addRow(self.tr("&Industry"), self.industry)
        form.addRow(self.tr("&Level"), self.level)
        form.addRow(self.tr("&From"), self.start)
        form.addRow("", self.current)
        form.addRow(self.tr("&To"), self.end)
        form.addRow(self.tr("Res&ponsibilities"), self.responsibilities)
        form.addRow(dialog_buttons(self, f"{self.objectName()}_buttons", save=True))

    def check(self) -> None:
        profile.check_role(self.values())

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.text().strip(),
            "organisation": self.organisation.text().strip(),
            "industry": self.industry.text().strip(),
            "level": self.level.text().strip(),
            "start_date": self.start.value(),
            "end_date": None if self.current.isChecked() else self.end.value(),
            "responsibilities": self.responsibilities.toPlainText().strip(),
        }


class AssessmentItemDialog(CheckedDialog):
    """Add or edit a strength, weakness, interest, value or constraint."""

    def __init__(
        self,
        kind: str = "strength",
        values: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assessment_dialog")
        self.setWindowTitle(
            self.tr("Edit the self-assessment")
            if values
            else self.tr("Add to the self-assessment")
        )
        values = values or {}
        self.resize(460, 200)
        self.kind = _named(QComboBox(self), "assessment_kind", self.tr("Kind"))
        for key in ASSESSMENT_KINDS:
            self.kind.addItem(label(key), key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.text = _named(
            QLineEdit(values.get("text", ""), self), "assessment_text", self.tr("Item")
        )
        self.detail = _named(
            QLineEdit(values.get("detail", ""), self), "assessment_detail", self.tr("Detail")
        )
        self.area = _named(QComboBox(self), "assessment_area", self.tr("Constraint on"))
        self.area.addItem("", None)
        for key in CONSTRAINT_AREAS:
            self.area.addItem(label(key), key)
        self.area.setCurrentIndex(max(0, self.area.findData(values.get("constraint_area"))))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form = QFormLayout(self)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Item"), self.text)
        form.addRow(self.tr("&Detail"), self.detail)
        form.addRow(self.tr("Constraint &on"), self.area)
        form.addRow(dialog_buttons(self, f"{self.objectName()}_buttons", save=True))
        self._kind_changed()

    def check(self) -> None:
        values = self.values()
        profile.check_assessment_item(values["kind"], values["text"], values["constraint_area"])

    def _kind_changed(self) -> None:
        self.area.setEnabled(self.kind.currentData() == "constraint")

    def values(self) -> dict[str, Any]:
        constraint = self.kind.currentData() == "constraint"
        return {
            "kind": self.kind.currentData(),
            "text": self.text.text(),
            "detail": self.detail.text().strip(),
            "constraint_area": self.area.currentData() if constraint else None,
        }
