"""Opening, refusing, locking and migrating database files (core.db)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from careerdesk.core import db as cdb
from careerdesk.core import goals
from careerdesk.core import models as m


def test_new_file_is_private_and_marked_as_ours(tmp_path):
    path = tmp_path / "new.db"
    with cdb.opened(path) as database:
        assert database.user_version == cdb.SCHEMA_VERSION
        assert database.application_id == cdb.APPLICATION_ID
        assert database.pragma("journal_mode") == "wal"
        assert database.pragma("foreign_keys") == 1
        assert database.pragma("synchronous") == 2
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    assert modes["new.db"] == 0o600
    assert all(mode == 0o600 for mode in modes.values()), modes
    assert cdb.inspect_file(path).schema_version == cdb.SCHEMA_VERSION


def test_missing_folder_is_created_private(tmp_path):
    path = tmp_path / "deep" / "folder" / "plan.db"
    with cdb.opened(path):
        pass
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_tables_keep_the_names_outside_tools_read(db_path):
    conn = sqlite3.connect(db_path)
    goal_columns = {row[1] for row in conn.execute("PRAGMA table_info(goal)")}
    step_columns = {row[1] for row in conn.execute("PRAGMA table_info(step)")}
    conn.close()
    assert {"id", "uuid", "title", "start_date", "target_date", "notes"} <= goal_columns
    assert {"id", "goal_id", "title", "due_date", "created_at", "updated_at"} <= step_columns


def test_dates_are_stored_as_iso_text(db_path):
    goals.create_goal(
        "Lead a team",
        dt.date(2027, 1, 5),
        dt.date(2027, 6, 30),
    )
    row = m.database_proxy.execute_sql(
        "SELECT start_date, typeof(start_date) FROM goal"
    ).fetchone()
    assert row == ("2027-01-05", "text")


FOREIGN_FILES = {
    "text": b"name,company\nAda,Analytical Engines\n",
    "random": bytes(range(256)) * 40,
    "empty": b"",
    "sqlite_header_only": b"SQLite format 3\x00" + b"\x00" * 50,
}


@pytest.mark.parametrize("kind", sorted(FOREIGN_FILES))
def test_foreign_files_are_refused_and_untouched(tmp_path, kind):
    path = tmp_path / "file.db"
    path.write_bytes(FOREIGN_FILES[kind])
    with pytest.raises(cdb.DatabaseError) as err:
        cdb.open_database(path)
    assert str(path) in str(err.value)
    assert path.read_bytes() == FOREIGN_FILES[kind]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.db"]


def test_another_programs_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(cdb.NotCareerDeskFile, match="not one of CareerDesk"):
        cdb.open_database(path)
    assert path.read_bytes() == before


def test_truncated_database_is_refused(tmp_path, example_plan):
    data = example_plan.read_bytes()
    cut = tmp_path / "cut.db"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(cdb.CorruptDatabase, match="damaged"):
        cdb.open_database(cut)
    assert cut.read_bytes() == data[: len(data) // 2]


def test_file_from_a_newer_version_is_refused(tmp_path, example_plan):
    conn = sqlite3.connect(example_plan)
    conn.execute(f"PRAGMA user_version = {cdb.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = example_plan.read_bytes()
    with pytest.raises(cdb.NewerSchema, match="newer CareerDesk"):
        cdb.open_database(example_plan)
    assert example_plan.read_bytes() == before


def test_a_second_process_is_refused(tmp_path, db_path):
    script = textwrap.dedent(
        f"""
        from careerdesk.core import db
        try:
            db.open_database({str(db_path)!r})
        except db.DatabaseInUse as exc:
            print("refused:", exc)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "refused:" in out.stdout
    assert "already open in another CareerDesk window" in out.stdout
    assert str(os.getpid()) in out.stdout


def test_lock_of_a_crashed_process_is_recovered(tmp_path):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        pass
    # A process that died leaves its lock file behind, but holds no OS lock.
    Path(str(path) + ".lock").write_text("999999")
    with cdb.opened(path) as database:
        assert database.user_version == cdb.SCHEMA_VERSION


def _add_column_v2(database, migrator):
    import peewee as pw
    from playhouse.migrate import migrate

    migrate(migrator.add_column("goal", "colour", pw.TextField(default="blue")))


NEXT = cdb.SCHEMA_VERSION + 1  # a test-only step after the released ones
MIGRATIONS_NEXT = (
    *cdb.MIGRATIONS,
    cdb.Migration(NEXT, "goal colour (test only)", _add_column_v2),
)


def test_released_file_migrates_with_data_intact_and_a_backup(tmp_path, example_plan):
    with cdb.opened(example_plan):
        counts = {model.__name__: model.select().count() for model in m.ALL_MODELS}
    with cdb.opened(example_plan, migrations=MIGRATIONS_NEXT) as database:
        assert database.user_version == NEXT
        assert {model.__name__: model.select().count() for model in m.ALL_MODELS} == counts
        colours = database.execute_sql("SELECT DISTINCT colour FROM goal").fetchall()
        assert colours == [("blue",)]
        assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    backups = list((tmp_path / "backups").glob("example.*.migration.backup"))
    assert len(backups) == 1
    assert cdb.inspect_file(backups[0]).schema_version == cdb.SCHEMA_VERSION
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600


def test_failing_migration_changes_nothing(tmp_path, example_plan):
    def broken(database, migrator):
        database.execute_sql("UPDATE goal SET title = 'changed'")
        raise RuntimeError("boom")

    bad = (*cdb.MIGRATIONS, cdb.Migration(NEXT, "broken", broken))
    with pytest.raises(cdb.DatabaseError) as err:
        cdb.open_database(example_plan, migrations=bad)
    message = str(err.value)
    assert f"to schema {NEXT} (broken) failed: boom" in message
    assert f"left at schema {cdb.SCHEMA_VERSION}" in message
    assert "a copy from before is at" in message
    with cdb.opened(example_plan) as database:
        assert database.user_version == cdb.SCHEMA_VERSION
        assert m.Goal.select().where(m.Goal.title == "changed").count() == 0


def test_check_reports_version(example_plan):
    report = cdb.check_database(example_plan)
    assert report.schema_version == cdb.SCHEMA_VERSION


def test_save_copy_is_a_consistent_database(tmp_path, example_plan):
    with cdb.opened(example_plan) as database:
        copy = database.save_copy(tmp_path / "copy.db")
        goals_count = m.Goal.select().count()
    with cdb.opened(copy):
        assert m.Goal.select().count() == goals_count


def test_migration_that_breaks_links_is_rolled_back(example_plan):
    def orphan_steps(database, migrator):
        database.execute_sql("UPDATE step SET goal_id = 999999")

    bad = (*cdb.MIGRATIONS, cdb.Migration(NEXT, "orphans", orphan_steps))
    with pytest.raises(cdb.DatabaseError, match="would lose their links"):
        cdb.open_database(example_plan, migrations=bad)
    with cdb.opened(example_plan):
        assert m.Step.select().where(m.Step.goal_id == 999999).count() == 0


def test_refused_file_keeps_the_open_database_open(tmp_path, database):
    goals.create_goal("Keep me", dt.date(2027, 1, 1), dt.date(2027, 2, 1))
    foreign = tmp_path / "foreign.db"
    foreign.write_text("not a database")
    with pytest.raises(cdb.NotCareerDeskFile):
        cdb.open_database(foreign)
    assert cdb.bound_database() is database and database.is_bound()
    assert m.Goal.get().title == "Keep me"


def test_lock_file_that_cannot_be_made_gives_a_clear_error(tmp_path):
    # A folder in the way stands in for a read-only folder (tests may run as root).
    (tmp_path / "plan.db.lock").mkdir()
    with pytest.raises(cdb.DatabaseError, match="is the folder writable"):
        cdb.open_database(tmp_path / "plan.db")
    assert not (tmp_path / "plan.db").exists()


def test_save_copy_replaces_an_existing_file(tmp_path, example_plan):
    target = tmp_path / "backup.db"
    target.write_text("an old backup")
    with cdb.opened(example_plan) as database:
        database.save_copy(target)
        with pytest.raises(cdb.DatabaseError, match="another file"):
            database.save_copy(example_plan)
    assert cdb.check_database(target).schema_version == cdb.SCHEMA_VERSION
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_a_second_file_cannot_be_opened_while_one_is_open(tmp_path, database):
    with pytest.raises(RuntimeError, match="still open"):
        cdb.open_database(tmp_path / "other.db")
    assert not (tmp_path / "other.db").exists()


def test_a_closed_database_refuses_writes_instead_of_reaching_another_file(tmp_path):
    first = cdb.open_database(tmp_path / "first.db")
    first.close_file()
    second = cdb.open_database(tmp_path / "second.db")
    try:
        with pytest.raises(cdb.DatabaseClosed):
            first.atomic()
        assert not first.is_bound() and second.is_bound()
    finally:
        second.close_file()


def test_a_file_killed_mid_checkpoint_opens_with_every_row(tmp_path):
    """A checkpoint writes page 1 first: killed then, the file is shorter than its new
    header says while the WAL holds every page. That is no truncated copy."""
    import shutil
    import struct

    path = tmp_path / "plan.careerdesk"
    with cdb.opened(path) as database:
        database.execute_sql("PRAGMA wal_autocheckpoint = 0")  # every page stays in the WAL
        with database.atomic():
            for i in range(400):
                m.Skill.create(name=f"Skill {i:03d} " + "x" * 200)
        # A copy as the disk holds it now: the main file still has the old, short header.
        shutil.copy(path, tmp_path / "copy.careerdesk")
        shutil.copy(f"{path}-wal", tmp_path / "copy.careerdesk-wal")
    copy = tmp_path / "copy.careerdesk"
    wal = (tmp_path / "copy.careerdesk-wal").read_bytes()
    page_size = struct.unpack(">I", wal[8:12])[0]
    frames = range(32, len(wal), 24 + page_size)
    page_1 = [f for f in frames if struct.unpack(">I", wal[f : f + 4])[0] == 1][-1]
    with copy.open("r+b") as fh:  # what the checkpoint writes first: the newest page 1
        fh.write(wal[page_1 + 24 : page_1 + 24 + page_size])
    header_pages = struct.unpack(">I", copy.read_bytes()[28:32])[0]
    assert copy.stat().st_size < header_pages * page_size  # the state a kill leaves
    assert cdb.inspect_file(copy).schema_version == cdb.SCHEMA_VERSION
    with cdb.opened(copy):
        assert m.Skill.select().where(m.Skill.name.startswith("Skill ")).count() == 400
