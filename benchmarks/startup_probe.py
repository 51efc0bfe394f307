"""One start-up measured from outside: a fresh process that shows a window and reports when.

Run by bench_startup.py, one process per sample, never by hand:

    python benchmarks/startup_probe.py MODE [DB]

MODE: `bare` (a QMainWindow with a QTabWidget of six empty tabs), `window`
(careerdesk.app.create_window on DB), `plan` (the same, then waits for the Plan
timeline to paint the plan: run with the Plan tab remembered as the last tab),
`remember-plan` (stores the Plan tab as the last tab used, in this QSettings home),
`tour` / `bare-tour` (every tab shown in turn, then the peak resident memory).

Prints one line `PROBE {json}` with wall-clock times (time.time(), compared by the
parent with its own clock taken before starting this process) and exits at once,
so tear-down is not counted. Only the standard library is imported before the
window is made, so that the window's imports are part of what is measured.
"""

import json
import os
import resource
import sys
import time

PLAN_TAB_INDEX = 1  # Overview, Plan, Skills, Network, Journal, Profile
TAB_SETTLE_MS = 400  # per tab in a tour: first show, deferred fills, background loads
TIMEOUT_S = 60.0


def report(**figures: object) -> None:
    figures["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("PROBE " + json.dumps(figures), flush=True)
    os._exit(0)


def main() -> None:
    mode = sys.argv[1]
    db = sys.argv[2] if len(sys.argv) > 2 else ""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if mode == "remember-plan":
        from careerdesk.app import ensure_application
        from careerdesk.ui import settings

        ensure_application()
        settings.set_value(settings.LAST_TAB, PLAN_TAB_INDEX)
        from PySide6.QtCore import QSettings

        QSettings().sync()
        report()
    start_imports = time.time()
    if mode in ("bare", "bare-tour"):
        from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

        imported = time.time()
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        tabs = QTabWidget(window)
        tabs.setDocumentMode(True)
        for name in ("Overview", "Plan", "Skills", "Network", "Journal", "Profile"):
            tabs.addTab(QWidget(), name)
        window.setCentralWidget(tabs)
        window.resize(1280, 820)
        window.show()
    else:
        from careerdesk.app import create_window

        imported = time.time()
        window = create_window(db)
        tabs = window.tabs
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
    created = time.time()
    watch = Watch(app, window, tabs, mode, created=created, imported=imported)
    watch.start_imports = start_imports
    app.exec()


class Watch:
    """Notes the first paint of the window (or of the Plan timeline) and reports it."""

    def __init__(self, app, window, tabs, mode: str, **times: float) -> None:  # noqa: ANN001
        from PySide6.QtCore import QEvent, QObject, QTimer

        self.app, self.window, self.tabs, self.mode, self.times = app, window, tabs, mode, times
        self.first_paint: float | None = None
        self.first_tick: float | None = None
        self.paint_type = QEvent.Type.Paint
        watch = self

        class Filter(QObject):
            def eventFilter(self, obj, event) -> bool:  # noqa: ANN001, N802 - Qt override
                if event.type() == watch.paint_type:
                    watch.painted(obj)
                return False

        self.filter = Filter()
        app.installEventFilter(self.filter)
        QTimer.singleShot(0, self.tick)
        QTimer.singleShot(int(TIMEOUT_S * 1000), lambda: report(error="timed out", **self.times))

    def tick(self) -> None:
        from PySide6.QtCore import QTimer

        self.first_tick = time.time()
        if self.mode in ("window", "bare") and self.first_paint is None:
            # No paint before the first tick (it came before we listened): wait briefly.
            QTimer.singleShot(2000, self.done)
        elif self.mode in ("tour", "bare-tour"):
            self.tour(0)

    def painted(self, obj) -> None:  # noqa: ANN001
        now = time.time()
        if self.mode in ("window", "bare"):
            if self.first_paint is None and obj.isWidgetType() and obj.window() is self.window:
                self.first_paint = now
                self.done()
        elif self.mode == "plan" and self.first_paint is None and self.timeline_ready(obj):
            self.first_paint = now
            self.done()

    def timeline_ready(self, obj) -> bool:  # noqa: ANN001
        """A paint of the Plan timeline's viewport once the timeline holds the plan."""
        parent = obj.parent() if obj.isWidgetType() else None
        if parent is None or type(parent).__name__ != "Timeline":
            return False
        item = getattr(parent, "item", None)
        arrays = getattr(item, "layout", item)
        rows = getattr(arrays, "goal_rows", None)
        return rows is None or len(rows) > 0

    def done(self) -> None:
        if getattr(self, "_reported", False):
            return
        self._reported = True
        current = self.tabs.currentIndex()
        report(
            paint=self.first_paint,
            tick=self.first_tick,
            current_tab=current,
            start_imports=self.start_imports,
            **self.times,
        )

    def tour(self, index: int) -> None:
        from PySide6.QtCore import QTimer

        if index >= self.tabs.count():
            report(tabs=self.tabs.count(), **self.times)
        self.tabs.setCurrentIndex(index)
        QTimer.singleShot(TAB_SETTLE_MS, lambda: self.tour(index + 1))


if __name__ == "__main__":
    main()
