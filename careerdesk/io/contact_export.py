"""Contact export to vCard 3.0 or CSV, written to a temporary file and then moved into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from careerdesk.core import models as m
from careerdesk.io.contact_record import ContactRecord, ImportFileError, PastJob
from careerdesk.io.csv_contacts import write_csv
from careerdesk.io.vcard import card_text

KINDS = ("vcard", "csv")


def contact_records() -> Iterator[tuple[ContactRecord, str]]:
    """Every contact that is not archived as a record with its uuid, ordered by name."""
    C, T, CT, E = m.Contact, m.Tag, m.ContactTag, m.Employment
    tags: dict[int, list[str]] = {}
    for contact_id, name in CT.select(CT.contact, T.name).join(T).order_by(T.name).tuples():
        tags.setdefault(contact_id, []).append(name)
    jobs: dict[int, list[PastJob]] = {}
    job_query = E.select(E.contact, E.company, E.position, E.start_date, E.end_date).order_by(
        E.start_date.is_null(), E.start_date, E.id
    )
    for contact_id, company, position, start, end in job_query.tuples():
        jobs.setdefault(contact_id, []).append(PastJob(company, position, start, end))
    query = (
        C.select(
            C.id,
            C.uuid,
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
            C.notes,
            C.connected_on,
            C.last_contacted,
            C.middle_name,
            C.name_prefix,
            C.name_suffix,
        )
        .where(C.archived == False)  # noqa: E712 - peewee builds SQL from ==
        .order_by(C.last_name, C.first_name, C.id)
        .tuples()
    )
    for row in query.iterator():
        (cid, uid, first, last, company, position, email, phone, linkedin, urls) = row[:10]
        relationship, how_met, notes, connected_on, last_contacted = row[10:15]
        middle, prefix, suffix = row[15:]
        yield (
            ContactRecord(
                first_name=first,
                last_name=last,
                middle_name=middle,
                name_prefix=prefix,
                name_suffix=suffix,
                company=company,
                position=position,
                email=email,
                phone=phone,
                linkedin_url=linkedin,
                urls=[u for u in urls.split("\n") if u.strip()],
                tags=tags.get(cid, []),
                relationship=relationship,
                how_met=how_met,
                notes=notes,
                connected_on=connected_on,
                last_contacted=last_contacted,
                employment=jobs.get(cid, []),
            ),
            uid,
        )


def export(kind: str, out: Path) -> int:
    """Write all contacts to `out` as vCard 3.0 or CSV; return how many were written.

    The file appears only once complete, so a failed export never leaves half a file.
    """
    if kind not in KINDS:
        raise ImportFileError(f"Unknown export kind '{kind}'; use one of: {', '.join(KINDS)}.")
    out = Path(out)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    except OSError as exc:
        raise ImportFileError(f"Cannot write {out}: {exc.strerror or exc}.") from None
    tmp = Path(tmp_name)
    try:
        if kind == "csv":
            # A BOM, so Excel and LibreOffice read UTF-8 rather than the local code page.
            with open(fd, "w", encoding="utf-8-sig", newline="") as stream:
                count = write_csv((record for record, _uid in contact_records()), stream)
        else:
            count = 0
            with open(fd, "w", encoding="utf-8", newline="") as stream:
                for record, uid in contact_records():
                    stream.write(card_text(record, uid))
                    count += 1
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return count
