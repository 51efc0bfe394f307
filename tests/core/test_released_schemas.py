"""Every database written by a released schema opens in this version with its data intact."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from careerdesk.core import db as cdb
from careerdesk.core import models as m

DATA = Path(__file__).parent.parent / "data"
RELEASED = sorted(DATA.glob("schema-v*.careerdesk"))


def test_there_is_a_file_for_every_schema_version():
    versions = sorted(int(p.stem.removeprefix("schema-v")) for p in RELEASED)
    assert versions == list(range(1, cdb.SCHEMA_VERSION + 1))


@pytest.mark.parametrize("released", RELEASED, ids=lambda p: p.stem)
def test_released_file_opens_with_data_intact(tmp_path, released):
    path = tmp_path / released.name
    shutil.copy(released, path)
    conn = sqlite3.connect(path)
    before = {
        table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    titles = conn.execute("SELECT id, title, start_date, target_date FROM goal").fetchall()
    conn.close()
    with cdb.opened(path) as database:
        assert database.user_version == cdb.SCHEMA_VERSION
        for model in m.ALL_MODELS:
            table = model._meta.table_name
            if table in before:
                assert model.select().count() == before[table], table
        goals = [
            (g.id, g.title, g.start_date.isoformat(), g.target_date.isoformat())
            for g in m.Goal.select().order_by(m.Goal.id)
        ]
        assert goals == titles
        assert m.Profile.get().name == "Alex Morgan"


def _schema(path: Path) -> list[tuple[str, str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
        columns = [
            ("column", table, str(col), "")
            for (kind, table, *_rest) in rows
            if kind == "table"
            for col in conn.execute(f'PRAGMA table_info("{table}")')  # noqa: S608
        ]
    finally:
        conn.close()
    # ALTER TABLE ADD COLUMN keeps the table's original CREATE text plus the new
    # column; compare normalised whitespace so layout differences do not count.
    return sorted((t, n, tbl, " ".join((sql or "").split())) for t, n, tbl, sql in rows) + sorted(
        columns
    )


@pytest.mark.parametrize("released", RELEASED, ids=lambda p: p.stem)
def test_a_fresh_file_and_an_upgraded_one_have_the_same_schema(tmp_path, released):
    fresh = tmp_path / "fresh.db"
    with cdb.opened(fresh):
        pass
    upgraded = tmp_path / released.name
    shutil.copy(released, upgraded)
    with cdb.opened(upgraded):
        pass
    assert _schema(upgraded) == _schema(fresh)


def _dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: conn.execute(f'SELECT * FROM "{t}" ORDER BY id').fetchall()  # noqa: S608
            for t in tables
        }
    finally:
        conn.close()


def test_schema_1_upgrades_to_2_with_every_row_intact(tmp_path):
    path = tmp_path / "v1.careerdesk"
    shutil.copy(DATA / "schema-v1.careerdesk", path)
    before = _dump(path)
    with cdb.opened(path) as database:
        assert database.user_version >= 2
    after = _dump(path)
    assert set(after) == set(before)
    for table, rows in before.items():
        if table == "contact":
            # The new column comes last; every old value stays as it was.
            assert [row[: len(rows[0])] for row in after[table]] == rows
        else:
            assert after[table] == rows, table
    # A date newer than every interaction came from an imported file: it is kept there.
    conn = sqlite3.connect(path)
    kept = conn.execute(
        """SELECT count(*) FROM contact WHERE last_contacted IS NOT (SELECT max(d) FROM (
            SELECT imported_last_contacted AS d UNION ALL
            SELECT max(date) FROM interaction WHERE contact_id = contact.id))"""
    ).fetchone()[0]
    conn.close()
    assert kept == 0


def test_interactions_keep_last_contacted(database):
    from careerdesk.core import network_edits

    contact_id = network_edits.new_contact("Ada", "Lovelace", dt.date(2026, 1, 1)).value
    contact = m.Contact.get_by_id
    a = m.Interaction.create(contact=contact_id, date=dt.date(2026, 3, 1), kind="call")
    assert contact(contact_id).last_contacted == dt.date(2026, 3, 1)
    b = m.Interaction.create(contact=contact_id, date=dt.date(2026, 5, 1), kind="call")
    assert contact(contact_id).last_contacted == dt.date(2026, 5, 1)
    m.Interaction.update(date=dt.date(2026, 2, 1)).where(m.Interaction.id == b.id).execute()
    assert contact(contact_id).last_contacted == dt.date(2026, 3, 1)
    m.Contact.update(imported_last_contacted=dt.date(2026, 4, 1)).where(
        m.Contact.id == contact_id
    ).execute()
    assert contact(contact_id).last_contacted == dt.date(2026, 4, 1)
    m.Interaction.delete().where(m.Interaction.id.in_([a.id, b.id])).execute()
    assert contact(contact_id).last_contacted == dt.date(2026, 4, 1)
