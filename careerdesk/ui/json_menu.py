"""File › Export › Whole Plan as JSON… and File › Import › Plan from JSON… (into a new file)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from careerdesk.core import db as cdb
from careerdesk.io import json_archive

if TYPE_CHECKING:
    from careerdesk.ui.main_window import MainWindow
    from careerdesk.ui.safety import Reopen

JSON_FILTER = "CareerDesk JSON archive (*.json)"
DB_FILTER = "CareerDesk database (*.db *.careerdesk)"


def _say(parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> None:
    box = QMessageBox(icon, "CareerDesk", text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("json_message")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def export_json(window: MainWindow, out: Path | None = None) -> Path | None:
    """Write the whole open plan as a JSON archive; returns the file written."""
    if out is None:
        name, _ = QFileDialog.getSaveFileName(
            window,
            window.tr("Export the whole plan as JSON"),
            str(window.ctx.db_path.with_suffix(".json")),
            JSON_FILTER,
        )
        if not name:
            return None
        out = Path(name)
    try:
        summary = json_archive.export_archive(window.ctx.database, out)
    except (OSError, json_archive.ArchiveError, cdb.DatabaseError) as exc:
        _say(window, QMessageBox.Icon.Warning, str(exc))
        return None
    window.statusBar().showMessage(
        window.tr("Exported {summary} to {file}.").format(summary=summary, file=out), 8000
    )
    return out


def import_json(
    window: MainWindow, reopen: Reopen, src: Path | None = None, target: Path | None = None
) -> bool:
    """Read a JSON archive into a NEW file and switch the window to it."""
    if src is None:
        name, _ = QFileDialog.getOpenFileName(
            window,
            window.tr("Import a plan from JSON"),
            str(window.ctx.db_path.parent),
            JSON_FILTER,
        )
        if not name:
            return False
        src = Path(name)
    try:
        archive = json_archive.read_archive(src)  # refused before anything changes
    except json_archive.ArchiveError as exc:
        _say(window, QMessageBox.Icon.Warning, str(exc))
        return False
    if target is None:
        name, _ = QFileDialog.getSaveFileName(
            window,
            window.tr("New file for the imported plan"),
            str(src.with_suffix(".db")),
            DB_FILTER,
        )
        if not name:
            return False
        target = Path(name)
    target = target.absolute()
    if target.exists():
        _say(
            window,
            QMessageBox.Icon.Warning,
            window.tr("{file} already exists; a JSON archive is imported into a new file.").format(
                file=target.name
            ),
        )
        return False
    old = window.ctx.db_path
    if not window.finish():  # one file open at a time: this window lets its file go first
        return False
    window.close()
    window.deleteLater()
    try:
        with cdb.opened(target) as database:
            json_archive.load(database, archive, name=src.name)
    except (OSError, json_archive.ArchiveError, cdb.DatabaseError) as exc:
        for suffix in ("", "-wal", "-shm", ".lock"):  # nothing half-made stays behind
            Path(str(target) + suffix).unlink(missing_ok=True)
        _say(reopen(old), QMessageBox.Icon.Warning, str(exc))
        return False
    reopen(target)
    return True
