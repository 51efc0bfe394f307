"""Network tab: the contact table, its detail pane, the reach-out queue, import and export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import network, network_edits
from careerdesk.core.changes import Changes
from careerdesk.ui.background import BackgroundTask
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import format_date
from careerdesk.ui.network.background_step import Titles, perform_in_background
from careerdesk.ui.network.details import ContactDetailsPanel
from careerdesk.ui.network.dialogs import TagCadenceDialog, named
from careerdesk.ui.network.files import ContactFilesMixin, message
from careerdesk.ui.network.model import COLUMNS, ContactTableModel
from careerdesk.ui.network.reach_out import ReachOutPanel
from careerdesk.ui.network.wording import counted
from careerdesk.ui.operations import perform
from careerdesk.ui.tab import Tab


class NetworkTab(ContactFilesMixin, Tab):
    """Contacts filtered and sorted in SQL; each edit is one undo step."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("network_tab")
        self._task: BackgroundTask | None = None
        self._first_paint_done = False

        self.filter_edit = QLineEdit(self)
        named(self.filter_edit, "contact_filter", self.tr("Filter contacts"))
        self.filter_edit.setPlaceholderText(
            self.tr("Filter by name, company, position or tag (Ctrl+F)")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("contact_count")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.new_button = self._button("new_contact_button", self.tr("&New contact…"))
        self.new_button.clicked.connect(self.ask_new_contact)
        self.archive_button = self._button("archive_contact_button", self.tr("&Archive"))
        self.archive_button.setToolTip(
            self.tr("Hide this contact from the list and the queue; the history is kept.")
        )
        self.archive_button.clicked.connect(self.archive_contact)
        self.delete_button = self._button("delete_contact_button", self.tr("Delete contact"))
        self.delete_button.clicked.connect(self.delete_contact)
        self.tags_button = self._button("tag_cadences_button", self.tr("Tags and &cadences…"))
        self.tags_button.clicked.connect(self.edit_tag_cadences)
        self.import_button = self._menu_button(
            "network_import_button",
            self.tr("&Import"),
            [
                ("linkedin", self.tr("LinkedIn connections (CSV)…")),
                ("vcard", self.tr("Contacts from vCard…")),
                ("csv", self.tr("Contacts from CSV…")),
            ],
            lambda kind: self.start_import(kind),
        )
        self.export_button = self._menu_button(
            "network_export_button",
            self.tr("E&xport"),
            [("vcard", self.tr("Contacts as vCard…")), ("csv", self.tr("Contacts as CSV…"))],
            lambda kind: self.start_export(kind),
        )
        self.status_label = QLabel(self)
        self.status_label.setObjectName("network_status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 2)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        for widget in (
            self.new_button,
            self.archive_button,
            self.delete_button,
            self.tags_button,
            self.import_button,
        ):
            bar.addWidget(widget)
        bar.addWidget(self.export_button)

        self.model = ContactTableModel(self)
        self.table = QTableView(self)
        named(self.table, "contact_table", self.tr("Contacts"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Tags take what is left; "Last contacted" keeps the width its dates need.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self._sorted_by = (0, Qt.SortOrder.AscendingOrder)
        for column, width in enumerate((160, 150, 170, 90, 140)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.modelReset.connect(self._fit_last_contacted)
        self._fit_last_contacted()

        self.reach_out = ReachOutPanel(ctx, self)
        self.reach_out.contact_chosen.connect(self.select_contact)
        self.reach_out.contacted_today.connect(self.mark_contacted_today)
        self.reach_out.followed_up.connect(self.mark_followed_up)
        self.details = ContactDetailsPanel(ctx, self)
        self.details.contacted_today.connect(self.mark_contacted_today)

        left = QSplitter(Qt.Orientation.Vertical, self)
        left.setObjectName("network_left_splitter")
        left.addWidget(self.table)
        left.addWidget(self.reach_out)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("network_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([860, 520])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status_label)
        self._update_buttons()

    def _fit_last_contacted(self) -> None:
        """The "Last contacted" column as wide as its header and any date it shows."""
        column = [key for key, _header in COLUMNS].index("last_contacted")
        header = self.table.horizontalHeader()
        sample = format_date(dt.date(2026, 9, 30))  # a long month name and two-digit day
        needed = max(
            header.sectionSizeFromContents(column).width(),
            self.table.fontMetrics().horizontalAdvance(sample) + 16,
            self.table.sizeHintForColumn(column),
        )
        if header.sectionSize(column) < needed:
            header.resizeSection(column, needed)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        named(button, name, text.replace("&", "").rstrip("…"))
        return button

    def _menu_button(
        self, name: str, text: str, kinds: list[tuple[str, str]], start: Callable[[str], None]
    ) -> QToolButton:
        button = QToolButton(self)
        named(button, name, text.replace("&", ""))
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        menu.setObjectName(f"{name}_menu")
        for kind, label in kinds:
            action = menu.addAction(label)
            action.setObjectName(f"{name}_{kind}")
            action.triggered.connect(lambda _c=False, k=kind: start(k))
        button.setMenu(menu)
        return button

    def title(self) -> str:
        return self.tr("Network")

    # --- refresh ----------------------------------------------------------------------

    def load(self) -> None:
        """First fill, when the tab is first shown (the window starts on another tab)."""
        if self.isVisible():
            super().load()
        else:
            self._pending = Changes.everything()

    def refresh(self, changes: Changes) -> None:
        if not (changes.contacts or changes.interactions):
            return
        keep = self.details.contact_id
        self.model.refresh()
        self._show_count()
        if self._first_paint_done:
            self.reach_out.refresh()
        self._reselect(keep)
        self.details.show_contact(keep)
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._first_paint_done:
            # At 50,000 contacts the queue takes a moment: the table is painted first.
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        if self._first_paint_done or not self.ctx.database.is_bound():  # file closed meanwhile
            return
        self._first_paint_done = True
        self.reach_out.refresh()

    def focus_search(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _show_count(self) -> None:
        total = self.model.total()
        if self.filter_edit.text().strip():
            text = counted("%Ln matching", total)
        else:
            text = counted("%Ln contact(s)", total)
        self.count_label.setText(text)

    def _filter_changed(self, text: str) -> None:
        keep = self.details.contact_id
        self.model.set_filter(text)
        self._show_count()
        self._reselect(keep)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if COLUMNS[column][0] is None:  # tags: not sortable, put the indicator back
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(*self._sorted_by)
            header.blockSignals(False)
            return
        self._sorted_by = (column, order)
        keep = self.details.contact_id
        self.model.sort(column, order)
        self._reselect(keep)

    def _reselect(self, contact_id: int | None) -> None:
        """Select a contact's row again if it is among the rows fetched."""
        row = self.model.row_of(contact_id) if contact_id is not None else None
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row is None:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        else:
            index = self.model.index(row, 0)
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        selection.blockSignals(False)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.details.show_contact(
            self.model.contact_id(current.row()) if current.isValid() else None
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.details.contact_id is not None)
        self.archive_button.setEnabled(self.details.contact_id is not None)

    def select_contact(self, contact_id: int) -> None:
        """Show a contact's details (and select its row when it is in the table)."""
        self._reselect(contact_id)
        self.details.show_contact(contact_id)
        self._update_buttons()

    # --- edits ---------------------------------------------------------------------------

    def ask_new_contact(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("New contact"), self.tr("Name of the new contact:")
        )
        if ok and name.strip():
            self.new_contact(name)

    def new_contact(self, name: str) -> int | None:
        """Add a contact by full name as one undo step, and show it."""
        first, _sep, last = name.strip().rpartition(" ")
        first, last = (first, last) if first else (last, "")
        today = self.ctx.today()
        done = perform(
            self.ctx,
            self.tr("New contact"),
            lambda: network_edits.new_contact(first, last, today),
            parent=self,
        )
        if done is None:
            return None
        self.select_contact(done.value)
        self.details.edits["company"].setFocus()
        return done.value

    def delete_contact(self) -> None:
        d = self.details.details
        if d is None:
            return
        answer = message(
            self,
            QMessageBox.Icon.Question,
            self.tr("Delete contact"),
            self.tr(
                "Delete {name} with their interactions and history? (Edit ▸ Undo brings "
                "them back.)"
            ).format(name=d.name or d.email),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            contact_id = d.id
            perform(
                self.ctx,
                self.tr("Delete contact"),
                lambda: network_edits.delete_contact(contact_id),
                parent=self,
            )

    def archive_contact(self) -> None:
        """Archive the shown contact (or bring an archived one back) as one undo step."""
        d = self.details.details
        if d is None:
            return
        contact_id, archived = d.id, not d.archived
        text = self.tr("Archive contact") if archived else self.tr("Unarchive contact")
        if perform(
            self.ctx, text, lambda: network_edits.set_archived(contact_id, archived), parent=self
        ):
            self.status_label.setText(
                self.tr("{name} archived: Edit ▸ Undo brings them back.").format(
                    name=d.name or d.email
                )
                if archived
                else ""
            )

    def edit_tag_cadences(self) -> None:
        """The tags' keep-in-touch cadences, changed together as one undo step."""
        dialog = TagCadenceDialog(network.all_tags(), self)
        if dialog.exec() != TagCadenceDialog.DialogCode.Accepted:
            return
        wanted = dialog.changed()
        if not wanted:
            return
        # A tag thousands of contacts carry rewrites each one's due dates (schema 4's
        # triggers): a quarter of a second at 50,000 contacts, so it runs in a worker.
        self._task = perform_in_background(
            self.ctx,
            self,
            self.tr("Change tag cadences"),
            lambda: network_edits.set_tag_cadences(wanted),
            self.tr("Updating the contacts' due dates…"),
            Titles(
                undo=self.tr("Putting the contacts' due dates back…"),
                redo=self.tr("Updating the contacts' due dates…"),
            ),
        )

    def mark_contacted_today(self, contact_id: int) -> None:
        today, summary = self.ctx.today(), self.tr("Reached out")
        perform(
            self.ctx,
            self.tr("Contacted today"),
            lambda: network_edits.contacted_today(contact_id, today, summary),
            parent=self,
        )

    def mark_followed_up(self, interaction_id: int) -> None:
        """A follow-up from the queue done today: a message logged, the follow-up ticked."""
        today, summary = self.ctx.today(), self.tr("Followed up")
        perform(
            self.ctx,
            self.tr("Followed up"),
            lambda: network_edits.followed_up(interaction_id, today, summary),
            parent=self,
        )
