"""Watchdog: the longest event-loop stall of a scripted session on the example plan, reported.

A report, not a timed assertion (speed is for benchmarks/; the CI machine's speed
varies): the session goes over every tab, drags a goal on the timeline and undoes
it, filters and sorts the contacts, changes a tag's cadence and imports connections
(undoing and redoing both), and exports the PDF (when the report exists). The test
checks that the watchdog ran and that the session did what it says; the stalls are
printed to the terminal (past pytest's capture, so CI logs show them) and go into the
JUnit XML as properties.
"""

from __future__ import annotations

import importlib.util
import sys

from stall_session import contact_count, run_session


def test_watchdog_reports_the_longest_stall(window, tmp_path, record_property, capsys):
    before = contact_count()
    stalls = run_session(window, tmp_path, import_rows=200)
    step, longest = stalls.longest()
    with capsys.disabled():  # shown in every run, CI's too, not only with -s
        print(f"\nwatchdog: longest stall {longest:.0f} ms in '{step}'", file=sys.stderr)
        for line in stalls.lines():
            print(f"  {line}", file=sys.stderr)
    record_property("longest_stall_ms", round(longest, 1))
    record_property("longest_stall_step", step)
    for name, ms in stalls.worst.items():
        record_property(f"stall_ms: {name}", round(ms, 1))
    # Sanity only: the timer ticked all along, and every step ran or said why not.
    assert stalls.ticks > 100
    assert any(name.startswith("show the Journal") for name in stalls.worst)
    assert "contact filter: keystroke" in stalls.worst
    assert "import: redo" in stalls.worst
    assert "tag cadence: redo" in stalls.worst
    assert contact_count() == before + 200  # imported, undone, redone
    assert "timeline drag: mouse moves" in stalls.worst
    if importlib.util.find_spec("careerdesk.report.pdf") is not None:
        assert "PDF export" in stalls.worst
        assert (tmp_path / "watchdog.pdf").stat().st_size > 0
    assert all("PDF" in s or "sort" in s or "undo" in s for s in stalls.skipped)
