"""A lazy contact table model: pages of core.network.contact_list, filtered and sorted in SQL."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from careerdesk.core import network
from careerdesk.ui.formatting import format_date, label

Index = QModelIndex | QPersistentModelIndex

# (sort key or None when the column cannot be sorted, header)
COLUMNS: tuple[tuple[str | None, str], ...] = (
    ("name", "Name"),
    ("company", "Company"),
    ("position", "Position"),
    ("relationship", "Relationship"),
    (None, "Tags"),
    ("last_contacted", "Last contacted"),
)
ID_ROLE = Qt.ItemDataRole.UserRole


class ContactTableModel(QAbstractTableModel):
    """Holds only the pages fetched so far; the view asks for more as it scrolls."""

    PAGE = 200

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[network.ContactRow] = []
        self._total = 0
        self._filter = ""
        self._sort = "name"
        self._descending = False

    # --- what the tab sets ------------------------------------------------------------

    def refresh(self) -> None:
        """Reload from the first page (after a data change, a new filter or sort)."""
        self.beginResetModel()
        self._total, self._rows = network.contact_list(
            self._filter, self._sort, self._descending, self.PAGE
        )
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        if text != self._filter:
            self._filter = text
            self.refresh()

    def total(self) -> int:
        """How many contacts match the filter (not only those fetched)."""
        return self._total

    def contact_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, contact_id: int) -> int | None:
        """The row of a contact among those fetched, or None."""
        return next((i for i, r in enumerate(self._rows) if r.id == contact_id), None)

    # --- Qt -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if parent.isValid():
            return
        more = network.contact_page(
            self._filter, self._sort, self._descending, len(self._rows), self.PAGE
        )
        if more:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        else:  # the data shrank under us: stop asking
            self._total = len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == 0:
                return row.name or row.email or self.tr("(no name)")
            if column == 1:
                return row.company
            if column == 2:
                return row.position
            if column == 3:
                return label(row.relationship)
            if column == 4:
                return row.tags
            return format_date(row.last_contacted) or (
                self.tr("never") if role == Qt.ItemDataRole.DisplayRole else None
            )
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section][1])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return  # tags are a list: not a useful order
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._sort, self._descending):
            self._sort, self._descending = key, descending
            self.refresh()
