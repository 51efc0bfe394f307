"""vCard 2.1/3.0/4.0 import through vobject (after a small normaliser) and vCard 3.0 export."""

from __future__ import annotations

import codecs
import quopri
import re
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
    parts: list[str]  # the physical pieces, joined once at the end (a photo has 100,000s)
    quoted_printable: bool

    @property
    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts[:] = ["".join(self.parts)]
        return self.parts[0]

    def ends_soft_break(self) -> bool:
        return self.parts[-1].endswith("=")


def _physical_lines(text: str) -> list[str]:
    # str.replace and split run in C; a regex split is five times slower on a big photo.
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _is_quoted_printable(text: str) -> bool:
    return "QUOTED-PRINTABLE" in text.split(":", 1)[0].upper()


def logical_lines(text: str) -> list[_Line]:
    """Unfold content lines, mending what real clients write and vobject refuses.

    - quoted-printable soft line breaks (a line ending in "=", vCard 2.1 by
      Android and Outlook) are joined;
    - continuation lines without the leading space (base64 photos) are joined;
    - blank lines are dropped.
    Linear in the size of the file: pieces are collected, then joined once.
    """
    lines: list[_Line] = []
    current: _Line | None = None
    for number, raw in enumerate(_physical_lines(text), start=1):
        if current is not None:
            if current.quoted_printable and current.ends_soft_break():
                current.parts[-1] = current.parts[-1][:-1]
                current.parts.append(raw)
                continue
            if raw[:1] in (" ", "\t"):
                current.parts.append(raw[1:])
                continue
            if raw.strip() and not _PROPERTY.match(raw):
                current.parts.append(raw.strip())
                continue
        if raw.strip():
            current = _Line(number, [raw], _is_quoted_printable(raw))
            lines.append(current)
    return lines


def _property_name(text: str) -> str:
    name = re.split(r"[;:]", text, maxsplit=1)[0]
    return name.rsplit(".", 1)[-1].upper()


def split_cards(text: str) -> list[tuple[int, list[str], str]]:
    """(first line, normalised content lines, original text) of each BEGIN:VCARD..END:VCARD.

    Raises ImportFileError when there is no card at all or the last one never ends.
    """
    raw_lines = _physical_lines(text)
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


def vcard_text(data: bytes) -> str:
    """The text of a .vcf file, keeping any byte that is not UTF-8 for its property to decode.

    Bytes that are not UTF-8 stay as lone surrogates ("surrogateescape"), so a
    value in another declared charset, or one bad byte, spoils one property
    (see `mend_line`) instead of turning the whole file into Windows-1252.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)):
        return decode_text(data)
    if not data.strip():
        raise ImportFileError("The file is empty.")
    text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8", "surrogateescape")
    head = text[:4000]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in head:
        return decode_text(data)  # UTF-16 without a BOM, or binary: decode_text says which
    if controls * 100 > len(head):
        raise ImportFileError("The file holds binary data, not text.")
    return text


def _has_undecoded(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def _decode(data: bytes, charset: str) -> str:
    """A value's bytes in its declared charset, else UTF-8, else Windows-1252 (2.1 files)."""
    if charset:
        try:
            return data.decode(charset)
        except LookupError:
            raise UnicodeError(f"unknown charset {charset}") from None
        except UnicodeDecodeError as exc:
            bad = data[exc.start]
            raise UnicodeError(f"a byte that is not {charset} text (0x{bad:02X})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise UnicodeError(f"a byte that is not text (0x{data[exc.start]:02X})") from None


def mend_line(line: str) -> str:
    """Decode a value ourselves (quoted-printable, declared charset), escape bare commas.

    vobject then reads the line as plain text. Raises UnicodeError, with the
    reason, when the value cannot be decoded: the caller drops that property only.
    """
    head, _sep, value = line.partition(":")
    name, *params = head.split(";")
    bare_name = name.rsplit(".", 1)[-1].upper()
    quoted = any(p.upper() in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE") for p in params)
    charset = next((p.split("=", 1)[1] for p in params if p.upper().startswith("CHARSET=")), "")
    if quoted or charset or _has_undecoded(value):
        raw = value.encode("utf-8", "surrogateescape")  # the bytes as in the file
        value = _decode(quopri.decodestring(raw) if quoted else raw, charset.strip('"'))
        if quoted:
            value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
        params = [
            p
            for p in params
            if p.upper() not in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE")
            and not p.upper().startswith("CHARSET=")
        ]
    if _has_undecoded(head):
        raise UnicodeError("a byte that is not text in its name")
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
        # N is family;given;additional;prefix;suffix: each part keeps its own place.
        record.first_name = _text(getattr(name, "given", ""))
        record.middle_name = _text(getattr(name, "additional", ""))
        record.last_name = _text(getattr(name, "family", ""))
        record.name_prefix = _text(getattr(name, "prefix", ""))
        record.name_suffix = _text(getattr(name, "suffix", ""))
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
    try:
        record.relationship = relationship_key(_preferred(props.get(_X + "RELATIONSHIP", [])))
    except ValueError as exc:
        record.dropped.append(f"{_X}RELATIONSHIP: {exc}")
    record.how_met = _preferred(props.get(_X + "HOW-MET", []))
    for field, name in (("connected_on", "CONNECTED-ON"), ("last_contacted", "LAST-CONTACTED")):
        try:
            setattr(record, field, parse_date(_preferred(props.get(_X + name, []))))
        except ValueError as exc:
            record.dropped.append(f"{_X}{name}: {exc}")
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


def _readable(text: str) -> str:
    """Text shown to the user: any byte left undecoded becomes U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_card(body: list[str]) -> tuple[vobject.base.Component, list[str]]:
    """Parse one card, leaving out each property that cannot be read; return what was left out.

    Raises when the card cannot be read even so (no property at fault).
    """
    dropped: list[str] = []
    lines: list[str] = []
    for line in body:
        try:
            lines.append(mend_line(line))
        except UnicodeError as exc:
            dropped.append(f"{_readable(_property_name(line))}: {exc}")
    try:
        return vobject.readOne("".join(f"{ln}\r\n" for ln in lines)), dropped
    except Exception as exc:  # noqa: BLE001 - find the properties at fault below
        whole_card = exc
    version = next((ln for ln in lines if ln.upper().startswith("VERSION:")), "VERSION:3.0")
    kept = []
    for line in lines[1:-1]:  # between BEGIN and END
        try:
            vobject.readOne(f"BEGIN:VCARD\r\n{version}\r\n{line}\r\nEND:VCARD\r\n")
        except Exception as exc:  # noqa: BLE001 - vobject raises many kinds
            dropped.append(f"{_property_name(line)}: {_reason(exc)}")
        else:
            kept.append(line)
    if len(kept) == len(lines) - 2:
        raise whole_card  # the card as a whole is at fault, not one property
    card = vobject.readOne("".join(f"{ln}\r\n" for ln in [lines[0], *kept, lines[-1]]))
    return card, dropped


def parse_vcard(data: bytes) -> ParseResult:
    """Read every card of a .vcf file.

    A property that cannot be decoded or read is left out and noted on its
    record (`dropped`); only a card that cannot be read at all is rejected.
    """
    result = ParseResult(source="vcard")
    for line, body, original in split_cards(vcard_text(data)):
        try:
            card, dropped = _read_card(body)
        except Exception as exc:  # vobject raises many kinds; each means one bad card
            result.rejected.append(
                RejectedRecord(line, f"unreadable card: {_reason(exc)}", _readable(original))
            )
            continue
        try:
            record = record_from_card(card, line)
        except Exception as exc:  # a value vobject let through that we cannot use
            result.rejected.append(RejectedRecord(line, _reason(exc), _readable(original)))
            continue
        record.dropped[:0] = dropped
        result.records.append(record)
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


def _one_line(value: str) -> str:
    return " ".join(_CONTROLS.sub(" ", value).split())


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character.

    Linear: an ASCII line (a photo, a long note in English) is cut by slicing;
    other text is walked once, a character at a time.
    """
    if len(line) <= 75 and line.isascii():
        return line
    if line.isascii():
        return "\r\n ".join([line[:75], *(line[i : i + 74] for i in range(75, len(line), 74))])
    out: list[str] = []
    chunk: list[str] = []
    size = 0
    for ch in line:
        width = 1 if ch < "\x80" else len(ch.encode("utf-8"))
        if size + width > 75:
            out.append("".join(chunk))
            chunk, size = [" "], 1
        chunk.append(ch)
        size += width
    out.append("".join(chunk))
    return "\r\n".join(out)


def card_text(record: ContactRecord, uid: str = "") -> str:
    """One vCard 3.0 that `parse_vcard` reads back to an equal record."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"PRODID:-//CareerDesk//CareerDesk {__version__}//EN",
        "N:"
        + ";".join(
            escape(part)
            for part in (
                record.last_name,
                record.first_name,
                record.middle_name,
                record.name_prefix,
                record.name_suffix,
            )
        ),
        "FN:"
        + escape(record.formatted_name or record.company or record.email or record.linkedin_url),
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
        # A phone number is not a text value (RFC 2426 5.3.1): written as it is, never escaped.
        lines.append(f"TEL:{_one_line(record.phone)}")
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
