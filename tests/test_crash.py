"""Crash test: SIGKILL a writer at random moments; every acknowledged write survives, sound.

Run alone with `pytest -m crash -s` to see the figures.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from careerdesk.core import db as cdb
from careerdesk.core import models as m

pytestmark = [
    pytest.mark.crash,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)"),
]
KILLS = 200
HELPER = Path(__file__).with_name("crash_child.py")


class Forker:
    """The helper process of crash_child.py, and its output read line by line."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HELPER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=False,
            bufsize=0,
        )
        self.buffer = b""
        assert self.line(timeout=60) == "ready"

    def send(self, command: str) -> None:
        self.proc.stdin.write(f"{command}\n".encode())
        self.proc.stdin.flush()

    def line(self, timeout: float) -> str | None:
        """The next line, or None when none came within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.proc.stdout], [], [], left)[0]:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                raise AssertionError("the crash helper died")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def start(self, command: str) -> int:
        self.send(command)
        line = self.line(timeout=30)
        assert line and line.startswith("pid "), line
        return int(line.split()[1])

    def kill_and_reap(self, pid: int) -> list[str]:
        """SIGKILL the child; return every line it wrote before it died."""
        os.kill(pid, signal.SIGKILL)
        self.send(f"reap {pid}")
        lines = []
        while (line := self.line(timeout=30)) != f"reaped {pid}":
            assert line is not None, "no answer from the crash helper"
            lines.append(line)
        return lines

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture
def forker():
    helper = Forker()
    yield helper
    helper.close()


def _reopen_and_check(path: Path) -> tuple[bool, set[int], int]:
    """Open as the app does; return (integrity ok, numbers of the writes present, contacts)."""
    with cdb.opened(path) as database:
        ok = database.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
        titles = [g.title for g in m.Goal.select(m.Goal.title)]
        contacts = m.Contact.select().count()
    return ok, {int(t.split()[1]) for t in titles if t.startswith("write ")}, contacts


def test_200_kills_lose_no_acknowledged_write(tmp_path, forker):
    path = tmp_path / "crash.db"
    with cdb.opened(path):
        pass
    rng = random.Random(20261123)
    acknowledged: set[int] = set()
    losses = failures = before_first_write = 0
    next_number = 1
    started = time.monotonic()
    for _kill in range(KILLS):
        pid = forker.start(f"writes {path} {next_number}")
        # Random moments: while opening, between writes, inside a commit.
        window = rng.uniform(0.0, 0.1)
        deadline = time.monotonic() + window
        lines = []
        while (left := deadline - time.monotonic()) > 0:
            line = forker.line(timeout=left)
            if line is not None:
                lines.append(line)
        lines += forker.kill_and_reap(pid)
        acks = {int(x.split()[1]) for x in lines if x.startswith("ack ")}
        before_first_write += not acks
        acknowledged |= acks
        ok, present, _contacts = _reopen_and_check(path)
        failures += not ok
        losses += len(acknowledged - present)
        next_number = max(present | acknowledged | {0}) + 1
    seconds = time.monotonic() - started
    print(
        f"\ncrash test: {KILLS} kills, {len(acknowledged)} acknowledged writes, "
        f"{losses} losses, {failures} integrity failures "
        f"({before_first_write} kills before the first write), {seconds:.1f} s"
    )
    assert (losses, failures) == (0, 0)
    assert len(acknowledged) > KILLS  # the kills really landed among writes


def _linkedin_csv(path: Path, rows: int) -> Path:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [
        f"Person{n},Surname{n},https://www.linkedin.com/in/p{n},p{n}@example.org,"
        f"Company {n % 97},Engineer,01 Feb 2024"
        for n in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_kill_inside_a_30000_row_import_leaves_none_or_all(tmp_path, forker):
    path = tmp_path / "import.db"
    csv = _linkedin_csv(tmp_path / "Connections.csv", 30_000)
    with cdb.opened(path):
        pass
    outcomes = []
    for stop_at in ("halfway", "writing", "halfway"):
        pid = forker.start(f"import {path} {csv}")
        lines = []
        while True:
            line = forker.line(timeout=120)
            assert line is not None, lines[-3:]
            lines.append(line)
            if stop_at == "writing" and line == "writing":
                break
            if line.startswith("progress ") and _fraction(line) >= 0.5:
                break
        lines += forker.kill_and_reap(pid)
        ok, _present, contacts = _reopen_and_check(path)  # opens without help
        assert ok
        assert contacts in (0, 30_000)
        outcomes.append(("done" in lines, contacts))
    assert all(contacts == (30_000 if finished else 0) for finished, contacts in outcomes)
    assert (False, 0) in outcomes  # at least one kill landed inside the transaction
    print(f"\nimport kills: {outcomes}")


def _fraction(line: str) -> float:
    done, total = line.split()[1].split("/")
    return int(done) / int(total)
