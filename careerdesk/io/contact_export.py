"""Contact export to vCard 3.0 or CSV, written to a temporary file and then moved into place."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from careerdesk.core import models as m
from careerdesk.io.contact_record import ContactRecord, ImportFileError, PastJob
from careerdesk.io.csv_contacts import write_csv
from careerdesk.io.vcard import card_text

KINDS = ("vcard", "csv")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def contact_records() -> Iterator[tuple[ContactRecord, str]]:
    """Every contact that is not archived as a record with its uuid, ordered by name."""
    db = m.database_proxy
    tags: dict[int, list[str]] = {}
    for contact_id, name in db.execute_sql(
        "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
        "ORDER BY t.name"
    ):
        tags.setdefault(contact_id, []).append(name)
    jobs: dict[int, list[PastJob]] = {}
    for contact_id, company, position, start, end in db.execute_sql(
        "SELECT contact_id, company, position, start_date, end_date FROM employment "
        "ORDER BY start_date IS NULL, start_date, id"
    ):
        jobs.setdefault(contact_id, []).append(
            PastJob(company, position, _date(start), _date(end))
        )
    cursor = db.execute_sql(
        "SELECT id, uuid, first_name, last_name, company, position, email, phone, linkedin_url,"
        " urls, relationship, how_met, notes, connected_on, last_contacted FROM contact"
        " WHERE archived = 0 ORDER BY last_name, first_name, id"
    )
    for row in cursor:
        (cid, uid, first, last, company, position, email, phone, linkedin, urls) = row[:10]
        relationship, how_met, notes, connected_on, last_contacted = row[10:]
        yield (
            ContactRecord(
                first_name=first,
                last_name=last,
                company=company,
                position=position,
                email=email,
                phone=phone,
                linkedin_url=linkedin,
                urls=[u for u in urls.splitlines() if u.strip()],
                tags=tags.get(cid, []),
                relationship=relationship,
                how_met=how_met,
                notes=notes,
                connected_on=_date(connected_on),
                last_contacted=_date(last_contacted),
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
