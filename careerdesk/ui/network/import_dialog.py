"""The import preview: every row new / updated / duplicate / rejected, and CSV column mapping."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.io.contact_import import DUPLICATE, NEW, REJECTED, UPDATED, ImportPreview
from careerdesk.io.contact_record import MAPPABLE_FIELDS, ImportFileError
from careerdesk.ui.network.dialogs import named
from careerdesk.ui.network.wording import counted

Index = QModelIndex | QPersistentModelIndex
STATUS_ROLE = Qt.ItemDataRole.UserRole
_STATUSES = (NEW, UPDATED, DUPLICATE, REJECTED)
_FIELD_LABELS = {
    "name": "Full name (split)",
    "first_name": "First name",
    "last_name": "Last name",
    "company": "Company",
    "position": "Position",
    "email": "Email",
    "phone": "Phone",
    "linkedin_url": "LinkedIn URL",
    "relationship": "Relationship",
    "how_met": "How we met",
    "notes": "Notes",
    "urls": "Web addresses",
    "tags": "Tags",
    "connected_on": "Connected on",
    "last_contacted": "Last contacted",
}


class PreviewModel(QAbstractTableModel):
    """The rows of an ImportPreview: line, status, name, company, email, reason."""

    HEADERS = ("Line", "Status", "Name", "Company", "Email", "Details")

    def __init__(self, preview: ImportPreview, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preview = preview

    def set_preview(self, preview: ImportPreview) -> None:
        self.beginResetModel()
        self.preview = preview
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.preview.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.preview.rows[index.row()]
        if role == STATUS_ROLE:
            return row.status
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                row.line,
                status_label(row.status),
                row.name,
                row.company,
                row.email,
                row.reason,
            )[index.column()]
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None


def status_label(status: str) -> str:
    tr = QGuiApplication.translate
    return {
        NEW: tr("import", "new"),
        UPDATED: tr("import", "updated"),
        DUPLICATE: tr("import", "duplicate"),
        REJECTED: tr("import", "rejected"),
    }[status]


class ImportDialog(QDialog):
    """Shows what an import would do; nothing is written until the user accepts."""

    def __init__(
        self,
        title: str,
        preview: ImportPreview,
        *,
        headers: list[str] | None = None,
        mapping: dict[str, str] | None = None,
        remap: Callable[[dict[str, str]], ImportPreview] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.preview = preview
        self.mapping = dict(mapping or {})
        self._remap = remap
        layout = QVBoxLayout(self)

        self.mapping_table: QTableWidget | None = None
        if headers is not None and remap is not None:
            layout.addWidget(self._mapping_box(headers))

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("import_summary")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        self.show_combo = QComboBox(self)
        named(self.show_combo, "import_show", self.tr("Show rows"))
        self.show_combo.addItem(self.tr("All rows"), "")
        for status in _STATUSES:
            self.show_combo.addItem(status_label(status).capitalize(), status)
        self.show_combo.currentIndexChanged.connect(self._filter_rows)
        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        show_label = QLabel(self.tr("&Show:"), self)
        show_label.setBuddy(self.show_combo)
        top.addWidget(show_label)
        top.addWidget(self.show_combo)
        layout.addLayout(top)

        self.model = PreviewModel(preview, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(STATUS_ROLE)
        self.proxy.setFilterKeyColumn(1)
        self.table = QTableView(self)
        named(self.table, "import_preview_table", self.tr("Import preview"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # The reason is what a user reads most: it gets the room.
        for column, width in enumerate((50, 80, 150, 150, 170)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)

        self.note_label = QLabel(
            self.tr(
                "Nothing is written until you press Import. Duplicates are merged into the "
                "contact they match: empty fields are filled, what you wrote is kept. "
                "Edit ▸ Undo takes the whole import back."
            ),
            self,
        )
        self.note_label.setObjectName("import_note")
        self.note_label.setWordWrap(True)
        layout.addWidget(self.note_label)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        named(self.import_button, "import_accept", self.tr("Import"))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        named(cancel, "import_cancel", self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(980, 620)
        self._show_preview()

    def _mapping_box(self, headers: list[str]) -> QGroupBox:
        box = QGroupBox(self.tr("Columns of the file"), self)
        box.setObjectName("import_mapping_box")
        table = QTableWidget(len(headers), 2, box)
        named(table, "import_mapping", self.tr("Column mapping"))
        table.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Contact field")])
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.setColumnWidth(0, 260)
        for row, header in enumerate(headers):
            cell = QTableWidgetItem(header)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            table.setItem(row, 0, cell)
            combo = QComboBox(table)
            named(
                combo, f"import_map_{row}", self.tr("Field for column {name}").format(name=header)
            )
            combo.addItem(self.tr("(ignore)"), "")
            for field in MAPPABLE_FIELDS:
                combo.addItem(self.tr(_FIELD_LABELS.get(field, field)), field)
            combo.setCurrentIndex(max(0, combo.findData(self.mapping.get(header, ""))))
            table.setCellWidget(row, 1, combo)
        table.setMaximumHeight(min(220, 30 + 30 * len(headers)))
        self.mapping_table = table
        self.remap_button = QPushButton(self.tr("&Update preview"), box)
        named(self.remap_button, "import_remap", self.tr("Update preview"))
        self.remap_button.clicked.connect(self.apply_mapping)
        self.mapping_error = QLabel(box)
        self.mapping_error.setObjectName("import_mapping_error")
        self.mapping_error.setTextFormat(Qt.TextFormat.PlainText)
        self.mapping_error.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        row = QHBoxLayout()
        row.addWidget(self.remap_button)
        row.addWidget(self.mapping_error, 1)
        layout.addLayout(row)
        return box

    def set_field(self, column: str, field: str) -> None:
        """Choose the field of a column (as the user would in its combo box)."""
        assert self.mapping_table is not None
        for row in range(self.mapping_table.rowCount()):
            if self.mapping_table.item(row, 0).text() == column:
                combo = self.mapping_table.cellWidget(row, 1)
                combo.setCurrentIndex(combo.findData(field))

    def chosen_mapping(self) -> dict[str, str]:
        assert self.mapping_table is not None
        mapping = {}
        for row in range(self.mapping_table.rowCount()):
            field = self.mapping_table.cellWidget(row, 1).currentData()
            if field:
                mapping[self.mapping_table.item(row, 0).text()] = field
        return mapping

    def apply_mapping(self) -> None:
        """Read the file again with the chosen columns and show the new preview."""
        if self._remap is None:
            return
        mapping = self.chosen_mapping()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            preview = self._remap(mapping)
        except ImportFileError as exc:
            self.mapping_error.setText(str(exc))
            self.import_button.setEnabled(False)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.mapping_error.clear()
        self.mapping, self.preview = mapping, preview
        self.model.set_preview(preview)
        self._show_preview()

    def _show_preview(self) -> None:
        p = self.preview
        writes = len(p.new) + len(p.updates)
        parts = [counted("%Ln new", p.count(NEW)), counted("%Ln updated", p.count(UPDATED))]
        if p.count(DUPLICATE):
            parts.append(counted("%Ln already here (no change)", p.count(DUPLICATE)))
        if p.count(REJECTED):
            parts.append(counted("%Ln rejected", p.count(REJECTED)))
        noted = sum(1 for row in p.rows if "left out what could not be read" in row.reason)
        if noted:
            parts.append(counted("%Ln with a field left out (see Reason)", noted))
        hints = sum(1 for row in p.rows if "possible duplicate" in row.reason)
        if hints:
            parts.append(counted("%Ln possible duplicate(s)", hints))
        self.summary_label.setText(", ".join(parts) + ".")
        self.import_button.setText(
            counted("Import %Ln contact(s)", writes) if writes else self.tr("Import")
        )
        self.import_button.setEnabled(writes > 0)
        self._filter_rows()

    def _filter_rows(self) -> None:
        status = self.show_combo.currentData() or ""
        pattern = f"^{status}$" if status else ""
        self.proxy.setFilterRegularExpression(QRegularExpression(pattern))
