"""Filtering 50,000 contacts per keystroke, the reach-out queue, and opening the Network tab.

Run by hand: .venv/bin/python benchmarks/bench_contacts.py [--contacts N] [--words N] [--no-ui]
Data: `careerdesk demo --scale 20 --contacts 50000` (written once, cached in the temp dir).
Per keystroke we time what the Network tab runs: contact_list(filter, "name", ...),
the count of matches and the first page. Baseline in the same run: one
bare LIKE scan over the name and company columns (no tags, no sort, no page).
Targets: p99 per keystroke under 30 ms (sorted by name, and by company descending);
opening the tab under 150 ms. `measure()` returns the figures for benchmarks/run.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from careerdesk.core import cadence, network
from careerdesk.core import db as cdb
from careerdesk.core import models as m

KEYSTROKE_TARGET_MS = 30.0
OPEN_TARGET_MS = 150.0
TODAY = dt.date(2026, 11, 23)
PAGE = 100


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def bare_scan(text: str) -> int:
    pattern = f"%{text}%"
    sql = (
        "SELECT COUNT(*) FROM contact WHERE first_name LIKE ? OR last_name LIKE ?"
        " OR company LIKE ?"
    )
    return m.database_proxy.execute_sql(sql, (pattern,) * 3).fetchone()[0]


def row(name: str, times: list[float], target: float | None = None) -> None:
    med, p99 = statistics.median(times), percentile(times, 99)
    verdict = "" if target is None else ("OK" if p99 < target else "OVER TARGET")
    print(f"  {name:40}{med:9.1f}{p99:9.1f}{max(times):9.1f}  {verdict}")


def measure(
    contacts: int = 50_000,
    words: int = 40,
    seed: int = 7,
    ui: bool = True,
    db: Path | None = None,
    tab_rounds: int = 5,
) -> dict:
    """Per-keystroke filter and sort times (ms), the baseline scan, and opening the tab."""
    from common import Row, demo_file, median

    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        shutil.copyfile(db or demo_file(20, contacts), path)
        with cdb.opened(path):
            figures.update(measure_queries(words, seed))
        if ui:
            figures.update(measure_tab(path, tab_rounds))
    base = percentile(figures["baseline"], 99)
    note = f"{figures['contacts']} contacts, {figures['keystrokes']} keystrokes"
    rows = [
        Row(
            "contact filter: count + first page, p99",
            percentile(figures["filter"], 99),
            baseline=base,
            limit=KEYSTROKE_TARGET_MS,
            note=note + "; baseline bare LIKE count",
        ),
        Row(
            "contact filter sorted by company desc, p99",
            percentile(figures["company_desc"], 99),
            baseline=base,
            limit=KEYSTROKE_TARGET_MS,
            note="first page only",
        ),
        Row(
            "contact list: a page deep in the list, p99",
            percentile(figures["scroll"], 99),
            baseline=base,
            limit=KEYSTROKE_TARGET_MS,
        ),
        Row("reach-out queue, median", median(figures["queue"])),
    ]
    if ui:
        rows.append(
            Row(
                "Network tab: open (built, filled, painted)",
                median(figures["open_tab"]),
                baseline=median(figures["open_baseline"]),
                limit=OPEN_TARGET_MS,
                note="median; baseline an empty QTableView painted",
            )
        )
    figures["rows"] = rows
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=50_000)
    parser.add_argument("--words", type=int, default=40, help="words typed letter by letter")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-ui", action="store_true", help="skip opening the Qt tab")
    parser.add_argument("--db", type=Path, help="a copy of an existing demo file to use instead")
    args = parser.parse_args()
    f = measure(args.contacts, args.words, args.seed, ui=not args.no_ui, db=args.db)
    print(f"{f['contacts']} contacts; {f['keystrokes']} keystrokes ({f['words']} words)")
    print(f"  {'':40}{'median':>9}{'p99':>9}{'max':>9}  (ms)")
    row("count + first page (sort by name)", f["filter"], KEYSTROKE_TARGET_MS)
    row("first page only, sort by company desc", f["company_desc"], KEYSTROKE_TARGET_MS)
    row("baseline: bare LIKE count, 3 columns", f["baseline"])
    row("a page deep in the list (scrolling)", f["scroll"])
    row("reach_out_queue(today)", f["queue"])
    print(f"  count + first unfiltered page: {f['first_page']:.1f} ms")
    if "open_tab" in f:
        row("open the Network tab (built, filled, painted)", f["open_tab"], OPEN_TARGET_MS)
        row("then: reach-out queue", f["after_paint"])
        row("baseline: an empty QTableView, painted", f["open_baseline"])


def measure_queries(words: int, seed: int) -> dict:
    rng = random.Random(seed)
    contacts = list(m.Contact.select(m.Contact.first_name, m.Contact.company).tuples())
    typed = [rng.choice(rng.choice(contacts)).split()[0] for _ in range(words)]
    typed += ["mentor", "recruiter", "platform", "zzz"]  # tags, and a filter matching nobody
    keystrokes = [w[:n] for w in typed for n in range(1, len(w) + 1)]
    ours, base, sorted_company = [], [], []
    t0 = time.perf_counter()
    network.contact_list("", "name", False, PAGE)
    first_page = (time.perf_counter() - t0) * 1000
    for text in keystrokes:
        t0 = time.perf_counter()
        network.contact_list(text, "name", False, PAGE)
        t1 = time.perf_counter()
        bare_scan(text)
        t2 = time.perf_counter()
        network.contact_page(text, "company", True, 0, PAGE)
        t3 = time.perf_counter()
        ours.append((t1 - t0) * 1000)
        base.append((t2 - t1) * 1000)
        sorted_company.append((t3 - t2) * 1000)
    scroll = []
    for offset in range(0, min(len(contacts), 20_000), 2_000):
        t0 = time.perf_counter()
        network.contact_page("", "name", False, offset, PAGE)
        scroll.append((time.perf_counter() - t0) * 1000)
    queue = []
    for _ in range(5):
        t0 = time.perf_counter()
        cadence.reach_out_queue(TODAY)
        queue.append((time.perf_counter() - t0) * 1000)
    return {
        "contacts": len(contacts),
        "words": len(typed),
        "keystrokes": len(keystrokes),
        "first_page": first_page,
        "filter": ours,
        "baseline": base,
        "company_desc": sorted_company,
        "scroll": scroll,
        "queue": queue,
    }


def measure_tab(path: Path, rounds: int = 5) -> dict:
    """Build the Network tab and render it once (what the user sees first) on a fresh connection.

    The reach-out queue is filled right after that first paint (QTimer); it is timed apart.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from careerdesk.ui.context import AppContext
    from careerdesk.ui.network.tab import NetworkTab

    app = QApplication.instance() or QApplication([])
    times, baseline, prepare = [], [], []
    for _ in range(rounds):
        with cdb.opened(path) as database:  # a new connection: nothing cached
            t0 = time.perf_counter()
            ctx = AppContext(database)
            ctx.set_today(TODAY)
            tab = NetworkTab(ctx)
            tab.resize(1300, 800)
            tab.load()
            tab.show()  # fills the table (the tab loads when first shown)
            tab.grab()
            times.append((time.perf_counter() - t0) * 1000)
            assert tab.model.rowCount() > 0
            t0 = time.perf_counter()
            tab._after_first_paint()  # what the tab runs right after: the queue
            prepare.append((time.perf_counter() - t0) * 1000)
            tab.close()
            tab.deleteLater()
            t0 = time.perf_counter()
            empty = QTableView()
            empty.resize(1300, 800)
            empty.grab()
            baseline.append((time.perf_counter() - t0) * 1000)
            empty.deleteLater()
            app.processEvents()
    return {"open_tab": times, "after_paint": prepare, "open_baseline": baseline}


if __name__ == "__main__":
    main()
