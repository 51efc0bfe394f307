"""QApplication set-up and the main window start."""

from __future__ import annotations

from careerdesk.ui import collector

collector.pause_for_start_up()  # until the window is on screen (MainWindow)

import datetime as dt
import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

# PySide6 first, so pyqtgraph binds to it rather than to any other Qt binding.
import PySide6  # noqa: F401
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from careerdesk import __version__, paths, qt_libraries
from careerdesk.core import db
from careerdesk.ui import plain_tooltips, safety, settings
from careerdesk.ui.context import AppContext
from careerdesk.ui.first_paint import after_first_paint
from careerdesk.ui.icons import app_icon
from careerdesk.ui.main_window import MainWindow

ORGANISATION = "CareerDesk"
APPLICATION = "CareerDesk"


def ensure_application() -> QApplication:
    """The one QApplication, created with our names (QSettings keys depend on them)."""
    _start_logging()
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    plain_tooltips.install(app)  # user text in cell tooltips shown literally
    _install_translations(app)
    return app


def _start_logging() -> None:
    """Unexpected errors: tracebacks to stderr and to a rotating log in the log folder."""
    root = logging.getLogger()
    if any(getattr(h, "careerdesk", False) for h in root.handlers):
        return
    fmt = logging.Formatter("%(asctime)s careerdesk: %(levelname)s: %(name)s: %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    try:
        folder = paths.log_folder()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handlers.append(
            RotatingFileHandler(
                folder / "careerdesk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        )
    except OSError:
        pass  # no log file (read-only home): stderr still has it
    for handler in handlers:
        handler.careerdesk = True  # type: ignore[attr-defined]
        handler.setFormatter(fmt)
        handler.setLevel(logging.WARNING)
        root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)


def _install_translations(app: QApplication) -> None:
    translator = QTranslator(app)
    # Qt's own dialogs (file dialogs, message boxes) speak the user's language
    # when Qt ships that translation; our own .qm files join here later.
    from PySide6.QtCore import QLibraryInfo

    if translator.load(
        QLocale(), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(translator)


def create_window(
    db_path: Path | str, *, today: dt.date | None = None, is_demo: bool = False
) -> MainWindow:
    """Open `db_path` (created if missing) and show a main window that owns it.

    `today` fixes the date the screens judge "overdue" by (tests, demos);
    `is_demo` marks a throw-away copy of the example plan (not remembered as recent).

    Does not enter the event loop; raises db.DatabaseError for a file that
    cannot be opened, leaving it untouched.
    """
    ensure_application()
    database = db.open_database(Path(db_path).absolute())
    try:
        ctx = AppContext(database)
        ctx.set_today(today)
        window = MainWindow(ctx, is_demo=is_demo)
    except BaseException:
        database.close_file()
        raise
    ctx.setParent(window)
    window.open_requested.connect(lambda new: _open_other(window, new))
    # backups, File › Backups…, Help › Check Database, one window per file.
    safety.install(
        window, reopen=lambda other: create_window(other, today=today), backups=not is_demo
    )
    window.show()
    if not is_demo:  # a QSettings write: after the first paint
        after_first_paint(window, lambda: settings.remember_file(str(database.path)))
    return window


def _open_other(window: MainWindow, path: Path) -> MainWindow | None:
    """File > Open, New, Open Recent: one file at a time, so a new window replaces this one.

    The new file is checked (read-only) first: if it is refused, the old window
    simply stays. Then the old window finishes against its own file (pending
    edits saved there, or dropped on the user's word; its undo stack dropped;
    its lock released) before the new file is opened.
    """
    from PySide6.QtWidgets import QMessageBox

    from careerdesk.ui import integrity

    path = path.absolute()
    if path == window.ctx.db_path:
        return window
    try:
        db.check_openable(path)
    except db.CorruptDatabase as exc:  # offer the newest good backup
        if not integrity.offer_restore(window, path, str(exc)):
            return None
    except (db.DatabaseError, OSError) as exc:
        QMessageBox.warning(window, window.tr("Open"), str(exc))
        return None
    if not window.finish():
        return None
    today = window.ctx.fixed_today()
    old_path = window.ctx.db_path
    window.close()
    window.deleteLater()
    try:
        return create_window(path, today=today)
    except (db.DatabaseError, OSError) as exc:
        # Taken meanwhile (another process) or failed to open: back to the old file.
        old = create_window(old_path, today=today)
        QMessageBox.warning(old, old.tr("Open"), str(exc))
        return None


def run_gui(db_path: Path, *, is_demo: bool = False) -> int:
    """Start the GUI on `db_path`; return the exit code."""
    from PySide6.QtWidgets import QMessageBox

    from careerdesk.ui import integrity, single_instance

    problem = qt_libraries.explain_missing_libraries()
    if problem:  # else Qt aborts with a generic "could not load the platform plugin"
        print(f"careerdesk: {problem}", file=sys.stderr)
        return 2
    app = ensure_application()
    try:
        create_window(db_path, is_demo=is_demo)
    except db.DatabaseInUse as exc:
        # the window that has the file comes forward instead of a refusal.
        if single_instance.ask_running_instance(db_path):
            print(f"careerdesk: {db_path} is open in another window; brought it forward.")
            return 0
        QMessageBox.critical(None, "CareerDesk", str(exc))
        print(f"careerdesk: {exc}", file=sys.stderr)
        return 2
    except db.CorruptDatabase as exc:
        # told in one sentence, file untouched, the newest good backup offered.
        if not integrity.offer_restore(None, Path(db_path).absolute(), str(exc)):
            print(f"careerdesk: {exc}", file=sys.stderr)
            return 2
        create_window(db_path, is_demo=is_demo)
    except db.DatabaseError as exc:
        QMessageBox.critical(None, "CareerDesk", str(exc))
        print(f"careerdesk: {exc}", file=sys.stderr)
        return 2
    return app.exec()
