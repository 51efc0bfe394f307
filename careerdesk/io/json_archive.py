"""The whole database as one JSON file and back: every table, exactly (docs/json-format.md)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee as pw

from careerdesk import __version__
from careerdesk.core import db as cdb
from careerdesk.core import models as m

FORMAT = "careerdesk-archive"
FORMAT_VERSION = 1
MAX_BYTES = 512 * 1024 * 1024  # far above any real plan; refuses a wrong file early
_CHUNK = 500


class ArchiveError(ValueError):
    """A JSON file that cannot be imported, or a file it cannot go into; one sentence."""


@dataclass(frozen=True)
class ArchiveSummary:
    """How many rows of each table went out or came in."""

    rows: Mapping[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def __str__(self) -> str:
        shown = ", ".join(f"{n} {t}" for t, n in self.rows.items() if n)
        return f"{self.total} records ({shown})" if shown else "0 records"


def _columns(database: pw.Database, table: str) -> list[str]:
    return [row[1] for row in database.execute_sql(f'PRAGMA table_info("{table}")')]


def _plain(value: object, table: str, column: str) -> object:
    if isinstance(value, bytes | bytearray | memoryview):
        # No model stores bytes; meeting some means a file we do not understand.
        raise ArchiveError(
            f"{table}.{column} holds binary data, which JSON export does not carry."
        )
    return value


def dump(database: pw.Database) -> dict[str, Any]:
    """The archive as a dict: the raw stored values of every table, in id order."""
    tables: dict[str, Any] = {}
    with database.atomic():  # one snapshot, even while others write
        for model in m.ALL_MODELS:
            table = model._meta.table_name
            columns = _columns(database, table)
            names = ", ".join(f'"{c}"' for c in columns)
            rows = database.execute_sql(f'SELECT {names} FROM "{table}" ORDER BY rowid')
            tables[table] = {
                "columns": columns,
                "rows": [
                    [_plain(v, table, c) for v, c in zip(r, columns, strict=True)] for r in rows
                ],
            }
        schema = database.execute_sql("PRAGMA user_version").fetchone()[0]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": schema,
        "written_by": f"CareerDesk {__version__}",
        "exported_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "tables": tables,
    }


def export_archive(database: pw.Database, out: Path | str) -> ArchiveSummary:
    """Write the archive of `database` to `out` (0600) through a temporary file and rename."""
    out = Path(out).absolute()
    archive = dump(database)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            _write(archive, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, out)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    return ArchiveSummary({t: len(v["rows"]) for t, v in archive["tables"].items()})


def _write(archive: Mapping[str, Any], fh: Any) -> None:
    """Plain JSON laid out for people: one line per row, so a diff shows what changed."""

    def enc(value: object) -> str:
        # allow_nan: a stored NaN or infinity comes back as itself.
        return json.dumps(value, ensure_ascii=False, allow_nan=True)

    fh.write("{\n")
    for key, value in archive.items():
        if key != "tables":
            fh.write(f" {enc(key)}: {enc(value)},\n")
    fh.write(' "tables": {')
    for number, (table, part) in enumerate(archive["tables"].items()):
        fh.write("," if number else "")
        fh.write(f'\n  {enc(table)}: {{\n   "columns": {enc(part["columns"])},\n   "rows": [')
        fh.write(",".join(f"\n    {enc(row)}" for row in part["rows"]))
        fh.write("\n   ]\n  }" if part["rows"] else "]\n  }")
    fh.write("\n }\n}\n")


def read_archive(src: Path | str) -> dict[str, Any]:
    """Read and check an archive file; raise ArchiveError with one sentence if it is not one."""
    src = Path(src)
    try:
        size = src.stat().st_size
        if size > MAX_BYTES:
            raise ArchiveError(
                f"{src.name} is {size // (1024 * 1024)} MB, more than the "
                f"{MAX_BYTES // (1024 * 1024)} MB a CareerDesk archive can be."
            )
        archive = json.loads(src.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise ArchiveError(f"Cannot read {src}: {exc.strerror or exc}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArchiveError(f"{src.name} is not a CareerDesk JSON archive ({exc}).") from None
    if not isinstance(archive, dict) or archive.get("format") != FORMAT:
        raise ArchiveError(f"{src.name} is not a CareerDesk JSON archive.")
    if archive.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(
            f"{src.name} is archive format {archive.get('format_version')!r}; this CareerDesk "
            f"reads format {FORMAT_VERSION}."
        )
    schema = archive.get("schema_version")
    if not isinstance(schema, int) or schema < 1:
        raise ArchiveError(f"{src.name} does not say which schema it was written with.")
    if schema > cdb.SCHEMA_VERSION:
        raise ArchiveError(
            f"{src.name} was written by a newer CareerDesk (schema {schema}; this version "
            f"reads up to {cdb.SCHEMA_VERSION}). Please update CareerDesk."
        )
    if not isinstance(archive.get("tables"), dict):
        raise ArchiveError(f"{src.name} is not a CareerDesk JSON archive (no tables).")
    return archive


def is_empty(database: pw.Database) -> bool:
    """True when no table of the plan holds a row."""
    return all(
        database.execute_sql(f'SELECT 1 FROM "{model._meta.table_name}" LIMIT 1').fetchone()
        is None
        for model in m.ALL_MODELS
    )


def load(
    database: pw.Database, archive: Mapping[str, Any], *, name: str = "archive"
) -> ArchiveSummary:
    """Insert every row of a checked archive into the empty `database`, in ONE transaction."""
    if not is_empty(database):
        raise ArchiveError(
            "This database already holds a plan; "
            "a JSON archive is imported into a new, empty file."
        )
    known = {model._meta.table_name for model in m.ALL_MODELS}
    tables = archive["tables"]
    unknown = sorted(set(tables) - known)
    if unknown:
        raise ArchiveError(
            f"{name} has tables this CareerDesk does not know: {', '.join(unknown)}."
        )
    counts: dict[str, int] = {}
    with database.atomic():
        # Links may point forward (a goal's parent, a step it depends on): checked at commit.
        database.execute_sql("PRAGMA defer_foreign_keys = ON")
        for model in m.ALL_MODELS:  # parents before children
            table = model._meta.table_name
            part = tables.get(table, {"columns": [], "rows": []})
            columns, rows = part.get("columns"), part.get("rows")
            if not isinstance(columns, list) or not isinstance(rows, list):
                raise ArchiveError(f"{name}: table {table} is not columns and rows.")
            extra = sorted(set(columns) - set(_columns(database, table)))
            if extra:
                raise ArchiveError(f"{name}: {table} has unknown columns {', '.join(extra)}.")
            _insert(database, table, columns, rows, name)
            counts[table] = len(rows)
        broken = database.execute_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ArchiveError(f"{name} has {len(broken)} links to records it does not hold.")
    return ArchiveSummary(counts)


def _insert(database: pw.Database, table: str, columns: list, rows: list, name: str) -> None:
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
    cursor = database.cursor()
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        for row in chunk:
            if not isinstance(row, list) or len(row) != len(columns):
                raise ArchiveError(f"{name}: a row of {table} does not match its columns.")
            if any(isinstance(v, dict | list) for v in row):
                raise ArchiveError(f"{name}: a row of {table} holds a nested value.")
        try:
            cursor.executemany(sql, chunk)
        except Exception as exc:  # noqa: BLE001 - a constraint of the schema said no
            if "constraint" in str(exc).lower() or "mismatch" in str(exc).lower():
                raise ArchiveError(f"{name}: a row of {table} was refused ({exc}).") from exc
            raise


def import_archive(database: pw.Database, src: Path | str) -> ArchiveSummary:
    """Read the archive at `src` and load it into the empty `database`."""
    archive = read_archive(src)
    return load(database, archive, name=Path(src).name)
