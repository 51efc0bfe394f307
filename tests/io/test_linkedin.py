"""LinkedIn Connections.csv parsing, from fixture files written as LinkedIn exports them."""

import datetime as dt
from pathlib import Path

import pytest

from careerdesk.io.contact_record import ImportFileError
from careerdesk.io.linkedin import parse_linkedin

FIXTURES = Path(__file__).parent / "fixtures"


def _by_name(result):
    """Each person's first record."""
    people = {}
    for record in result.records:
        people.setdefault(record.full_name, record)
    return people


def test_reads_every_quirk_of_a_real_export():
    result = parse_linkedin((FIXTURES / "linkedin_connections.csv").read_bytes())
    people = _by_name(result)
    assert sorted(people) == [
        "Ada Lovelace",
        "Alan Turing",
        "Grace Hopper",
        "Jürgen Müller",
        "Linus Torvalds",
        "Margaret Hamilton",
    ]
    ada = people["Ada Lovelace"]
    assert ada.position == "Head of Research, Computing"  # quoted comma
    assert ada.connected_on == dt.date(2019, 3, 14)  # "14 Mar 2019"
    assert ada.email == "ada@analytical.example"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace-1815"
    assert people["Grace Hopper"].position == 'Rear Admiral "Amazing Grace"'  # doubled quotes
    assert people["Grace Hopper"].email == ""  # LinkedIn hides most addresses
    assert people["Alan Turing"].position == "Cryptanalyst\nand mathematician"  # line break
    assert people["Alan Turing"].company == "Bletchley Park, Hut 8"
    assert people["Jürgen Müller"].company == "Müller & Söhne GmbH"
    # Both Ada rows are kept here: merging duplicates is the preview's job.
    assert [r.line for r in result.records if r.first_name == "Ada"] == [5, 11]


def test_bad_rows_become_rejected_with_line_and_reason():
    result = parse_linkedin((FIXTURES / "linkedin_connections.csv").read_bytes())
    rejected = {r.line: r.reason for r in result.rejected}
    assert rejected == {14: "no name"}


def test_a_bad_optional_connected_on_keeps_the_row_without_it():
    result = parse_linkedin((FIXTURES / "linkedin_connections.csv").read_bytes())
    margaret = _by_name(result)["Margaret Hamilton"]
    assert (margaret.line, margaret.company, margaret.position) == (13, "MIT", "Director")
    assert margaret.connected_on is None
    assert margaret.dropped == [
        "Connected On: '31 Feb 2017' is not a date (expected e.g. 2019-03-14 or 14 Mar 2019)"
    ]


def test_older_export_without_url_column_and_with_bom():
    result = parse_linkedin((FIXTURES / "linkedin_connections_old.csv").read_bytes())
    people = _by_name(result)
    assert people["Barbara Liskov"].email == "barbara@example.edu"
    assert people["Ken Thompson"].position == "Distinguished Engineer, Go"
    assert people["Ken Thompson"].linkedin_url == ""
    assert result.rejected == []


def test_blank_rows_are_skipped_not_rejected():
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"\r\n,,,,,,\r\nA,B,,,C,D,01 Jan 2020\r\n\r\n"
    )
    result = parse_linkedin(data)
    assert [r.full_name for r in result.records] == ["A B"]
    assert result.records[0].line == 4
    assert result.rejected == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"Name,Phone\nA,1\n", "not LinkedIn's Connections.csv"),
        (
            b'Notes:\n"x"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,'
            b"Connected On\n",
            "no connections",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("First Name,Last Name\nM\u00fcller,J\n".encode("cp437"), "encoding"),
    ],
    ids=["empty", "other csv", "header only", "binary", "wrong encoding"],
)
def test_unreadable_files_raise_one_clear_line(data, message):
    with pytest.raises(ImportFileError, match=message) as caught:
        parse_linkedin(data)
    assert "\n" not in str(caught.value)


def test_truncated_export_is_refused():
    data = (FIXTURES / "linkedin_connections.csv").read_bytes()
    cut_in_quotes = data[: data.index(b"Cryptanalyst") + 5]
    with pytest.raises(ImportFileError, match="truncated"):
        parse_linkedin(cut_in_quotes)
    cut_mid_row = data[: data.index(b"Linux Foundation")]
    with pytest.raises(ImportFileError, match="truncated"):
        parse_linkedin(cut_mid_row)
