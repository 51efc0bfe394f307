"""Export to vCard 3.0 and CSV, and the round trip back through our own import."""

import codecs
import csv
import datetime as dt

import pytest

from careerdesk.core import models as m
from careerdesk.core import network_edits
from careerdesk.core.changes import NOTHING
from careerdesk.core.db import bound_database, open_database
from careerdesk.io.contact_export import contact_records, export
from careerdesk.io.contact_import import apply, preview, read_file
from careerdesk.io.contact_record import ImportFileError
from careerdesk.io.csv_contacts import EXPORT_COLUMNS

TODAY = dt.date(2026, 11, 23)


def make_contacts():
    ada = m.Contact.create(
        first_name="Ada",
        last_name="Lovelace",
        company="Analytical Engines, Ltd.",
        position="=Head; of \\ Research",
        email="ada@example.com",
        phone="+44 20 7946 0000",
        linkedin_url="https://www.linkedin.com/in/ada",
        urls="https://ada.example\nhttps://blog.example/a,b",
        relationship="mentor",
        how_met="Introduced by Charles, at the Royal Society",
        notes="Line one\nLine two, with; punctuation\n\n  indented",
        connected_on=dt.date(2019, 3, 14),
        last_contacted=dt.date(2026, 10, 1),
        added_date=dt.date(2020, 1, 1),
    )
    network_edits.set_tags(ada.id, ["mentor", "math", "-dash"])
    network_edits.add_employment(ada.id, "Old Co; Ltd", "Dev, Ops", dt.date(2010, 1, 1), None)
    network_edits.add_employment(ada.id, "Older", "", None, dt.date(2009, 12, 31))
    m.Contact.create(first_name="Jürgen", last_name="Müller", email="@j", added_date=TODAY)
    m.Contact.create(first_name="", last_name="", email="only@example.com", added_date=TODAY)
    m.Contact.create(first_name="Gone", archived=True, added_date=TODAY)


def records_without_line():
    return [record for record, _uid in contact_records()]


def test_vcard_export_then_import_is_lossless(db_path, tmp_path):
    make_contacts()
    out = tmp_path / "contacts.vcf"
    assert export("vcard", out) == 3  # archived contacts are not exported
    exported = records_without_line()
    text = out.read_text("utf-8")
    assert text.count("BEGIN:VCARD") == 3 and "VERSION:3.0" in text
    bound_database().close_file()
    open_database(tmp_path / "fresh.db")
    plan = preview(read_file("vcard", out))
    assert [r.status for r in plan.rows] == ["new", "new", "new"]
    apply(plan, today=TODAY)
    assert records_without_line() == exported


def test_vcard_export_reimported_into_the_same_database_changes_nothing(db_path, tmp_path):
    make_contacts()
    out = tmp_path / "contacts.vcf"
    export("vcard", out)
    plan = preview(read_file("vcard", out))
    assert {r.status for r in plan.rows} == {"duplicate"}
    assert apply(plan, today=TODAY).changes == NOTHING


def test_csv_export_has_bom_header_and_formula_guard(db_path, tmp_path):
    make_contacts()
    out = tmp_path / "contacts.csv"
    assert export("csv", out) == 3
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines(keepends=True)))
    assert rows[0] == [header for header, _name in EXPORT_COLUMNS]
    ada = next(row for row in rows if row[0] == "Ada")
    assert ada[3] == "'=Head; of \\ Research"
    assert ada[5] == "'+44 20 7946 0000"
    assert ada[7] == "'-dash, math, mentor"  # the cell starts with "-"
    assert ada[8:] == [
        "mentor",
        "Introduced by Charles, at the Royal Society",
        "2019-03-14",  # LinkedIn's "connected on" travels too
        "2026-10-01",
    ]
    jurgen = next(row for row in rows if row[0] == "Jürgen")
    assert jurgen[4] == "'@j"


def test_csv_export_then_import_is_lossless_for_its_columns(db_path, tmp_path):
    make_contacts()
    out = tmp_path / "contacts.csv"
    export("csv", out)
    names = [name for _header, name in EXPORT_COLUMNS]
    exported = [{n: getattr(r, n) for n in names} for r in records_without_line()]
    bound_database().close_file()
    open_database(tmp_path / "fresh.db")
    apply(preview(read_file("csv", out)), today=TODAY)
    assert [{n: getattr(r, n) for n in names} for r in records_without_line()] == exported
    plan = preview(read_file("csv", out))
    assert {r.status for r in plan.rows} == {"duplicate"}


def test_export_errors_are_clear_and_leave_no_partial_file(db_path, tmp_path):
    with pytest.raises(ImportFileError, match="Unknown export kind"):
        export("pdf", tmp_path / "x.pdf")
    with pytest.raises(ImportFileError, match="Cannot write"):
        export("csv", tmp_path / "missing-folder" / "x.csv")
    assert list(tmp_path.glob(".*")) == []


def test_export_of_an_empty_database_writes_the_header_only(db_path, tmp_path):
    out = tmp_path / "none.csv"
    assert export("csv", out) == 0
    assert out.read_text("utf-8-sig").startswith("First name,Last name")
