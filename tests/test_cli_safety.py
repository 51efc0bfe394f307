"""The command line: backup, restore (undone by restoring the pre-restore backup), check --full."""

from __future__ import annotations

import sqlite3

from careerdesk import cli
from careerdesk.core import backups


def _titles(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT title FROM goal"))
    finally:
        conn.close()


def test_backup_then_restore_then_undo_the_restore(example_plan, capsys):
    assert cli.run(["backup", "--db", str(example_plan)]) == 0
    [made] = backups.backups_of(example_plan)
    assert str(made.path) in capsys.readouterr().out
    original = _titles(example_plan)
    conn = sqlite3.connect(example_plan)
    with conn:
        conn.execute("UPDATE goal SET title = 'Changed later'")
    conn.close()
    assert cli.run(["restore", str(made.path), "--db", str(example_plan)]) == 0
    assert _titles(example_plan) == original
    pre_restore = [b for b in backups.backups_of(example_plan) if b.reason == "restore"]
    assert len(pre_restore) == 1
    assert cli.run(["restore", str(pre_restore[0].path), "--db", str(example_plan)]) == 0
    assert set(_titles(example_plan)) == {"Changed later"}


def test_check_full_and_a_damaged_file(example_plan, capsys):
    assert cli.run(["check", "--full", "--db", str(example_plan)]) == 0
    assert "ok" in capsys.readouterr().out
    example_plan.write_bytes(example_plan.read_bytes()[:30_000])
    before = example_plan.read_bytes()
    assert cli.run(["check", "--full", "--db", str(example_plan)]) == 2
    assert cli.run(["backup", "--db", str(example_plan)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "damaged" in err
    assert example_plan.read_bytes() == before
    assert backups.backups_of(example_plan) == []


def test_restore_of_a_file_that_is_not_a_backup_changes_nothing(tmp_path, example_plan, capsys):
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database at all")
    before = example_plan.read_bytes()
    assert cli.run(["restore", str(junk), "--db", str(example_plan)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert example_plan.read_bytes() == before
