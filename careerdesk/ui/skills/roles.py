"""Target roles: the list with readiness, and the editable requirements of the selected role."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import catalogue, skills, target_roles
from careerdesk.ui.formatting import format_number
from careerdesk.ui.skills.gap_view import percent
from careerdesk.ui.skills.levels import number, tr
from careerdesk.ui.skills.parts import ElidedLabel, StretchWithFloor, make_button

ID_ROLE = Qt.ItemDataRole.UserRole
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
NAME, SKILL, REQUIRED, IMPORTANCE, ONET = range(5)
Index = QModelIndex | QPersistentModelIndex


class RoleList(QWidget):
    """The target roles, each with its readiness; buttons to add and remove roles."""

    role_selected = Signal(object)  # role id or None
    active_toggled = Signal(int, bool)  # role id, aimed for
    add_catalogue_requested = Signal()
    add_own_requested = Signal()
    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("role_panel")
        heading = ElidedLabel(tr("Target roles"), self)
        heading.setObjectName("roles_heading")
        heading.setStyleSheet("font-weight: bold;")
        self.list = QListWidget(self)
        self.list.setObjectName("role_list")
        self.list.setAccessibleName(tr("Target roles and readiness"))
        self.list.currentItemChanged.connect(lambda *_: self._selected())
        self.list.itemChanged.connect(self._check_changed)
        self.list.setToolTip(
            tr("Ticked roles are the ones you aim for; the heatmap compares them.")
        )
        self.catalogue_button = make_button(
            self,
            "add_catalogue_role_button",
            tr("From &catalogue…"),
            self.add_catalogue_requested.emit,
        )
        self.own_button = make_button(
            self, "add_own_role_button", tr("&Own role…"), self.add_own_requested.emit
        )
        self.remove_button = make_button(self, "remove_role_button", tr("Remove"), self._remove)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        for button in (self.catalogue_button, self.own_button, self.remove_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self.remove_button.setEnabled(False)

    def show_roles(self, rows: list[tuple[target_roles.RoleRow, float | None]]) -> None:
        """Fill the list, keeping the selection where possible."""
        keep = self.selected_role_id()
        self.list.blockSignals(True)
        self.list.clear()
        for role, readiness in rows:
            source = tr("O*NET") if role.source == "onet" else tr("own")
            item = QListWidgetItem(
                tr("{title} · readiness {percent} · {source}").format(
                    title=role.title, percent=percent(readiness), source=source
                ),
                self.list,
            )
            item.setData(ID_ROLE, role.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if role.active else Qt.CheckState.Unchecked)
            if role.onet_code:
                item.setToolTip(f"{role.title} ({role.onet_code})")
        ids = [role.id for role, _ in rows]
        if keep in ids:
            self.list.setCurrentRow(ids.index(keep))
        elif ids:
            self.list.setCurrentRow(0)
        # Still blocked: the role is announced once, below (not once more by the list).
        self.list.blockSignals(False)
        self._selected()

    def select_role(self, role_id: int) -> None:
        """Make this role the current one (its gaps and requirements show)."""
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == role_id:
                self.list.setCurrentRow(row)

    def selected_role_id(self) -> int | None:
        """The id of the current role (None when there is none)."""
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item else None

    def _selected(self) -> None:
        role_id = self.selected_role_id()
        self.remove_button.setEnabled(role_id is not None)
        self.role_selected.emit(role_id)

    def _remove(self) -> None:
        role_id = self.selected_role_id()
        if role_id is not None:
            self.remove_requested.emit(role_id)

    def _check_changed(self, item: QListWidgetItem) -> None:
        self.active_toggled.emit(item.data(ID_ROLE), item.checkState() == Qt.CheckState.Checked)


class RequirementDelegate(QStyledItemDelegate):
    """Spin boxes for levels and importance, a list of inventory skills to link."""

    def __init__(self, panel: RequirementTable) -> None:
        super().__init__(panel.table)
        self.panel = panel

    def createEditor(  # noqa: N802 - Qt override
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        col = index.column()
        if col in (REQUIRED, IMPORTANCE):
            spin = QDoubleSpinBox(parent)
            spin.setObjectName("required_editor" if col == REQUIRED else "importance_editor")
            spin.setAccessibleName(tr("Required level") if col == REQUIRED else tr("Importance"))
            spin.setRange(0.0 if col == REQUIRED else 1.0, 5.0)
            spin.setSingleStep(0.5)
            spin.setDecimals(1)
            return spin
        if col == SKILL:
            box = QComboBox(parent)
            box.setObjectName("linked_skill_editor")
            box.setAccessibleName(tr("Inventory skill"))
            box.addItem(tr("— not linked"), None)
            for row in skills.list_skills():
                box.addItem(row.name, row.id)
            return box
        editor = super().createEditor(parent, option, index)
        editor.setObjectName("requirement_name_editor")
        editor.setAccessibleName(tr("Requirement"))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        value = index.data(VALUE_ROLE)
        if isinstance(editor, QDoubleSpinBox):
            editor.setValue(float(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        else:
            super().setEditorData(editor, index)

    def setModelData(  # noqa: N802 - Qt override
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        requirement_id = index.data(ID_ROLE)
        col = index.column()
        if isinstance(editor, QDoubleSpinBox):
            field = "required_level" if col == REQUIRED else "importance"
            self.panel.edit_requested.emit(requirement_id, field, editor.value())
        elif isinstance(editor, QComboBox):
            self.panel.edit_requested.emit(requirement_id, "skill", editor.currentData())
        else:
            self.panel.edit_requested.emit(requirement_id, "name", editor.text())


class RequirementTable(QWidget):
    """The requirements of one role, edited in place."""

    edit_requested = Signal(int, str, object)  # requirement id, field, value
    add_requested = Signal()
    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requirement_panel")
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("requirement_table")
        self.table.setAccessibleName(tr("Requirements of the selected role"))
        self.table.setHorizontalHeaderLabels(
            [
                tr("Requirement"),
                tr("Inventory skill"),
                tr("Required level"),
                tr("Importance"),
                tr("O*NET rating"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setItemDelegate(RequirementDelegate(self))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Names keep a readable width: in a small window the table scrolls sideways.
        wide = self.fontMetrics().horizontalAdvance("M") * 12
        header.setSectionResizeMode(SKILL, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(SKILL, wide)
        self.name_width = StretchWithFloor(self.table, NAME, wide)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = make_button(
            self, "add_requirement_button", tr("Add &requirement…"), self.add_requested.emit
        )
        self.remove_button = make_button(
            self, "remove_requirement_button", tr("Remove requirement"), self._remove
        )
        hint = ElidedLabel(tr("Double-click a cell to adjust it."), self)
        hint.setObjectName("requirement_hint")
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        self.attribution = QLabel(catalogue.ATTRIBUTION, self)
        self.attribution.setObjectName("requirement_attribution")
        self.attribution.setAccessibleName(tr("Source of the occupation catalogue"))
        self.attribution.setTextFormat(Qt.TextFormat.PlainText)
        self.attribution.setWordWrap(True)
        self.attribution.setStyleSheet("color: palette(placeholder-text); font-size: 10px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.attribution)
        self.role_id: int | None = None
        self._update_buttons()

    def show_role(self, role_id: int | None) -> None:
        """Show the requirements of a role (none for None)."""
        self.role_id = role_id
        reqs = target_roles.requirements_of(role_id) if role_id is not None else []
        self.table.setRowCount(len(reqs))
        for row, req in enumerate(reqs):
            linked = req.skill.name if req.skill_id is not None else tr("— not linked")
            rating = (
                tr("IM {importance} · LV {level}").format(
                    importance=format_number(req.onet_importance, 2),
                    level=format_number(req.onet_level, 2),
                )
                if req.onet_level is not None
                else ""
            )
            cells = [
                (req.name, req.name),
                (linked, req.skill_id),
                (number(req.required_level), req.required_level),
                (number(req.importance), req.importance),
                (rating, None),
            ]
            for col, (text, value) in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, req.id)
                item.setData(VALUE_ROLE, value)
                if col == ONET:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    item.setToolTip(tr("As rated in O*NET: importance 1-5, level 0-7"))
                if col in (REQUIRED, IMPORTANCE):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
        self.name_width.fit()
        self.attribution.setVisible(any(req.onet_level is not None for req in reqs))
        self.add_button.setEnabled(role_id is not None)
        self._update_buttons()

    def selected_requirement(self) -> int | None:
        """The id of the selected requirement (None when none is)."""
        items = self.table.selectedItems()
        return items[0].data(ID_ROLE) if items else None

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.selected_requirement() is not None)

    def _remove(self) -> None:
        requirement = self.selected_requirement()
        if requirement is not None:
            self.remove_requested.emit(requirement)
