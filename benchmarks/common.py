"""Shared by the benchmarks: percentiles, the cached demo files, one row of the results table."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from careerdesk.core.db import SCHEMA_VERSION

# Demo files are slow to write (a minute for 50,000 contacts): kept between runs,
# named by what they hold and the schema they were written with.
CACHE = Path(tempfile.gettempdir()) / "careerdesk-bench"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def median(values: list[float]) -> float:
    return statistics.median(values)


def careerdesk_command() -> list[str]:
    """The `careerdesk` console command of this interpreter's environment."""
    exe = Path(sys.executable).with_name("careerdesk")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "careerdesk"]


def demo_file(scale: int = 1, contacts: int | None = None) -> Path:
    """`careerdesk demo FILE --scale N [--contacts N]`, written once into the cache folder."""
    CACHE.mkdir(exist_ok=True)
    name = f"demo-scale{scale}" + (f"-contacts{contacts}" if contacts else "")
    path = CACHE / f"{name}-v{SCHEMA_VERSION}.db"
    if not path.exists():
        partial = path.with_name(path.name + ".part")
        partial.unlink(missing_ok=True)
        command = [*careerdesk_command(), "demo", str(partial), "--scale", str(scale)]
        if contacts:
            command += ["--contacts", str(contacts)]
        print(f"writing {path} ({' '.join(command[1:])}) …", file=sys.stderr, flush=True)
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        partial.with_name(partial.name + ".lock").unlink(missing_ok=True)
        partial.rename(path)
    return path


def private_copy(source: Path, folder: Path, name: str = "plan.db") -> Path:
    """A copy of a cached demo file that a benchmark may open and change."""
    path = folder / name
    shutil.copyfile(source, path)
    return path


@dataclass
class Row:
    """One line of the results table: a figure, its baseline from the same run, a target.

    `limit` bounds the ratio figure/baseline when `ratio_target` is set, else the
    figure itself. `passed` is None for a figure without a target (information).
    """

    name: str
    value: float | None
    unit: str = "ms"
    baseline: float | None = None
    limit: float | None = None
    ratio_target: bool = False
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def passed(self) -> bool | None:
        if self.limit is None or self.value is None:
            return None
        measured = self.ratio if self.ratio_target else self.value
        return measured is not None and measured <= self.limit

    def target_text(self) -> str:
        if self.limit is None:
            return ""
        if self.ratio_target:
            return f"<= {self.limit:g}x"
        return f"<= {self.limit:g} {self.unit}"


def not_available(name: str, why: str) -> Row:
    return Row(name, None, note=why)
