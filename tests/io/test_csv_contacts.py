"""CSV contacts: encodings, delimiters, column mapping, formula-injection quoting, our export."""

import datetime as dt
import io
from pathlib import Path

import pytest

from careerdesk.io.contact_record import ContactRecord, ImportFileError
from careerdesk.io.csv_contacts import (
    EXPORT_COLUMNS,
    automatic_mapping,
    csv_headers,
    parse_csv,
    parse_mapping,
    quote_cell,
    unquote_cell,
    write_csv,
)

FIXTURES = Path(__file__).parent / "fixtures"


def parse(name, mapping=None):
    return parse_csv((FIXTURES / name).read_bytes(), mapping)


def test_google_csv_in_utf8_without_bom():
    priya, ana = parse("contacts_utf8.csv").records
    assert (priya.first_name, priya.last_name, priya.email) == (
        "Priya",
        "Raman",
        "priya.raman@example.in",
    )
    assert priya.company == "Infinite Loop Consulting, Pvt. Ltd."
    assert priya.tags == ["Recruiters"]  # "* myContacts ::: Recruiters"
    assert priya.notes == "Met at PyCon\nIndia"
    assert (ana.first_name, ana.last_name, ana.line) == ("Ana", "Souza", 4)  # split from "Name"


def test_outlook_csv_in_utf8_with_bom():
    elodie, orjan = parse("contacts_utf8_bom.csv").records
    assert elodie.first_name == "Élodie"  # the BOM is not part of the first header
    assert elodie.tags == ["Finance", "Paris"]
    assert orjan.notes == 'Says "hei"'


def test_excel_unicode_text_utf16_tab_separated():
    sofia, li = parse("contacts_utf16.csv").records
    assert sofia.full_name == "Σοφία Παπαδοπούλου"
    assert li.company == "华为"


def test_excel_windows_1252_with_semicolons_and_german_headers():
    jurgen, francois = parse("contacts_cp1252.csv").records
    assert jurgen.last_name == "Größe"
    assert jurgen.email == "jg@example.de"
    assert francois.company == "Café Crème"


def test_headers_and_automatic_mapping_include_our_own_export():
    headers = csv_headers((FIXTURES / "contacts_cp1252.csv").read_bytes())
    assert headers == ["Vorname", "Nachname", "Firma", "Position", "E-Mail", "Telefon", "Notizen"]
    ours = [header for header, _name in EXPORT_COLUMNS]
    assert automatic_mapping(ours) == dict(EXPORT_COLUMNS)


def test_explicit_mapping_as_on_the_command_line():
    data = b"Who,Where,Reach,Ignore me\nAnn Lee,Acme,ann@x.example,zzz\n"
    with pytest.raises(ImportFileError, match="map the columns by hand"):
        parse_csv(data)
    mapping = parse_mapping("Who=name, Where=company,Reach=email")
    (ann,) = parse_csv(data, mapping).records
    assert (ann.first_name, ann.last_name, ann.company, ann.email) == (
        "Ann",
        "Lee",
        "Acme",
        "ann@x.example",
    )


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"Nope": "email"}, "no column 'Nope'"),
        ({"Who": "shoe_size"}, "'shoe_size' is not a contact field"),
    ],
)
def test_bad_mapping_is_a_clear_error(mapping, message):
    with pytest.raises(ImportFileError, match=message):
        parse_csv(b"Who,Mail\nAnn,a@x\n", mapping)


def test_bad_rows_are_rejected_with_line_and_reason():
    data = (
        b"First name,Last name,Email,Relationship,Last contacted\n"
        b"Ann,Lee,ann@x,mentor,2024-01-02\n"
        b",,,,\n"
        b",,,peer,\n"
        b"Bo,Ng,bo@x,boss,\n"
        b"Cy,Oh,cy@x,,someday\n"
        b"Di,Pi,di@x,,,extra\n"
    )
    result = parse_csv(data)
    # A bad optional field (relationship, date) loses that field only, with a note.
    assert [r.first_name for r in result.records] == ["Ann", "Bo", "Cy"]
    ann, bo, cy = result.records
    assert ann.last_contacted == dt.date(2024, 1, 2)
    assert (bo.relationship, bo.dropped) == (
        "",
        [
            "relationship: relationship 'boss' is not one of mentor, sponsor, manager, peer, "
            "recruiter, mentee, friend, other"
        ],
    )
    assert (cy.last_contacted, cy.dropped) == (
        None,
        ["last contacted: 'someday' is not a date (expected e.g. 2019-03-14 or 14 Mar 2019)"],
    )
    assert {r.line: r.reason for r in result.rejected} == {
        4: "no name, email or LinkedIn URL",
        7: "6 fields, but the header has 5",
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \r\n\r\n", "empty"),
        (b"First name,Last name,Email\r\n", "header row but no contacts"),
        (b'First name,Email\r\nAnn,"ann@', "truncated"),
        (b"First name,Last name,Email\r\nAnn,Lee", "truncated"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" * 20, "binary"),
        ("First name\nM\u00fcller\n".encode("cp437"), "encoding"),
        ("First name\nAnn\n".encode("utf-32"), "UTF-32"),
    ],
    ids=[
        "empty",
        "blank",
        "header only",
        "truncated quote",
        "truncated row",
        "binary (xlsx)",
        "wrong encoding",
        "utf-32",
    ],
)
def test_unreadable_files_raise_one_clear_line(data, message):
    with pytest.raises(ImportFileError, match=message) as caught:
        parse_csv(data)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("value", "exported"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),  # a quote the user typed survives the round trip
        ("'hello", "'hello"),
        ("plain", "plain"),
        ("", ""),
    ],
)
def test_formula_injection_quote_is_added_and_removed(value, exported):
    assert quote_cell(value) == exported
    assert unquote_cell(exported) == value


def test_export_writes_the_issue_columns_and_reads_back():
    record = ContactRecord(
        first_name="=cmd",
        last_name="O'Neil",
        company="Acme, Inc.",
        position="-",
        email="@handle",
        phone="+1 555 0100",
        linkedin_url="https://www.linkedin.com/in/x",
        tags=["mentor", "friends of +"],
        relationship="mentor",
        how_met="Conference\nin Lisbon",
        last_contacted=dt.date(2024, 5, 6),
    )
    stream = io.StringIO(newline="")
    assert write_csv([record], stream) == 1
    text = stream.getvalue()
    assert text.splitlines()[0] == (
        "First name,Last name,Company,Position,Email,Phone,LinkedIn URL,Tags,Relationship,"
        "How we met,Connected on,Last contacted"
    )
    assert text.splitlines()[1].startswith("'=cmd,O'Neil,\"Acme, Inc.\",'-,'@handle,'+1 555 0100")
    (back,) = parse_csv(text.encode("utf-8-sig")).records
    back.line = 0
    assert back == record
