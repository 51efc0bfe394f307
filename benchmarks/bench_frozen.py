"""Start-up to first paint: the frozen bundle against the start from source, same run.

Run by hand after `python packaging/build.py --bundle-only`:

    .venv/bin/python benchmarks/bench_frozen.py [--bundle dist/CareerDesk/CareerDesk] [--runs 5]

Both start on the same copy of the example plan with the hidden `--quit-after-paint`
option: the app prints `first-paint-monotonic=SECONDS` (time.monotonic(), one clock for
all processes) when the main window first paints, then quits. The figure is that moment
minus the moment this script started the process; "exit" adds the shutdown. One warm-up
start of each comes first (the first start reads everything from disk); the runs then
alternate frozen and source, so both see the same machine load.
Baseline: the start from source (`python -m careerdesk`) in the same venv.
Platform: QT_QPA_PLATFORM (offscreen unless set; set DISPLAY and xcb for a real screen).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE_NAME = "CareerDesk.exe" if os.name == "nt" else "CareerDesk"
DEFAULT_BUNDLE = ROOT / "dist" / "CareerDesk" / EXE_NAME


def start_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds to first paint and to exit for one start of `cmd`."""
    started = time.monotonic()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    exited = time.monotonic()
    found = re.search(r"first-paint-monotonic=([\d.]+)", result.stdout)
    if result.returncode != 0 or not found:
        raise SystemExit(f"{cmd[0]} failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return float(found.group(1)) - started, exited - started


def measure(bundle: Path = DEFAULT_BUNDLE, runs: int = 5) -> dict:
    """Median seconds to first paint (and to exit) of the frozen bundle and of the source."""
    from common import Row

    if not bundle.exists():
        raise FileNotFoundError(f"{bundle} not found: run python packaging/build.py first")

    from careerdesk.core import db, demo

    with tempfile.TemporaryDirectory(prefix="careerdesk-bench-") as folder:
        plan = Path(folder) / "example.careerdesk"
        with db.opened(plan):
            demo.write_example_plan(today=dt.date(2026, 11, 23))
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            XDG_CONFIG_HOME=str(Path(folder) / "config"),  # keeps the user's settings out
        )
        tail = ["--db", str(plan), "--quit-after-paint"]
        commands = {
            "frozen": [str(bundle), *tail],
            "source": [sys.executable, "-m", "careerdesk", *tail],
        }
        for cmd in commands.values():
            start_once(cmd, env)  # warm-up
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, cmd in commands.items():
                times[name].append(start_once(cmd, env))
    figures: dict = {"runs": runs, "platform": env["QT_QPA_PLATFORM"], "samples": times}
    for name, samples in times.items():
        figures[f"{name}_paint_s"] = statistics.median(p for p, _ in samples)
        figures[f"{name}_min_s"] = min(p for p, _ in samples)
        figures[f"{name}_exit_s"] = statistics.median(e for _, e in samples)
    figures["rows"] = [
        Row(
            "frozen bundle: start to first paint",
            figures["frozen_paint_s"] * 1000,
            baseline=figures["source_paint_s"] * 1000,
            note=f"median of {runs}; baseline the start from source",
        )
    ]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description="frozen vs source start to first paint")
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    try:
        figures = measure(args.bundle, args.runs)
    except FileNotFoundError as exc:
        raise SystemExit(str(exc)) from None
    print(f"start to first paint, {args.runs} runs each ({figures['platform']}):")
    for name in ("frozen", "source"):
        print(
            f"  {name:7} median {figures[f'{name}_paint_s'] * 1000:6.0f} ms"
            f"   min {figures[f'{name}_min_s'] * 1000:6.0f} ms"
            f"   exit median {figures[f'{name}_exit_s'] * 1000:6.0f} ms"
        )
    print(f"  frozen / source: {figures['frozen_paint_s'] / figures['source_paint_s']:.2f}")


if __name__ == "__main__":
    main()
