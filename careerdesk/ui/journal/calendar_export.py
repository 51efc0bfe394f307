"""File › Export › Calendar: the calendar feed written where the user chooses."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from careerdesk.io import ics
from careerdesk.ui.wording import counted

if TYPE_CHECKING:
    from careerdesk.ui.main_window import MainWindow


def export_calendar(window: MainWindow, path: Path | None = None) -> int | None:
    """Ask where (unless `path` is given) and write the .ics file; return the event count."""
    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            window,
            window.tr("Export calendar"),
            str(window.ctx.db_path.with_suffix(".ics")),
            window.tr("iCalendar file (*.ics);;All files (*)"),
        )
        if not name:
            return None
        path = Path(name)
    try:
        count = ics.export(path, window.ctx.today())
    except OSError as exc:
        window.ctx.report_error(exc, window)
        return None
    window.statusBar().showMessage(
        counted("MainWindow", "Exported %n event(s) to {path}", count).format(path=path),
        6000,
    )
    return count
