"""Contact import: read a file, preview it (contact_merge), then write it in one go as a Done.

The write is the bulk part: every planned row gets its id and uuid before it
is written, so undo deletes exactly those rows and redo writes them again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw

from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.core.operation import Done, nothing_done
from careerdesk.core.records import changes_for
from careerdesk.io.contact_merge import (
    DUPLICATE,
    NEW,
    REJECTED,
    UPDATED,
    ImportPreview,
    PreviewRow,
    chunks,
    preview,
)
from careerdesk.io.contact_record import (
    MAX_IMPORT_BYTES,
    ImportFileError,
    ParseResult,
    PastJob,
    read_user_file,
)
from careerdesk.io.csv_contacts import parse_csv
from careerdesk.io.linkedin import parse_linkedin
from careerdesk.io.vcard import parse_vcard

__all__ = [
    "DUPLICATE",
    "KINDS",
    "NEW",
    "REJECTED",
    "UPDATED",
    "AppliedImport",
    "ImportPreview",
    "PreviewRow",
    "apply",
    "preview",
    "read_file",
]

KINDS = ("linkedin", "vcard", "csv")


def read_file(kind: str, path: Path, mapping: dict[str, str] | None = None) -> ParseResult:
    """Parse a LinkedIn, vCard or CSV file; raise ImportFileError if it cannot be read at all."""
    path = Path(path)
    if kind not in KINDS:
        raise ImportFileError(f"Unknown import kind '{kind}'; use one of: {', '.join(KINDS)}.")
    if mapping is not None and kind != "csv":
        raise ImportFileError("A column mapping applies only to CSV imports.")
    data = read_user_file(path, MAX_IMPORT_BYTES)
    try:
        if kind == "linkedin":
            return parse_linkedin(data)
        if kind == "vcard":
            return parse_vcard(data)
        return parse_csv(data, mapping)
    except ImportFileError as exc:
        raise ImportFileError(f"{path.name}: {exc}") from None


# --- apply, undo, redo -----------------------------------------------------------------

C, CT, E = m.Contact, m.ContactTag, m.Employment
_BASE = (C.id, C.uuid, C.created_at, C.updated_at)
_CONTACT_FIELDS = (
    *_BASE,
    C.first_name,
    C.last_name,
    C.middle_name,
    C.name_prefix,
    C.name_suffix,
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
    # The file's date; the database's triggers fold it into last_contacted.
    C.imported_last_contacted,
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
                *(record.first_name, record.last_name),
                *(record.middle_name, record.name_prefix, record.name_suffix),
                *(record.company, record.position),
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
    for chunk in chunks([u.contact_id for u in preview.updates if u.values]):
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
    for chunk in chunks(plan.contacts):
        _insert(C, _CONTACT_FIELDS, chunk).execute()
        done += len(chunk)
        if progress:
            progress(done, total)
    for chunk in chunks(plan.updates):
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
) -> Done:
    """Write the previewed plan in ONE transaction: all of it or, on any error, nothing.

    Undo deletes the rows it added (same ids) and puts updated contacts back;
    its undo, the redo, writes the same rows with the same ids and uuids.
    `value` is the AppliedImport.
    """
    if not (preview.new or preview.updates):
        return nothing_done(AppliedImport())
    with m.database_proxy.atomic():
        plan = _plan(preview, today)
        _write(plan, progress)
    return Done(_CHANGES, lambda: _undo(plan), plan)


_CHANGES: Changes = changes_for(m.Contact)


def _undo(applied: AppliedImport) -> Done:
    """Take an import back: its rows deleted, updated contacts as they were before."""
    with m.database_proxy.atomic():
        # Children first; a new contact's links and jobs are among them.
        for model, rows in ((E, applied.jobs), (CT, applied.links), (C, applied.contacts)):
            for chunk in chunks([row[0] for row in rows]):
                model.delete().where(model.id.in_(chunk)).execute()
        for contact_id, before, _values in applied.updates:
            C.update(before).where(C.id == contact_id).execute()
        for chunk in chunks([row[0] for row in applied.tags]):
            m.Tag.delete().where(m.Tag.id.in_(chunk)).execute()
    return Done(_CHANGES, lambda: _redo(applied), applied)


def _redo(applied: AppliedImport) -> Done:
    """Write an undone import again: the same rows with the same ids and uuids."""
    with m.database_proxy.atomic():
        _write(applied)
    return Done(_CHANGES, lambda: _undo(applied), applied)
