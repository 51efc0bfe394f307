"""The one place that opens a CareerDesk database: checks, lock, pragmas, migrations, backups."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import peewee as pw
from playhouse.migrate import SqliteMigrator

from careerdesk.core import models, write_errors

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
class Migration:
    """One ordered schema step: `apply` runs inside a transaction with foreign keys off."""

    version: int
    description: str
    apply: Callable[[pw.SqliteDatabase, SqliteMigrator], None]


def _create_schema_v1(db: pw.SqliteDatabase, migrator: SqliteMigrator) -> None:
    db.create_tables(models.ALL_MODELS)
    # contact.tag_text (what the contact filter searches for tags) is kept here,
    # in the one place every path that tags, untags or renames goes through:
    # edits, imports, undo, the demo and foreign-key cascades alike.
    tag_text_of = """coalesce((SELECT group_concat(name, ' ') FROM (
        SELECT tag.name FROM contact_tag JOIN tag ON tag.id = contact_tag.tag_id
        WHERE contact_tag.contact_id = contact.id ORDER BY tag.name)), '')"""
    for sql in (
        f"""CREATE TRIGGER contact_tag_added AFTER INSERT ON contact_tag BEGIN
            UPDATE contact SET tag_text = {tag_text_of} WHERE id = NEW.contact_id; END""",
        f"""CREATE TRIGGER contact_tag_removed AFTER DELETE ON contact_tag BEGIN
            UPDATE contact SET tag_text = {tag_text_of} WHERE id = OLD.contact_id; END""",
        f"""CREATE TRIGGER tag_renamed AFTER UPDATE OF name ON tag
            WHEN NEW.name IS NOT OLD.name BEGIN
            UPDATE contact SET tag_text = {tag_text_of} WHERE id IN
                (SELECT contact_id FROM contact_tag WHERE tag_id = NEW.id); END""",
    ):
        db.execute_sql(sql)


MIGRATIONS: tuple[Migration, ...] = (Migration(1, "initial schema", _create_schema_v1),)
SCHEMA_VERSION = MIGRATIONS[-1].version


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
    if wal.exists() and wal.stat().st_size > 0:
        # Open elsewhere or not checkpointed after a crash: the newest header is in the WAL.
        user_version, application_id = _pragmas_read_only(path)
    if application_id != APPLICATION_ID:
        raise NotCareerDeskFile(f"{path} is an SQLite database, but not one of CareerDesk.")
    if valid_for == change_counter and size < page_count * page_size:
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


class _OpenDatabase:
    def __init__(self, path: Path, db: pw.SqliteDatabase, lock: FileLock) -> None:
        self.path, self.db, self.lock = path, db, lock


_current: _OpenDatabase | None = None


def current_path() -> Path | None:
    """The file that is open now, or None."""
    return _current.path if _current else None


def open_database(
    path: Path | str,
    *,
    create: bool = True,
    migrations: Sequence[Migration] = MIGRATIONS,
    backup_dir: Path | None = None,
) -> pw.SqliteDatabase:
    """Open (creating if allowed) the database at `path` and bind every model to it.

    The file is checked read-only first; a foreign, empty, damaged or newer
    file raises DatabaseError and is left byte-for-byte unchanged, and the
    database open before stays open. Once the new file passes, the old one
    is closed.
    """
    global _current
    path = Path(path).absolute()
    if _current and _current.path == path:
        return _current.db
    latest = migrations[-1].version
    inspect_file(path, latest=latest)  # refuse foreign files before leaving a lock file
    # (safety) a read-only file or folder is said so, not reported as damaged later.
    read_only = write_errors.writable_problem(path)
    if read_only:
        raise ReadOnlyDatabase(read_only)
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
    close_database()
    try:
        if not info.exists:
            _create_private_file(path)
        db = pw.SqliteDatabase(str(path), pragmas=PRAGMAS)
        db.connect()
        models.database_proxy.initialize(db)
        migrate(db, path, migrations, backup_dir=backup_dir)
    except BaseException:
        if not models.database_proxy.is_closed():
            models.database_proxy.close()
        models.database_proxy.initialize(None)
        lock.release()
        if not info.exists:  # leave nothing behind when creation failed
            for suffix in ("", "-wal", "-shm", ".lock"):
                with contextlib.suppress(OSError):
                    Path(str(path) + suffix).unlink()
        raise
    _current = _OpenDatabase(path, db, lock)
    return db


def close_database() -> None:
    """Close the open database (checkpointing its WAL) and release its lock."""
    global _current
    if _current is None:
        return
    opened, _current = _current, None
    try:
        if not opened.db.is_closed():
            opened.db.close()
    finally:
        models.database_proxy.initialize(None)
        opened.lock.release()


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
        backup = backup_copy(db, backup_path(path, version, backup_dir))
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


def save_copy(dest: Path | str) -> Path:
    """File > Save a Copy: a consistent snapshot of the open database (replacing `dest`)."""
    if _current is None:
        raise DatabaseError("No database is open.")
    dest = Path(dest).absolute()
    if dest == _current.path:
        raise DatabaseError("Choose another file than the one that is open.")
    partial = dest.with_name(f".{dest.name}.{os.getpid()}.partial")
    with contextlib.suppress(OSError):
        partial.unlink()
    try:
        backup_copy(_current.db, partial)
        os.replace(partial, dest)  # a half-written copy never takes the name
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    return dest


@dataclass(frozen=True)
class CheckReport:
    path: Path
    schema_version: int
    latest_version: int
    ok: bool


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
    return CheckReport(path, info.schema_version, SCHEMA_VERSION, ok=True)


@contextlib.contextmanager
def opened(path: Path | str, **kwargs: object) -> Iterator[pw.SqliteDatabase]:
    """Open a database for the length of a block (CLI commands, tests)."""
    db = open_database(path, **kwargs)
    try:
        yield db
    finally:
        close_database()


def atomic() -> pw._transaction:
    """A transaction on the open database (nested calls become savepoints)."""
    return models.database_proxy.atomic()
