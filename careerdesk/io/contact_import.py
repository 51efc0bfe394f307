"""Contact import: read a file, preview it against the open database, then write it in one go."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import peewee as pw

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
# Rows per statement, between two progress reports (SQLite allows 32766 bound values).
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


_SAME_NAME = "same name and company"


def _keys(record: ContactRecord) -> Iterator[tuple[str, object]]:
    """The identities a record can be matched by, strongest first."""
    if record.email:
        yield "same email", record.email.strip().casefold()
    if record.linkedin_url:
        yield "same LinkedIn URL", url_key(record.linkedin_url)
    if record.first_name or record.last_name:
        yield (
            _SAME_NAME,
            (
                _fold(record.first_name),
                _fold(record.last_name),
                _fold(record.company),
            ),
        )


def _may_match(why: str, url: str, other_url: str) -> bool:
    """Two people may share a name (and an empty company), never a LinkedIn profile:
    a match by name alone is refused when both have different profile URLs."""
    return why != _SAME_NAME or not (url and other_url) or url_key(url) == url_key(other_url)


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
    m.Contact.id,
    m.Contact.first_name,
    m.Contact.last_name,
    m.Contact.company,
    m.Contact.position,
    m.Contact.email,
    m.Contact.phone,
    m.Contact.linkedin_url,
    m.Contact.urls,
    m.Contact.relationship,
    m.Contact.how_met,
    m.Contact.notes,
    m.Contact.connected_on,
    m.Contact.last_contacted,
)


def _existing() -> tuple[dict[int, dict[str, object]], dict[tuple[str, object], int]]:
    """All contacts once, with a dict from each identity key to the contact's id."""
    query = m.Contact.select(*_EXISTING_COLUMNS).order_by(m.Contact.id).dicts()
    contacts: dict[int, dict[str, object]] = {}
    index: dict[tuple[str, object], int] = {}
    for data in query.iterator():
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
    CT, E = m.ContactTag, m.Employment
    for chunk in _chunks(ids):
        tag_query = CT.select(CT.contact, m.Tag.name).join(m.Tag).where(CT.contact.in_(chunk))
        for contact_id, name in tag_query.tuples():
            tags.setdefault(contact_id, set()).add(name.casefold())
        job_query = E.select(E.contact, E.company, E.position).where(E.contact.in_(chunk))
        for contact_id, company, position in job_query.tuples():
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
    if (_fold(record.company or old_company), _fold(record.position)) in jobs:
        # The file shows a job the history already holds: an older file, not a new job.
        moved_company = moved_position = False
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

    def merged_into(number: int) -> ContactRecord:
        """A cluster's record to merge into: a copy, so merging never edits the parse."""
        if number not in copied:
            original = clusters[number]
            clusters[number] = replace(
                original,
                urls=list(original.urls),
                tags=list(original.tags),
                employment=list(original.employment),
            )
            copied.add(number)
        return clusters[number]

    for position, record in enumerate(result.records):
        keys = list(_keys(record))
        found = next(
            (
                (key[0], cluster_of[key])
                for key in keys
                if key in cluster_of
                and _may_match(key[0], record.linkedin_url, clusters[cluster_of[key]].linkedin_url)
            ),
            None,
        )
        if found is None:
            number = len(clusters)
            clusters.append(record)
            cluster_keys.append(keys)
        else:
            why, number = found
            _fill(merged_into(number), record)
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
        hit = next(
            (
                index[key]
                for key in cluster_keys[number]
                if key in index
                and _may_match(
                    key[0], record.linkedin_url, str(contacts[index[key]]["linkedin_url"])
                )
            ),
            None,
        )
        if hit is None:
            target[number] = None
            continue
        contact_id = hit
        owner = first_cluster_of_contact.setdefault(contact_id, number)
        if owner != number:
            _fill(merged_into(owner), record)
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


# --- apply, undo, redo -----------------------------------------------------------------

C, CT, E = m.Contact, m.ContactTag, m.Employment
_BASE = (C.id, C.uuid, C.created_at, C.updated_at)
_CONTACT_FIELDS = (
    *_BASE,
    C.first_name,
    C.last_name,
    C.company,
    C.position,
    C.email,
    C.phone,
    C.linkedin_url,
    C.urls,
    C.relationship,
    C.how_met,
    C.added_date,
    C.connected_on,
    C.last_contacted,
    C.source,
    C.archived,
    C.notes,
)
_TAG_FIELDS = (m.Tag.id, m.Tag.uuid, m.Tag.created_at, m.Tag.updated_at, m.Tag.name)
_LINK_FIELDS = (CT.id, CT.uuid, CT.created_at, CT.updated_at, CT.contact, CT.tag)
_JOB_FIELDS = (
    *(E.id, E.uuid, E.created_at, E.updated_at),
    *(E.contact, E.company, E.position, E.start_date, E.end_date, E.notes),
)


@dataclass
class AppliedImport:
    """What `apply` wrote, with its ids and uuids: enough to take it back and write it again."""

    tags: list[tuple] = field(default_factory=list)  # rows of _TAG_FIELDS
    contacts: list[tuple] = field(default_factory=list)  # rows of _CONTACT_FIELDS
    links: list[tuple] = field(default_factory=list)  # rows of _LINK_FIELDS
    jobs: list[tuple] = field(default_factory=list)  # rows of _JOB_FIELDS
    # (contact id, its values before, the values the import set) of each updated contact
    updates: list[tuple[int, dict[str, object], dict[str, object]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.contacts or self.updates or self.links or self.jobs or self.tags)


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


def _next_id(model: type[m.BaseModel]) -> int:
    return (model.select(pw.fn.MAX(model.id)).scalar() or 0) + 1


def _unique(tags: list[str]) -> list[str]:
    return list({t.casefold(): t for t in reversed(tags)}.values())[::-1]


def _plan(preview: ImportPreview, today: dt.date) -> AppliedImport:
    """The rows `apply` writes, with the ids and uuids they get."""
    now = m.utc_now()
    plan = AppliedImport()
    tag_ids = {
        name.casefold(): tag_id for tag_id, name in m.Tag.select(m.Tag.id, m.Tag.name).tuples()
    }
    next_tag = _next_id(m.Tag)
    for record_tags in [r.tags for r in preview.new] + [u.tags for u in preview.updates]:
        for name in record_tags:
            if name.casefold() not in tag_ids:  # the spelling first seen
                tag_ids[name.casefold()] = next_tag
                plan.tags.append((next_tag, m.new_uuid(), now, now, name))
                next_tag += 1
    first_id = _next_id(C)
    links: list[tuple[int, int]] = []
    jobs: list[tuple[int, PastJob]] = []
    for contact_id, uid, record in zip(
        range(first_id, first_id + len(preview.new)),
        _uuids(len(preview.new)),
        preview.new,
        strict=True,
    ):
        plan.contacts.append(
            (
                *(contact_id, uid, now, now),
                *(record.first_name, record.last_name, record.company, record.position),
                *(record.email, record.phone, record.linkedin_url, "\n".join(record.urls)),
                *(record.relationship or "other", record.how_met, today),
                *(record.connected_on, record.last_contacted, preview.source, False, record.notes),
            )
        )
        links += [(contact_id, tag_ids[t.casefold()]) for t in _unique(record.tags)]
        jobs += [(contact_id, job) for job in record.employment]
    # The updated contacts' values as they are, for undo.
    before: dict[int, dict[str, object]] = {}
    fields = sorted({name for update in preview.updates for name in update.values})
    query = C.select(C.id, C.updated_at, *[getattr(C, name) for name in fields])
    for chunk in _chunks([u.contact_id for u in preview.updates if u.values]):
        for row in query.where(C.id.in_(chunk)).dicts():
            before[row.pop("id")] = row
    for update in preview.updates:
        if update.values:
            old = before[update.contact_id]
            previous = {name: old[name] for name in (*update.values, "updated_at")}
            plan.updates.append(
                (update.contact_id, previous, {**update.values, "updated_at": now})
            )
        links += [(update.contact_id, tag_ids[t.casefold()]) for t in _unique(update.tags)]
        jobs += [(update.contact_id, job) for job in update.jobs]
    first_link = _next_id(CT)
    plan.links = [
        (link_id, uid, now, now, contact_id, tag_id)
        for link_id, uid, (contact_id, tag_id) in zip(
            range(first_link, first_link + len(links)), _uuids(len(links)), links, strict=True
        )
    ]
    first_job = _next_id(E)
    plan.jobs = [
        (job_id, uid, now, now, contact_id, job.company, job.position, job.start, job.end, "")
        for job_id, uid, (contact_id, job) in zip(
            range(first_job, first_job + len(jobs)), _uuids(len(jobs)), jobs, strict=True
        )
    ]
    return plan


def _insert(
    model: type[m.BaseModel], fields: tuple[pw.Field, ...], rows: Sequence[tuple]
) -> pw.ModelInsert:
    """INSERT rows of these fields, sent to SQLite as one JSON text.

    Model.insert_many builds the statement in Python at about 5 µs a value: 3 s
    for 30,000 contacts, over the import's budget. SQLite reads the same rows
    from JSON in C. Dates and times go as ISO text, as Peewee stores them.
    """
    row = pw.SQL("value")  # json_each's column: one row as a JSON array
    columns = [pw.fn.json_extract(row, f"$[{i}]") for i in range(len(fields))]
    rows_in_json = pw.Select([pw.fn.json_each(json.dumps(rows, default=str))], columns)
    return model.insert_from(rows_in_json, fields)


def _write(plan: AppliedImport, progress: Callable[[int, int], None] | None = None) -> None:
    """Insert the planned rows and set the updated values (inside the caller's transaction)."""
    total = len(plan.contacts) + len(plan.updates)
    done = 0
    _insert(m.Tag, _TAG_FIELDS, plan.tags).execute()
    for chunk in _chunks(plan.contacts):
        _insert(C, _CONTACT_FIELDS, chunk).execute()
        done += len(chunk)
        if progress:
            progress(done, total)
    for chunk in _chunks(plan.updates):
        for contact_id, _before, values in chunk:
            C.update(values).where(C.id == contact_id).execute()
        done += len(chunk)
        if progress:
            progress(done, total)
    # A tag twice on one contact is once (the file may name it in two spellings).
    _insert(CT, _LINK_FIELDS, plan.links).on_conflict_ignore().execute()
    _insert(E, _JOB_FIELDS, plan.jobs).execute()


def apply(
    preview: ImportPreview,
    *,
    today: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> Changes:
    """Write the previewed plan in ONE transaction; all of it or, on any error, nothing."""
    return apply_undoable(preview, today=today, progress=progress)[1]


def apply_undoable(
    preview: ImportPreview,
    *,
    today: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[AppliedImport, Changes]:
    """`apply`, also returning what it wrote, for `undo_import` and `redo_import`."""
    if not (preview.new or preview.updates):
        return AppliedImport(), NOTHING
    with m.database_proxy.atomic():
        plan = _plan(preview, today)
        _write(plan, progress)
    return plan, changes_for(m.Contact)


def undo_import(applied: AppliedImport) -> Changes:
    """Take an import back in one transaction: its rows deleted, updated contacts as before."""
    if not applied:
        return NOTHING
    with m.database_proxy.atomic():
        # Children first; a new contact's links and jobs are among them.
        for model, rows in ((E, applied.jobs), (CT, applied.links), (C, applied.contacts)):
            for chunk in _chunks([row[0] for row in rows]):
                model.delete().where(model.id.in_(chunk)).execute()
        for contact_id, before, _values in applied.updates:
            C.update(before).where(C.id == contact_id).execute()
        for chunk in _chunks([row[0] for row in applied.tags]):
            m.Tag.delete().where(m.Tag.id.in_(chunk)).execute()
    return changes_for(m.Contact)


def redo_import(applied: AppliedImport) -> Changes:
    """Write an undone import again: the same rows with the same ids and uuids."""
    if not applied:
        return NOTHING
    with m.database_proxy.atomic():
        _write(applied)
    return changes_for(m.Contact)
