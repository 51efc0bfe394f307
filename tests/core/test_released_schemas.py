"""Every database written by a released schema opens in this version with its data intact."""

from __future__ import annotations

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
