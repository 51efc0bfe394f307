"""Per-keystroke catalogue search: type occupation titles letter by letter, time each search.

Run by hand: .venv/bin/python benchmarks/bench_catalogue.py [--titles N] [--no-picker]
Prints median and p99 per keystroke of careerdesk.core.catalogue.search next to a
baseline measured in the same run: a naive linear scan with `in` over lower-cased
titles (no ranking). Then the same keystrokes typed into the role picker dialog
(offscreen Qt, an empty database): search, the result list, the stand-ins of an
unrated occupation and the "missing skills" count, i.e. what a user waits for.
Target: p99 under 20 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from careerdesk.core import catalogue

TARGET_MS = 20.0


def naive_search(
    titles: list[tuple[str, catalogue.Occupation]], text: str
) -> list[catalogue.Occupation]:
    query = text.lower()
    return [occ for title, occ in titles if query in title.lower()][:50]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))
    return ordered[index]


def time_picker(keystrokes: list[str]) -> list[float]:
    """Milliseconds per keystroke typed into the role picker, on an empty database."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from careerdesk.core import db as cdb
    from careerdesk.ui.skills.picker import RolePickerDialog

    app = QApplication.instance() or QApplication([])
    times: list[float] = []
    with tempfile.TemporaryDirectory() as folder, cdb.opened(Path(folder) / "bench.db"):
        dialog = RolePickerDialog()
        for text in keystrokes:
            if len(text) == 1:
                dialog.search_edit.clear()  # a new title: start typing afresh
            t0 = time.perf_counter()
            dialog.search_edit.setText(text)  # textChanged runs the dialog's search
            times.append((time.perf_counter() - t0) * 1000)
        dialog.deleteLater()
        app.processEvents()
    return times


def report(name: str, times: list[float]) -> None:
    print(
        f"{name:24}{statistics.median(times):10.3f}{percentile(times, 99):10.3f}{max(times):10.3f}"
    )


def measure(titles: int = 200, seed: int = 5, picker: bool = True) -> dict:
    """Per-keystroke times (ms) of the search, the naive baseline and the role picker."""
    from common import Row, median

    start = time.perf_counter()
    occupations = catalogue.all_occupations()
    load_ms = (time.perf_counter() - start) * 1000
    pairs = [(o.title, o) for o in occupations]
    typed = random.Random(seed).sample([o.title for o in occupations], titles)
    keystrokes = [title[:n] for title in typed for n in range(1, len(title) + 1)]

    ours: list[float] = []
    naive: list[float] = []
    for text in keystrokes:
        t0 = time.perf_counter()
        catalogue.search(text)
        t1 = time.perf_counter()
        naive_search(pairs, text)
        t2 = time.perf_counter()
        ours.append((t1 - t0) * 1000)
        naive.append((t2 - t1) * 1000)
    figures: dict = {
        "occupations": len(occupations),
        "load_ms": load_ms,
        "keystrokes": len(keystrokes),
        "titles": titles,
        "search": ours,
        "naive": naive,
    }
    rows = [
        Row(
            "catalogue search, p99 per keystroke",
            percentile(ours, 99),
            baseline=percentile(naive, 99),
            limit=TARGET_MS,
            note=f"{len(keystrokes)} keystrokes; baseline naive `in` scan; "
            f"median {median(ours):.2f} ms",
        )
    ]
    if picker:
        figures["picker"] = time_picker(keystrokes)
        rows.append(
            Row(
                "role picker, p99 per keystroke",
                percentile(figures["picker"], 99),
                baseline=percentile(naive, 99),
                limit=TARGET_MS,
                note="search + list + stand-ins in the dialog",
            )
        )
    figures["rows"] = rows
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=200, help="titles to type (default 200)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--no-picker", action="store_true", help="time the core search only, not the dialog"
    )
    args = parser.parse_args()
    figures = measure(args.titles, args.seed, picker=not args.no_picker)
    print(
        f"catalogue: {figures['occupations']} occupations, first load {figures['load_ms']:.1f} ms"
    )
    print(f"keystrokes: {figures['keystrokes']} ({args.titles} titles typed letter by letter)")
    print(f"{'':24}{'median ms':>10}{'p99 ms':>10}{'max ms':>10}")
    report("catalogue.search", figures["search"])
    report("baseline: naive `in`", figures["naive"])
    verdict = "OK" if percentile(figures["search"], 99) < TARGET_MS else "TOO SLOW"
    print(f"target p99 < {TARGET_MS:.0f} ms (search): {verdict}")
    if "picker" in figures:
        report("role picker keystroke", figures["picker"])
        verdict = "OK" if percentile(figures["picker"], 99) < TARGET_MS else "TOO SLOW"
        print(f"target p99 < {TARGET_MS:.0f} ms (picker): {verdict}")


if __name__ == "__main__":
    main()
