"""A watchdog of event-loop gaps and a scripted session over the main window (test and benchmark).

Used by tests/ui/test_watchdog.py on the example plan and by benchmarks/bench_stalls.py
on scaled data. Each user action of the script runs the way a click or a keystroke
would: on the UI thread, with the event loop waiting for it. A precise QTimer ticks
every few milliseconds; the time between two ticks beyond the interval is a stall,
charged to the step that was running. Work the script itself does (writing the
import file) happens before the watchdog starts.
"""

from __future__ import annotations

import contextlib
import csv
import os
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QMainWindow, QTableView, QWidget

TICK_MS = 5


@dataclass
class Stalls:
    """The longest gap of the event loop in each step of the session, in ms."""

    worst: dict[str, float] = field(default_factory=dict)
    ticks: int = 0
    skipped: list[str] = field(default_factory=list)

    def longest(self) -> tuple[str, float]:
        if not self.worst:
            return ("", 0.0)
        step = max(self.worst, key=self.worst.__getitem__)
        return step, self.worst[step]

    def lines(self) -> list[str]:
        ordered = sorted(self.worst.items(), key=lambda item: -item[1])
        lines = [f"{ms:8.1f} ms  {step}" for step, ms in ordered]
        lines += [f"  skipped  {step}" for step in self.skipped]
        return lines


class StackSampler:
    """Where the UI thread is during a stall: a thread samples its stack every 10 ms
    while the watchdog has not ticked for 30 ms, counted per step (for finding causes,
    not for figures: set CAREERDESK_STALL_STACKS=1 and the session prints them)."""

    def __init__(self, watchdog: Watchdog) -> None:
        self.watchdog = watchdog
        self.samples: dict[str, Counter[str]] = {}
        self._ui_thread = threading.get_ident()
        self._running = False
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._running = True
        self._thread.start()

    def stop(self) -> None:
        self._running = False
        self._thread.join()

    def _run(self) -> None:
        while self._running:
            time.sleep(0.01)
            if (time.perf_counter() - self.watchdog._last) * 1000 < 30:
                continue
            frame = sys._current_frames().get(self._ui_thread)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)[-14:]
            text = " <- ".join(
                f"{Path(f.filename).stem}:{f.name}:{f.lineno}" for f in reversed(stack)
            )
            self.samples.setdefault(self.watchdog.step, Counter())[text] += 1

    def lines(self, per_step: int = 4) -> list[str]:
        lines = []
        for step, counter in self.samples.items():
            lines.append(f"[{step}] {sum(counter.values())} samples of 10 ms")
            lines += [f"  {n:4d}  {stack}" for stack, n in counter.most_common(per_step)]
        return lines


class Watchdog(QObject):
    """Ticks every TICK_MS on the UI thread and keeps the longest gap per step."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stalls = Stalls()
        self.step = "start"
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self.sampler = StackSampler(self) if os.environ.get("CAREERDESK_STALL_STACKS") else None

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()
        if self.sampler is not None:
            self.sampler.start()

    def stop(self) -> None:
        self._tick()
        self._timer.stop()
        if self.sampler is not None:
            self.sampler.stop()
            print("\n".join(self.sampler.lines()), file=sys.stderr)

    def begin(self, step: str) -> None:
        """Gaps from now on are charged to `step` (the step before ends with a tick)."""
        self.step = step
        self.stalls.worst.setdefault(step, 0.0)

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = max(0.0, (now - self._last) * 1000 - TICK_MS)
        self._last = now
        self.stalls.ticks += 1
        if gap > self.stalls.worst.get(self.step, 0.0):
            self.stalls.worst[self.step] = gap


def wait(ms: int) -> None:
    """Let the event loop run for `ms` (timers, paints, background results).

    A QEventLoop, as the app's own loop: it lets Python threads run while it waits
    (QTest.qWait holds the GIL, which would starve the background imports)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], what: str, timeout_s: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"the session waited {timeout_s:.0f} s for {what}")
        wait(10)


def write_linkedin_csv(path: Path, rows: int) -> None:
    """A Connections.csv as LinkedIn exports it: a notes preamble, then the connections."""
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write('Notes:\r\n"Some email addresses may be missing."\r\n\r\n')
        writer = csv.writer(fh)
        writer.writerow(
            ["First Name", "Last Name", "URL", "Email Address", "Company", "Position"]
            + ["Connected On"]
        )
        for i in range(rows):
            writer.writerow(
                [
                    f"Watchdog{i}",
                    f"Person {i}",
                    f"https://www.linkedin.com/in/watchdog-person-{i}",
                    f"watchdog{i}@example.com" if i % 7 == 0 else "",
                    f"Company {i % 300}",
                    "Engineer",
                    f"{1 + i % 28:02d} {months[i % 12]} {2010 + i % 16}",
                ]
            )


@contextlib.contextmanager
def accepting_import_previews() -> Iterator[None]:
    """The import preview answered like a user pressing Import (when it can be pressed)."""
    from careerdesk.ui.network.import_dialog import ImportDialog

    original = ImportDialog.exec

    def exec_(dialog: ImportDialog) -> int:
        button = getattr(dialog, "import_button", None)
        ok = button is None or button.isEnabled()
        return QDialog.DialogCode.Accepted if ok else QDialog.DialogCode.Rejected

    ImportDialog.exec = exec_
    try:
        yield
    finally:
        ImportDialog.exec = original


def contact_count() -> int:
    from careerdesk.core import models as m

    return m.Contact.select().count()


def find_widget(window: QWidget, class_name: str) -> QWidget | None:
    """A visible widget of the class named (no import of its module needed)."""
    for widget in window.findChildren(QWidget):
        if type(widget).__name__ == class_name and widget.isVisible():
            return widget
    return None


def show_tab(window: QMainWindow, name: str) -> QWidget:
    """Switch to the tab named (objectName, e.g. "plan_tab") as the user would; the tab."""
    shown = window.show_tab(name)  # builds a tab on first use
    tab = shown if shown is not None else window.tabs.currentWidget()
    if tab is None or tab.objectName() != name:
        raise LookupError(f"no tab {name}")
    return tab


def run_session(
    window: QMainWindow,
    folder: Path,
    *,
    import_rows: int = 200,
    keystrokes: str = "engin",
    log: Callable[[str], None] = lambda _line: None,
) -> Stalls:
    """Every tab, a timeline drag and its undo, a contact filter and sort, a tag's cadence
    changed with its undo and redo, an import with its undo and redo, and a PDF export;
    the longest event-loop gap of each step.

    Call it on a window just made (create_window): the first step is its first paint and
    what the window does right after it."""
    source = folder / "watchdog-connections.csv"
    write_linkedin_csv(source, import_rows)
    watch = Watchdog(window)
    watch.begin("start-up: first paint and the work left for after it")
    watch.start()
    wait(500)
    tabs = window.tabs
    for index in range(tabs.count()):
        watch.begin(f"show the {tabs.tabText(index).replace('&', '')} tab")
        tabs.setCurrentIndex(index)
        wait(400)
    log("tabs shown")
    _drag(window, watch)
    log("timeline dragged")
    _filter_and_sort(window, watch, keystrokes)
    log("contacts filtered")
    _tag_cadence(window, watch)
    log("tag cadence changed, undone and redone")
    _import(window, watch, source, import_rows)
    log("import done and undone")
    _pdf(window, watch, folder / "watchdog.pdf")
    log("PDF step done")
    watch.stop()
    return watch.stalls


def _drag(window: QMainWindow, watch: Watchdog) -> None:
    from careerdesk.core import models as m

    watch.begin("show the Plan tab")
    show_tab(window, "plan_tab")
    wait(300)
    # Made once pyqtgraph is imported (a background thread since the first paint).
    wait_until(lambda: find_widget(window, "Timeline") is not None, "the Plan timeline")
    timeline = find_widget(window, "Timeline")
    if timeline is None:
        watch.stalls.skipped.append("timeline drag (no timeline on screen)")
        return
    rect = None
    for (goal_id,) in m.Goal.select(m.Goal.id).where(m.Goal.parent.is_null()).tuples():
        found = timeline.goal_rect(goal_id)
        if found is not None and found.width() > 60:
            rect = found
            break
    if rect is None:
        watch.stalls.skipped.append("timeline drag (no goal bar wide enough in view)")
        return
    viewport = timeline.viewport()
    press = QPoint(int(rect.left() + rect.width() / 3), int(rect.center().y()))
    stack = window.ctx.undo_stack
    before = stack.index()
    watch.begin("timeline drag: press")
    QTest.mouseMove(viewport, press)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    wait(20)
    watch.begin("timeline drag: mouse moves")
    for dx in range(4, 84, 4):
        QTest.mouseMove(viewport, press + QPoint(dx, 0))
        wait(15)
    watch.begin("timeline drag: drop (save and refresh)")
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press + QPoint(80, 0)
    )
    wait(300)
    if stack.index() == before:
        watch.stalls.skipped.append("timeline drop undo (the drag saved nothing)")
        return
    watch.begin("timeline drop: undo")
    stack.undo()
    wait(300)


def _filter_and_sort(window: QMainWindow, watch: Watchdog, keystrokes: str) -> None:
    watch.begin("show the Network tab")
    tab = show_tab(window, "network_tab")
    wait(300)
    line = tab.findChild(QLineEdit, "contact_filter")
    watch.begin("contact filter: keystroke")
    for key in keystrokes:
        QTest.keyClicks(line, key)
        wait(60)
    table = tab.findChild(QTableView)
    model = table.model() if table is not None else None
    column = None
    if model is not None:
        for col in range(model.columnCount()):
            if str(model.headerData(col, Qt.Orientation.Horizontal)).lower() == "company":
                column = col
    if column is None:
        watch.stalls.skipped.append("sort by company (no Company column)")
    else:
        watch.begin("contact filter: sort by company descending")
        table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        wait(200)
        watch.begin("contact filter: sort by name")
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        wait(200)
    watch.begin("contact filter: clear")
    line.clear()
    wait(300)


@contextlib.contextmanager
def changing_the_busiest_tag() -> Iterator[list[tuple[str, int | None, int | None]]]:
    """The Tags and cadences dialog answered like a user who shortens (or, at one day,
    lengthens) the ideal interval of the tag most contacts carry and presses OK; the
    list it yields gets (tag, ideal, maximum) as the user set it."""
    from careerdesk.ui.network.dialogs import TagCadenceDialog

    original = TagCadenceDialog.exec
    wanted: list[tuple[str, int | None, int | None]] = []

    def exec_(dialog: TagCadenceDialog) -> int:
        if not dialog.spins:
            return QDialog.DialogCode.Rejected
        row = max(range(len(dialog.spins)), key=lambda r: dialog._tags[r][3])
        ideal_spin, max_spin = dialog.spins[row]
        ideal = ideal_spin.value() - 1 if ideal_spin.value() > 1 else ideal_spin.value() + 1
        ideal_spin.setValue(ideal)
        if max_spin.value() and max_spin.value() < ideal:
            max_spin.setValue(ideal)
        wanted.append((dialog._tags[row][0], ideal, max_spin.value() or None))
        return QDialog.DialogCode.Accepted

    TagCadenceDialog.exec = exec_
    try:
        yield wanted
    finally:
        TagCadenceDialog.exec = original


def tag_ideal_days(name: str) -> int | None:
    from careerdesk.core import models as m

    return m.Tag.get(m.Tag.name == name).cadence_ideal_days


def _tag_cadence(window: QMainWindow, watch: Watchdog) -> None:
    tab = show_tab(window, "network_tab")
    stack = window.ctx.undo_stack
    steps = stack.index()
    with changing_the_busiest_tag() as wanted:
        watch.begin("tag cadence: change (the tag most contacts carry)")
        tab.edit_tag_cadences()
        if not wanted:
            watch.stalls.skipped.append("tag cadence change and its undo (no tags)")
            return
        wait_until(lambda: stack.index() > steps, "the tag cadence's undo step")
    name, ideal, _maximum = wanted[0]
    wait(300)
    watch.begin("tag cadence: undo")
    stack.undo()
    wait_until(lambda: tag_ideal_days(name) != ideal, "the tag cadence to be undone")
    wait(300)
    watch.begin("tag cadence: redo")
    stack.redo()
    wait_until(lambda: tag_ideal_days(name) == ideal, "the tag cadence to be redone")
    wait(300)


def _import(window: QMainWindow, watch: Watchdog, source: Path, rows: int) -> None:
    tab = show_tab(window, "network_tab")
    stack = window.ctx.undo_stack
    before = contact_count()
    steps = stack.index()
    with accepting_import_previews():
        watch.begin("import: read, preview, write")
        tab.start_import("linkedin", source)
        wait_until(lambda: stack.index() > steps, "the import's undo step")
    wait_until(lambda: contact_count() == before + rows, "the imported contacts")
    wait(200)
    watch.begin("import: undo")
    stack.undo()
    wait_until(lambda: contact_count() == before, "the import to be undone")
    wait(300)
    watch.begin("import: redo")
    stack.redo()
    wait_until(lambda: contact_count() == before + rows, "the import to be redone")
    wait(300)


def _pdf(window: QMainWindow, watch: Watchdog, out: Path) -> None:
    try:
        from careerdesk.report import pdf
    except ImportError:
        watch.stalls.skipped.append("PDF export (careerdesk.report.pdf is not there yet)")
        return
    printing = getattr(window, "printing", None)
    watch.begin("PDF export")
    if printing is not None and hasattr(printing, "export"):
        printing.export(pdf.ReportOptions(), out)  # the menu's Export PDF, options given
    else:
        pdf.export_pdf(out, today=window.ctx.today())
    wait_until(out.exists, "the PDF file")
    wait(300)
