"""Start-up and memory of the whole process, against a bare PySide6 window started the same way.

Run by hand: .venv/bin/python benchmarks/bench_startup.py [--rounds 5] [--no-memory]

Each sample is a fresh process (benchmarks/startup_probe.py), offscreen, with its own
empty settings folder; the time runs from just before the process is started to the
event seen inside it. Samples of the three kinds are taken in turn, so that a busy
machine slows them alike; the median of each kind is reported.

- first paint: the first paint event of the main window on the example plan, against
  a bare QMainWindow + QTabWidget of six empty tabs (target <= 2x);
- Plan timeline ready: the Plan tab remembered as the last tab used, until the
  timeline's first paint with the plan in it (target <= 4x the bare window);
- memory: peak resident memory with `demo --scale 20 --contacts 50000` open and every
  tab shown in turn, against the bare window shown the same way (target <= 250 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import Row, demo_file, median, private_copy

PROBE = Path(__file__).with_name("startup_probe.py")
PAINT_RATIO, PLAN_RATIO, MEMORY_MB = 2.0, 4.0, 250.0


def probe(mode: str, db: Path | None, home: Path) -> dict:
    """Run one probe process; its figures, times made relative to its start."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        PYTHONDONTWRITEBYTECODE="",
    )
    command = [sys.executable, str(PROBE), mode] + ([str(db)] if db else [])
    start = time.time()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    lines = [line for line in result.stdout.splitlines() if line.startswith("PROBE ")]
    if not lines:
        raise RuntimeError(f"probe {mode} gave no figures: {result.stderr.strip()[-300:]}")
    figures = json.loads(lines[-1][len("PROBE ") :])
    if "error" in figures:
        raise RuntimeError(f"probe {mode}: {figures['error']}")
    return {
        k: (v - start if k not in ("rss_mb", "current_tab", "tabs") else v)
        for k, v in figures.items()
        if v is not None
    }


def fresh_home(folder: Path, name: str) -> Path:
    home = folder / name
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "data").mkdir(parents=True, exist_ok=True)
    return home


def measure(rounds: int = 5, memory: bool = True) -> dict:
    """Start-up and memory figures and their rows for the results table."""
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        folder = Path(tmp)
        example = demo_file(1)
        plan_home = fresh_home(folder, "plan-home")
        probe("remember-plan", None, plan_home)
        bare, window, plan, parts = [], [], [], []
        for i in range(rounds):
            # A new copy and settings folder each time: nothing remembered but the last tab.
            db = private_copy(example, folder, f"example{i}.db")
            bare.append(probe("bare", None, fresh_home(folder, f"bare{i}"))["paint"])
            seen = probe("window", db, fresh_home(folder, f"window{i}"))
            window.append(seen["paint"])
            parts.append(seen)
            db = private_copy(example, folder, f"plan{i}.db")
            seen = probe("plan", db, plan_home)
            if seen.get("current_tab") != 1:
                raise RuntimeError("the Plan tab was not restored as the last tab used")
            plan.append(seen["paint"])
        figures = {
            "bare_paint_s": median(bare),
            "window_paint_s": median(window),
            "plan_ready_s": median(plan),
            "window_imports_s": median([p["imported"] - p["start_imports"] for p in parts]),
            "window_create_s": median([p["created"] - p["imported"] for p in parts]),
            "rounds": rounds,
        }
        if memory:
            big = private_copy(demo_file(20, 50_000), folder, "big.db")
            figures["bare_tour_mb"] = probe("bare-tour", None, fresh_home(folder, "m0"))["rss_mb"]
            tour = probe("tour", big, fresh_home(folder, "m1"))
            figures["tour_mb"] = tour["rss_mb"]
    rows = [
        Row(
            "start-up: first paint of the main window",
            figures["window_paint_s"] * 1000,
            baseline=figures["bare_paint_s"] * 1000,
            limit=PAINT_RATIO,
            ratio_target=True,
            note=f"median of {rounds}; imports {figures['window_imports_s'] * 1000:.0f} ms, "
            f"create_window {figures['window_create_s'] * 1000:.0f} ms",
        ),
        Row(
            "start-up: Plan timeline ready (Plan last tab)",
            figures["plan_ready_s"] * 1000,
            baseline=figures["bare_paint_s"] * 1000,
            limit=PLAN_RATIO,
            ratio_target=True,
            note=f"median of {rounds}",
        ),
    ]
    if memory:
        rows.append(
            Row(
                "memory: peak RSS, scale 20 + 50k contacts, all tabs",
                figures["tour_mb"],
                unit="MB",
                baseline=figures["bare_tour_mb"],
                limit=MEMORY_MB,
            )
        )
    figures["rows"] = rows
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-memory", action="store_true")
    args = parser.parse_args()
    figures = measure(args.rounds, not args.no_memory)
    for row in figures["rows"]:
        ratio = f"{row.ratio:.2f}x" if row.ratio else ""
        print(
            f"{row.name:52} {row.value:8.0f} {row.unit:3} baseline {row.baseline:6.0f} "
            f"{ratio:>7} target {row.target_text():10} {'ok' if row.passed else 'MISSED'}"
            f"  {row.note}"
        )


if __name__ == "__main__":
    main()
