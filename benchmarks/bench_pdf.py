"""The plan as PDF: export time of the example plan and of a ten-times plan, next to `check`.

Run by hand (no screen needed):

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_pdf.py

Data: `careerdesk demo FILE` and `careerdesk demo FILE --scale 10`, written for a fixed day
to a temporary folder. For each file the run prints:
- export (in process): `export_pdf` of the whole report (fit timeline), median of 3 runs,
  database already open, the Qt application made;
- export (command): `careerdesk export pdf OUT --db FILE`, a fresh process;
- baseline: `careerdesk check --db FILE` on the same file, a fresh process, same run.
Targets (issue 10): the example plan under 1 s and the ten-times plan under 5 s (in process;
the command adds Python's and Qt's start-up, which `check` shows most of).
`measure()` returns the figures for benchmarks/run.py.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from careerdesk.core import db as cdb  # noqa: E402
from careerdesk.report.pdf import ReportOptions, ensure_gui_application, export_pdf  # noqa: E402

TODAY = dt.date(2026, 11, 23)
TARGETS = {1: 1.0, 10: 5.0}


def command(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "careerdesk", *args], check=True, capture_output=True)
    return time.perf_counter() - start


def measure(quick: bool = False, rounds: int = 3) -> dict:
    """Per scale: pages, export seconds in process (median), by command, and `check`."""
    from common import Row

    ensure_gui_application()
    figures: dict = {}
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as folder:
        for scale, target in TARGETS.items():
            path = Path(folder) / f"plan-{scale}.db"
            command("demo", str(path), "--scale", str(scale), "--today", TODAY.isoformat())
            out = Path(folder) / f"plan-{scale}.pdf"
            times, pages = [], 0
            with cdb.opened(path, create=False):
                for _ in range(1 if quick else rounds):
                    start = time.perf_counter()
                    pages = export_pdf(out, ReportOptions(), today=TODAY)
                    times.append(time.perf_counter() - start)
            inproc = statistics.median(times)
            cli = command("export", "pdf", str(out), "--db", str(path), "--today", "2026-11-23")
            check = command("check", "--db", str(path))
            figures[scale] = {
                "pages": pages,
                "export_s": inproc,
                "command_s": cli,
                "check_s": check,
            }
            rows.append(
                Row(
                    f"PDF export, scale {scale} ({pages} pages), in process",
                    inproc * 1000,
                    baseline=check * 1000,
                    limit=target * 1000,
                    note="baseline `careerdesk check` (a fresh process); "
                    f"`careerdesk export pdf` {cli * 1000:.0f} ms",
                )
            )
    figures["rows"] = rows
    return figures


def main() -> int:
    failed = False
    figures = measure()
    for scale, target in TARGETS.items():
        f = figures[scale]
        ok = f["export_s"] < target
        failed |= not ok
        print(
            f"scale {scale:>2}: {f['pages']:>3} pages  export {f['export_s']:6.3f} s (target < "
            f"{target} s, {'ok' if ok else 'SLOW'})  command {f['command_s']:6.3f} s  "
            f"baseline check {f['check_s']:6.3f} s"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
