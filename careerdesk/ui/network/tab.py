"""Network tab: the contact table, its detail pane, the reach-out queue, import and export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QLocale, QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
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

from careerdesk.core import models as m
from careerdesk.core import network
from careerdesk.core.changes import Changes
from careerdesk.core.operation import Done
from careerdesk.io import contact_export, contact_import
from careerdesk.io.contact_import import (
    DUPLICATE,
    NEW,
    REJECTED,
    UPDATED,
    AppliedImport,
    ImportPreview,
)
from careerdesk.io.contact_record import ImportFileError
from careerdesk.io.csv_contacts import automatic_mapping, csv_headers
from careerdesk.ui import commands
from careerdesk.ui.background import BackgroundTask, run_in_background
from careerdesk.ui.context import AppContext
from careerdesk.ui.network.details import ContactDetailsPanel, log_undoable
from careerdesk.ui.network.dialogs import TagCadenceDialog, named
from careerdesk.ui.network.import_dialog import ImportDialog
from careerdesk.ui.network.model import COLUMNS, ContactTableModel
from careerdesk.ui.network.reach_out import ReachOutPanel
from careerdesk.ui.operations import from_pair, push_done
from careerdesk.ui.tab import Tab

IMPORT_FILTERS = {
    "linkedin": "LinkedIn connections (Connections.csv *.csv);;All files (*)",
    "vcard": "vCard (*.vcf *.vcard);;All files (*)",
    "csv": "CSV (*.csv *.txt);;All files (*)",
}
EXPORT_FILTERS = {"vcard": "vCard (*.vcf)", "csv": "CSV (*.csv)"}
EXPORT_NAMES = {"vcard": "contacts.vcf", "csv": "contacts.csv"}


def message(
    parent: QWidget,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox.StandardButton:
    """A message box that shows names and file names as written, never as HTML."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setObjectName("network_message")
    box.setTextFormat(Qt.TextFormat.PlainText)
    return QMessageBox.StandardButton(box.exec())


class NetworkTab(Tab):
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
        for widget in (self.new_button, self.delete_button, self.tags_button, self.import_button):
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
        header.setStretchLastSection(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self._sorted_by = (0, Qt.SortOrder.AscendingOrder)
        for column, width in enumerate((160, 150, 170, 90, 140)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.reach_out = ReachOutPanel(ctx, self)
        self.reach_out.contact_chosen.connect(self.select_contact)
        self.reach_out.contacted_today.connect(self.mark_contacted_today)
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
        total = QLocale().toString(self.model.total())
        if self.filter_edit.text().strip():
            text = self.tr("{n} matching").format(n=total)
        else:
            text = self.tr("{n} contacts").format(n=total)
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
        contact_id = commands.add_undoable(
            self.ctx,
            self.tr("New contact"),
            m.Contact,
            lambda: network.new_contact(first, last, today),
            parent=self,
        )
        if contact_id is not None:
            self.select_contact(contact_id)
            self.details.edits["company"].setFocus()
        return contact_id

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
            commands.delete_record(self.ctx, m.Contact, d.id, self.tr("Delete contact"))

    def edit_tag_cadences(self) -> None:
        """The tags' keep-in-touch cadences, changed together as one undo step."""
        dialog = TagCadenceDialog(network.all_tags(), self)
        if dialog.exec() != TagCadenceDialog.DialogCode.Accepted:
            return
        wanted = dialog.changed()
        if not wanted:
            return
        state: dict[str, dict[str, tuple[int | None, int | None]]] = {}

        def forward() -> Changes:
            state["before"] = network.set_tag_cadences(wanted)
            return Changes(contacts=True)

        def backward() -> Changes:
            network.set_tag_cadences(state["before"])
            return Changes(contacts=True)

        self.ctx.run(self.tr("Change tag cadences"), forward, backward, parent=self)

    def mark_contacted_today(self, contact_id: int) -> None:
        log_undoable(
            self.ctx,
            contact_id,
            self.tr("Contacted today"),
            parent=self,
            date=self.ctx.today(),
            kind="message",
            summary=self.tr("Reached out"),
        )

    # --- import and export ---------------------------------------------------------------

    def start_import(self, kind: str, path: Path | None = None) -> None:
        """Ask for a file, read and preview it off the UI thread, then show the preview."""
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import contacts"), str(Path.home()), IMPORT_FILTERS[kind]
            )
            if not name:
                return
            path = Path(name)
        headers: list[str] | None = None
        mapping: dict[str, str] | None = None
        if kind == "csv":
            try:
                headers = csv_headers(path.read_bytes())
            except (ImportFileError, OSError) as exc:
                self._import_failed(exc)
                return
            mapping = automatic_mapping(headers)

        def work(_report: object) -> ImportPreview:
            return contact_import.preview(contact_import.read_file(kind, path, mapping))

        self._task = run_in_background(
            self,
            self.tr("Reading {file}…").format(file=path.name),
            work,
            lambda preview: self._show_import(kind, path, preview, headers, mapping),
            self._import_failed,
        )

    def _show_import(
        self,
        kind: str,
        path: Path,
        preview: ImportPreview,
        headers: list[str] | None,
        mapping: dict[str, str] | None,
    ) -> None:
        def remap(new_mapping: dict[str, str]) -> ImportPreview:
            return contact_import.preview(contact_import.read_file(kind, path, new_mapping))

        dialog = ImportDialog(
            self.tr("Import {file}").format(file=path.name),
            preview,
            headers=headers,
            mapping=mapping,
            remap=remap if kind == "csv" else None,
            parent=self,
        )
        self.import_dialog = dialog  # tests look at it
        if dialog.exec() == ImportDialog.DialogCode.Accepted:
            self.apply_import(dialog.preview)

    def apply_import(self, preview: ImportPreview) -> None:
        """Write a previewed import off the UI thread with progress; then it is one undo step."""
        today = self.ctx.today()
        number = QLocale().toString
        parts = [
            self.tr("{n} new").format(n=number(preview.count(NEW))),
            self.tr("{n} updated").format(n=number(preview.count(UPDATED))),
            self.tr("{n} already here, unchanged").format(n=number(preview.count(DUPLICATE))),
        ]
        if preview.count(REJECTED):
            parts.append(self.tr("{n} rejected").format(n=number(preview.count(REJECTED))))
        summary = self.tr("Import: {parts}.").format(parts=", ".join(parts))

        def work(report: object) -> tuple[AppliedImport, Changes]:
            return contact_import.apply_undoable(preview, today=today, progress=report)

        def done(result: tuple[AppliedImport, Changes]) -> None:
            applied, changes = result
            self.status_label.setText(summary)
            if applied:
                # Undo deletes what the import wrote; redo writes the same rows again.
                push_done(
                    self.ctx,
                    self.tr("Import contacts"),
                    Done(
                        changes,
                        from_pair(
                            lambda: contact_import.undo_import(applied),
                            lambda: contact_import.redo_import(applied),
                        ),
                    ),
                )
            else:
                self.ctx.apply(changes)

        self._task = run_in_background(
            self, self.tr("Importing contacts…"), work, done, self._import_failed
        )

    def _import_failed(self, exc: BaseException) -> None:
        message(self, QMessageBox.Icon.Warning, self.tr("Import"), str(exc) or type(exc).__name__)
        self.status_label.setText(self.tr("Nothing was imported."))

    def start_export(self, kind: str, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export contacts"),
                str(self.ctx.db_path.parent / EXPORT_NAMES[kind]),
                EXPORT_FILTERS[kind],
            )
            if not name:
                return
            path = Path(name)

        def done(count: int) -> None:
            self.status_label.setText(
                self.tr("Exported {n} contacts to {file}.").format(
                    n=QLocale().toString(count), file=path
                )
            )

        def failed(exc: BaseException) -> None:
            message(
                self, QMessageBox.Icon.Warning, self.tr("Export"), str(exc) or type(exc).__name__
            )

        self._task = run_in_background(
            self,
            self.tr("Exporting contacts…"),
            lambda _report: contact_export.export(kind, path),
            done,
            failed,
        )
