"""Merge rules of a contact import, whatever the file: who is new, who is known, what merges.

`preview` classifies every record read from a file against the open database
(new, updated, duplicate, rejected) and plans what `contact_import.apply`
writes; it writes nothing itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from careerdesk.core import models as m
from careerdesk.io.contact_record import ContactRecord, ParseResult, PastJob, url_key

NEW, UPDATED, DUPLICATE, REJECTED = "new", "updated", "duplicate", "rejected"
# Rows per query (SQLite allows 32766 bound values).
CHUNK = 500


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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
    for name in ("middle_name", "name_prefix", "name_suffix"):
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
    target.dropped += [d for d in other.dropped if d not in target.dropped]


_EXISTING_COLUMNS = (
    m.Contact.id,
    m.Contact.first_name,
    m.Contact.last_name,
    m.Contact.middle_name,
    m.Contact.name_prefix,
    m.Contact.name_suffix,
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
    m.Contact.imported_last_contacted,
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


def _existing_tags_and_jobs(
    ids: list[int],
) -> tuple[dict[int, set[str]], dict[int, set[tuple[str, str]]]]:
    tags: dict[int, set[str]] = {}
    jobs: dict[int, set[tuple[str, str]]] = {}
    CT, E = m.ContactTag, m.Employment
    for chunk in chunks(ids):
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
    for name in (
        *("first_name", "last_name", "middle_name", "name_prefix", "name_suffix"),
        *("email", "phone", "linkedin_url", "how_met", "notes"),
    ):
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
    old_urls = [u for u in str(existing["urls"]).split("\n") if u.strip()]
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
    # The file's date is noted beside the interactions' (the database folds both into
    # last_contacted) when it is newer than what the contact shows: the newer wins.
    last = _as_date(existing["last_contacted"])
    if record.last_contacted and (last is None or record.last_contacted > last):
        update.values["imported_last_contacted"] = record.last_contacted
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
                dropped=list(original.dropped),
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
            reason = f"{why} as line {clusters[number].line}; merged into it"
            if record.dropped:
                reason += "; left out what could not be read: " + "; ".join(record.dropped)
            rows[position] = PreviewRow(
                record.line, DUPLICATE, record.full_name, record.company, record.email, reason
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
            status, reason = (
                NEW,
                _possible_duplicate(merged, number, index, contacts, cluster_of, clusters),
            )
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
        if record.dropped:
            left_out = "left out what could not be read: " + "; ".join(record.dropped)
            reason = f"{reason}; {left_out}" if reason else left_out
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


def _possible_duplicate(
    record: ContactRecord,
    number: int,
    index: dict[tuple[str, object], int],
    contacts: dict[int, dict[str, object]],
    cluster_of: dict[tuple[str, object], int],
    clusters: list[ContactRecord],
) -> str:
    """A hint for a new record whose name and company someone else has, with another
    LinkedIn profile: two people, or one who made a second profile? The user decides."""
    key = next((k for k in _keys(record) if k[0] == _SAME_NAME), None)
    if key is None or not record.company:
        return ""
    if key in index:
        return f"possible duplicate of {_name(contacts[index[key]])}: {_OTHER_PROFILE}"
    other = cluster_of.get(key)
    if other is not None and other != number:
        return f"possible duplicate of line {clusters[other].line}: {_OTHER_PROFILE}"
    return ""


_OTHER_PROFILE = "same name and company, another LinkedIn URL"


def _name(data: dict[str, object]) -> str:
    return " ".join(str(p) for p in (data["first_name"], data["last_name"]) if p) or str(
        data["email"]
    )
