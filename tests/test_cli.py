"""The command line: demo, check, version, and clear refusals with exit code 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from careerdesk import __version__, cli


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "careerdesk", *args], capture_output=True, text=True, timeout=120
    )


def test_version():
    out = run("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"CareerDesk {__version__}"


def test_demo_then_check(tmp_path):
    path = tmp_path / "x.db"
    out = run("demo", str(path), "--today", "2026-11-23")
    assert out.returncode == 0, out.stderr
    assert "goals" in out.stdout and "contacts" in out.stdout
    out = run("check", "--db", str(path))
    assert out.returncode == 0, out.stderr
    from careerdesk.core.db import SCHEMA_VERSION as V

    assert out.stdout.strip().endswith(f"schema version {V} (latest {V}): ok")


def test_demo_refuses_an_existing_file(tmp_path, capsys):
    path = tmp_path / "mine.db"
    path.write_text("my notes")
    assert cli.run(["demo", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "my notes"


@pytest.mark.parametrize(
    "content",
    [b"just some text\n", bytes(range(256)) * 10, b"", b"SQLite format 3\x00" + b"\x01" * 40],
    ids=["text", "random", "empty", "truncated"],
)
def test_check_refuses_other_files_and_leaves_them_unchanged(tmp_path, content):
    path = tmp_path / "file.db"
    path.write_bytes(content)
    out = run("check", "--db", str(path))
    assert out.returncode == 2
    assert out.stderr.startswith("careerdesk: ") and len(out.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.db"]


def test_check_on_a_missing_file(tmp_path, capsys):
    assert cli.run(["check", "--db", str(tmp_path / "none.db")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_bad_date_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.run(["demo", str(tmp_path / "d.db"), "--today", "2026-02-30"])
    assert exit_.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_export_ics_writes_a_calendar(example_plan, tmp_path, capsys):
    import icalendar

    out = tmp_path / "plan.ics"
    assert cli.run(["export", "ics", str(out), "--db", str(example_plan)]) == 0
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert f"Exported {len(events)} calendar events" in capsys.readouterr().out
    assert len(events) > 30


def test_export_ics_of_a_missing_file_is_refused(tmp_path, capsys):
    assert (
        cli.run(["export", "ics", str(tmp_path / "o.ics"), "--db", str(tmp_path / "no.db")]) == 2
    )
    assert not (tmp_path / "o.ics").exists()
