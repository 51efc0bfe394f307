"""vCard 2.1/3.0/4.0 import through vobject (after a small normaliser) and vCard 3.0 export."""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterable
from dataclasses import dataclass

import vobject

from careerdesk import __version__
from careerdesk.io.contact_record import (
    ContactRecord,
    ImportFileError,
    ParseResult,
    PastJob,
    RejectedRecord,
    is_linkedin_profile,
    parse_date,
)
from careerdesk.io.csv_contacts import decode_text, relationship_key

# A content line starts with NAME or group.NAME, then parameters, then ":".
_PROPERTY = re.compile(r"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?(?:;[^:]*)?:")
# Binary blobs we do not keep; dropping them also avoids vobject's base64 quirks.
_DROPPED = {"PHOTO", "LOGO", "SOUND", "KEY"}
_X = "X-CAREERDESK-"
# Properties whose commas separate several values; elsewhere vobject would cut
# a value at a bare comma, which vCard 2.1 never escapes and many 3.0 writers forget.
_LISTS = {"N", "ADR", "CATEGORIES", "NICKNAME"}


@dataclass
class _Line:
    number: int  # first physical line, 1-based
    text: str
    quoted_printable: bool


def _is_quoted_printable(text: str) -> bool:
    return "QUOTED-PRINTABLE" in text.split(":", 1)[0].upper()


def logical_lines(text: str) -> list[_Line]:
    """Unfold content lines, mending what real clients write and vobject refuses.

    - quoted-printable soft line breaks (a line ending in "=", vCard 2.1 by
      Android and Outlook) are joined;
    - continuation lines without the leading space (base64 photos) are joined;
    - blank lines are dropped.
    """
    lines: list[_Line] = []
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        current = lines[-1] if lines else None
        if current is not None:
            if current.quoted_printable and current.text.endswith("="):
                current.text = current.text[:-1] + raw
                continue
            if raw[:1] in (" ", "\t"):
                current.text += raw[1:]
                continue
            if raw.strip() and not _PROPERTY.match(raw):
                current.text += raw.strip()
                continue
        if raw.strip():
            lines.append(_Line(number, raw, _is_quoted_printable(raw)))
    return lines


def _property_name(text: str) -> str:
    name = re.split(r"[;:]", text, maxsplit=1)[0]
    return name.rsplit(".", 1)[-1].upper()


def split_cards(text: str) -> list[tuple[int, list[str], str]]:
    """(first line, normalised content lines, original text) of each BEGIN:VCARD..END:VCARD.

    Raises ImportFileError when there is no card at all or the last one never ends.
    """
    raw_lines = re.split(r"\r\n|\r|\n", text)
    cards: list[tuple[int, list[str], str]] = []
    start: int | None = None
    body: list[str] = []
    for line in logical_lines(text):
        upper = line.text.strip().upper()
        if upper == "BEGIN:VCARD":
            if start is not None:  # the card before never ended: keep it, it will be rejected
                cards.append((start, body, "\n".join(raw_lines[start - 1 : line.number - 1])))
            start, body = line.number, [line.text.strip()]
        elif start is None:
            continue  # text between cards
        elif upper == "END:VCARD":
            body.append("END:VCARD")
            cards.append((start, body, "\n".join(raw_lines[start - 1 : line.number])))
            start, body = None, []
        elif upper == "PROFILE:VCARD" or _property_name(line.text) in _DROPPED:
            continue  # RFC 2426 allows PROFILE (Lotus Notes writes it); vobject may not
        else:
            body.append(line.text)
    tail = raw_lines[-1].strip().upper() if raw_lines else ""
    if start is not None or (tail and "BEGIN:VCARD".startswith(tail)):
        start = start or len(raw_lines)
        raise ImportFileError(
            f"The file ends inside the card that starts on line {start} (truncated?)."
        )
    if not cards:
        raise ImportFileError("This is not a vCard file: it has no BEGIN:VCARD.")
    return cards


def mend_line(line: str) -> str:
    """Decode a quoted-printable value ourselves and escape bare commas, so vobject keeps them.

    Raises LookupError for an unknown charset and UnicodeDecodeError for bad bytes.
    """
    head, _sep, value = line.partition(":")
    name, *params = head.split(";")
    bare_name = name.rsplit(".", 1)[-1].upper()
    if any(p.upper() in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE") for p in params):
        charset = next(
            (p.split("=", 1)[1] for p in params if p.upper().startswith("CHARSET=")), ""
        )
        data = quopri.decodestring(value.encode("utf-8"))
        try:
            value = data.decode(charset or "utf-8")
        except UnicodeDecodeError:
            if charset:
                raise
            value = data.decode("cp1252")  # 2.1 without a charset: most likely Windows
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
        params = [
            p
            for p in params
            if p.upper() not in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE")
            and not p.upper().startswith("CHARSET=")
        ]
    if bare_name not in _LISTS:
        value = re.sub(r"(?<!\\),", r"\\,", value)
    return ";".join([name, *params]) + ":" + value


def _types(prop: vobject.base.ContentLine) -> set[str]:
    types = {t.upper() for t in prop.params.get("TYPE", []) for t in t.split(",")}
    types |= {p.upper() for p in prop.singletonparams}
    if prop.params.get("PREF"):
        types.add("PREF")
    return types


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, list):
        return " ".join(str(v).strip() for v in value if str(v).strip())
    return str(value).strip()


def _preferred(props: list[vobject.base.ContentLine]) -> str:
    values = [p for p in props if _text(p.value)]
    if not values:
        return ""
    chosen = next((p for p in values if "PREF" in _types(p)), values[0])
    return _text(chosen.value)


def record_from_card(card: vobject.base.Component, line: int) -> ContactRecord:
    """Our fields from one parsed card; raises ValueError with the reason."""
    props: dict[str, list[vobject.base.ContentLine]] = {}
    groups: dict[str, dict[str, str]] = {}
    for prop in card.getChildren():
        props.setdefault(prop.name.upper(), []).append(prop)
        if prop.group:
            groups.setdefault(prop.group, {})[prop.name.upper()] = _text(prop.value)
    record = ContactRecord(line=line)
    if "N" in props:
        name = props["N"][0].value
        # Middle names stay with the first name rather than being lost.
        record.first_name = " ".join(p for p in (_text(name.given), _text(name.additional)) if p)
        record.last_name = _text(getattr(name, "family", ""))
    elif "FN" in props:
        given, _sep, family = _text(props["FN"][0].value).rpartition(" ")
        record.first_name, record.last_name = (given, family) if given else (family, "")
    if "ORG" in props:
        org = props["ORG"][0].value
        record.company = _text(org[0] if isinstance(org, list) and org else org)
    record.position = _preferred(props.get("TITLE", [])) or _preferred(props.get("ROLE", []))
    record.email = _preferred(props.get("EMAIL", []))
    record.phone = _preferred(props.get("TEL", [])).removeprefix("tel:")
    for prop in props.get("URL", []) + props.get("X-SOCIALPROFILE", []):
        url = _text(prop.value).replace("\\:", ":")  # Google escapes the colon
        label = groups.get(prop.group or "", {}).get("X-ABLABEL", "")
        if (
            url
            and not record.linkedin_url
            and (
                is_linkedin_profile(url)
                or "linkedin" in label.lower()
                or "LINKEDIN" in _types(prop)
            )
        ):
            record.linkedin_url = url
        elif url and url not in record.urls:
            record.urls.append(url)
    for prop in props.get("CATEGORIES", []):
        values = prop.value if isinstance(prop.value, list) else [prop.value]
        for tag in (t.strip() for t in values):
            # "myContacts" is Google's name for "all contacts", not a tag anyone chose.
            if tag and tag not in record.tags and tag.casefold() != "mycontacts":
                record.tags.append(tag)
    record.notes = "\n".join(str(p.value) for p in props.get("NOTE", []) if str(p.value).strip())
    record.relationship = relationship_key(_preferred(props.get(_X + "RELATIONSHIP", [])))
    record.how_met = _preferred(props.get(_X + "HOW-MET", []))
    record.connected_on = parse_date(_preferred(props.get(_X + "CONNECTED-ON", [])))
    record.last_contacted = parse_date(_preferred(props.get(_X + "LAST-CONTACTED", [])))
    for group in sorted(groups, key=_natural):
        fields = groups[group]
        if _X + "JOB-COMPANY" in fields or _X + "JOB-POSITION" in fields:
            record.employment.append(
                PastJob(
                    fields.get(_X + "JOB-COMPANY", ""),
                    fields.get(_X + "JOB-POSITION", ""),
                    parse_date(fields.get(_X + "JOB-START", "")),
                    parse_date(fields.get(_X + "JOB-END", "")),
                )
            )
    if not record.has_identity():
        raise ValueError("no name, email or LinkedIn URL")
    return record


def _natural(group: str) -> tuple[str, int]:
    digits = re.sub(r"\D", "", group)
    return re.sub(r"\d", "", group), int(digits) if digits else 0


def _reason(exc: Exception) -> str:
    """vobject's message without its line number, which counts from the card, not the file."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return re.sub(r"^At line \d+: ", "", text)


def parse_vcard(data: bytes) -> ParseResult:
    """Read every card of a .vcf file; a card vobject cannot read becomes a rejected record."""
    result = ParseResult(source="vcard")
    for line, body, original in split_cards(decode_text(data)):
        try:
            text = "".join(mend_line(line) + "\r\n" for line in body)
            card = vobject.readOne(text, ignoreUnreadable=False)
        except Exception as exc:  # vobject raises many kinds; each means one bad card
            result.rejected.append(
                RejectedRecord(line, f"unreadable card: {_reason(exc)}", original)
            )
            continue
        try:
            result.records.append(record_from_card(card, line))
        except Exception as exc:  # a value vobject let through that we cannot use
            result.rejected.append(RejectedRecord(line, _reason(exc), original))
    return result


# --- export ---------------------------------------------------------------------------


# Control characters other than tab and line feed have no place in a vCard.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape(value: str) -> str:
    """A text value as vCard 3.0 writes it (RFC 2426 section 5), without control characters."""
    value = _CONTROLS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    chunk, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > 75:
            out.append(chunk)
            chunk, size = " ", 1
        chunk += ch
        size += width
    out.append(chunk)
    return "\r\n".join(out)


def card_text(record: ContactRecord, uid: str = "") -> str:
    """One vCard 3.0 that `parse_vcard` reads back to an equal record."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"PRODID:-//CareerDesk//CareerDesk {__version__}//EN",
        f"N:{escape(record.last_name)};{escape(record.first_name)};;;",
        f"FN:{escape(record.full_name or record.company or record.email or record.linkedin_url)}",
    ]
    if uid:
        lines.append(f"UID:{escape(uid)}")
    if record.company:
        lines.append(f"ORG:{escape(record.company)}")
    if record.position:
        lines.append(f"TITLE:{escape(record.position)}")
    if record.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{escape(record.email)}")
    if record.phone:
        lines.append(f"TEL:{escape(record.phone)}")
    if record.linkedin_url:
        lines.append(f"URL:{escape(record.linkedin_url)}")
    lines += [f"URL:{escape(url)}" for url in record.urls]
    if record.tags:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in record.tags))
    if record.notes.strip():
        lines.append(f"NOTE:{escape(record.notes)}")
    for name, value in (
        ("RELATIONSHIP", record.relationship),
        ("HOW-MET", record.how_met),
        ("CONNECTED-ON", record.connected_on.isoformat() if record.connected_on else ""),
        ("LAST-CONTACTED", record.last_contacted.isoformat() if record.last_contacted else ""),
    ):
        if value:
            lines.append(f"{_X}{name}:{escape(value)}")
    for number, job in enumerate(record.employment, start=1):
        group = f"job{number}."
        lines.append(f"{group}{_X}JOB-COMPANY:{escape(job.company)}")
        lines.append(f"{group}{_X}JOB-POSITION:{escape(job.position)}")
        if job.start:
            lines.append(f"{group}{_X}JOB-START:{job.start.isoformat()}")
        if job.end:
            lines.append(f"{group}{_X}JOB-END:{job.end.isoformat()}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def write_vcards(records: Iterable[tuple[ContactRecord, str]]) -> Iterable[str]:
    """The cards of an export, one string per (record, uid)."""
    for record, uid in records:
        yield card_text(record, uid)
