"""Imports lose nothing that can be read: one bad property, names in five parts, big photos."""

from __future__ import annotations

import base64
import os

import pytest

from careerdesk.core import models as m
from careerdesk.io.contact_import import apply, preview, read_file
from careerdesk.io.contact_record import ContactRecord, ImportFileError, read_user_file
from careerdesk.io.vcard import card_text, parse_vcard

from ..conftest import TODAY


def card(*lines: str, version: str = "2.1") -> bytes:
    body = "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\r\n"
    return body.encode("utf-8", "surrogateescape")


def test_a_bad_byte_in_a_quoted_printable_value_loses_that_property_only():
    data = card(
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;",
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:caf=E9 au lait",  # latin-1 byte
        "EMAIL:j@example.de",
    )
    result = parse_vcard(data)
    assert result.rejected == []
    (jurgen,) = result.records
    assert (jurgen.first_name, jurgen.last_name, jurgen.email) == (
        "Jürgen",
        "Müller",
        "j@example.de",
    )
    assert jurgen.notes == ""
    (note,) = jurgen.dropped
    assert note == "NOTE: a byte that is not UTF-8 text (0xE9)"


def test_a_value_in_its_declared_charset_is_read_and_a_bad_one_dropped():
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:M\xfcller;Hans;;;\r\n"
        b"TITLE;CHARSET=UTF-8:Chef de caf\xe9\r\nORG:Caf\xc3\xa9 M\xc3\xbcller\r\nEND:VCARD\r\n"
    )
    (hans,) = parse_vcard(data).records
    assert (hans.first_name, hans.last_name) == ("Hans", "Müller")  # declared ISO-8859-1
    assert hans.company == "Café Müller"  # the rest of the file stays UTF-8
    assert hans.position == ""
    assert hans.dropped == ["TITLE: a byte that is not UTF-8 text (0xE9)"]


def test_one_line_in_another_encoding_spoils_nothing_else():
    # A UTF-8 file with one Windows-1252 line and no charset: that line is read as
    # Windows-1252, and the UTF-8 names elsewhere are not turned into mojibake.
    data = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Åström;Zoë;;;\r\nFN:Zoë Åström\r\n".encode()
        + b"NOTE:Caf\xe9 on Friday\r\nEND:VCARD\r\n"
    )
    (zoe,) = parse_vcard(data).records
    assert (zoe.full_name, zoe.notes, zoe.dropped) == ("Zoë Åström", "Café on Friday", [])


def test_the_preview_says_which_property_was_left_out(db_path, tmp_path):
    path = tmp_path / "one.vcf"
    path.write_bytes(
        card("N:Lee;Ann;;;", "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=FF", "EMAIL:ann@x")
    )
    plan = preview(read_file("vcard", path))
    (row,) = plan.rows
    assert row.status == "new"
    assert row.reason == (
        "left out what could not be read: NOTE: a byte that is not UTF-8 text (0xFF)"
    )
    apply(plan, today=TODAY)
    ann = m.Contact.get(m.Contact.email == "ann@x")
    assert (ann.first_name, ann.notes) == ("Ann", "")


def test_middle_names_prefix_and_suffix_keep_their_places_through_a_round_trip():
    data = card("N:Hopper;Grace;Brewster Murray;Rear Adm.;PhD", "FN:Grace Hopper", version="3.0")
    (grace,) = parse_vcard(data).records
    assert (grace.first_name, grace.middle_name, grace.last_name) == (
        "Grace",
        "Brewster Murray",
        "Hopper",
    )
    assert (grace.name_prefix, grace.name_suffix) == ("Rear Adm.", "PhD")
    text = card_text(grace)
    assert "N:Hopper;Grace;Brewster Murray;Rear Adm.;PhD\r\n" in text
    assert "FN:Rear Adm. Grace Brewster Murray Hopper\\, PhD\r\n" in text
    (back,) = parse_vcard(text.encode()).records
    assert back == grace


def test_phone_numbers_are_written_as_they_are():
    record = ContactRecord(first_name="Ann", phone="+44 20 7946 0000, ext. 12; ask for Ann")
    text = card_text(record)
    assert "TEL:+44 20 7946 0000, ext. 12; ask for Ann\r\n" in text  # no backslashes
    (back,) = parse_vcard(text.encode()).records
    assert back.phone == record.phone


def test_a_card_with_a_10_mb_photo_imports_with_its_fields():
    # Folding used to be quadratic (minutes for this card); now it is one pass.
    photo = base64.b64encode(os.urandom(10 * 2**20)).decode()
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    data = card(
        "N:Doe;Jane;;;", f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}", "EMAIL:jane@x", version="3.0"
    )
    (jane,) = parse_vcard(data).records
    assert (jane.full_name, jane.email) == ("Jane Doe", "jane@x")


def test_a_file_over_the_size_limit_is_refused_in_one_sentence(tmp_path):
    path = tmp_path / "huge.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\n" + b"x" * 2048)
    with pytest.raises(ImportFileError) as caught:
        read_user_file(path, limit=1024)
    assert str(caught.value) == (
        "huge.vcf is 2.0 KB; CareerDesk reads contact files of up to 1.0 KB. "
        "Split it into smaller files and import each."
    )


def test_the_import_refuses_a_file_past_the_limit_and_writes_nothing(
    db_path, tmp_path, monkeypatch
):
    from careerdesk.io import contact_import

    monkeypatch.setattr(contact_import, "MAX_IMPORT_BYTES", 100)
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"First Name,Last Name\n" + b"Ann,Lee\n" * 20)
    with pytest.raises(
        ImportFileError, match=r"^Connections.csv is 181 bytes; .* up to 100 bytes"
    ):
        read_file("linkedin", path)
    assert m.Contact.select().count() == 0
