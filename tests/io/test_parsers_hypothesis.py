"""Generated junk and generated contacts thrown at every parser and at the import."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerdesk.core import models as m
from careerdesk.io.contact_import import apply, preview
from careerdesk.io.contact_record import ContactRecord, ImportFileError, ParseResult, PastJob
from careerdesk.io.csv_contacts import export_cells, parse_csv, quote_cell, unquote_cell
from careerdesk.io.linkedin import parse_linkedin
from careerdesk.io.vcard import card_text, parse_vcard

PARSERS = (parse_linkedin, parse_vcard, parse_csv)
TODAY = dt.date(2026, 11, 23)

# Junk that looks enough like each format to get past the first checks.
_FRAGMENTS = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "VERSION:2.1",
        "VERSION:3.0",
        "N:Doe;Jane;;;",
        "FN:Jane Doe",
        "NOTE;ENCODING=QUOTED-PRINTABLE:a=",
        'EMAIL;TYPE="x:y@z',
        "PROFILE:VCARD",
        "PHOTO;ENCODING=b:AAAA",
        "item1.EMAIL:a@b",
        "ORG:A\\, B;C",
        "CATEGORIES:a,b",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "First name,Last name,Email",
        "Notes:",
        '"quoted, field',
        'A,B,,,"x ""y""",z,14 Mar 2019',
        "A,B,,a@b,C,D,31 Feb 2019",
        ",,,,,,",
        "=cmd|' /C calc'!A0",
        "'=x",
        "",
        " folded",
        "\t",
        "\u00fc\u00e9\u20ac",
    ]
)
_TEXTISH = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=20)), max_size=30).map(
    lambda parts: "\r\n".join(parts)
)


def _as_csv(rows):
    import csv
    import io

    stream = io.StringIO(newline="")
    csv.writer(stream).writerows(
        [
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        ]
        + rows
    )
    return stream.getvalue().encode("utf-8")


# Well-formed tables of random cells, so that some junk gets as far as the database.
_TABLES = st.lists(
    st.lists(
        st.one_of(st.text(max_size=8), st.sampled_from(["a@b", "Acme", "14 Mar 2019"])),
        min_size=6,
        max_size=8,
    ),
    min_size=1,
    max_size=6,
).map(_as_csv)
_JUNK = st.one_of(
    _TABLES,
    st.binary(max_size=300),
    _TEXTISH.map(lambda t: t.encode("utf-8")),
    _TEXTISH.map(lambda t: t.encode("utf-16")),
    _TEXTISH.map(lambda t: t.encode("cp1252", "replace")),
)


def _check_result(result):
    assert isinstance(result, ParseResult)
    for record in result.records:
        assert record.line >= 1
        assert record.has_identity()
    for rejected in result.rejected:
        assert rejected.line >= 1 and rejected.reason


@settings(max_examples=300, deadline=None)
@given(data=_JUNK)
def test_parsers_raise_only_the_clear_import_error(data):
    for parse in PARSERS:
        try:
            result = parse(data)
        except ImportFileError as exc:
            message = str(exc)
            assert message and "\n" not in message
        else:
            _check_result(result)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=_JUNK)
def test_junk_imports_all_or_nothing(db_path, data):
    for parse in PARSERS:
        try:
            result = parse(data)
        except ImportFileError:
            continue
        before = m.Contact.select().count()
        plan = preview(result)
        apply(plan, today=TODAY)
        assert m.Contact.select().count() == before + len(plan.new)
        # Importing the same records again changes nothing.
        again = preview(result)
        assert again.new == [] and again.updates == []


_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30).map(str.strip)
# Blank notes read back as no notes; other control characters are not exported.
_MULTILINE = st.text(
    st.one_of(st.characters(exclude_categories=("Cs", "Cc")), st.sampled_from("\n\t")),
    max_size=60,
).map(lambda t: t if t.strip() else "")
_DATE = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)))
_TAG = _TEXT.filter(lambda t: t and "," not in t and ";" not in t and t.casefold() != "mycontacts")
_RECORD = st.builds(
    ContactRecord,
    first_name=_TEXT.filter(bool),
    last_name=_TEXT,
    company=_TEXT,
    position=_TEXT,
    email=_TEXT,
    # Phone numbers as people write them (not escaped in a vCard: RFC 2426 5.3.1).
    phone=st.text(alphabet="0123456789 +-().,/;#*xext", max_size=24).map(
        lambda t: " ".join(t.split())
    ),
    linkedin_url=st.just(""),
    urls=st.lists(
        _TEXT.filter(lambda u: u and "linkedin" not in u.lower()), max_size=3, unique=True
    ),
    tags=st.lists(_TAG, max_size=4, unique_by=str.casefold),
    relationship=st.sampled_from(m.RELATIONSHIPS),
    how_met=_TEXT,
    notes=_MULTILINE,
    connected_on=_DATE,
    last_contacted=_DATE,
    employment=st.lists(st.builds(PastJob, _TEXT, _TEXT, _DATE, _DATE), max_size=2),
    middle_name=_TEXT,
    name_prefix=_TEXT,
    name_suffix=_TEXT,
    line=st.just(1),
)


@settings(max_examples=200, deadline=None)
@given(record=_RECORD)
def test_vcard_export_reads_back_equal(record):
    (back,) = parse_vcard(card_text(record, "uid").encode("utf-8")).records
    assert back == record


@settings(max_examples=200, deadline=None)
@given(record=_RECORD)
def test_csv_export_row_reads_back_equal(record):
    import csv
    import io

    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(
        [
            "First name",
            "Last name",
            "Company",
            "Position",
            "Email",
            "Phone",
            "LinkedIn URL",
            "Tags",
            "Relationship",
            "How we met",
            "Connected on",
            "Last contacted",
        ]
    )
    writer.writerow(export_cells(record))
    (back,) = parse_csv(stream.getvalue().encode("utf-8-sig")).records
    for name in (
        "first_name",
        "last_name",
        "company",
        "position",
        "email",
        "phone",
        "tags",
        "relationship",
        "how_met",
        "connected_on",
        "last_contacted",
    ):
        assert getattr(back, name) == getattr(record, name), name


@given(value=st.text(max_size=20))
def test_formula_quote_round_trips(value):
    assert unquote_cell(quote_cell(value)) == value
    assert not quote_cell(value).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_a_web_address_with_a_record_separator_is_not_read_back_as_two(db_path):
    # str.splitlines() splits at \x1e and friends too: stored addresses are one per "\n".
    data = _as_csv([["", "", "", "", "", "", ""], ["", "00000,", "00000\x1e0", "", "", ""]])
    for parse in PARSERS:
        try:
            result = parse(data)
        except ImportFileError:
            continue
        apply(preview(result), today=TODAY)
        again = preview(result)
        assert again.new == [] and again.updates == []
