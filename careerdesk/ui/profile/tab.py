"""Profile tab: who I am, my self-assessment and my career history."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import profile
from careerdesk.core.changes import Changes
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import format_date, label
from careerdesk.ui.operations import perform
from careerdesk.ui.profile.dialogs import AssessmentItemDialog, RoleDialog
from careerdesk.ui.tab import Tab
from careerdesk.ui.text_edit import PlainTextField

# Group rows of the self-assessment tree carry their kind here.
KIND_ROLE = Qt.ItemDataRole.UserRole + 1

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
        self._role_ids: dict[int, int] = {}  # table row -> role id

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
        self.assessment.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        self.assessment.itemDoubleClicked.connect(lambda *_: self.edit_item())
        self.assessment.currentItemChanged.connect(lambda *_: self._update_buttons())
        assessment_layout = QVBoxLayout(assessment_box)
        assessment_layout.addWidget(self.assessment)
        self.add_item_button = self._button("add_assessment_item", self.tr("&Add…"), self.add_item)
        self.edit_item_button = self._button(
            "edit_assessment_item", self.tr("E&dit…"), self.edit_item
        )
        self.remove_item_button = self._button(
            "remove_assessment_item", self.tr("Remove"), self.remove_item
        )
        assessment_layout.addLayout(
            self._row(self.add_item_button, self.edit_item_button, self.remove_item_button)
        )

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
        self.history.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.history.cellDoubleClicked.connect(lambda *_: self.edit_role())
        self.history.itemSelectionChanged.connect(self._update_buttons)
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history)
        self.add_role_button = self._button("add_role", self.tr("Add &role…"), self.add_role)
        self.edit_role_button = self._button("edit_role", self.tr("&Edit role…"), self.edit_role)
        self.remove_role_button = self._button(
            "remove_role", self.tr("Remove role"), self.remove_role
        )
        history_layout.addLayout(
            self._row(self.add_role_button, self.edit_role_button, self.remove_role_button)
        )

        # Splitters, so that in a small window the user gives the room to what they read.
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.setObjectName("profile_top_splitter")
        top.addWidget(about)
        top.addWidget(assessment_box)
        top.setChildrenCollapsible(False)
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 1)
        top.setSizes([10_000, 10_000])  # half each, scaled to the width there is
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("profile_splitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(history_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def title(self) -> str:
        return self.tr("Profile")

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    @staticmethod
    def _row(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        return row

    def _update_buttons(self) -> None:
        has_item = self._selected_item() is not None
        self.edit_item_button.setEnabled(has_item)
        self.remove_item_button.setEnabled(has_item)
        has_role = self._selected_role() is not None
        self.edit_role_button.setEnabled(has_role)
        self.remove_role_button.setEnabled(has_role)

    def refresh(self, changes: Changes) -> None:
        if changes.profile:
            me = profile.get_profile()
            for name, widget in self.fields.items():
                value = getattr(me, name)
                if isinstance(widget, QLineEdit):
                    if widget.text() != value:
                        widget.setText(value)
                elif widget.toPlainText() != value:
                    widget.setPlainText(value)
            keep = self._selected_item()
            blocker = QSignalBlocker(self.assessment)  # rebuilding is not editing
            self.assessment.clear()
            groups: dict[str, QTreeWidgetItem] = {}
            for item in profile.assessment_items():
                group = groups.get(item.kind)
                if group is None:
                    group = QTreeWidgetItem(
                        self.assessment, [self.tr(_KIND_TITLES.get(item.kind, item.kind))]
                    )
                    group.setFirstColumnSpanned(True)
                    group.setData(0, KIND_ROLE, item.kind)
                    groups[item.kind] = group
                detail = item.detail or (
                    label(item.constraint_area) if item.constraint_area else ""
                )
                row = QTreeWidgetItem(group, [item.text, detail])
                row.setData(0, Qt.ItemDataRole.UserRole, item.id)
                row.setToolTip(0, self.tr("Double-click to edit"))
                if item.id == keep:
                    self.assessment.setCurrentItem(row)
            self.assessment.expandAll()
            del blocker
        if changes.history:
            roles = profile.career_history()
            self._role_ids = {}
            self.history.setRowCount(len(roles))
            for row, role in enumerate(roles):
                self._role_ids[row] = role.id
                values = [
                    role.title,
                    role.organisation,
                    role.level,
                    format_date(role.start_date),
                    format_date(role.end_date) or self.tr("now"),
                    role.responsibilities,
                ]
                for col, value in enumerate(values):
                    cell = QTableWidgetItem(value)
                    cell.setToolTip(value)  # a narrow column may cut it
                    self.history.setItem(row, col, cell)
        self._update_buttons()

    def _save_field(self, name: str) -> None:
        widget = self.fields[name]
        text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        perform(
            self.ctx,
            self.tr("Edit {field}").format(field=label(name).lower()),
            lambda: profile.update_profile(**{name: text}),
            parent=self,
        )

    # --- self-assessment -------------------------------------------------------------

    def _selected_item(self) -> int | None:
        """The id of the selected self-assessment item (None for none or a group row)."""
        current = self.assessment.currentItem()
        return current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None

    def add_item(self) -> None:
        current = self.assessment.currentItem()
        kind = "strength"
        if current is not None:
            item_id = current.data(0, Qt.ItemDataRole.UserRole)
            kind = profile.assessment_kind(item_id) if item_id else current.data(0, KIND_ROLE)
        dialog = AssessmentItemDialog(kind or "strength", parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        done = perform(
            self.ctx,
            self.tr("Add to the self-assessment"),
            lambda: profile.add_assessment_item(**values),
            parent=self,
        )
        if done is not None:
            self._select_item(done.value)

    def edit_item(self) -> None:
        """Edit the selected item's kind, text, detail or area in a dialog: one undo step."""
        item_id = self._selected_item()
        if item_id is None:
            return
        before = profile.assessment_values(item_id)
        dialog = AssessmentItemDialog(before["kind"], before, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        after = dialog.values()
        perform(
            self.ctx,
            self.tr("Edit the self-assessment"),
            lambda: profile.update_assessment_item(item_id, **after),
            parent=self,
        )

    def _select_item(self, item_id: int) -> None:
        for group in range(self.assessment.topLevelItemCount()):
            parent = self.assessment.topLevelItem(group)
            for row in range(parent.childCount()):
                if parent.child(row).data(0, Qt.ItemDataRole.UserRole) == item_id:
                    self.assessment.setCurrentItem(parent.child(row))

    def remove_item(self) -> None:
        item_id = self._selected_item()
        if item_id is not None:
            perform(
                self.ctx,
                self.tr("Remove from the self-assessment"),
                lambda: profile.delete_assessment_item(item_id),
                parent=self,
            )

    # --- career history --------------------------------------------------------------

    def _selected_role(self) -> int | None:
        rows = self.history.selectionModel().selectedRows()
        return self._role_ids.get(rows[0].row()) if rows else None

    def add_role(self) -> None:
        dialog = RoleDialog(self.ctx.today(), None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        perform(self.ctx, self.tr("Add role"), lambda: profile.add_role(**values), parent=self)

    def edit_role(self) -> None:
        role_id = self._selected_role()
        if role_id is None:
            return
        dialog = RoleDialog(self.ctx.today(), profile.role_values(role_id), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        after = dialog.values()
        perform(
            self.ctx,
            self.tr("Edit role"),
            lambda: profile.update_role(role_id, **after),
            parent=self,
        )

    def remove_role(self) -> None:
        role_id = self._selected_role()
        if role_id is not None:
            perform(
                self.ctx,
                self.tr("Remove role"),
                lambda: profile.delete_role(role_id),
                parent=self,
            )
