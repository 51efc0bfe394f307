"""What every contact importer produces: accepted records, rejected lines, and the file error."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


class ImportFileError(Exception):
    """The file cannot be read as a whole; the message is one line meant for the user."""


class PastJob(NamedTuple):
    """One entry of a contact's employment history as a source file states it."""

    company: str
    position: str
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass
class ContactRecord:
    """One person read from a file, in our field names; `line` is where it starts (1-based)."""

    first_name: str = ""
    last_name: str = ""
    company: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    urls: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    relationship: str = ""
    how_met: str = ""
    notes: str = ""
    connected_on: dt.date | None = None
    last_contacted: dt.date | None = None
    employment: list[PastJob] = field(default_factory=list)
    # A vCard's additional (middle) names, honorific prefix and suffix (N's last three).
    middle_name: str = ""
    name_prefix: str = ""
    name_suffix: str = ""
    line: int = 0
    # What the file held for this person but could not be read (one note each), for the
    # preview: the record is kept without it.
    dropped: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def formatted_name(self) -> str:
        """The whole name as an address book shows it: prefix, given, middle, family, suffix."""
        parts = (self.name_prefix, self.first_name, self.middle_name, self.last_name)
        name = " ".join(p for p in parts if p)
        return f"{name}, {self.name_suffix}" if name and self.name_suffix else name

    def has_identity(self) -> bool:
        """A record is worth keeping only if it names someone or says how to reach them."""
        return bool(self.first_name or self.last_name or self.email or self.linkedin_url)


@dataclass(frozen=True)
class RejectedRecord:
    """A record that could not be read: where it starts, why, and its text as found."""

    line: int
    reason: str
    text: str


@dataclass
class ParseResult:
    records: list[ContactRecord] = field(default_factory=list)
    rejected: list[RejectedRecord] = field(default_factory=list)
    source: str = "manual"  # linkedin | vcard | csv, stored as Contact.source


# Text fields that import and export carry one-to-one.
TEXT_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "position",
    "email",
    "phone",
    "linkedin_url",
    "relationship",
    "how_met",
    "notes",
)
DATE_FIELDS = ("connected_on", "last_contacted")
# Also accepted as targets of a CSV column mapping.
LIST_FIELDS = ("urls", "tags")
MAPPABLE_FIELDS = ("name", *TEXT_FIELDS, *LIST_FIELDS, *DATE_FIELDS)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


@functools.lru_cache(maxsize=4096)  # exports repeat the same few thousand dates
def parse_date(text: str) -> dt.date | None:
    """Read the date formats contact files use (ISO, `14 Mar 2019`, `14.03.2019`).

    Returns None for an empty cell; raises ValueError with a user-facing reason
    otherwise. Month names are English on purpose: the locale of the machine
    that wrote the file is unknown, and LinkedIn writes English.
    """
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) >= 10 and text[4] == "-":
            return dt.date.fromisoformat(text[:10])
        if len(text) == 8 and text.isdigit():  # vCard basic format, 20190314
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        parts = text.replace(",", " ").replace(".", " ").replace("/", " ").split()
        if len(parts) == 3:
            day, month, year = parts
            if day.isalpha():  # "Mar 14 2019"
                day, month = month, day
            month_number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            if "/" not in text:
                return dt.date(int(year), month_number, int(day))
    except (ValueError, KeyError, IndexError):
        pass
    raise ValueError(f"'{text}' is not a date (expected e.g. 2019-03-14 or 14 Mar 2019)")


def url_key(url: str) -> str:
    """A web address reduced for matching, so the same profile matches however it was written."""
    key = url.strip().lower()
    _scheme, sep, rest = key.partition("://")
    if sep:
        key = rest
    if key.startswith("www."):
        key = key[4:]
    query = key.find("?")
    if query >= 0:
        key = key[:query]
    return key.rstrip("/")


def is_linkedin_profile(url: str) -> bool:
    return "linkedin.com/in/" in url.lower() or "linkedin.com/pub/" in url.lower()


# Biggest contact file an import reads: far above any real address book (50,000
# cards with photos), low enough that a wrong file is refused before it fills memory.
MAX_IMPORT_BYTES = 200 * 1024 * 1024


def read_user_file(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The bytes of a file the user chose; ImportFileError (one sentence) if unreadable or huge."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise ImportFileError(
                f"{path.name} is {_size(size)}; CareerDesk reads contact files of up "
                f"to {_size(limit)}. Split it into smaller files and import each."
            )
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if len(data) > limit:  # grew while we read it
        raise ImportFileError(f"{path.name} is over {_size(limit)}.")
    return data


def _size(count: int) -> str:
    for unit, scale in (("MB", 2**20), ("KB", 2**10)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count} bytes"
