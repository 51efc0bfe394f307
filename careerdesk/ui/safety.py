"""Data safety in the window: automatic backups, File › Backups…, Help › Check Database,
the one-window-per-file server, and failed writes told in one sentence."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

from careerdesk.core import backups as core_backups
from careerdesk.core.db import DatabaseError
from careerdesk.core.write_errors import describe_write_error
from careerdesk.ui.first_paint import after_first_paint

if TYPE_CHECKING:
    from careerdesk.ui.context import AppContext
    from careerdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# Opens a main window on a file (app.create_window with the same "today").
Reopen = Callable[[Path], "MainWindow"]


def install(window: MainWindow, reopen: Reopen, *, backups: bool = True) -> None:
    """Give a new main window its safety features; call once, right after creating it.

    `backups=False` for the throw-away demo copy. The daily backup waits for the
    first paint, like every other start-up write.
    """
    from careerdesk.ui import backups_dialog, integrity, json_menu

    path = window.ctx.db_path
    file_menu = window.findChild(QMenu, "file_menu")
    help_menu = window.findChild(QMenu, "help_menu")
    backups_action = window._action(
        "action_backups",
        window.tr("&Backups…"),
        lambda: backups_dialog.show_backups(window, reopen),
    )
    check_action = window._action(
        "action_check_database",
        window.tr("&Check Database"),
        lambda: integrity.check_open_database(window, reopen),
    )
    if file_menu is not None:
        # Before the Quit separator: with the other commands about the file.
        quit_action = window.findChild(type(backups_action), "action_quit")
        file_menu.insertAction(quit_action, backups_action)
    import_menu = window.findChild(QMenu, "import_menu")
    export_menu = window.findChild(QMenu, "export_menu")
    if import_menu is not None:
        import_menu.addAction(
            window._action(
                "action_import_json",
                window.tr("Plan from JSON (into a new file)…"),
                lambda: json_menu.import_json(window, reopen),
            )
        )
    if export_menu is not None:
        export_menu.addAction(
            window._action(
                "action_export_json",
                window.tr("Whole plan as JSON…"),
                lambda: json_menu.export_json(window),
            )
        )
    if help_menu is not None:
        help_menu.insertAction(
            help_menu.actions()[-1] if help_menu.actions() else None, check_action
        )
    window._backups_on = backups  # type: ignore[attr-defined]
    after_first_paint(window, lambda: _once_on_screen(window, path, backups))


def _once_on_screen(window: MainWindow, path: Path, backups: bool) -> None:
    from careerdesk.ui import single_instance  # QtNetwork: not needed for the first paint

    if not window.ctx.database.is_open:
        return
    window._single_instance = single_instance.serve(window, path)  # type: ignore[attr-defined]
    if not backups:
        return
    # A copy of a large file takes a while; its own read-only connection in a thread
    # (SQLite lets the GIL go while it copies) keeps the window responsive meanwhile.
    thread = threading.Thread(target=backup_at_start, args=(path,), name="daily backup")
    window._daily_backup = thread  # type: ignore[attr-defined]
    thread.start()


def wait_for_daily_backup(window: MainWindow) -> None:
    """Before the window lets its file go: the daily backup, if still copying, finishes."""
    thread = getattr(window, "_daily_backup", None)
    if thread is not None:
        thread.join()


def backup_at_start(path: Path) -> Path | None:
    """The daily backup, when the newest is older than a day; a failure is logged, not shown."""
    try:
        return core_backups.backup_if_due(path)
    except (DatabaseError, OSError) as exc:
        log.warning("No automatic backup of %s: %s", path, exc)
        return None


def backup_at_exit(path: Path, changed: bool) -> Path | None:
    """After the window let its file go: a backup if anything was written meanwhile."""
    try:
        return core_backups.backup_at_exit(path, changed)
    except (DatabaseError, OSError) as exc:
        log.warning("No backup of %s at exit: %s", path, exc)
        return None


def has_changes(ctx: AppContext) -> bool:
    """True when this window's connection wrote anything since the file was opened."""
    database = ctx.database
    if not database.is_open or database.is_closed():
        return False
    return database.connection().total_changes > 0


def show_write_error(ctx: AppContext, exc: BaseException, parent: QWidget | None = None) -> bool:
    """If `exc` is a storage failure (disk full, read-only…), say so in one sentence; True then.

    The message box does not block (open(), not exec()): the user's unsaved text
    stays where it is, and the app keeps running.
    """
    message = describe_write_error(exc)
    if message is None:
        return False
    log.warning("A write failed: %s", exc, exc_info=exc)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        ctx.tr("CareerDesk"),
        ctx.tr(message),
        QMessageBox.StandardButton.Ok,
        parent or QApplication.activeWindow(),
    )
    box.setObjectName("write_error_message")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return True
