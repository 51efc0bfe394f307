"""A canonical dump of a database file, to compare states across do, undo and redo."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def canonical_dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in id order, without updated_at (a redo may restamp it)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dump = {}
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        for (table,) in tables:
            columns = [
                c[1]
                for c in conn.execute(f'PRAGMA table_info("{table}")')  # noqa: S608
                if c[1] != "updated_at"
            ]
            cols = ", ".join(f'"{c}"' for c in columns)
            dump[table] = conn.execute(
                f'SELECT {cols} FROM "{table}" ORDER BY 1'  # noqa: S608
            ).fetchall()
        return dump
    finally:
        conn.close()
