"""QApplication set-up and the main window start."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path

# PySide6 first, so pyqtgraph binds to it rather than to any other Qt binding.
import PySide6  # noqa: F401
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from careerdesk import __version__
from careerdesk.core import db
from careerdesk.ui import settings
from careerdesk.ui.context import AppContext
from careerdesk.ui.icons import app_icon
from careerdesk.ui.main_window import MainWindow

ORGANISATION = "CareerDesk"
APPLICATION = "CareerDesk"


def ensure_application() -> QApplication:
    """The one QApplication, created with our names (QSettings keys depend on them)."""
    if not logging.getLogger().handlers:
        # Unexpected errors are shown in a dialog and their tracebacks go to stderr.
        logging.basicConfig(level=logging.WARNING, format="careerdesk: %(levelname)s: %(message)s")
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    _install_translations(app)
    return app


def _install_translations(app: QApplication) -> None:
    translator = QTranslator(app)
    # Qt's own dialogs (file dialogs, message boxes) speak the user's language
    # when Qt ships that translation; our own .qm files join here later.
    from PySide6.QtCore import QLibraryInfo

    if translator.load(
        QLocale(), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(translator)


def create_window(db_path: Path | str, *, today: dt.date | None = None) -> MainWindow:
    """Open `db_path` (created if missing) and show a main window on it.

    `today` fixes the date the screens judge "overdue" by (tests, demos).

    Does not enter the event loop; raises db.DatabaseError for a file that
    cannot be opened, leaving it untouched.
    """
    ensure_application()
    path = Path(db_path).absolute()
    db.open_database(path)
    ctx = AppContext(path)
    ctx.set_today(today)
    window = MainWindow(ctx)
    ctx.setParent(window)
    window.open_requested.connect(lambda new: _open_other(window, new))
    settings.remember_file(str(path))
    window.show()
    return window


def _open_other(window: MainWindow, path: Path) -> None:
    """File > Open: one file at a time, so a new window replaces this one.

    The new file is opened (and checked) before the old one is closed; if it
    is refused, the old window simply stays.
    """
    path = path.absolute()
    if path == window.ctx.db_path or not window.save_pending_edits():
        return
    try:
        db.open_database(path)
    except (db.DatabaseError, OSError) as exc:
        QMessageBox.warning(window, window.tr("Open"), str(exc))
        return
    window.close()
    window.deleteLater()
    create_window(path)


def run_gui(db_path: Path) -> int:
    """Start the GUI on `db_path`; return the exit code."""
    app = ensure_application()
    try:
        create_window(db_path)
    except db.DatabaseError as exc:
        QMessageBox.critical(None, "CareerDesk", str(exc))
        print(f"careerdesk: {exc}", file=sys.stderr)
        return 2
    try:
        return app.exec()
    finally:
        db.close_database()
