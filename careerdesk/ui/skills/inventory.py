"""The skill inventory: a table edited in place; history and evidence of the selected skill."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import skills
from careerdesk.core.vocabulary import EVIDENCE_KINDS, SKILL_KINDS
from careerdesk.ui.checked_dialog import CheckedDialog, dialog_buttons
from careerdesk.ui.context import AppContext
from careerdesk.ui.date_edit import DateEdit
from careerdesk.ui.formatting import format_date
from careerdesk.ui.operations import perform
from careerdesk.ui.skills.levels import (
    EVIDENCE_KIND_NAMES,
    kind_name,
    level_choices,
    level_meaning,
    level_name,
    tr,
)
from careerdesk.ui.skills.parts import (
    ElidedLabel,
    StretchWithFloor,
    change_level,
    fit_to_widest,
    make_button,
)

Index = QModelIndex | QPersistentModelIndex

NAME, KIND, CURRENT, TARGET, PRIORITY, EVIDENCE, LEARNING, ASSESSED = range(8)
HEADERS = (
    "Skill",
    "Kind",
    "Current",
    "Target",
    "Priority",
    "Evidence",
    "Learning",
    "Assessed",
)
EDITABLE = {NAME, KIND, CURRENT, TARGET, PRIORITY}
# The columns as wide as their widest cell (the name takes the rest), and what they show.
SIZED = {
    KIND: "kind",
    CURRENT: "current_level",
    TARGET: "target_level",
    PRIORITY: "priority",
    EVIDENCE: "evidence_count",
    LEARNING: "learning_count",
    ASSESSED: "last_assessed",
}


class SkillTableModel(QAbstractTableModel):
    """Rows of skills.list_skills(); an edit goes out as `edit_requested`, never stored here."""

    edit_requested = Signal(int, int, object)  # skill id, column, new value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[skills.SkillRow] = []

    def reload(self) -> None:
        """Fetch the skills again from the database."""
        self.beginResetModel()
        self.rows = skills.list_skills()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display(row, col)
        if role == Qt.ItemDataRole.EditRole:
            return {
                NAME: row.name,
                KIND: row.kind,
                CURRENT: row.current_level,
                TARGET: row.target_level,
                PRIORITY: row.priority,
            }.get(col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == CURRENT:
                return level_meaning(row.current_level)
            if col == TARGET and row.target_level is not None:
                return level_meaning(row.target_level)
            if col == NAME:  # the column may be too narrow for the whole name
                if row.onet_element_id:
                    return tr("{name}: linked to the O*NET skill {id}").format(
                        name=row.name, id=row.onet_element_id
                    )
                return row.name
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (PRIORITY, EVIDENCE, LEARNING):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def display(self, row: skills.SkillRow, col: int) -> str:
        if col == NAME:
            return row.name
        if col == KIND:
            return kind_name(row.kind)
        if col == CURRENT:
            return level_name(row.current_level)
        if col == TARGET:
            return "" if row.target_level is None else level_name(row.target_level)
        if col == PRIORITY:
            return str(row.priority)
        if col == EVIDENCE:
            return str(row.evidence_count or "")
        if col == LEARNING:
            return str(row.learning_count or "")
        if col == ASSESSED:
            return format_date(row.last_assessed)
        return ""

    def setData(  # noqa: N802 - Qt override
        self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        self.edit_requested.emit(self.rows[index.row()].id, index.column(), value)
        return True

    def shown_texts(self, col: int) -> dict[str, int]:
        """Each text a SIZED column shows, with a row showing it (one per stored value)."""
        field = SIZED[col]
        first: dict[object, int] = {}
        for i, row in enumerate(self.rows):
            first.setdefault(getattr(row, field), i)
        return {self.display(self.rows[i], col): i for i in first.values()}

    def row_of(self, skill_id: int) -> int | None:
        """The table row showing this skill (None when not shown)."""
        return next((i for i, r in enumerate(self.rows) if r.id == skill_id), None)


class SkillDelegate(QStyledItemDelegate):
    """Editors in words: levels as "3 · Competent", kind as hard/soft, priority 1-5."""

    def createEditor(  # noqa: N802 - Qt override
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        col = index.column()
        if col in (CURRENT, TARGET):
            box = QComboBox(parent)
            box.setObjectName("level_editor")
            box.setAccessibleName(tr("Level"))
            for level, text in level_choices():
                box.addItem(text, level)
                box.setItemData(box.count() - 1, level_meaning(level), Qt.ItemDataRole.ToolTipRole)
            if col == TARGET:
                box.setItemText(0, tr("— no target"))
            return box
        if col == KIND:
            box = QComboBox(parent)
            box.setObjectName("kind_editor")
            box.setAccessibleName(tr("Kind"))
            for kind in SKILL_KINDS:
                box.addItem(kind_name(kind), kind)
            return box
        if col == PRIORITY:
            spin = QSpinBox(parent)
            spin.setObjectName("priority_editor")
            spin.setAccessibleName(tr("Priority"))
            spin.setRange(1, 5)
            return spin
        editor = super().createEditor(parent, option, index)
        editor.setObjectName("name_editor")
        editor.setAccessibleName(tr("Skill name"))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 3))
        else:
            super().setEditorData(editor, index)

    def setModelData(  # noqa: N802 - Qt override
        self, editor: QWidget, model: QAbstractTableModel, index: Index
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QSpinBox):
            model.setData(index, editor.value())
        else:
            super().setModelData(editor, model, index)


class EvidenceDialog(CheckedDialog):
    """Ask for one piece of evidence of a skill."""

    def __init__(self, skill_name: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidence_dialog")
        self.setWindowTitle(tr("Evidence of {skill}").format(skill=skill_name))
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("evidence_title")
        self.title_edit.setAccessibleName(tr("What shows the skill"))
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("evidence_kind")
        self.kind_box.setAccessibleName(tr("Kind of evidence"))
        for kind in EVIDENCE_KINDS:
            self.kind_box.addItem(tr(EVIDENCE_KIND_NAMES[kind]), kind)
        self.date_edit = DateEdit(today=lambda: today, parent=self)  # empty: undated
        self.date_edit.setObjectName("evidence_date")
        self.date_edit.setAccessibleName(tr("Date of the evidence"))
        self.date_edit.set_value(today)
        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("evidence_url")
        self.url_edit.setAccessibleName(tr("Link"))
        self.achievement_box = QComboBox(self)
        self.achievement_box.setObjectName("evidence_achievement")
        self.achievement_box.setAccessibleName(tr("Achievement from the journal"))
        self.achievement_box.addItem(tr("— none"), None)
        for achievement_id, title, day in skills.achievement_choices():
            self.achievement_box.addItem(f"{title} ({format_date(day)})", achievement_id)
        self.achievement_box.currentIndexChanged.connect(self._achievement_picked)
        form = QFormLayout()
        form.addRow(tr("From the &journal"), self.achievement_box)
        form.addRow(tr("&Title"), self.title_edit)
        form.addRow(tr("&Kind"), self.kind_box)
        form.addRow(tr("&Date"), self.date_edit)
        form.addRow(tr("&Link"), self.url_edit)
        buttons = dialog_buttons(self, "evidence_buttons")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _achievement_picked(self) -> None:
        achievement_id = self.achievement_box.currentData()
        if achievement_id is None:
            return
        title, day = next(
            (t, d) for i, t, d in skills.achievement_choices() if i == achievement_id
        )
        self.title_edit.setText(title)
        self.kind_box.setCurrentIndex(self.kind_box.findData("achievement"))
        self.date_edit.set_value(day)

    def check(self) -> None:
        self.values()  # a bad date raises here, before the dialog closes

    def values(self) -> dict[str, Any]:
        """The evidence as entered, as keywords of skills.add_evidence."""
        date = self.date_edit.value()  # a date that is not one raises, naming the field
        return {
            "title": self.title_edit.text(),
            "kind": self.kind_box.currentData(),
            "date": date,
            "url": self.url_edit.text(),
            "achievement_id": self.achievement_box.currentData(),
        }


class InventoryPanel(QWidget):
    """The inventory table with its buttons, and what backs the selected skill."""

    selection_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("inventory_panel")
        heading = ElidedLabel(tr("Skill inventory"), self)
        heading.setObjectName("inventory_heading")
        heading.setStyleSheet("font-weight: bold;")
        self.model = SkillTableModel(self)
        self.model.edit_requested.connect(self._edit)
        self.table = QTableView(self)
        self.table.setObjectName("skill_table")
        self.table.setAccessibleName(tr("Skill inventory"))
        self.table.setModel(self.model)
        self.table.setItemDelegate(SkillDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        # The name takes what the other columns leave, so the table fits without a
        # horizontal scroll bar; a name too long to show whole is elided (its tooltip has it).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # see _fit_columns
        header.setStretchLastSection(False)
        self.name_width = StretchWithFloor(
            self.table, NAME, self.fontMetrics().horizontalAdvance("M") * 15
        )
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.add_button = make_button(self, "add_skill_button", tr("&Add skill…"), self.add_skill)
        self.evidence_button = make_button(
            self, "add_evidence_button", tr("Add &evidence…"), self.add_evidence
        )
        self.delete_button = make_button(
            self, "delete_skill_button", tr("Delete skill"), self.delete_skill
        )
        buttons = QHBoxLayout()
        buttons.addWidget(heading)
        buttons.addStretch(1)
        for button in (self.add_button, self.evidence_button, self.delete_button):
            buttons.addWidget(button)

        self.details = QLabel(self)
        self.details.setObjectName("skill_details")
        self.details.setAccessibleName(tr("Level history and evidence of the selected skill"))
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        self._update_buttons()

    # --- reading ---------------------------------------------------------------

    def reload(self) -> None:
        """Show the inventory again, keeping the selected skill."""
        selected = self.selected_skill_id()
        self.model.reload()
        self._fit_columns()
        if selected is not None:
            self.select_skill(selected)
        self._show_details()
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Each column but the name as wide as its widest cell; the name takes the rest."""
        fit_to_widest(self.table, {col: self.model.shown_texts(col) for col in SIZED})
        self.name_width.fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_columns()  # the widths were measured in the old font

    def selected_skill_id(self) -> int | None:
        """The id of the selected skill (None when none is)."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].id if rows else None

    def select_skill(self, skill_id: int) -> None:
        """Select the row of this skill."""
        row = self.model.row_of(skill_id)
        if row is not None:
            self.table.selectRow(row)

    def _on_selection(self) -> None:
        self._show_details()
        self._update_buttons()
        self.selection_changed.emit()

    def _update_buttons(self) -> None:
        has = self.selected_skill_id() is not None
        self.evidence_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _show_details(self) -> None:
        skill_id = self.selected_skill_id()
        if skill_id is None:
            self.details.setText(tr("Select a skill to see its level history and evidence."))
            return
        history = skills.level_history(skill_id)
        steps = [
            f"{format_date(c.date)}: {'–' if c.new_level is None else c.new_level}"
            for c in history[-6:]
        ]
        evidence = [
            e.title + (f" ({format_date(e.date)})" if e.date else "")
            for e in skills.evidence_of(skill_id)[:4]
        ]
        lines = [
            tr("Level history: {steps}").format(steps=" → ".join(steps) or tr("none yet")),
            tr("Evidence: {items}").format(items="; ".join(evidence) or tr("none yet")),
        ]
        self.details.setText("\n".join(lines))

    # --- writing -----------------------------------------------------------------

    def _edit(self, skill_id: int, column: int, value: Any) -> None:
        if column == CURRENT:
            self.set_current_level(skill_id, value)
            return
        field = {NAME: "name", KIND: "kind", TARGET: "target_level", PRIORITY: "priority"}[column]
        label = {
            "name": tr("Rename skill"),
            "kind": tr("Change skill kind"),
            "target_level": tr("Change target level"),
            "priority": tr("Change skill priority"),
        }[field]
        perform(
            self.ctx, label, lambda: skills.update_skill(skill_id, **{field: value}), parent=self
        )

    def set_current_level(self, skill_id: int, level: int | None) -> bool:
        """Set the current level as one undo step (its history row goes with an undo)."""
        return change_level(self.ctx, skill_id, level, tr("Change current level"), parent=self)

    def add_skill(self) -> None:
        """Ask for a name and add the skill (not assessed yet) as one undo step."""
        name, ok = QInputDialog.getText(self, tr("Add skill"), tr("Name of the skill:"))
        if not ok or not name.strip():
            return
        done = perform(self.ctx, tr("Add skill"), lambda: skills.add_skill(name), parent=self)
        if done is not None:
            self.select_skill(done.value)

    def add_evidence(self) -> None:
        """Ask for a piece of evidence of the selected skill and add it as one undo step."""
        skill_id = self.selected_skill_id()
        if skill_id is None:
            return
        dialog = EvidenceDialog(skills.skill(skill_id).name, self.ctx.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        perform(
            self.ctx,
            tr("Add evidence"),
            lambda: skills.add_evidence(skill_id, **values),
            parent=self,
        )

    def delete_skill(self) -> None:
        """Delete the selected skill (and its history and evidence) as one undo step."""
        skill_id = self.selected_skill_id()
        if skill_id is not None:
            perform(
                self.ctx, tr("Delete skill"), lambda: skills.delete_skill(skill_id), parent=self
            )
