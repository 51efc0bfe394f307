"""Why a write failed, in one sentence for the user: disk full, read-only file or folder…"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

# SQLite primary result codes (the low byte of an extended code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED = 3, 5, 6
SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 13, 14, 26

DISK_FULL = (
    "The disk is full: the change was not saved. Free some space and try again; "
    "everything saved before is safe."
)
READ_ONLY = (
    "The database file is read-only: the change was not saved. Everything saved before is safe."
)
FOLDER_READ_ONLY = (
    "The folder of the database cannot be written to: the change was not saved. "
    "Everything saved before is safe."
)
BUSY = "The database is busy in another program: the change was not saved; try again."
IO_ERROR = (
    "The disk reported an error while saving: the change was not saved. "
    "Everything saved before is safe."
)
DAMAGED = (
    "The database file is damaged: the change was not saved. "
    "Restore the newest good backup from File › Backups…."
)

# Messages of errors whose codes older Pythons do not carry (or Peewee drops).
_BY_MESSAGE = (
    ("database or disk is full", DISK_FULL),
    ("attempt to write a readonly database", READ_ONLY),
    ("readonly database", READ_ONLY),
    ("unable to open database file", FOLDER_READ_ONLY),
    ("database is locked", BUSY),
    ("disk i/o error", IO_ERROR),
    ("database disk image is malformed", DAMAGED),
    ("file is not a database", DAMAGED),
)
_BY_CODE = {
    SQLITE_FULL: DISK_FULL,
    SQLITE_READONLY: READ_ONLY,
    SQLITE_CANTOPEN: FOLDER_READ_ONLY,
    SQLITE_PERM: READ_ONLY,
    SQLITE_BUSY: BUSY,
    SQLITE_LOCKED: BUSY,
    SQLITE_IOERR: IO_ERROR,
    SQLITE_CORRUPT: DAMAGED,
    SQLITE_NOTADB: DAMAGED,
}
_BY_ERRNO = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
}
# Said by Peewee/SQLite when the real error already rolled the transaction back.
_ROLLBACK_LOST = "cannot rollback - no transaction is active"


def chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc`, then its __cause__ or __context__, and so on (each once)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _describe_one(exc: BaseException) -> str | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _BY_CODE:
        return _BY_CODE[code & 0xFF]
    if isinstance(exc, OSError) and exc.errno in _BY_ERRNO:
        return _BY_ERRNO[exc.errno]
    if isinstance(exc, sqlite3.Error) or type(exc).__module__.startswith("peewee"):
        text = str(exc).lower()
        for fragment, message in _BY_MESSAGE:
            if fragment in text:
                return message
    return None


def describe_write_error(exc: BaseException) -> str | None:
    """One sentence saying why a write failed, or None when it is not a storage problem.

    Walks the whole exception chain: when the disk fills inside a transaction,
    SQLite may roll back by itself and the error finally raised is "cannot
    rollback - no transaction is active", with the SQLITE_FULL behind it.
    """
    lost_rollback = False
    for link in chain(exc):
        found = _describe_one(link)
        if found:
            return found
        lost_rollback = lost_rollback or _ROLLBACK_LOST in str(link).lower()
    if lost_rollback:
        # SQLite only rolls back by itself on full disk, I/O error or out of memory.
        return DISK_FULL
    return None


def is_write_error(exc: BaseException) -> bool:
    """True when `exc` is a storage failure that describe_write_error can explain."""
    return describe_write_error(exc) is not None


def writable_problem(path: Path | str) -> str | None:
    """Before opening for writing: one sentence if the file or its folder is read-only.

    SQLite opens a read-only file without complaint and fails at the first write,
    and a read-only folder (no room for the -wal journal) fails reads as if the
    file were damaged; saying so up front leaves the file untouched.
    """
    path = Path(path).absolute()
    if path.exists() and not os.access(path, os.W_OK):
        return (
            f"{path} is read-only: CareerDesk needs to save into it. Change its permissions "
            "or copy it to a folder of yours; the file was not changed."
        )
    folder = path.parent
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"The folder {folder} cannot be written to: CareerDesk keeps a journal beside "
            "the database. Move the file to a folder of yours; the file was not changed."
        )
    return None
