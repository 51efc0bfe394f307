"""vCard import from files as real clients write them, the normaliser, and the 3.0 export."""

import datetime as dt
from pathlib import Path

import pytest
import vobject

from careerdesk.io.contact_record import ContactRecord, ImportFileError, PastJob
from careerdesk.io.vcard import card_text, fold, logical_lines, mend_line, parse_vcard

FIXTURES = Path(__file__).parent / "fixtures"


def parse(name):
    return parse_vcard((FIXTURES / name).read_bytes())


def test_outlook_21_quoted_printable_windows_1252_with_soft_breaks():
    (card,) = parse("outlook_21.vcf").records
    assert (card.first_name, card.last_name) == ("Jürgen", "Müller")
    assert card.company == "Müller & Söhne GmbH"  # raw cp1252 bytes
    assert card.position == "Geschäftsführer"
    assert card.email == "j.mueller@example.de"  # EMAIL;PREF;INTERNET
    assert card.notes == (
        "Met at the Munich career fair, 2019.\n"
        "Introduced by Anna – prefers short emails, in German."
    )


def test_android_21_utf8_soft_breaks_and_photo_without_leading_spaces():
    result = parse("android_21.vcf")
    assert result.rejected == []
    bjorn, chidi = result.records
    assert (bjorn.first_name, bjorn.last_name) == ("Björn", "Åström")
    assert bjorn.company == "Spångbergs Verkstad AB"
    assert bjorn.notes.startswith("Räksmörgås at Fika with the team, long note")
    assert bjorn.notes.endswith("soft line break at 76 characters.")
    assert (chidi.full_name, chidi.phone, chidi.line) == ("Chidi Okafor", "+234 803 000 0000", 25)


def test_apple_30_grouped_properties_labels_and_folded_photo():
    (yuki,) = parse("apple_30.vcf").records
    assert yuki.company == "Kyoto Robotics, K.K."  # escaped comma, department dropped
    assert yuki.email == "yuki@kyoto-robotics.example"  # item1.EMAIL with type=pref
    assert yuki.phone == "+81 90 1234 5678"
    assert yuki.linkedin_url == "https://www.linkedin.com/in/yuki-nakamura"
    assert yuki.urls == ["https://yuki.example.jp", "https://twitter.com/yuki"]
    assert yuki.tags == ["mentor", "robotics"]
    assert yuki.notes == "Mentor since 2021, via the robotics meetup.\nPrefers Signal."


def test_google_30_several_cards_folding_and_one_unreadable_property():
    result = parse("google_30.vcf")
    priya, tomas, broken = result.records
    assert priya.linkedin_url == "https://www.linkedin.com/in/priyaraman"  # Google writes "\:"
    assert priya.company == "Infinite Loop Consulting, Pvt. Ltd."
    assert priya.tags == ["recruiter"]  # Google's "myContacts" group is not a tag
    assert "continuing on the next line with a leading space" in priya.notes
    assert tomas.full_name == "Tomás O'Brien"
    # The one property vobject cannot read goes; the card stays, and says what went.
    assert result.rejected == []
    assert (broken.line, broken.full_name, broken.email) == (22, "Broken Card", "")
    (note,) = broken.dropped
    assert note.startswith("EMAIL: ")


def test_thunderbird_40_pref_and_tel_uri():
    (zofia,) = parse("thunderbird_40.vcf").records
    assert (zofia.first_name, zofia.middle_name) == ("Zofia", "Maria")  # each in its place
    assert zofia.email == "zofia@example.pl"  # PREF=1 wins over the second address
    assert zofia.phone == "+48 600 700 800"
    assert zofia.urls == ["https://zofia.example.pl"]


def test_lotus_notes_profile_line_and_a_card_without_a_name():
    result = parse("lotus_notes_30.vcf")
    (helga,) = result.records
    assert helga.position == "Partner, Consulting"
    (nameless,) = result.rejected
    assert (nameless.line, nameless.reason) == (11, "no name, email or LinkedIn URL")


def test_vobject_alone_fails_on_these_files_that_we_read():
    """The normaliser is needed: vobject 0.9.9 cannot read the raw Android file."""
    raw = (FIXTURES / "android_21.vcf").read_text("ascii")
    with pytest.raises(Exception):  # noqa: B017 - vobject's error type varies
        list(vobject.readComponents(raw))
    assert len(parse("android_21.vcf").records) == 2


def test_normaliser_joins_soft_breaks_and_bare_continuations():
    text = (
        "NOTE;ENCODING=QUOTED-PRINTABLE:abc=\r\ndef\r\n"
        "PHOTO;ENCODING=BASE64:AAAA\r\nBBBB\r\n\r\nX:1"
    )
    assert [(x.number, x.text) for x in logical_lines(text)] == [
        (1, "NOTE;ENCODING=QUOTED-PRINTABLE:abcdef"),
        (3, "PHOTO;ENCODING=BASE64:AAAABBBB"),
        (6, "X:1"),
    ]


def test_mend_line_decodes_quoted_printable_and_escapes_bare_commas():
    line = "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:a, b=0D=0Ac=C3=A9"
    assert mend_line(line) == "NOTE:a\\, b\\nc\u00e9"
    assert mend_line("TITLE:CEO, CTO") == "TITLE:CEO\\, CTO"
    assert mend_line("ORG:A\\, B") == "ORG:A\\, B"  # already escaped
    assert mend_line("CATEGORIES:a,b") == "CATEGORIES:a,b"  # a list
    with pytest.raises(UnicodeError, match="unknown charset NOPE"):
        mend_line("N;CHARSET=NOPE;QUOTED-PRINTABLE:M=FCller")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"First Name,Last Name\nA,B\n", "no BEGIN:VCARD"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nFN:Jane", "truncated"),
        (bytes(range(256)) * 4, "binary|encoding"),
    ],
    ids=["empty", "csv", "truncated", "binary"],
)
def test_unreadable_files_raise_one_clear_line(data, message):
    with pytest.raises(ImportFileError, match=message) as caught:
        parse_vcard(data)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_unicode_files_from_windows_tools_are_read(encoding):
    data = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Åström;Björn;;;\r\nEND:VCARD\r\n".encode(encoding)
    (record,) = parse_vcard(data).records
    assert record.full_name == "Björn Åström"


def test_fold_keeps_lines_short_and_characters_whole():
    folded = fold("NOTE:" + "ü" * 100)
    lines = folded.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "".join(line.removeprefix(" ") for line in lines) == "NOTE:" + "ü" * 100


def test_export_card_is_vcard_30_and_reads_back_equal():
    record = ContactRecord(
        first_name="Jürgen",
        last_name="Müller; Jr.",
        company="Foo, Bar & Co",
        position="CTO\\CEO",
        email="j@example.de",
        phone="+49 1",
        linkedin_url="https://www.linkedin.com/in/jm",
        urls=["https://a.example", "https://b.example/x,y"],
        tags=["mentor", "has, comma"],
        relationship="mentor",
        how_met="PyCon DE, 2019",
        notes="line one\nline two; with, punctuation\\n" + "long " * 40,
        connected_on=dt.date(2019, 3, 14),
        last_contacted=dt.date(2024, 1, 2),
        employment=[PastJob("Old; Co", "Dev, Ops", dt.date(2010, 1, 1), dt.date(2015, 6, 30))],
        line=1,
    )
    text = card_text(record, "3b0e6a1c-0000-4000-8000-000000000001")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    card = vobject.readOne(text)  # also valid for vobject without our normaliser
    assert card.version.value == "3.0"
    (back,) = parse_vcard(text.encode("utf-8")).records
    assert back == record


def test_a_relationship_we_do_not_know_loses_that_field_only_with_the_reason():
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\n"
        b"X-CAREERDESK-RELATIONSHIP:Mentor\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Ng\r\nN:Ng;Bo;;;\r\n"
        b"X-CAREERDESK-RELATIONSHIP:colleague\r\nEND:VCARD\r\n"
    )
    result = parse_vcard(data)
    ann, bo = result.records
    assert [(r.full_name, r.relationship) for r in result.records] == [
        ("Ann Lee", "mentor"),
        ("Bo Ng", ""),
    ]
    assert result.rejected == []
    (note,) = bo.dropped
    assert "relationship 'colleague' is not one of mentor" in note
