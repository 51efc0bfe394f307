"""Help › Check Database, and what the user is offered when a file is damaged."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from careerdesk.core import backups
from careerdesk.core.db import DatabaseError

if TYPE_CHECKING:
    from careerdesk.ui.main_window import MainWindow
    from careerdesk.ui.safety import Reopen


def _tr(text: str) -> str:
    return QCoreApplication.translate("integrity", text)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> QMessageBox:
    box = QMessageBox(icon, _tr("Check Database"), text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the path and SQLite's words, literally
    return box


def check_open_database(window: MainWindow, reopen: Reopen) -> list[str]:
    """Help › Check Database: SQLite's full integrity_check of the window's file, read-only.

    Returns the problems found ([] when sound). On damage the user is told in one
    sentence and offered the newest good backup; the file is not written to.
    """
    path = window.ctx.db_path
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        try:
            problems = list(backups.integrity_problems(path))
        except DatabaseError as exc:
            problems = [str(exc)]
    finally:
        QApplication.restoreOverrideCursor()
    if not problems:
        box = _box(
            window,
            QMessageBox.Icon.Information,
            _tr("{name} is sound: SQLite's full integrity check found no problem.").format(
                name=path.name
            ),
        )
        box.setObjectName("check_ok_message")
        box.open()
        return problems
    offer_restore(window, path, damaged_message(path, problems[0]), reopen=reopen)
    return problems


def damaged_message(path: Path, reason: str) -> str:
    return _tr("{name} is damaged: {reason}.").format(name=path.name, reason=reason.rstrip("."))


def offer_restore(
    parent: QWidget | None, path: Path, message: str, *, reopen: Reopen | None = None
) -> bool:
    """Tell the user `path` is damaged (`message`) and offer its newest good backup.

    True if it was restored.
    With a window (`parent` a MainWindow and `reopen` given) the restore goes
    through the window switch; without one (at start) it restores the file only.
    """
    from careerdesk.ui import backups_dialog

    good = backups.newest_good(path)
    text = f"{message} {_tr('CareerDesk has not changed it and will not write to it.')}"
    box = _box(parent, QMessageBox.Icon.Critical, text)
    box.setObjectName("damaged_message")
    restore_button = None
    if good is not None:
        when = QLocale().toString(good.taken, QLocale.FormatType.ShortFormat)
        box.setInformativeText(
            _tr("Restore the newest good backup, from {when}?").format(when=when)
        )
        restore_button = box.addButton(_tr("Restore Backup"), QMessageBox.ButtonRole.AcceptRole)
        restore_button.setObjectName("restore_backup_button")
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    else:
        box.setInformativeText(_tr("There is no good backup of it to restore."))
    box.exec()
    if restore_button is None or box.clickedButton() is not restore_button:
        return False
    if reopen is not None and parent is not None and hasattr(parent, "ctx"):
        return backups_dialog.restore_in_window(parent, good.path, reopen, save_pending=False)
    try:
        backups.restore(good.path, path)
    except DatabaseError as exc:
        _box(parent, QMessageBox.Icon.Warning, str(exc)).exec()
        return False
    return True
