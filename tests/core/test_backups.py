"""Backups: a checked, private copy beside the file; rotation; listing; restore (core.backups)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat

import pytest

from careerdesk.core import backups, goals
from careerdesk.core import db as cdb

NOW = dt.datetime(2026, 11, 23, 9, 30)


def _goal_titles(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT title FROM goal"))
    finally:
        conn.close()


def _add_goal(title):
    goals.create_goal(title, dt.date(2027, 1, 1), dt.date(2027, 2, 1))


def test_backup_is_a_checked_private_copy_in_a_private_folder(tmp_path):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        _add_goal("Lead a team")
        # Online: taken while the file is open, with the last write still in the WAL.
        made = backups.make_backup(path, "manual", now=NOW)
    assert made.parent == tmp_path / "backups"
    assert made.name == "plan.20261123-093000.manual.backup"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]  # no temp, no -wal
    assert _goal_titles(made) == ["Lead a team"]
    assert backups.integrity_problems(made) == []


def test_a_damaged_source_leaves_no_backup(tmp_path):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        _add_goal("A")
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 6] = os.urandom(4096 * 4)
    path.write_bytes(bytes(data))
    with pytest.raises(cdb.DatabaseError):
        backups.make_backup(path, now=NOW)
    assert list((tmp_path / "backups").iterdir()) == []


def test_listing_shows_date_size_and_counts_newest_first(tmp_path):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        _add_goal("A")
        backups.make_backup(path, "daily", now=NOW)
        _add_goal("B")
        backups.make_backup(path, "exit", now=NOW + dt.timedelta(hours=1))
    rows = backups.listing(path)
    assert [(r.backup.taken, r.backup.reason, r.goals, r.contacts) for r in rows] == [
        (NOW + dt.timedelta(hours=1), "exit", 2, 0),
        (NOW, "daily", 1, 0),
    ]
    assert all(r.size == r.backup.path.stat().st_size > 0 for r in rows)
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == sorted(
        r.backup.path.name for r in rows
    )  # reading them left no side files


def test_two_backups_in_one_second_both_kept_in_order(tmp_path):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        first = backups.make_backup(path, "import", now=NOW)
        second = backups.make_backup(path, "import", now=NOW)
    assert [b.path for b in backups.backups_of(path)] == [first, second]


def test_backups_of_another_file_in_the_folder_are_not_listed(tmp_path):
    with cdb.opened(tmp_path / "plan.db"):
        backups.make_backup(tmp_path / "plan.db", now=NOW)
    with cdb.opened(tmp_path / "other.db"):
        pass
    assert backups.backups_of(tmp_path / "other.db") == []


def _daily_rotation_over(days, start=dt.datetime(2025, 1, 1, 8, 0)):
    kept: set[dt.datetime] = set()
    for day in range(days):
        now = start + dt.timedelta(days=day)
        kept.add(now)
        kept = backups.to_keep(kept, now.date())
    return start + dt.timedelta(days=days - 1), kept


def test_rotation_over_two_years_of_daily_starts_keeps_7_daily_4_weekly_12_monthly():
    last, kept = _daily_rotation_over(730)
    days = sorted(t.date() for t in kept)
    # The last seven days, one per ISO week for four weeks, one per month for a year.
    assert {last.date() - dt.timedelta(days=n) for n in range(7)} <= set(days)
    weeks = {t.isocalendar()[:2] for t in kept}
    assert {(last - dt.timedelta(weeks=n)).isocalendar()[:2] for n in range(4)} <= weeks
    months = {(t.year, t.month) for t in kept}
    expected_months = set()
    y, mth = last.year, last.month
    for _ in range(12):
        expected_months.add((y, mth))
        y, mth = (y, mth - 1) if mth > 1 else (y - 1, 12)
    assert expected_months == months
    assert len(kept) <= 7 + 4 + 12
    assert min(days) >= (last - dt.timedelta(days=366)).date()


def test_rotation_after_a_long_pause_keeps_the_old_backups():
    kept = {dt.datetime(2024, 3, d, 8) for d in range(1, 6)}
    assert backups.to_keep(kept, dt.date(2026, 1, 1)) == kept


def test_rotation_keeps_everything_of_today_and_of_a_clock_set_back():
    today = dt.date(2026, 5, 5)
    times = {dt.datetime(2026, 5, 5, h) for h in range(1, 5)} | {dt.datetime(2026, 6, 1, 1)}
    assert backups.to_keep(times, today) == times


def test_rotate_deletes_files_over_two_years_of_daily_starts(tmp_path):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        pass
    start = dt.datetime(2025, 1, 1, 8, 0)
    for day in range(0, 730, 3):  # every third day: files are slow to copy
        now = start + dt.timedelta(days=day)
        assert backups.backup_if_due(path, now=now) is not None
        assert backups.backup_if_due(path, now=now + dt.timedelta(hours=2)) is None
    found = backups.backups_of(path)
    assert len(found) <= 7 + 4 + 12
    assert len({(b.taken.year, b.taken.month) for b in found}) == 12


def test_exit_backup_only_after_changes(tmp_path):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        pass
    assert backups.backup_at_exit(path, changed=False, now=NOW) is None
    assert backups.backup_at_exit(path, changed=True, now=NOW).name.endswith(".exit.backup")


def test_restore_backs_up_the_current_file_and_can_be_undone(tmp_path):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        _add_goal("Old")
        old = backups.make_backup(path, now=NOW)
        _add_goal("New")
    done = backups.restore(old, path, now=NOW + dt.timedelta(minutes=1))
    assert _goal_titles(path) == ["Old"]
    assert done.kept_current.name.endswith(".restore.backup")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with cdb.opened(path):  # opens as usual, back in WAL mode
        _add_goal("After")
    backups.restore(done.kept_current, path, now=NOW + dt.timedelta(minutes=2))
    assert _goal_titles(path) == ["New", "Old"]


def test_restore_refuses_while_the_file_is_open(tmp_path):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        old = backups.make_backup(path, now=NOW)
        with pytest.raises(cdb.DatabaseInUse):
            backups.restore(old, path)


def test_restore_of_a_damaged_backup_changes_nothing(tmp_path):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        _add_goal("Keep")
        bad = backups.make_backup(path, now=NOW)
    bad.write_bytes(bad.read_bytes()[:5000])
    before = path.read_bytes()
    with pytest.raises(cdb.DatabaseError):
        backups.restore(bad, path)
    assert path.read_bytes() == before
    assert len(backups.backups_of(path)) == 1


def test_restore_over_a_damaged_file_keeps_it_aside_byte_for_byte(tmp_path):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        _add_goal("Good")
        good = backups.make_backup(path, now=NOW)
    damaged = path.read_bytes()[:9000]
    path.write_bytes(damaged)
    assert backups.newest_good(path).path == good
    done = backups.restore(good, path)
    assert done.kept_current.read_bytes() == damaged
    assert _goal_titles(path) == ["Good"]


def test_integrity_problems_reports_damage(tmp_path):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        for n in range(200):
            _add_goal(f"Goal {n} " + "x" * 200)
    assert backups.integrity_problems(path) == []
    conn = sqlite3.connect(path)
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE tbl_name = 'goal' AND sql LIKE '%uuid%'"
        " AND type = 'index'"
    ).fetchone()
    (page,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page
    data[start + 100 : start + page] = os.urandom(page - 100)
    path.write_bytes(bytes(data))
    assert backups.integrity_problems(path) != []


def test_backups_of_one_second_are_ordered_whatever_their_reason(tmp_path):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        backups.make_backup(path, "restore", now=NOW)
        backups.make_backup(path, "daily", now=NOW)
        backups.make_backup(path, "exit", now=NOW)
    assert [b.reason for b in backups.backups_of(path)] == ["restore", "daily", "exit"]
