"""A failed write says why in one sentence and loses nothing saved (core.write_errors)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import peewee as pw
import pytest

from careerdesk.core import db as cdb
from careerdesk.core import goals, write_errors
from careerdesk.core import models as m
from careerdesk.io import contact_import
from careerdesk.io.linkedin import parse_linkedin


def _fill_the_disk(extra_pages: int = 2) -> None:
    """Let the open file grow by only a few pages, as a nearly full disk would."""
    (pages,) = m.database_proxy.execute_sql("PRAGMA page_count").fetchone()
    m.database_proxy.execute_sql(f"PRAGMA max_page_count = {pages + extra_pages}")


def _titles() -> list[str]:
    return [g.title for g in m.Goal.select().order_by(m.Goal.id)]


def test_disk_full_during_an_edit_is_reported_and_loses_nothing(database, db_path):
    goals.create_goal("Saved before", dt.date(2027, 1, 1), dt.date(2027, 2, 1))
    _fill_the_disk()
    with pytest.raises(pw.DatabaseError) as caught:
        for n in range(100):
            goals.create_goal(
                f"Big {n}", dt.date(2027, 1, 1), dt.date(2027, 2, 1), notes="x" * 50_000
            )
    assert write_errors.describe_write_error(caught.value) == write_errors.DISK_FULL
    assert _titles()[0] == "Saved before"
    m.database_proxy.execute_sql("PRAGMA max_page_count = 1073741823")
    goals.create_goal("After freeing space", dt.date(2027, 1, 1), dt.date(2027, 2, 1))
    assert _titles()[-1] == "After freeing space"
    database.close_file()
    assert cdb.check_database(db_path)


def _linkedin_csv(rows: int) -> bytes:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for n in range(rows):
        lines.append(
            f"Person{n},Surname{n},https://www.linkedin.com/in/p{n},p{n}@example.org,"
            f"Company {n % 97},Engineer,01 Feb 2024"
        )
    return ("\n".join(lines) + "\n").encode()


def test_disk_full_during_an_import_writes_none_of_it(db_path):
    parsed = parse_linkedin(_linkedin_csv(3000))
    preview = contact_import.preview(parsed)
    _fill_the_disk(extra_pages=20)
    with pytest.raises(pw.DatabaseError) as caught:
        contact_import.apply(preview, today=dt.date(2026, 11, 23))
    assert write_errors.describe_write_error(caught.value) == write_errors.DISK_FULL
    assert m.Contact.select().count() == 0
    m.database_proxy.execute_sql("PRAGMA max_page_count = 1073741823")
    contact_import.apply(preview, today=dt.date(2026, 11, 23))
    assert m.Contact.select().count() == 3000


def test_cannot_rollback_after_a_full_disk_reads_disk_full():
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError:
            raise pw.OperationalError("cannot rollback - no transaction is active") from None
    except pw.OperationalError as exc:
        # `from None` hides the cause from the traceback but keeps __context__.
        assert write_errors.describe_write_error(exc) == write_errors.DISK_FULL
    # Alone (the full disk lost on the way) it still reads as a full disk.
    alone = pw.OperationalError("cannot rollback - no transaction is active")
    assert write_errors.describe_write_error(alone) == write_errors.DISK_FULL


def test_errors_that_are_not_about_storage_are_not_described():
    assert write_errors.describe_write_error(ValueError("A goal needs a title.")) is None
    assert write_errors.describe_write_error(pw.IntegrityError("UNIQUE constraint")) is None


def test_os_errors_are_described():
    assert write_errors.describe_write_error(OSError(28, "No space")) == write_errors.DISK_FULL
    assert write_errors.describe_write_error(OSError(30, "Read-only")) == write_errors.READ_ONLY


# --- Read-only file and folder: run as an ordinary user (root writes anywhere) ----

_AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _run_open(path: Path) -> subprocess.CompletedProcess:
    code = textwrap.dedent(
        f"""
        from careerdesk.core import db as cdb
        try:
            cdb.open_database({str(path)!r})
        except cdb.DatabaseError as exc:
            print(exc)
        else:
            print("opened")
        """
    )
    prefix = _AS_NOBODY if os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def shared_folder():
    """A folder an unprivileged user can enter (pytest's tmp_path is private to root)."""
    if os.geteuid() == 0 and not Path("/usr/bin/setpriv").exists():
        pytest.skip("needs setpriv to drop root")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.chmod(folder, 0o777)
        yield folder


def _own(path: Path) -> None:
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)


def _example_file(folder: Path) -> Path:
    path = folder / "plan.db"
    with cdb.opened(path):
        goals.create_goal("Keep me", dt.date(2027, 1, 1), dt.date(2027, 2, 1))
    for p in folder.rglob("*"):
        _own(p)
    _own(folder)
    return path


def test_a_read_only_file_is_refused_and_untouched(shared_folder):
    path = _example_file(shared_folder)
    os.chmod(path, 0o400)
    before = path.read_bytes()
    result = _run_open(path)
    assert "is read-only" in result.stdout, result
    assert path.read_bytes() == before


def test_a_read_only_folder_is_refused_and_untouched(shared_folder):
    folder = shared_folder / "sub"
    folder.mkdir()
    path = _example_file(folder)
    os.chmod(folder, 0o500)
    before = path.read_bytes()
    try:
        result = _run_open(path)
    finally:
        os.chmod(folder, 0o700)
    assert "cannot be written to" in result.stdout, result
    assert "damaged" not in result.stdout
    assert path.read_bytes() == before


# --- Damaged and foreign files -------------------------------------------------


@pytest.mark.parametrize("damage", ["truncated", "random bytes", "newer schema"])
def test_a_bad_file_is_refused_in_one_sentence_and_untouched(tmp_path, damage):
    path = tmp_path / "plan.db"
    with cdb.opened(path):
        goals.create_goal("Keep me", dt.date(2027, 1, 1), dt.date(2027, 2, 1))
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[: 4096 * 3])
    elif damage == "random bytes":
        path.write_bytes(os.urandom(50_000))
    else:
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA user_version = {cdb.SCHEMA_VERSION + 1}")
        conn.close()
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir() if p.is_file())
    with pytest.raises(cdb.DatabaseError) as caught:
        cdb.open_database(path)
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".")
    after = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir() if p.is_file())
    assert after == before
