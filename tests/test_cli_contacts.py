"""`careerdesk import` and `careerdesk export` for contacts, from the command line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from careerdesk import cli

FIXTURES = Path(__file__).parent / "io" / "fixtures"


def contacts(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT first_name, last_name, company, email FROM contact ORDER BY id"
    ).fetchall()
    conn.close()
    return rows


def test_import_creates_the_database_and_a_second_import_changes_nothing(tmp_path, capsys):
    db = tmp_path / "new.db"
    source = FIXTURES / "linkedin_connections.csv"
    assert cli.run(["import", "linkedin", str(source), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert " new" in out and "linkedin_connections.csv" in out
    first = contacts(db)
    assert len(first) >= 3
    assert cli.run(["import", "linkedin", str(source), "--db", str(db)]) == 0
    assert "0 new" in capsys.readouterr().out
    assert contacts(db) == first


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01\x02binary\xff\xfe" * 50,
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    ],
    ids=["binary", "header-only"],
)
def test_unreadable_file_exits_2_and_writes_nothing(tmp_path, capsys, content):
    db = tmp_path / "mine.db"
    assert (
        cli.run(
            ["import", "linkedin", str(FIXTURES / "linkedin_connections.csv"), "--db", str(db)]
        )
        == 0
    )
    before = contacts(db)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    capsys.readouterr()
    assert cli.run(["import", "linkedin", str(bad), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("careerdesk: ") and len(err.strip().splitlines()) == 1
    assert contacts(db) == before


def test_unreadable_file_does_not_create_the_database(tmp_path):
    bad = tmp_path / "bad.vcf"
    bad.write_bytes(b"\xff\xd8\xff\xe0 a JPEG, not a vCard")
    assert cli.run(["import", "vcard", str(bad), "--db", str(tmp_path / "none.db")]) == 2
    assert not (tmp_path / "none.db").exists()


def test_export_then_import_round_trips(tmp_path, capsys):
    db = tmp_path / "a.db"
    cli.run(["import", "vcard", str(FIXTURES / "google_30.vcf"), "--db", str(db)])
    for kind in ("csv", "vcard"):
        out = tmp_path / f"out.{kind}"
        assert cli.run(["export", kind, str(out), "--db", str(db)]) == 0
        assert f"Exported {len(contacts(db))} contacts" in capsys.readouterr().out
        copy = tmp_path / f"copy-{kind}.db"
        assert cli.run(["import", kind, str(out), "--db", str(copy)]) == 0
        assert sorted(contacts(copy)) == sorted(contacts(db))


def test_csv_import_with_a_column_map(tmp_path, capsys):
    source = tmp_path / "people.csv"
    source.write_text(
        "Vorname,Nachname,Firma\nAda,Lovelace,Analytical Engines\n", encoding="utf-8"
    )
    db = tmp_path / "m.db"
    args = ["import", "csv", str(source), "--db", str(db)]
    assert cli.run([*args, "--map", "Vorname=first_name,Nachname=last_name,Firma=company"]) == 0
    assert contacts(db) == [("Ada", "Lovelace", "Analytical Engines", "")]


def test_export_of_a_missing_database_exits_2(tmp_path, capsys):
    assert (
        cli.run(["export", "csv", str(tmp_path / "o.csv"), "--db", str(tmp_path / "no.db")]) == 2
    )
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "no.db").exists()
