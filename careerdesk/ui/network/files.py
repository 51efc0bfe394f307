"""The Network tab's import and export: read and preview off the UI thread, write as one step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

from careerdesk.core import backups
from careerdesk.core.operation import Done
from careerdesk.io import contact_export, contact_import
from careerdesk.io.contact_import import DUPLICATE, NEW, REJECTED, UPDATED, ImportPreview
from careerdesk.io.contact_record import ImportFileError, read_user_file
from careerdesk.io.csv_contacts import automatic_mapping, csv_headers
from careerdesk.ui.background import BackgroundTask, run_in_background
from careerdesk.ui.context import AppContext
from careerdesk.ui.network.background_step import push_background_step
from careerdesk.ui.network.import_dialog import ImportDialog
from careerdesk.ui.network.wording import counted

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


class ContactFilesMixin:
    """Import and export actions of the Network tab (which provides ctx and status_label)."""

    ctx: AppContext
    status_label: QLabel
    _task: BackgroundTask | None

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
                headers = csv_headers(read_user_file(path))
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

    def import_summary(self, preview: ImportPreview) -> str:
        """What an import did, in words: "Import: 3 new contacts, 1 updated."."""
        parts = [counted("%Ln new contact(s)", preview.count(NEW))]
        if preview.count(UPDATED):
            parts.append(counted("%Ln updated", preview.count(UPDATED)))
        if preview.count(DUPLICATE):
            parts.append(counted("%Ln already here (unchanged)", preview.count(DUPLICATE)))
        if preview.count(REJECTED):
            parts.append(counted("%Ln rejected", preview.count(REJECTED)))
        return self.tr("Import: {parts}.").format(parts=", ".join(parts))

    def apply_import(self, preview: ImportPreview) -> None:
        """Write a previewed import off the UI thread with progress; then it is one undo step.

        Its undo and redo run in a worker too (BackgroundStep): 30,000 rows take a second.
        """
        today = self.ctx.today()
        summary = self.import_summary(preview)
        db_path = self.ctx.db_path

        def work(report: object) -> Done:
            if preview.new or preview.updates:  # a checked copy first, as on the command line
                backups.backup_before(db_path, "import")
            return contact_import.apply(preview, today=today, progress=report)

        def done(result: Done) -> None:
            self.status_label.setText(summary)
            push_background_step(self.ctx, self, self.tr("Import contacts"), result)

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
                self.tr("Exported {contacts} to {file}.").format(
                    contacts=counted("%Ln contact(s)", count), file=path
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
