"""File › Backups…: the backups of the open file (date, size, goals, contacts); restore one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import backups
from careerdesk.core.db import DatabaseError
from careerdesk.ui import safety
from careerdesk.ui.background import abandon_all

if TYPE_CHECKING:
    from careerdesk.ui.main_window import MainWindow
    from careerdesk.ui.safety import Reopen

REASON_LABELS = {
    "daily": "Daily",
    "exit": "On closing",
    "migration": "Before an upgrade",
    "import": "Before an import",
    "restore": "Before a restore",
    "manual": "Made by hand",
}


RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BackupsDialog(QDialog):
    """Lists the backups of `db_path`, newest first; Restore asks `chosen()` to be restored."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backups_dialog")
        self.setWindowTitle(self.tr("Backups"))
        self.db_path = db_path
        self.restore_requested: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "CareerDesk backs up {name} every day you use it, when you close it after "
                "changes, and before upgrades, imports and restores. Backups are kept in {folder}."
            ).format(name=db_path.name, folder=backups.folder_for(db_path)),
            self,
        )
        intro.setObjectName("backups_intro")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("backups_table")
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Why"),
                self.tr("Size"),
                self.tr("Goals"),
                self.tr("Contacts"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("backups_buttons")
        self.restore_button = buttons.addButton(
            self.tr("&Restore…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.setObjectName("restore_button")
        self.restore_button.setAccessibleName(self.tr("Restore the chosen backup"))
        self.backup_now_button = buttons.addButton(
            self.tr("&Back Up Now"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.backup_now_button.setObjectName("backup_now_button")
        self.backup_now_button.setAccessibleName(self.tr("Back up now"))
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore_clicked)
        self.backup_now_button.clicked.connect(self._backup_now)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.resize(640, 360)
        self.refresh()

    def refresh(self) -> None:
        self.rows = backups.listing(self.db_path)
        locale = QLocale()
        self.table.setRowCount(len(self.rows))
        for row, info in enumerate(self.rows):
            unknown = self.tr("unreadable")
            cells = [
                locale.toString(info.backup.taken, QLocale.FormatType.ShortFormat),
                self.tr(REASON_LABELS.get(info.backup.reason, info.backup.reason)),
                locale.formattedDataSize(info.size),
                unknown if info.goals is None else locale.toString(info.goals),
                unknown if info.contacts is None else locale.toString(info.contacts),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        if self.rows:
            self.table.selectRow(0)
        self._update_buttons()

    def chosen(self) -> backups.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def _backup_now(self) -> None:
        try:
            backups.make_backup(self.db_path, "manual")
        except (DatabaseError, OSError) as exc:
            _message(self, QMessageBox.Icon.Warning, str(exc))
        self.refresh()

    def _restore_clicked(self) -> None:
        info = self.chosen()
        if info is None:
            return
        when = QLocale().toString(info.backup.taken, QLocale.FormatType.ShortFormat)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restore"),
            self.tr(
                "Put the backup from {when} in place of {name}? The file as it is now is "
                "backed up first, so this can be undone by restoring that backup."
            ).format(when=when, name=self.db_path.name),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirm_restore")
        box.setTextFormat(Qt.TextFormat.PlainText)
        yes = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        yes.setObjectName("confirm_restore_button")
        box.exec()
        if box.clickedButton() is yes:
            self.restore_requested = info.backup.path
            self.accept()


def _message(parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> None:
    box = QMessageBox(icon, "CareerDesk", text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("backup_message")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def show_backups(window: MainWindow, reopen: Reopen) -> bool:
    """File › Backups…: list them; restore the one chosen through a window switch."""
    dialog = BackupsDialog(window.ctx.db_path, window)
    dialog.exec()
    chosen = dialog.restore_requested
    dialog.deleteLater()
    if chosen is None:
        return False
    return restore_in_window(window, chosen, reopen)


def restore_in_window(
    window: MainWindow, backup: Path, reopen: Reopen, *, save_pending: bool = True
) -> bool:
    """Restore `backup` over the window's file: finish the window on its file, swap, reopen.

    `save_pending=False` for a damaged file: what was being typed is not written into it.
    """
    path = window.ctx.db_path
    if save_pending:
        if not window.finish():
            return False
    else:
        for tab in window.all_tabs():
            tab.discard_pending()
        abandon_all(window)
        safety.wait_for_daily_backup(window)
        window.ctx.release()
    window.close()
    window.deleteLater()
    try:
        done = backups.restore(backup, path)
    except (DatabaseError, OSError) as exc:
        new_window = reopen(path)
        _message(new_window, QMessageBox.Icon.Warning, str(exc))
        return False
    new_window = reopen(path)
    kept = done.kept_current.name if done.kept_current else ""
    new_window.statusBar().showMessage(
        new_window.tr(
            "Restored the backup {backup}; the file it replaced is kept as {kept}."
        ).format(backup=backup.name, kept=kept)
    )
    return True
