"""Profile tab: who I am, my self-assessment and my career history."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import models as m
from careerdesk.core import profile
from careerdesk.core.changes import Changes
from careerdesk.ui.commands import edit_record
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import format_date, label
from careerdesk.ui.tab import Tab
from careerdesk.ui.text_edit import PlainTextField

_KIND_TITLES = {
    "strength": "Strengths",
    "weakness": "Weaknesses",
    "interest": "Interests",
    "value": "Values",
    "constraint": "Constraints",
}


class ProfileTab(Tab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("profile_tab")
        self._profile_id: int | None = None

        about = QGroupBox(self.tr("About me"), self)
        about.setObjectName("about_me_box")
        about_layout = QVBoxLayout(about)
        form = QFormLayout()
        about_layout.addLayout(form)
        about_layout.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(8)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        for name, text in (
            ("name", self.tr("&Name")),
            ("headline", self.tr("&Headline")),
            ("location", self.tr("&Location")),
            ("email", self.tr("&E-mail")),
        ):
            edit = QLineEdit(about)
            edit.editingFinished.connect(lambda n=name: self._save_field(n))
            self.fields[name] = edit
            form.addRow(text, edit)
        growth = PlainTextField(about)
        growth.editingFinished.connect(lambda: self._save_field("growth_definition"))
        growth.setMaximumHeight(90)
        growth.setPlaceholderText(self.tr("What does growth mean to you?"))
        self.fields["growth_definition"] = growth
        form.addRow(self.tr("What &growth means to me"), growth)
        for name, widget in self.fields.items():
            widget.setObjectName(f"profile_{name}")
            widget.setAccessibleName(label(name))

        assessment_box = QGroupBox(self.tr("Self-assessment"), self)
        assessment_box.setObjectName("assessment_box")
        self.assessment = QTreeWidget(assessment_box)
        self.assessment.setObjectName("assessment_tree")
        self.assessment.setAccessibleName(self.tr("Self-assessment"))
        self.assessment.setHeaderLabels([self.tr("Item"), self.tr("Detail")])
        self.assessment.header().setStretchLastSection(False)
        self.assessment.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.assessment.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        QVBoxLayout(assessment_box).addWidget(self.assessment)

        history_box = QGroupBox(self.tr("Career history"), self)
        history_box.setObjectName("history_box")
        self.history = QTableWidget(0, 6, history_box)
        self.history.setObjectName("history_table")
        self.history.setAccessibleName(self.tr("Career history"))
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("Role"),
                self.tr("Organisation"),
                self.tr("Level"),
                self.tr("From"),
                self.tr("To"),
                self.tr("Responsibilities"),
            ]
        )
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        QVBoxLayout(history_box).addWidget(self.history)

        top = QHBoxLayout()
        top.addWidget(about, 1)
        top.addWidget(assessment_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 3)
        layout.addWidget(history_box, 2)

    def title(self) -> str:
        return self.tr("Profile")

    def refresh(self, changes: Changes) -> None:
        if changes.profile:
            me = profile.get_profile()
            self._profile_id = me.id
            for name, widget in self.fields.items():
                value = getattr(me, name)
                if isinstance(widget, QLineEdit):
                    if widget.text() != value:
                        widget.setText(value)
                elif widget.toPlainText() != value:
                    widget.setPlainText(value)
            self.assessment.clear()
            groups: dict[str, QTreeWidgetItem] = {}
            for item in profile.assessment_items():
                group = groups.get(item.kind)
                if group is None:
                    group = QTreeWidgetItem(
                        self.assessment, [self.tr(_KIND_TITLES.get(item.kind, item.kind))]
                    )
                    group.setFirstColumnSpanned(True)
                    groups[item.kind] = group
                detail = item.detail or (
                    label(item.constraint_area) if item.constraint_area else ""
                )
                QTreeWidgetItem(group, [item.text, detail])
            self.assessment.expandAll()
        if changes.history:
            roles = profile.career_history()
            self.history.setRowCount(len(roles))
            for row, role in enumerate(roles):
                values = [
                    role.title,
                    role.organisation,
                    role.level,
                    format_date(role.start_date),
                    format_date(role.end_date) or self.tr("now"),
                    role.responsibilities,
                ]
                for col, value in enumerate(values):
                    self.history.setItem(row, col, QTableWidgetItem(value))

    def _save_field(self, name: str) -> None:
        widget = self.fields[name]
        text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        if self._profile_id is not None:
            edit_record(
                self.ctx,
                m.Profile,
                self._profile_id,
                self.tr("Edit {field}").format(field=label(name).lower()),
                **{name: text},
            )
