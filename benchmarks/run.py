"""Every benchmark in one run, each figure next to its baseline measured in the same run.

    .venv/bin/python benchmarks/run.py [--quick] [--only NAME ...] [--json FILE]

Prints one table: figure, baseline, ratio, target, pass/fail (and a note saying what
the figure and its baseline are). `--quick` takes fewer rounds and smaller imports
(under two minutes once the demo files are cached; the first run writes them, which
takes a few minutes). Each benchmark runs in a process of its own; offscreen Qt;
settings go to a throw-away folder. See
benchmarks/README.md for how to read the table.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

# Before any Qt import: no screen, and no settings written to the user's home.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = Path(tempfile.mkdtemp(prefix="careerdesk-bench-home-"))
os.environ["XDG_CONFIG_HOME"] = str(_HOME / "config")
os.environ["XDG_DATA_HOME"] = str(_HOME / "data")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Row, not_available  # noqa: E402

HERE = Path(__file__).resolve().parent


def startup(quick: bool) -> list[Row]:
    import bench_startup

    return bench_startup.measure(rounds=3 if quick else 5, memory=True)["rows"]


def timeline(quick: bool) -> list[Row]:
    import bench_timeline

    if quick:
        figures = bench_timeline.measure(moves=60, rounds=1, saves=30, drop_rounds=5)
    else:
        figures = bench_timeline.measure()
    return figures["rows"]


def contacts(quick: bool) -> list[Row]:
    import bench_contacts

    if quick:
        return bench_contacts.measure(words=5, tab_rounds=3)["rows"]
    return bench_contacts.measure()["rows"]


def import_(quick: bool) -> list[Row]:
    import bench_import

    return bench_import.measure(rows=10_000 if quick else 30_000, repeat=1 if quick else 3)["rows"]


def import_undo(quick: bool) -> list[Row]:
    import bench_import_undo

    return bench_import_undo.measure(rows=10_000 if quick else 30_000)["rows"]


def catalogue(quick: bool) -> list[Row]:
    import bench_catalogue

    return bench_catalogue.measure(titles=20 if quick else 200)["rows"]


def pdf(quick: bool) -> list[Row]:
    """benchmarks/bench_pdf.py (from the report work): its measure(), when it has one."""
    if not (HERE / "bench_pdf.py").exists():
        return [not_available("PDF export", "not available (no benchmarks/bench_pdf.py)")]
    import bench_pdf

    measure = getattr(bench_pdf, "measure", None)
    if measure is None:
        return [not_available("PDF export", "bench_pdf.py has no measure(); run it by hand")]
    kwargs = {"quick": quick} if "quick" in inspect.signature(measure).parameters else {}
    rows = measure(**kwargs).get("rows", [])
    if not rows or not all(isinstance(row, Row) for row in rows):
        return [not_available("PDF export", "bench_pdf.measure() gave no table rows")]
    return rows


def frozen(quick: bool) -> list[Row]:
    """benchmarks/bench_frozen.py: the PyInstaller bundle's start-up, when it has been built."""
    import bench_frozen

    if not bench_frozen.DEFAULT_BUNDLE.exists():
        return [
            not_available(
                "frozen bundle: start to first paint",
                "not available (no bundle: python packaging/build.py --bundle-only)",
            )
        ]
    return bench_frozen.measure(runs=3 if quick else 5)["rows"]


def stalls(quick: bool) -> list[Row]:
    import bench_stalls

    return bench_stalls.measure(import_rows=5_000 if quick else 30_000)["rows"]


BENCHMARKS: dict[str, Callable[[bool], list[Row]]] = {
    "startup": startup,
    "timeline": timeline,
    "contacts": contacts,
    "import": import_,
    "import-undo": import_undo,
    "catalogue": catalogue,
    "pdf": pdf,
    "frozen": frozen,
    "stalls": stalls,
}


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass  # not Linux: keep what platform says
    try:
        commit = subprocess.run(
            ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    from PySide6 import __version__ as pyside

    return (
        f"{os.cpu_count()} CPUs, {model}; Python {platform.python_version()}, "
        f"PySide6 {pyside}, {platform.system()}; commit {commit or '?'}"
    )


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = (
        f"{value:.0f}" if abs(value) >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"
    )
    return f"{text} {unit}".strip()


def table(rows: list[Row]) -> str:
    header = ("figure", "value", "baseline", "ratio", "target", "result", "note")
    lines = [header]
    for row in rows:
        result = {True: "pass", False: "FAIL", None: ""}[row.passed]
        if row.value is None:
            result = "n/a"
        lines.append(
            (
                row.name,
                number(row.value, row.unit),
                number(row.baseline, row.unit),
                f"{row.ratio:.2f}x" if row.ratio is not None else "",
                row.target_text(),
                result,
                row.note,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    out = []
    for n, line in enumerate(lines):
        cells = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=False))
        ]
        out.append("  ".join(cells) + "  " + line[-1])
        if n == 0:
            out.append("  ".join("-" * width for width in widths) + "  " + "-" * 4)
    return "\n".join(out)


def child(name: str, quick: bool) -> int:
    """Run one benchmark in this (fresh) process and print its rows as JSON."""
    try:
        rows = BENCHMARKS[name](quick)
    except Exception as exc:  # one broken benchmark must not hide the others
        traceback.print_exc()
        rows = [not_available(name, f"error: {type(exc).__name__}: {exc}"[:120])]
    print("ROWS " + json.dumps([vars(row) for row in rows]), flush=True)
    sys.stdout.flush()
    os._exit(0)  # no tear-down of Qt objects left by the benchmark


def run_child(name: str, quick: bool) -> list[Row]:
    """One benchmark in its own process: nothing imported, configured or opened by another
    (e.g. pyqtgraph already imported would hide the cost of a tab's first show)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name]
    result = subprocess.run(
        command + (["--quick"] if quick else []), stdout=subprocess.PIPE, text=True, check=False
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("ROWS ")]
    if not lines:
        return [not_available(name, f"error: the benchmark process exited {result.returncode}")]
    return [Row(**fields) for fields in json.loads(lines[-1][len("ROWS ") :])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, under 2 minutes")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), help="run only these")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    parser.add_argument("--child", choices=list(BENCHMARKS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.quick)
    rows: list[Row] = []
    started = time.perf_counter()
    for name in args.only or list(BENCHMARKS):
        t0 = time.perf_counter()
        print(f"[{name}] …", file=sys.stderr, flush=True)
        rows += run_child(name, args.quick)
        print(f"[{name}] {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    took = time.perf_counter() - started
    print()
    print(f"CareerDesk benchmarks{' (--quick)' if args.quick else ''}: {machine()}")
    print(f"ran in {took:.0f} s; baselines measured in the same run (see benchmarks/README.md)")
    print()
    print(table(rows))
    failed = [row for row in rows if row.passed is False]
    print()
    print(f"{len(failed)} of {len(rows)} rows FAIL their target")
    if args.json:
        args.json.write_text(
            json.dumps(
                [dict(vars(row), ratio=row.ratio, passed=row.passed) for row in rows], indent=2
            )
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
