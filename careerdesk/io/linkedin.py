"""LinkedIn's Connections.csv (Settings > Data privacy > Get a copy of your data) as exported."""

from __future__ import annotations

from careerdesk.io.contact_record import (
    ContactRecord,
    ImportFileError,
    ParseResult,
    RejectedRecord,
    parse_date,
)
from careerdesk.io.csv_contacts import check_complete, csv_rows, decode_text

# LinkedIn's header -> our field; older exports lack "URL", some "Email Address".
_COLUMNS = {
    "First Name": "first_name",
    "Last Name": "last_name",
    "URL": "linkedin_url",
    "Email Address": "email",
    "Company": "company",
    "Position": "position",
    "Connected On": "connected_on",
}


def parse_linkedin(data: bytes) -> ParseResult:
    """Read Connections.csv: skips the "Notes:" preamble and blank rows; one record per row."""
    text = decode_text(data)
    rows = csv_rows(text, ",")
    header: list[str] = []
    for _line, cells, _raw in rows:
        stripped = [c.strip() for c in cells]
        if "First Name" in stripped and "Last Name" in stripped:
            header = stripped
            break
    if not header:
        raise ImportFileError(
            "This is not LinkedIn's Connections.csv: "
            "it has no 'First Name,Last Name,…' header row."
        )
    columns = [(i, _COLUMNS[name]) for i, name in enumerate(header) if name in _COLUMNS]
    result = ParseResult(source="linkedin")
    last = header
    for line, cells, raw in rows:
        last = cells
        if not cells:
            result.rejected.append(RejectedRecord(line, "malformed quoting", raw))
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            reason = f"{len(cells)} fields, but the header has {len(header)}"
            result.rejected.append(RejectedRecord(line, reason, raw))
            continue
        record = ContactRecord(line=line)
        for i, name in columns:
            value = cells[i].strip() if i < len(cells) else ""
            if name != "connected_on":
                setattr(record, name, value.replace("\r\n", "\n"))
                continue
            try:
                record.connected_on = parse_date(value)
            except ValueError as exc:  # an optional field: the row stays without it
                record.dropped.append(f"Connected On: {exc}")
        if not (record.first_name or record.last_name):
            result.rejected.append(RejectedRecord(line, "no name", raw))
            continue
        result.records.append(record)
    check_complete(text, last, len(header))
    if not result.records and not result.rejected:
        raise ImportFileError("The file has LinkedIn's header row but no connections.")
    return result
