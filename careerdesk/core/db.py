"""The one place that opens a CareerDesk database: checks, lock, pragmas, migrations, backups."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import struct
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from careerdesk.core import models, write_errors
from careerdesk.core.schema import (  # noqa: F401 - the schema steps belong with the opener
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
)

# "CDSK": written into the SQLite header so we recognise our own files.
APPLICATION_ID = 0x4344534B
SQLITE_MAGIC = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    # Durable after power loss; a desktop app commits rarely.
    "synchronous": 2,
}


class DatabaseError(Exception):
    """A database file that cannot be used; the message is meant for the user."""


class NotCareerDeskFile(DatabaseError):
    """Empty, not SQLite, or another program's SQLite file."""


class NewerSchema(DatabaseError):
    """Written by a later CareerDesk than this one."""


class CorruptDatabase(DatabaseError):
    """Truncated or failing SQLite's own checks."""


class ReadOnlyDatabase(DatabaseError):
    """The file or its folder cannot be written to."""


class DatabaseInUse(DatabaseError):
    """Another CareerDesk process has the file open."""


@dataclass(frozen=True)
class FileInfo:
    """What the header of a database file says, read without opening it for writing."""

    path: Path
    exists: bool
    schema_version: int = 0


def inspect_file(path: Path, *, latest: int = SCHEMA_VERSION) -> FileInfo:
    """Check that `path` is missing or a CareerDesk database we can open; reads only.

    Raises a DatabaseError with a one-line reason otherwise.
    """
    path = Path(path)
    if not path.exists():
        return FileInfo(path, exists=False)
    if path.is_dir():
        raise NotCareerDeskFile(f"{path} is a folder, not a CareerDesk database.")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise DatabaseError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if size == 0:
        raise NotCareerDeskFile(f"{path} is an empty file, not a CareerDesk database.")
    if not header.startswith(SQLITE_MAGIC):
        raise NotCareerDeskFile(f"{path} is not a CareerDesk database.")
    if len(header) < 100:
        raise CorruptDatabase(f"{path} is damaged (truncated header).")
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    (user_version,) = struct.unpack(">i", header[60:64])
    (application_id,) = struct.unpack(">I", header[68:72])
    (valid_for,) = struct.unpack(">I", header[92:96])
    wal = Path(str(path) + "-wal")
    in_wal = wal.exists() and wal.stat().st_size > 0
    if in_wal:
        # Open elsewhere or not checkpointed after a crash: the newest header is in the WAL.
        user_version, application_id = _pragmas_read_only(path)
    if application_id != APPLICATION_ID:
        raise NotCareerDeskFile(f"{path} is an SQLite database, but not one of CareerDesk.")
    # A checkpoint writes page 1 (the header) before the pages after it: killed
    # half-way, the file is shorter than its header says while the WAL still holds
    # every page. Only without a WAL is a short file a truncated copy.
    if not in_wal and valid_for == change_counter and size < page_count * page_size:
        raise CorruptDatabase(
            f"{path} is damaged: it is shorter than its header says (truncated copy?)."
        )
    if user_version > latest:
        raise NewerSchema(
            f"{path} was written by a newer CareerDesk (schema {user_version}; this version "
            f"reads up to {latest}). Please update CareerDesk."
        )
    return FileInfo(path, exists=True, schema_version=user_version)


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection that leaves no -wal/-shm files behind it."""
    side_files = [Path(str(path) + suffix) for suffix in ("-wal", "-shm")]
    existed = [f.exists() for f in side_files]
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()
        wal = side_files[0]
        if not existed[0] and wal.exists() and wal.stat().st_size == 0:
            for side_file, was_there in zip(side_files, existed, strict=True):
                if not was_there:
                    with contextlib.suppress(OSError):
                        side_file.unlink()


def _pragmas_read_only(path: Path) -> tuple[int, int]:
    try:
        with _read_only(path) as conn:
            (user_version,) = conn.execute("PRAGMA user_version").fetchone()
            (application_id,) = conn.execute("PRAGMA application_id").fetchone()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(f"{path} is damaged: {exc}.") from exc
    return user_version, application_id & 0xFFFFFFFF


def quick_check(path: Path) -> None:
    """Run SQLite's quick_check on a read-only connection; raise CorruptDatabase if it fails."""
    try:
        with _read_only(path) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(f"{path} is damaged: {exc}.") from exc
    if rows != [("ok",)]:
        raise CorruptDatabase(f"{path} is damaged: {rows[0][0]}.")


class FileLock:
    """An OS lock on FILE.lock beside the database; the OS drops it if the process dies.

    The lock is on byte 0; the holder's process id is written at PID_OFFSET,
    outside the locked byte, so another process can read it on Windows too.
    """

    PID_OFFSET = 16

    def __init__(self, path: Path) -> None:
        self.path = Path(str(path) + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        for _attempt in range(3):
            fd = self._open()
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                _lock_fd(fd)
            except OSError:
                holder = self._holder(fd)
                os.close(fd)
                who = f" (process {holder})" if holder else ""
                raise DatabaseInUse(
                    f"{self.path.with_suffix('')} is already open in another CareerDesk "
                    f"window{who}."
                ) from None
            # The file we locked may have been replaced meanwhile: lock the one on disk.
            if self._same_file(fd):
                os.ftruncate(fd, self.PID_OFFSET)
                os.lseek(fd, self.PID_OFFSET, os.SEEK_SET)
                os.write(fd, str(os.getpid()).encode())
                self._fd = fd
                return
            os.close(fd)
        raise DatabaseInUse(f"{self.path.with_suffix('')} is being opened by another process.")

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise DatabaseError(
                f"Cannot create {self.path.name} beside the database ({exc.strerror}); "
                "is the folder writable?"
            ) from exc

    def _holder(self, fd: int) -> str:
        try:
            os.lseek(fd, self.PID_OFFSET, os.SEEK_SET)
            return os.read(fd, 32).decode("ascii", "replace").strip("\x00 \n")
        except OSError:
            return ""

    def _same_file(self, fd: int) -> bool:
        try:
            return os.fstat(fd).st_ino == os.stat(self.path).st_ino
        except OSError:
            return False

    def release(self) -> None:
        """Drop the lock; the file stays, so nobody can lock a file about to vanish."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # closing drops the lock


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_fd(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


class DatabaseClosed(DatabaseError):
    """A write through a database object whose file was closed (a window being replaced)."""


class Database(pw.SqliteDatabase):
    """One open CareerDesk file: its connection, path, lock and schema version.

    The window's context owns it. The models are bound to it while it is open
    (through `models.database_proxy`) and unbound when it closes, so nothing
    can write through a stale binding: `atomic()` on a closed or replaced
    database raises DatabaseClosed instead of writing into another file.
    """

    def __init__(self, path: Path, lock: FileLock) -> None:
        super().__init__(str(path), pragmas=PRAGMAS)
        self.path = path
        self.lock = lock
        self.is_open = False

    @property
    def schema_version(self) -> int:
        return self.user_version

    def is_bound(self) -> bool:
        """True while the models read and write this file."""
        return self.is_open and models.database_proxy.obj is self

    def check_bound(self) -> None:
        if not self.is_bound():
            raise DatabaseClosed(f"{self.path.name} is no longer open; the change was not saved.")

    def atomic(self, *args: object, **kwargs: object) -> pw._atomic:
        """A transaction on this file (nested calls become savepoints)."""
        self.check_bound()
        return super().atomic(*args, **kwargs)

    def save_copy(self, dest: Path | str) -> Path:
        """File > Save a Copy: a consistent snapshot of this database (replacing `dest`)."""
        self.check_bound()
        dest = Path(dest).absolute()
        if dest == self.path:
            raise DatabaseError("Choose another file than the one that is open.")
        from careerdesk.core.backups import write_copy  # (it builds on this module)

        partial = dest.with_name(f".{dest.name}.{os.getpid()}.copy")
        with contextlib.suppress(OSError):
            partial.unlink()
        try:
            # Checked and fsynced; renamed over `dest` only once whole.
            write_copy(self.path, partial)
            os.replace(partial, dest)
        finally:
            with contextlib.suppress(OSError):
                partial.unlink()
        return dest

    def close_file(self) -> None:
        """Close the file for good: checkpoint the WAL, unbind the models, drop the lock."""
        if not self.is_open:
            return
        self.is_open = False
        try:
            if not self.is_closed():
                self.close()
        finally:
            if models.database_proxy.obj is self:
                models.database_proxy.initialize(None)
            self.lock.release()

    def __repr__(self) -> str:
        return f"<Database {self.path} {'open' if self.is_open else 'closed'}>"


def bound_database() -> Database | None:
    """The database the models are bound to now (for checks and tests), or None."""
    obj = models.database_proxy.obj
    return obj if isinstance(obj, Database) and obj.is_open else None


def check_openable(path: Path | str) -> FileInfo:
    """Everything open_database checks before it writes, read-only (before a file switch)."""
    info = inspect_file(Path(path).absolute())
    if info.exists:
        quick_check(info.path)
    return info


def open_database(
    path: Path | str,
    *,
    create: bool = True,
    migrations: Sequence[Migration] = MIGRATIONS,
    backup_dir: Path | None = None,
) -> Database:
    """Open (creating if allowed) the database at `path` and bind every model to it.

    The file is checked read-only first; a foreign, empty, damaged or newer
    file raises DatabaseError and is left byte-for-byte unchanged. One file at
    a time per process: the database open before must be closed first
    (`Database.close_file`), so a window switching files finishes with its
    own file before the next one is opened.
    """
    path = Path(path).absolute()
    latest = migrations[-1].version
    inspect_file(path, latest=latest)  # refuse foreign files before leaving a lock file
    # a read-only file or folder is said so, not reported as damaged later.
    read_only = write_errors.writable_problem(path)
    if read_only:
        raise ReadOnlyDatabase(read_only)
    open_now = bound_database()
    if open_now is not None:
        raise RuntimeError(f"{open_now.path} is still open; close it before opening {path}.")
    if not path.exists() and not create:
        raise DatabaseError(f"{path} does not exist.")
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    lock = FileLock(path)
    lock.acquire()  # before reading again: another process may be writing the file
    try:
        info = inspect_file(path, latest=latest)
        if info.exists:
            quick_check(path)
    except BaseException:
        lock.release()
        raise
    database = Database(path, lock)
    try:
        if not info.exists:
            _create_private_file(path)
        database.connect()
        database.is_open = True
        models.database_proxy.initialize(database)
        migrate(database, path, migrations, backup_dir=backup_dir)
    except BaseException:
        database.close_file()
        if not info.exists:  # leave nothing behind when creation failed
            for suffix in ("", "-wal", "-shm", ".lock"):
                with contextlib.suppress(OSError):
                    Path(str(path) + suffix).unlink()
        raise
    return database


def _create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only (SQLite would make it 0644)."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def migrate(
    db: pw.SqliteDatabase,
    path: Path,
    migrations: Sequence[Migration] = MIGRATIONS,
    *,
    backup_dir: Path | None = None,
) -> int:
    """Bring the schema up to the last of `migrations`; return the version reached.

    Each step runs in one transaction with its user_version bump; an existing
    file is copied to a backup before its first step.
    """
    version = db.user_version
    pending = [m for m in migrations if m.version > version]
    backup = None
    if pending and version > 0:
        if backup_dir is None:
            # a checked copy in backups/ beside the file, kept by rotation;
            # late import: core.backups builds on this module.
            from careerdesk.core import backups

            backup = backups.make_backup(path, "migration")
        else:
            backup = backup_copy(db, backup_path(path, version, backup_dir))
    from playhouse.migrate import SqliteMigrator

    migrator = SqliteMigrator(db)
    for step in pending:
        try:
            with migrator.migration_context():
                step.apply(db, migrator)
                if step.version == 1:
                    db.application_id = APPLICATION_ID
                db.user_version = step.version
                broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
                if broken:  # raising here rolls the step back
                    raise CorruptDatabase(f"{len(broken)} records would lose their links")
        except Exception as exc:
            kept = f"; a copy from before is at {backup}" if backup else ""
            raise DatabaseError(
                f"Upgrading {path.name} to schema {step.version} ({step.description}) failed: "
                f"{exc}. The file was left at schema {db.user_version}{kept}."
            ) from exc
    return db.user_version


def backup_path(path: Path, version: int, backup_dir: Path | None = None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = backup_dir or path.parent
    candidate = folder / f"{path.stem}.schema{version}-{stamp}.backup{path.suffix or '.db'}"
    number = 1
    while candidate.exists():  # two upgrades within one second
        number += 1
        candidate = candidate.with_name(
            f"{path.stem}.schema{version}-{stamp}-{number}.backup{path.suffix or '.db'}"
        )
    return candidate


def backup_copy(db: pw.SqliteDatabase, dest: Path) -> Path:
    """Write a consistent copy of the open database to `dest` (mode 0600)."""
    dest = Path(dest)
    if dest.exists():
        raise DatabaseError(f"{dest} already exists.")
    _create_private_file(dest)
    target = sqlite3.connect(str(dest))
    try:
        db.connection().backup(target)
    finally:
        target.close()
    return dest


@dataclass(frozen=True)
class CheckReport:
    path: Path
    schema_version: int
    latest_version: int


def check_database(path: Path | str) -> CheckReport:
    """Integrity check without writing: header, quick_check and foreign keys."""
    path = Path(path)
    info = inspect_file(path)
    if not info.exists:
        raise DatabaseError(f"{path} does not exist.")
    quick_check(path)
    with _read_only(path) as conn:
        dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
    if dangling:
        raise CorruptDatabase(f"{path} has {len(dangling)} broken links between records.")
    return CheckReport(path, info.schema_version, SCHEMA_VERSION)


@contextlib.contextmanager
def opened(path: Path | str, **kwargs: object) -> Iterator[Database]:
    """Open a database for the length of a block (CLI commands, tests)."""
    database = open_database(path, **kwargs)
    try:
        yield database
    finally:
        database.close_file()
