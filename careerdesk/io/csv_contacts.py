"""Contacts as CSV: encoding detection, automatic or given column mapping, and our CSV export."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from careerdesk.core.vocabulary import RELATIONSHIPS
from careerdesk.io.contact_record import (
    DATE_FIELDS,
    MAPPABLE_FIELDS,
    ContactRecord,
    ImportFileError,
    ParseResult,
    RejectedRecord,
    is_linkedin_profile,
    parse_date,
)

# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Our export, in this order; the import maps the same headers back.
EXPORT_COLUMNS = (
    ("First name", "first_name"),
    ("Last name", "last_name"),
    ("Company", "company"),
    ("Position", "position"),
    ("Email", "email"),
    ("Phone", "phone"),
    ("LinkedIn URL", "linkedin_url"),
    ("Tags", "tags"),
    ("Relationship", "relationship"),
    ("How we met", "how_met"),
    ("Connected on", "connected_on"),
    ("Last contacted", "last_contacted"),
)

# Headers as common address books and spreadsheets spell them (lower case,
# letters and digits only) -> our field names.
_ALIASES = {
    "name": ("name", "fullname", "displayname", "contactname", "contact"),
    "first_name": ("firstname", "givenname", "first", "forename", "vorname", "prenom"),
    "last_name": ("lastname", "surname", "familyname", "last", "nachname", "nom"),
    "company": (
        "company",
        "companyname",
        "organisation",
        "organization",
        "organisationname",
        "organizationname",
        "organization1name",
        "employer",
        "firma",
        "unternehmen",
    ),
    "position": ("position", "title", "jobtitle", "role", "organization1title", "job"),
    "email": (
        "email",
        "emailaddress",
        "mail",
        "email1value",
        "email1",
        "primaryemail",
        "emailaddress1",
    ),
    "phone": (
        "phone",
        "phonenumber",
        "mobile",
        "mobilephone",
        "mobilenumber",
        "cell",
        "telephone",
        "tel",
        "phone1value",
        "businessphone",
        "primaryphone",
        "homephone",
        "telefon",
        "handy",
    ),
    "linkedin_url": ("linkedinurl", "linkedin", "linkedinprofile", "linkedinprofileurl"),
    "urls": ("url", "urls", "website", "websites", "web", "webpage", "homepage", "website1value"),
    "tags": ("tags", "tag", "categories", "category", "labels", "groups", "groupmembership"),
    "relationship": ("relationship", "relation"),
    "how_met": ("howwemet", "howmet", "howyoumet", "introducedby", "whointroducedus", "met"),
    "notes": ("notes", "note", "comments", "comment", "notizen", "bemerkungen"),
    "connected_on": ("connectedon", "connected", "dateconnected"),
    "last_contacted": ("lastcontacted", "lastcontact", "lastcontactdate"),
}
_ALIAS_TO_FIELD = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
_LIST_FIELDS = ("urls", "tags")


def decode_text(data: bytes) -> str:
    """Text of a file as Excel and address books write it: UTF-8 (BOM or not), UTF-16, cp1252."""
    if not data.strip():
        raise ImportFileError("The file is empty.")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise ImportFileError("The file is UTF-32 text; save it as UTF-8 and import it again.")
    if data.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    elif _looks_like_utf16(data[:400]):
        encodings = ("utf-16-le",) if data[1:2] == b"\x00" else ("utf-16-be",)
    else:
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(
            "The file is not text in a known encoding (UTF-8, UTF-16 or Windows-1252)."
        )
    controls = sum(1 for ch in text[:4000] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in text or controls * 100 > len(text[:4000]):
        raise ImportFileError("The file holds binary data, not text.")
    return text


def _looks_like_utf16(head: bytes) -> bool:
    """UTF-16 without a BOM: mostly ASCII text with a zero byte beside every character."""
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return (even.count(0) > 0.4 * len(even)) != (odd.count(0) > 0.4 * len(odd))


def unquote_cell(value: str) -> str:
    """Undo our export's guard against formula injection (a `'` before a formula start)."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def quote_cell(value: str) -> str:
    """Guard a cell against being run as a spreadsheet formula; `unquote_cell` reverses it."""
    if value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _sniff_delimiter(first_line: str) -> str:
    # Excel in many European locales separates with ";".
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str], str]]:
    """(first line number, cells, raw text) of each non-blank record.

    Raises ImportFileError when the file ends inside a quoted field (truncated).
    """
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(iter(lines), delimiter=delimiter, strict=True)
    consumed = 0
    while True:
        start = consumed + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if reader.line_num >= len(lines) and "end of data" in str(exc):
                raise ImportFileError(
                    f"The file ends inside a quoted field that starts on line {start} "
                    "(truncated?)."
                ) from None
            consumed = reader.line_num
            yield start, [], "".join(lines[start - 1 : consumed]) or str(exc)
            continue
        consumed = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        yield start, cells, "".join(lines[start - 1 : consumed])


def _read_table(data: bytes) -> tuple[list[str], Iterator[tuple[int, list[str], str]], str]:
    text = decode_text(data)
    first_line = next((ln for ln in text.splitlines() if ln.strip()), "")
    rows = csv_rows(text, _sniff_delimiter(first_line))
    for _line, header, _raw in rows:
        if header:
            return [h.strip() for h in header], rows, text
    raise ImportFileError("The file has no header row.")


def csv_headers(data: bytes) -> list[str]:
    """The column names of a CSV file, for the column-mapping step."""
    headers, _rows, _text = _read_table(data)
    return headers


def _header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def automatic_mapping(headers: list[str]) -> dict[str, str]:
    """Source column -> our field for the headers we recognise; the first of a field wins."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        name = _ALIAS_TO_FIELD.get(_header_key(header))
        if name is None or (name in taken and name not in _LIST_FIELDS):
            continue
        mapping[header] = name
        taken.add(name)
    return mapping


def parse_mapping(text: str) -> dict[str, str]:
    """Read `--map "First Name=first_name,Organisation=company"` into a mapping."""
    mapping: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        column, sep, name = part.partition("=")
        if not sep:
            raise ImportFileError(
                f"'{part.strip()}' in the column mapping needs the form Column=field."
            )
        mapping[column.strip()] = name.strip()
    return mapping


def _check_mapping(mapping: dict[str, str], headers: list[str]) -> None:
    for column, name in mapping.items():
        if column not in headers:
            raise ImportFileError(
                f"The file has no column '{column}'; its columns are: {', '.join(headers)}."
            )
        if name and name not in MAPPABLE_FIELDS:
            raise ImportFileError(
                f"'{name}' is not a contact field; use one of: {', '.join(MAPPABLE_FIELDS)}."
            )


def split_list(value: str) -> list[str]:
    """Tags and addresses in one cell: separated by commas, semicolons or Google's `:::`."""
    parts = re.split(r"\s*(?:,|;|:::|\n)\s*", value)
    return [p.strip().removeprefix("* ") for p in parts if p.strip()]


def record_from_cells(values: dict[str, list[str]], line: int) -> ContactRecord:
    """Build a record from cell values per field name; raises ValueError with the reason."""
    record = ContactRecord(line=line)

    def first(name: str) -> str:
        return next((v.strip() for v in values.get(name, []) if v.strip()), "")

    for name in ("first_name", "last_name", "company", "position", "email", "phone"):
        setattr(record, name, first(name))
    record.linkedin_url = first("linkedin_url")
    record.how_met = first("how_met")
    # Notes keep their inner line breaks and spacing.
    record.notes = next((v for v in values.get("notes", []) if v.strip()), "")
    if not (record.first_name or record.last_name) and first("name"):
        given, _sep, family = first("name").rpartition(" ")
        record.first_name, record.last_name = (given, family) if given else (family, "")
    for value in values.get("urls", []):
        record.urls.extend(split_list(value))
    for value in values.get("tags", []):
        for tag in split_list(value):
            # "myContacts" is Google's name for "all contacts", not a tag anyone chose.
            if tag not in record.tags and tag.casefold() != "mycontacts":
                record.tags.append(tag)
    if not record.linkedin_url:
        record.linkedin_url = next((u for u in record.urls if is_linkedin_profile(u)), "")
    record.urls = [u for u in dict.fromkeys(record.urls) if u != record.linkedin_url]
    # An optional field that cannot be read is left out, and noted; the row stays.
    try:
        record.relationship = relationship_key(first("relationship"))
    except ValueError as exc:
        record.dropped.append(f"relationship: {exc}")
    for name in DATE_FIELDS:
        try:
            setattr(record, name, parse_date(first(name)))
        except ValueError as exc:
            record.dropped.append(f"{name.replace('_', ' ')}: {exc}")
    if not record.has_identity():
        raise ValueError("no name, email or LinkedIn URL")
    return record


def relationship_key(value: str) -> str:
    """Our stored key for a relationship as a file spells it ('Mentor' -> 'mentor')."""
    key = value.strip().lower()
    if key and key not in RELATIONSHIPS:
        raise ValueError(f"relationship '{value}' is not one of {', '.join(RELATIONSHIPS)}")
    return key


def parse_csv(data: bytes, mapping: dict[str, str] | None = None) -> ParseResult:
    """Read contacts from any CSV; `mapping` maps source column -> our field name."""
    headers, rows, _text = _read_table(data)
    if mapping is None:
        mapping = automatic_mapping(headers)
        if not set(mapping.values()) & {"name", "first_name", "last_name", "email"}:
            raise ImportFileError(
                "No column of this file could be matched to a name or an email; "
                "map the columns by hand."
            )
    _check_mapping(mapping, headers)
    index = [(headers.index(column), name) for column, name in mapping.items() if name]
    result = ParseResult(source="csv")
    last: list[str] = headers
    for line, cells, raw in rows:
        last = cells
        if not cells:
            result.rejected.append(RejectedRecord(line, "malformed quoting", raw))
            continue
        if len(cells) > len(headers) and any(c.strip() for c in cells[len(headers) :]):
            result.rejected.append(
                RejectedRecord(
                    line, f"{len(cells)} fields, but the header has {len(headers)}", raw
                )
            )
            continue
        values: dict[str, list[str]] = {}
        for position, name in index:
            cell = cells[position] if position < len(cells) else ""
            values.setdefault(name, []).append(unquote_cell(cell).replace("\r\n", "\n"))
        try:
            result.records.append(record_from_cells(values, line))
        except ValueError as exc:
            result.rejected.append(RejectedRecord(line, str(exc), raw))
    check_complete(_text, last, len(headers))
    if not result.records and not result.rejected:
        raise ImportFileError("The file has a header row but no contacts.")
    return result


def check_complete(text: str, last_cells: list[str], width: int) -> None:
    """Refuse a file cut off in its last row: short of fields and without a final line break."""
    if len(last_cells) < width and not text.endswith(("\n", "\r")):
        raise ImportFileError("The file ends in the middle of a row (truncated?).")


def export_cells(record: ContactRecord) -> list[str]:
    """One row of our CSV export, guarded against formula injection."""
    cells = []
    for _header, name in EXPORT_COLUMNS:
        value = getattr(record, name)
        if name == "tags":
            value = ", ".join(value)
        elif name in DATE_FIELDS:
            value = value.isoformat() if value else ""
        cells.append(quote_cell(value))
    return cells


def write_csv(records: Iterable[ContactRecord], stream: TextIO) -> int:
    """Write our CSV export (header and one row per contact); return the number of rows."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([header for header, _name in EXPORT_COLUMNS])
    count = 0
    for record in records:
        writer.writerow(export_cells(record))
        count += 1
    return count
