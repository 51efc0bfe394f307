"""Undo and redo of a 30,000-row import: the longest stall of the UI thread's event loop.

Run by hand: .venv/bin/python benchmarks/bench_import_undo.py [--rows N]
A QTimer ticking every 5 ms records the gaps between its ticks while Edit >
Undo and Edit > Redo of the import run through the Network tab's undo step
(a worker behind the progress dialog). Baseline in the same run: the same
undo and redo run on the UI thread, as before, whose whole duration is one
stall. Target: no gap over 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import write_connections  # noqa: E402

from careerdesk.core import db as cdb  # noqa: E402
from careerdesk.io import contact_import  # noqa: E402

TARGET_MS = 100.0
TODAY = dt.date(2026, 11, 23)


def measure(rows: int = 30_000) -> dict:
    """Longest event-loop gap (ms) while the Network tab undoes and redoes an import of
    `rows` LinkedIn rows, each until the contacts are back; baseline: the same undo and
    redo run on the UI thread (their whole time is one stall)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from careerdesk.core import models as m
    from careerdesk.ui.context import AppContext
    from careerdesk.ui.network.background_step import push_background_step
    from careerdesk.ui.network.tab import NetworkTab

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "Connections.csv"
        write_connections(source, rows, 6)
        database = cdb.open_database(folder / "bench.db")
        try:
            plan = contact_import.preview(contact_import.read_file("linkedin", source))
            with database.atomic():
                done = contact_import.apply(plan, today=TODAY)
            imported = m.Contact.select().count()
            t0 = time.perf_counter()
            with database.atomic():
                undone = done.undo()
            t1 = time.perf_counter()
            with database.atomic():
                done = undone.undo()
            t2 = time.perf_counter()
            baseline = {"undo": (t1 - t0) * 1000, "redo": (t2 - t1) * 1000}

            ctx = AppContext(database)
            ctx.set_today(TODAY)
            tab = NetworkTab(ctx)
            tab.resize(1280, 800)
            tab.show()
            tab.load()
            app.processEvents()
            push_background_step(ctx, tab, "Import contacts", done)
            gaps: list[float] = []
            last = [time.perf_counter()]

            def tick() -> None:
                now = time.perf_counter()
                gaps.append((now - last[0]) * 1000 - 5)
                last[0] = now

            timer = QTimer()
            timer.setInterval(5)
            timer.timeout.connect(tick)
            timer.start()
            results = {}
            for name, step, expected in (
                ("undo", ctx.undo_stack.undo, 0),
                ("redo", ctx.undo_stack.redo, imported),
            ):
                gaps.clear()
                last[0] = t0 = time.perf_counter()
                step()
                tick()  # what the click itself took
                while m.Contact.select().count() != expected:
                    QTest.qWait(10)
                QTest.qWait(100)  # the refresh after it
                results[name] = ((time.perf_counter() - t0) * 1000, max(gaps))
            timer.stop()
            tab.close()
            app.processEvents()
        finally:
            database.close_file()
    from common import Row

    table = [
        Row(
            f"import of {rows:,} rows: {name}, longest stall",
            results[name][1],
            baseline=baseline[name],
            limit=TARGET_MS,
            note=f"in a worker, {results[name][0]:.0f} ms in all; baseline: on the UI thread",
        )
        for name in ("undo", "redo")
    ]
    return {"results": results, "baseline": baseline, "rows": table}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    args = parser.parse_args()
    figures = measure(args.rows)
    print(f"{args.rows} imported LinkedIn rows; event-loop gaps (ms), timer every 5 ms")
    print(f"  {'':34}{'took':>9}{'longest stall':>15}")
    for name in ("undo", "redo"):
        took, stall = figures["results"][name]
        base = figures["baseline"][name]
        verdict = "OK" if stall <= TARGET_MS else "OVER TARGET"
        print(f"  {name} in a worker (Network tab){'':5}{took:9.0f}{stall:15.0f}  {verdict}")
        print(f"  baseline: {name} on the UI thread{'':3}{base:9.0f}{base:15.0f}")


if __name__ == "__main__":
    main()
