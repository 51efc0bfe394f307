"""Automatic and manual backups of a database file: take, check, rotate, list and restore."""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import re
import shutil
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from careerdesk.core import db as cdb
from careerdesk.core import models as m

FOLDER_NAME = "backups"
SUFFIX = ".backup"
# Why a backup was taken; the kind is part of the file name so a listing can say it.
REASONS = ("daily", "exit", "migration", "import", "restore", "manual")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)\.(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.(?P<reason>[a-z]+)$")


@dataclass(frozen=True)
class Backup:
    """One backup file of a database, as its name describes it."""

    path: Path
    taken: dt.datetime
    reason: str
    number: int = 1  # the second, third... taken within the same second


@dataclass(frozen=True)
class BackupInfo:
    """A backup with what File › Backups… shows about it; counts are None if it is unreadable."""

    backup: Backup
    size: int
    goals: int | None
    contacts: int | None


def folder_for(db_path: Path | str) -> Path:
    """The `backups/` folder beside the database."""
    return Path(db_path).absolute().parent / FOLDER_NAME


def _private_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
    return folder


def _fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _parse(path: Path, stem: str) -> Backup | None:
    found = _NAME.match(path.name[: -len(SUFFIX)]) if path.name.endswith(SUFFIX) else None
    if not found or found["stem"] != stem:
        return None
    try:
        taken = dt.datetime.strptime(found["stamp"], _STAMP)
    except ValueError:
        return None
    return Backup(path, taken, found["reason"], int(found["n"] or 1))


def backups_of(db_path: Path | str) -> list[Backup]:
    """The backups of this database, oldest first."""
    db_path = Path(db_path).absolute()
    folder = folder_for(db_path)
    if not folder.is_dir():
        return []
    found = [_parse(p, db_path.stem) for p in folder.iterdir() if p.is_file()]
    return sorted((b for b in found if b), key=lambda b: (b.taken, b.number))


def newest(db_path: Path | str) -> Backup | None:
    """The most recent backup of this database, or None."""
    found = backups_of(db_path)
    return found[-1] if found else None


def _name_for(db_path: Path, taken: dt.datetime, reason: str, folder: Path) -> Path:
    base = f"{glob.escape(db_path.stem)}.{taken.strftime(_STAMP)}"
    number = 1
    # Numbered within the second whatever the reason, so the order of backups is known.
    while any(folder.glob(f"{base}{'' if number == 1 else f'-{number}'}.*{SUFFIX}")):
        number += 1
    suffix = "" if number == 1 else f"-{number}"
    return folder / f"{db_path.stem}.{taken.strftime(_STAMP)}{suffix}.{reason}{SUFFIX}"


def _connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    flags = "?mode=ro&immutable=1" if immutable else "?mode=ro"
    return sqlite3.connect(path.absolute().as_uri() + flags, uri=True)


def _check_copy(path: Path) -> None:
    """quick_check a finished copy; raise CorruptDatabase if it fails."""
    try:
        conn = _connect_read_only(path, immutable=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise cdb.CorruptDatabase(f"The backup copy {path.name} is damaged: {exc}.") from exc
    if rows != [("ok",)]:
        raise cdb.CorruptDatabase(f"The backup copy {path.name} is damaged: {rows[0][0]}.")


def write_copy(source: Path | str, dest: Path | str) -> Path:
    """A consistent, checked, durable copy of the database `source` at `dest` (mode 0600).

    SQLite's online backup API copies a snapshot while others keep writing; neither
    it nor VACUUM INTO fsyncs, so the copy goes to a temporary name, is synced,
    quick-checked, renamed, and the rename is synced. A failure leaves no `dest`.
    """
    source, dest = Path(source).absolute(), Path(dest).absolute()
    if dest.exists():
        raise cdb.DatabaseError(f"{dest} already exists.")
    partial = dest.with_name(f".{dest.name}.{os.getpid()}.partial")
    with contextlib.suppress(OSError):
        partial.unlink()
    try:
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        with cdb._read_only(source) as src:
            target = sqlite3.connect(partial)
            try:
                src.backup(target)
                # A standalone file: no -wal/-shm beside it whenever it is read later.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        _fsync_file(partial)
        _check_copy(partial)
        os.replace(partial, dest)
        _fsync_folder(dest.parent)
    except sqlite3.DatabaseError as exc:
        raise cdb.DatabaseError(f"Could not back up {source.name}: {exc}.") from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    return dest


def make_backup(
    db_path: Path | str, reason: str = "manual", *, now: dt.datetime | None = None
) -> Path:
    """Back up the database at `db_path` into `backups/` beside it; return the new file.

    Works while the database is open (also in this process). Raises DatabaseError
    (e.g. CorruptDatabase) when the source cannot be copied soundly; then nothing is
    left in the folder.
    """
    if reason not in REASONS:
        raise ValueError(f"Unknown backup reason {reason!r}.")
    db_path = Path(db_path).absolute()
    if not db_path.is_file():
        raise cdb.DatabaseError(f"{db_path} does not exist.")
    folder = _private_folder(folder_for(db_path))
    taken = (now or dt.datetime.now()).replace(microsecond=0)
    return write_copy(db_path, _name_for(db_path, taken, reason, folder))


# --- Rotation ------------------------------------------------------------------


def to_keep(taken: Iterable[dt.datetime], today: dt.date) -> set[dt.datetime]:
    """Which backup times rotation keeps: a pure rule, `today` passed in.

    Kept: every backup of today (and any dated after it: a clock set back must not
    cost backups); the newest of each of the last KEEP_DAILY days that have a
    backup, of the last KEEP_WEEKLY ISO weeks, and of the last KEEP_MONTHLY months.
    Buckets count days that have backups, so a long pause never deletes them all.
    """
    times = sorted(set(taken), reverse=True)
    kept = {t for t in times if t.date() >= today}
    buckets = (
        (KEEP_DAILY, lambda t: t.date()),
        (KEEP_WEEKLY, lambda t: t.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda t: (t.year, t.month)),
    )
    for count, bucket_of in buckets:
        seen: set[object] = set()
        for t in times:  # newest first: the first one met in a bucket is its newest
            bucket = bucket_of(t)
            if bucket in seen:
                continue
            if len(seen) == count:
                break
            seen.add(bucket)
            kept.add(t)
    return kept


def rotate(db_path: Path | str, today: dt.date) -> list[Path]:
    """Delete the backups rotation does not keep; return the deleted files."""
    found = backups_of(db_path)
    keep = to_keep((b.taken for b in found), today)
    removed = []
    for b in found:
        if b.taken not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink()
                removed.append(b.path)
    return removed


# --- Triggers ------------------------------------------------------------------


def backup_if_due(db_path: Path | str, *, now: dt.datetime | None = None) -> Path | None:
    """At start: back up when the newest backup is older than a day; then rotate."""
    now = now or dt.datetime.now()
    last = newest(db_path)
    if last is not None and now - last.taken < dt.timedelta(days=1):
        return None
    made = make_backup(db_path, "daily", now=now)
    rotate(db_path, now.date())
    return made


def backup_at_exit(
    db_path: Path | str, changed: bool, *, now: dt.datetime | None = None
) -> Path | None:
    """At exit after changes: back up and rotate (nothing when nothing changed)."""
    if not changed:
        return None
    now = now or dt.datetime.now()
    made = make_backup(db_path, "exit", now=now)
    rotate(db_path, now.date())
    return made


def backup_before(
    db_path: Path | str, reason: str, *, now: dt.datetime | None = None
) -> Path | None:
    """Before a migration, import or restore: back up an existing file (None if none yet)."""
    db_path = Path(db_path)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    return make_backup(db_path, reason, now=now)


# --- Listing -------------------------------------------------------------------


def _count(conn: sqlite3.Connection, model: type[m.BaseModel]) -> int:
    return conn.execute(f'SELECT count(*) FROM "{model._meta.table_name}"').fetchone()[0]


def describe(backup: Backup) -> BackupInfo:
    """Size and counts of goals and contacts, read on a read-only connection."""
    size = backup.path.stat().st_size
    try:
        conn = _connect_read_only(backup.path, immutable=True)
        try:
            goals, contacts = _count(conn, m.Goal), _count(conn, m.Contact)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        goals = contacts = None
    return BackupInfo(backup, size, goals, contacts)


def listing(db_path: Path | str) -> list[BackupInfo]:
    """Every backup of this database, newest first, with size and counts."""
    return [describe(b) for b in reversed(backups_of(db_path))]


def newest_good(db_path: Path | str) -> Backup | None:
    """The most recent backup that passes quick_check (offered when the file is damaged)."""
    for b in reversed(backups_of(db_path)):
        try:
            _check_copy(b.path)
        except cdb.DatabaseError:
            continue
        return b
    return None


# --- Restore -------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    """What a restore did: the file put back, and where the replaced one was kept."""

    restored_from: Path
    kept_current: Path | None


def keep_aside(db_path: Path | str, *, now: dt.datetime | None = None) -> Path:
    """Copy a damaged file byte for byte (and its -wal) into `backups/`, untouched."""
    db_path = Path(db_path).absolute()
    folder = _private_folder(folder_for(db_path))
    taken = (now or dt.datetime.now()).replace(microsecond=0)
    dest = folder / f"{db_path.stem}.{taken.strftime(_STAMP)}.damaged"
    number = 1
    while dest.exists():
        number += 1
        dest = folder / f"{db_path.stem}.{taken.strftime(_STAMP)}-{number}.damaged"
    for suffix in ("", "-wal"):
        side = Path(str(db_path) + suffix)
        if side.exists():
            shutil.copyfile(side, Path(str(dest) + suffix))
            os.chmod(Path(str(dest) + suffix), 0o600)
    _fsync_folder(folder)
    return dest


def restore(
    backup_path: Path | str, db_path: Path | str, *, now: dt.datetime | None = None
) -> Restored:
    """Put `backup_path` in place of the database at `db_path`, backing the current one up.

    The database must not be open (the caller closes it; the lock proves nobody
    else has it). The backup is checked before anything changes; the current
    file is backed up (or, if damaged, kept aside byte for byte); then the new
    file is written under a temporary name, synced and renamed over the old one.
    """
    backup_path, db_path = Path(backup_path).absolute(), Path(db_path).absolute()
    if not backup_path.is_file():
        raise cdb.DatabaseError(f"{backup_path} does not exist.")
    _check_copy(backup_path)
    cdb.inspect_file(backup_path)  # ours, and not from a newer CareerDesk
    lock = cdb.FileLock(db_path)
    lock.acquire()
    try:
        kept = None
        if db_path.exists():
            try:
                cdb.inspect_file(db_path)
                cdb.quick_check(db_path)
                _checkpoint(db_path)
                kept = make_backup(db_path, "restore", now=now)
            except cdb.DatabaseError:
                kept = keep_aside(db_path, now=now)
        # Now the current file is safe elsewhere, and its WAL (already folded in
        # or kept aside) must not be replayed onto the restored file.
        partial = db_path.with_name(f".{db_path.name}.{os.getpid()}.restoring")
        with contextlib.suppress(OSError):
            partial.unlink()
        try:
            write_copy(backup_path, partial)
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    Path(str(db_path) + suffix).unlink()
            os.replace(partial, db_path)
            _fsync_folder(db_path.parent)
        finally:
            with contextlib.suppress(OSError):
                partial.unlink()
    finally:
        lock.release()
    return Restored(backup_path, kept)


def _checkpoint(db_path: Path) -> None:
    """Fold the WAL into the file, so the file alone is the whole database."""
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def integrity_problems(path: Path | str, *, limit: int = 20) -> Sequence[str]:
    """SQLite's full integrity_check plus foreign keys, read-only; [] when sound."""
    path = Path(path).absolute()
    cdb.inspect_file(path)
    try:
        with cdb._read_only(path) as conn:
            rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
            dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    problems = [] if rows == ["ok"] else rows
    if dangling:
        problems.append(f"{len(dangling)} broken links between records")
    return problems
