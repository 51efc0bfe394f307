"""Contact import: read a file, preview it against the open database, then write it in one go."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from careerdesk.core import models as m
from careerdesk.core.changes import NOTHING, Changes
from careerdesk.core.records import changes_for
from careerdesk.io.contact_record import (
    ContactRecord,
    ImportFileError,
    ParseResult,
    PastJob,
    url_key,
)
from careerdesk.io.csv_contacts import parse_csv
from careerdesk.io.linkedin import parse_linkedin
from careerdesk.io.vcard import parse_vcard

KINDS = ("linkedin", "vcard", "csv")
NEW, UPDATED, DUPLICATE, REJECTED = "new", "updated", "duplicate", "rejected"
# SQLite allows 32766 bound values per statement; a contact row binds 21.
_CHUNK = 500


def read_file(kind: str, path: Path, mapping: dict[str, str] | None = None) -> ParseResult:
    """Parse a LinkedIn, vCard or CSV file; raise ImportFileError if it cannot be read at all."""
    path = Path(path)
    if kind not in KINDS:
        raise ImportFileError(f"Unknown import kind '{kind}'; use one of: {', '.join(KINDS)}.")
    if mapping is not None and kind != "csv":
        raise ImportFileError("A column mapping applies only to CSV imports.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        if kind == "linkedin":
            return parse_linkedin(data)
        if kind == "vcard":
            return parse_vcard(data)
        return parse_csv(data, mapping)
    except ImportFileError as exc:
        raise ImportFileError(f"{path.name}: {exc}") from None


@dataclass(frozen=True)
class PreviewRow:
    """One record of the file as the preview shows it."""

    line: int
    status: str  # new | updated | duplicate | rejected
    name: str  # for a rejected record: the start of its text as found
    company: str
    email: str
    reason: str  # why rejected, what an update adds, whom a duplicate matches
    contact_id: int | None = None


@dataclass
class ContactUpdate:
    """What merging a record into an existing contact changes."""

    contact_id: int
    values: dict[str, object] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    jobs: list[PastJob] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.values or self.tags or self.jobs)


@dataclass
class ImportPreview:
    """Every row with its status, and the plan `apply` carries out."""

    source: str
    rows: list[PreviewRow]
    new: list[ContactRecord]
    updates: list[ContactUpdate]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def rejected(self) -> list[PreviewRow]:
        """The rows that will not be imported, with their line and reason."""
        return [row for row in self.rows if row.status == REJECTED]

    def summary(self) -> str:
        return ", ".join(f"{self.count(s)} {s}" for s in (NEW, UPDATED, DUPLICATE, REJECTED))


# --- preview ----------------------------------------------------------------------------


def _fold(text: str) -> str:
    folded = text.strip().casefold()
    if "  " in folded or "\n" in folded or "\t" in folded:  # rare: skip the split
        folded = " ".join(folded.split())
    return folded


def _keys(record: ContactRecord) -> Iterator[tuple[str, object]]:
    """The identities a record can be matched by, strongest first."""
    if record.email:
        yield "same email", record.email.strip().casefold()
    if record.linkedin_url:
        yield "same LinkedIn URL", url_key(record.linkedin_url)
    if record.first_name or record.last_name:
        yield (
            "same name and company",
            (
                _fold(record.first_name),
                _fold(record.last_name),
                _fold(record.company),
            ),
        )


def _fill(target: ContactRecord, other: ContactRecord) -> None:
    """Merge `other` into `target` within one file: empty fields are filled, lists united."""
    for name in ("first_name", "last_name", "company", "position", "email", "phone"):
        if not getattr(target, name):
            setattr(target, name, getattr(other, name))
    for name in ("linkedin_url", "relationship", "how_met", "notes", "connected_on"):
        if not getattr(target, name):
            setattr(target, name, getattr(other, name))
    if other.last_contacted and (
        not target.last_contacted or other.last_contacted > target.last_contacted
    ):
        target.last_contacted = other.last_contacted
    target.urls += [u for u in other.urls if u not in target.urls]
    target.tags += [
        t for t in other.tags if t.casefold() not in {x.casefold() for x in target.tags}
    ]
    target.employment += [j for j in other.employment if j not in target.employment]


_EXISTING_COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "company",
    "position",
    "email",
    "phone",
    "linkedin_url",
    "urls",
    "relationship",
    "how_met",
    "notes",
    "connected_on",
    "last_contacted",
)


def _existing() -> tuple[dict[int, dict[str, object]], dict[tuple[str, object], int]]:
    """All contacts once, with a dict from each identity key to the contact's id."""
    cursor = m.database_proxy.execute_sql(
        f"SELECT {', '.join(_EXISTING_COLUMNS)} FROM contact ORDER BY id"
    )
    contacts: dict[int, dict[str, object]] = {}
    index: dict[tuple[str, object], int] = {}
    for row in cursor:
        data = dict(zip(_EXISTING_COLUMNS, row, strict=True))
        contacts[data["id"]] = data
        record = ContactRecord(
            first_name=data["first_name"],
            last_name=data["last_name"],
            company=data["company"],
            email=data["email"],
            linkedin_url=data["linkedin_url"],
        )
        for key in _keys(record):
            index.setdefault(key, data["id"])
    return contacts, index


def _chunks(items: Sequence, size: int = _CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing_tags_and_jobs(
    ids: list[int],
) -> tuple[dict[int, set[str]], dict[int, set[tuple[str, str]]]]:
    tags: dict[int, set[str]] = {}
    jobs: dict[int, set[tuple[str, str]]] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for contact_id, name in m.database_proxy.execute_sql(
            "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
            f"WHERE ct.contact_id IN ({marks})",
            list(chunk),
        ):
            tags.setdefault(contact_id, set()).add(name.casefold())
        for contact_id, company, position in m.database_proxy.execute_sql(
            f"SELECT contact_id, company, position FROM employment WHERE contact_id IN ({marks})",
            list(chunk),
        ):
            jobs.setdefault(contact_id, set()).add((_fold(company), _fold(position)))
    return tags, jobs


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _plan_update(
    existing: dict[str, object],
    record: ContactRecord,
    tags: set[str],
    jobs: set[tuple[str, str]],
) -> tuple[ContactUpdate, list[str]]:
    """Fill empty fields and keep what the user wrote; a new job moves the old one to history."""
    update = ContactUpdate(existing["id"])
    said: list[str] = []
    for name in ("first_name", "last_name", "email", "phone", "linkedin_url", "how_met", "notes"):
        if not existing[name] and getattr(record, name):
            update.values[name] = getattr(record, name)
            said.append(name.replace("_", " "))
    old_company, old_position = existing["company"], existing["position"]
    moved_company = record.company and old_company and _fold(record.company) != _fold(old_company)
    moved_position = (
        record.position and old_position and _fold(record.position) != _fold(old_position)
    )
    if moved_company or moved_position:
        old_job = (_fold(old_company), _fold(old_position))
        if old_job not in jobs:
            update.jobs.append(PastJob(old_company, old_position))
            jobs.add(old_job)
        update.values["company"] = record.company or old_company
        # The old position belonged to the old job, so it does not carry over.
        update.values["position"] = record.position
        said.append(f"new job ({old_company or old_position} moves to employment history)")
    else:
        for name in ("company", "position"):
            if not existing[name] and getattr(record, name):
                update.values[name] = getattr(record, name)
                said.append(name)
    old_urls = [u for u in str(existing["urls"]).splitlines() if u.strip()]
    known = {url_key(u) for u in old_urls} | {url_key(str(existing["linkedin_url"]))}
    added_urls = [u for u in record.urls if url_key(u) not in known]
    if added_urls:
        update.values["urls"] = "\n".join(old_urls + added_urls)
        said.append("web addresses")
    if record.relationship and existing["relationship"] in ("", "other"):
        if record.relationship != existing["relationship"]:
            update.values["relationship"] = record.relationship
            said.append("relationship")
    if record.connected_on and not existing["connected_on"]:
        update.values["connected_on"] = record.connected_on
        said.append("connected on")
    last = _as_date(existing["last_contacted"])
    if record.last_contacted and (last is None or record.last_contacted > last):
        update.values["last_contacted"] = record.last_contacted
        said.append("last contacted")
    new_tags = [t for t in record.tags if t.casefold() not in tags]
    if new_tags:
        update.tags = new_tags
        said.append("tags")
    for job in record.employment:
        key = (_fold(job.company), _fold(job.position))
        if key not in jobs:
            update.jobs.append(job)
            jobs.add(key)
            if "employment history" not in said[-1:]:
                said.append("employment history")
    return update, said


def preview(result: ParseResult) -> ImportPreview:
    """Classify every record against the open database: new, updated, duplicate or rejected.

    Duplicates (same email, same LinkedIn URL, or same name and company) are
    merged, within the file and with existing contacts; nothing is written.
    """
    contacts, index = _existing()
    clusters: list[ContactRecord] = []  # merged records, first occurrence first
    cluster_keys: list[list[tuple[str, object]]] = []
    copied: set[int] = set()  # clusters that are copies, so merging never edits the parse
    cluster_of: dict[tuple[str, object], int] = {}
    rows: dict[int, PreviewRow] = {}  # position in result.records -> row, if decided now
    members: list[int] = []  # cluster number of each record
    for position, record in enumerate(result.records):
        keys = list(_keys(record))
        found = next(((key[0], cluster_of[key]) for key in keys if key in cluster_of), None)
        if found is None:
            number = len(clusters)
            clusters.append(record)
            cluster_keys.append(keys)
        else:
            why, number = found
            if number not in copied:
                original = clusters[number]
                clusters[number] = replace(
                    original,
                    urls=list(original.urls),
                    tags=list(original.tags),
                    employment=list(original.employment),
                )
                copied.add(number)
            _fill(clusters[number], record)
            cluster_keys[number] = list(_keys(clusters[number]))
            rows[position] = PreviewRow(
                record.line,
                DUPLICATE,
                record.full_name,
                record.company,
                record.email,
                f"{why} as line {clusters[number].line}; merged into it",
            )
        members.append(number)
        for key in cluster_keys[number]:
            cluster_of.setdefault(key, number)
    # Two records of the file can both match one contact by different keys.
    target: dict[int, int | None] = {}
    first_cluster_of_contact: dict[int, int] = {}
    for number, record in enumerate(clusters):
        hit = next((index[key] for key in cluster_keys[number] if key in index), None)
        if hit is None:
            target[number] = None
            continue
        contact_id = hit
        owner = first_cluster_of_contact.setdefault(contact_id, number)
        if owner != number:
            if owner not in copied:
                original = clusters[owner]
                clusters[owner] = replace(
                    original,
                    urls=list(original.urls),
                    tags=list(original.tags),
                    employment=list(original.employment),
                )
                copied.add(owner)
            _fill(clusters[owner], record)
        target[number] = contact_id
    matched = sorted(first_cluster_of_contact)
    tags, jobs = _existing_tags_and_jobs(matched)
    plans: dict[int, tuple[ContactUpdate, list[str]]] = {
        number: _plan_update(
            contacts[contact_id],
            clusters[number],
            tags.get(contact_id, set()),
            jobs.setdefault(contact_id, set()),
        )
        for contact_id, number in first_cluster_of_contact.items()
    }
    preview_rows: list[PreviewRow] = []
    new: list[ContactRecord] = []
    updates: list[ContactUpdate] = []
    for position, record in enumerate(result.records):
        if position in rows:
            preview_rows.append(rows[position])
            continue
        number = members[position]
        contact_id = target[number]
        merged = clusters[number]
        if contact_id is None:
            new.append(merged)
            status, reason = NEW, ""
        elif first_cluster_of_contact[contact_id] != number:
            owner = clusters[first_cluster_of_contact[contact_id]]
            status, reason = DUPLICATE, f"same contact as line {owner.line}; merged into it"
        else:
            update, said = plans[number]
            contacts_name = _name(contacts[contact_id])
            if update:
                updates.append(update)
                status, reason = UPDATED, f"{contacts_name}: adds {', '.join(said)}"
            else:
                status, reason = DUPLICATE, f"already in your contacts as {contacts_name}"
        preview_rows.append(
            PreviewRow(
                record.line,
                status,
                merged.full_name,
                merged.company,
                merged.email,
                reason,
                contact_id,
            )
        )
    for rejected in result.rejected:
        # The name column shows the start of the text as found, to recognise the row.
        text = " ".join(rejected.text.split())
        text = text if len(text) <= 60 else text[:59] + "…"
        preview_rows.append(PreviewRow(rejected.line, REJECTED, text, "", "", rejected.reason))
    preview_rows.sort(key=lambda row: row.line)
    return ImportPreview(result.source, preview_rows, new, updates)


def _name(data: dict[str, object]) -> str:
    return " ".join(str(p) for p in (data["first_name"], data["last_name"]) if p) or str(
        data["email"]
    )


# --- apply ------------------------------------------------------------------------------

_INSERT_COLUMNS = (
    "uuid",
    "created_at",
    "updated_at",
    "first_name",
    "last_name",
    "company",
    "position",
    "email",
    "phone",
    "linkedin_url",
    "urls",
    "relationship",
    "how_met",
    "added_date",
    "connected_on",
    "last_contacted",
    "source",
    "archived",
    "notes",
)


def _uuids(count: int) -> list[str]:
    """Random (version 4) uuids in bulk; uuid.uuid4() one by one is a tenth of the import."""
    data = bytearray(os.urandom(16 * count))
    out = []
    for start in range(0, 16 * count, 16):
        data[start + 6] = (data[start + 6] & 0x0F) | 0x40
        data[start + 8] = (data[start + 8] & 0x3F) | 0x80
        h = data[start : start + 16].hex()
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def apply(
    preview: ImportPreview,
    *,
    today: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> Changes:
    """Write the previewed plan in ONE transaction; all of it or, on any error, nothing."""
    total = len(preview.new) + len(preview.updates)
    if total == 0:
        return NOTHING
    now = str(m.utc_now())
    done = 0
    db = m.database_proxy
    with db.atomic():
        tag_ids = _tag_ids(
            [t for r in preview.new for t in r.tags]
            + [t for u in preview.updates for t in u.tags],
            now,
        )
        (before,) = db.execute_sql("SELECT COALESCE(MAX(id), 0) FROM contact").fetchone()
        insert = (
            f"INSERT INTO contact ({', '.join(_INSERT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(_INSERT_COLUMNS))})"
        )
        uuids = _uuids(len(preview.new))
        for offset, chunk in zip(
            range(0, len(preview.new), _CHUNK), _chunks(preview.new), strict=True
        ):
            rows = []
            for uid, record in zip(uuids[offset : offset + len(chunk)], chunk, strict=True):
                rows.append(
                    (
                        uid,
                        now,
                        now,
                        record.first_name,
                        record.last_name,
                        record.company,
                        record.position,
                        record.email,
                        record.phone,
                        record.linkedin_url,
                        "\n".join(record.urls),
                        record.relationship or "other",
                        record.how_met,
                        today.isoformat(),
                        _iso(record.connected_on),
                        _iso(record.last_contacted),
                        preview.source,
                        0,
                        record.notes,
                    )
                )
            db.cursor().executemany(insert, rows)
            done += len(chunk)
            if progress:
                progress(done, total)
        links: list[tuple[int, int]] = []
        jobs: list[tuple[int, PastJob, str]] = []
        if any(record.tags or record.employment for record in preview.new):
            id_of = dict(
                db.execute_sql("SELECT uuid, id FROM contact WHERE id > ?", (before,)).fetchall()
            )
            for uid, record in zip(uuids, preview.new, strict=True):
                contact_id = id_of[uid]
                links += [(contact_id, tag_ids[t.casefold()]) for t in _unique(record.tags)]
                jobs += [(contact_id, job, "") for job in record.employment]
        for chunk in _chunks(preview.updates):
            for update in chunk:
                _update_contact(update, now)
                links += [(update.contact_id, tag_ids[t.casefold()]) for t in _unique(update.tags)]
                jobs += [(update.contact_id, job, "") for job in update.jobs]
            done += len(chunk)
            if progress:
                progress(done, total)
        db.cursor().executemany(
            "INSERT OR IGNORE INTO contact_tag (uuid, created_at, updated_at, contact_id, tag_id) "
            "VALUES (?, ?, ?, ?, ?)",
            [(uid, now, now, c, t) for uid, (c, t) in zip(_uuids(len(links)), links, strict=True)],
        )
        db.cursor().executemany(
            "INSERT INTO employment (uuid, created_at, updated_at, contact_id, company, position,"
            " start_date, end_date, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (uid, now, now, c, j.company, j.position, _iso(j.start), _iso(j.end), n)
                for uid, (c, j, n) in zip(_uuids(len(jobs)), jobs, strict=True)
            ],
        )
    return changes_for(m.Contact)


def _unique(tags: list[str]) -> list[str]:
    return list({t.casefold(): t for t in reversed(tags)}.values())[::-1]


def _tag_ids(names: list[str], now: str) -> dict[str, int]:
    """Ids of these tags by folded name, creating the missing ones with the spelling first seen."""
    db = m.database_proxy
    ids = {name.casefold(): tag_id for tag_id, name in db.execute_sql("SELECT id, name FROM tag")}
    missing = {}
    for name in names:
        missing.setdefault(name.casefold(), name)
    missing = {k: v for k, v in missing.items() if k not in ids}
    if missing:
        db.cursor().executemany(
            "INSERT INTO tag (uuid, created_at, updated_at, name) VALUES (?, ?, ?, ?)",
            [(m.new_uuid(), now, now, name) for name in missing.values()],
        )
        ids.update(
            {
                name.casefold(): tag_id
                for tag_id, name in db.execute_sql("SELECT id, name FROM tag")
            }
        )
    return ids


def _update_contact(update: ContactUpdate, now: str) -> None:
    if not update.values:
        return
    names = sorted(update.values)
    values = [_iso(v) if isinstance(v, dt.date) else v for v in (update.values[n] for n in names)]
    assignments = ", ".join(f"{name} = ?" for name in names)
    m.database_proxy.execute_sql(
        f"UPDATE contact SET {assignments}, updated_at = ? WHERE id = ?",
        [*values, now, update.contact_id],
    )
