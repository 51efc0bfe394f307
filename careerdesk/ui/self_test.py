"""`careerdesk --self-test`: proves an installed build works, end to end, without a user.

It writes the example plan to a temporary folder, opens the main window on it
(offscreen unless QT_QPA_PLATFORM says otherwise), shows every tab, exports the
plan as PDF, closes the window and checks the database file. Each step prints
one line; the first failure prints its reason and makes the exit code 1.
Settings go to the temporary folder too, so the user's own are never touched.

Also here: `quit_after_first_paint()`, behind the hidden `--quit-after-paint`
option, which benchmarks/bench_frozen.py uses to time a start to first paint.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from functools import cmp_to_key
from pathlib import Path


class SelfTestFailure(Exception):
    """A step of the self-test found something wrong (the message says what)."""


def _say(text: str) -> None:
    # A windowed Windows build has no console: sys.stdout is None there.
    if sys.stdout is not None:
        print(text, flush=True)


def run_self_test(today: dt.date) -> int:
    """Run every step; 0 when all pass, 1 with the failing step's reason."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="careerdesk-self-test-") as folder:
        try:
            _run_steps(Path(folder), today)
        except Exception as exc:  # noqa: BLE001 - every failure becomes one reason
            _say(f"self-test FAILED: {exc}")
            if not isinstance(exc, SelfTestFailure) and sys.stderr is not None:
                traceback.print_exc()
            return 1
    _say(f"self-test passed in {time.perf_counter() - started:.1f} s")
    return 0


def _step(name: str, action: Callable[[], str | None]) -> None:
    try:
        detail = action()
    except SelfTestFailure:
        raise
    except Exception as exc:
        raise SelfTestFailure(f"{name}: {type(exc).__name__}: {exc}") from exc
    _say(f"ok   {name}" + (f": {detail}" if detail else ""))


def _run_steps(folder: Path, today: dt.date) -> None:
    from PySide6.QtCore import QSettings

    from careerdesk import __version__
    from careerdesk.core import db, demo

    # QSettings written by the window (geometry, recent files) stay in the folder.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    path = folder / "Example plan.careerdesk"
    _say(f"CareerDesk {__version__} self-test (Qt platform {os.environ['QT_QPA_PLATFORM']})")

    def write_plan() -> str:
        with db.opened(path):
            return demo.write_example_plan(today=today)

    _step("text", _check_text)
    _step("example plan", write_plan)
    state: dict = {}

    def open_window() -> str:
        from PySide6.QtWidgets import QApplication

        from careerdesk.app import create_window
        from careerdesk.ui.icons import app_icon

        state["window"] = window = create_window(path, today=today)
        QApplication.processEvents()
        if app_icon().isNull() or app_icon().pixmap(64, 64).isNull():
            raise SelfTestFailure("the application icon did not load (SVG plugin missing?)")
        return f"{QApplication.platformName()}, {window.width()}x{window.height()}"

    _step("main window", open_window)
    for index in range(state["window"].tabs.count()):
        _step(f"tab {state['window'].tabs.tabText(index)!r}", lambda i=index: _visit(state, i))
    _step("PDF export", lambda: _export_pdf(folder / "plan.pdf", today))

    def close_window() -> None:
        from PySide6.QtWidgets import QApplication

        window = state.pop("window")
        window.close()
        window.deleteLater()
        QApplication.processEvents()
        if db.bound_database() is not None:
            raise SelfTestFailure("the window left its database open")

    _step("close", close_window)

    def check() -> str:
        report = db.check_database(path)  # raises with the reason if it fails
        return f"schema version {report.schema_version}"

    _step("database check", check)


def _check_text() -> str:
    """Sorting and case rules of other languages: the ICU data a trimmed bundle keeps."""
    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale("de_DE"))
    words = sorted(["Zebra", "Öl", "apple", "Ofen"], key=cmp_to_key(collator.compare))
    if words != ["apple", "Ofen", "Öl", "Zebra"]:
        raise SelfTestFailure(f"German sorting is wrong: {words}")
    if QLocale("tr_TR").toUpper("i") != "\u0130":
        raise SelfTestFailure("Turkish upper case is wrong")
    return "sorting and case mapping"


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    """Run the event loop (other threads too) until `condition()`; False on time-out."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        loop = QEventLoop()
        QTimer.singleShot(10, loop.quit)
        loop.exec()
    return True


def _visit(state: dict, index: int) -> str:
    from PySide6.QtWidgets import QApplication

    window = state["window"]
    window.tabs.setCurrentIndex(index)  # as a click: the tab is made in a few steps
    page = window.tabs.currentWidget()
    _wait_for(lambda: page.loaded and page.tab.isVisible(), 10)
    tab = window.current_tab()
    if not tab.isVisible():
        raise SelfTestFailure(f"{tab.objectName()} is not shown")
    if tab.objectName() == "plan_tab":  # made once pyqtgraph is in, from a thread
        if not _wait_for(tab.timeline_slot.is_built, 60):
            raise SelfTestFailure("the Plan timeline was not made (pyqtgraph, numpy?)")
        QApplication.processEvents()
    image = tab.grab().toImage()
    if image.isNull() or image.width() < 50:
        raise SelfTestFailure(f"{tab.objectName()} did not paint")
    # A painted tab has more than one colour; a blank one means nothing was drawn.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in (30, 120, 240)}
    if len(colours) < 2:
        raise SelfTestFailure(f"{tab.objectName()} painted blank")
    return f"{image.width()}x{image.height()}"


def _export_pdf(out: Path, today: dt.date) -> str:
    from careerdesk.report.pdf import export_pdf

    pages = export_pdf(out, today=today)
    head = out.read_bytes()[:5] if out.exists() else b""
    if pages < 1 or head != b"%PDF-":
        raise SelfTestFailure(f"the PDF export wrote no PDF ({pages} pages)")
    return f"{pages} pages, {out.stat().st_size // 1024} KiB"


def quit_after_first_paint() -> None:
    """Quit the GUI as soon as a main window has painted once (for start-up timing).

    Prints `first-paint-monotonic=SECONDS` (time.monotonic(), a clock shared by all
    processes) so a benchmark can subtract the moment it started the process.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow

    from careerdesk.app import ensure_application

    app = ensure_application()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
            if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                app.removeEventFilter(self)
                _say(f"first-paint-monotonic={time.monotonic():.6f}")
                QTimer.singleShot(0, app.quit)
            return False

    watcher = FirstPaint(app)
    app.installEventFilter(watcher)
