"""Keep in touch: each contact's cadence, when they are due or overdue, and the reach-out queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from careerdesk.core import models as m


@dataclass(frozen=True)
class DueContact:
    """A contact to reach out to, as the reach-out queue lists them."""

    contact_id: int
    name: str
    company: str
    due_date: dt.date  # the ideal interval has passed
    overdue_date: dt.date  # the maximum interval has passed after this day
    days_overdue: int  # 0 while only due
    status: str  # "due" | "overdue"


@dataclass(frozen=True)
class ContactCadence:
    """The cadence that applies to one contact and where they stand today."""

    ideal_days: int
    max_days: int
    source: str  # "contact" or the tag's name
    counted_from: dt.date  # last interaction, or the date added
    due_date: dt.date
    overdue_date: dt.date
    status: str  # "ok" | "due" | "overdue"


def _interval(ideal: pw.Field, maximum: pw.Field) -> tuple[pw.Node, pw.Node]:
    """(ideal, maximum) days: a missing maximum means "overdue as soon as due", a
    missing ideal "due at the maximum"."""
    ideal_days = pw.fn.COALESCE(ideal, maximum)
    # max() with two arguments is SQLite's scalar maximum.
    return ideal_days, pw.fn.max(pw.fn.COALESCE(maximum, ideal), ideal_days)


def _best_cadence(contact_id: int) -> tuple[int, int, str] | None:
    """(ideal, maximum, source) of the cadence that applies to one contact.

    Its own cadence and its tags': the shortest ideal interval wins, then the
    shortest maximum, then the contact's own over a tag's (then a tag's name).
    The rule the database's triggers keep cadence_due_date by (schema 4).
    """
    C, T, CT = m.Contact, m.Tag, m.ContactTag
    own_ideal, own_max = _interval(C.cadence_ideal_days, C.cadence_max_days)
    own = C.select(
        own_ideal.alias("ideal"),
        own_max.alias("maximum"),
        pw.Value(0).alias("from_tag"),
        pw.Value("contact").alias("source"),
    ).where(
        (C.id == contact_id)
        & (C.cadence_ideal_days.is_null(False) | C.cadence_max_days.is_null(False))
    )
    tag_ideal, tag_max = _interval(T.cadence_ideal_days, T.cadence_max_days)
    tagged = (
        CT.select(tag_ideal, tag_max, pw.Value(1), T.name)
        .join(T)
        .where(
            (CT.contact == contact_id)
            & (T.cadence_ideal_days.is_null(False) | T.cadence_max_days.is_null(False))
        )
    )
    candidates = (own + tagged).alias("candidates")
    c = candidates.c
    best = (
        pw.Select([candidates], [c.ideal, c.maximum, c.source])
        .order_by(c.ideal, c.maximum, c.from_tag, c.source)
        .limit(1)
        .tuples()
        .execute(m.database_proxy)
    )
    return next(iter(best), None)


def _date(value: str | dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value[:10])


def _status(today: dt.date, due: dt.date, overdue: dt.date) -> str:
    if today > overdue:
        return "overdue"
    return "due" if today >= due else "ok"


def _queued(where: pw.Expression, limit: int) -> list[tuple]:
    C = m.Contact
    return list(
        C.select(
            C.id,
            C.first_name,
            C.last_name,
            C.company,
            C.cadence_due_date,
            C.cadence_overdue_date,
        )
        .where((C.archived == False) & where)  # noqa: E712 - peewee builds SQL from ==
        .order_by(C.cadence_overdue_date, C.cadence_due_date, C.last_name, C.first_name, C.id)
        .limit(limit)
        .tuples()
    )


def reach_out_queue(today: dt.date, limit: int = 50) -> list[DueContact]:
    """Contacts due or overdue on `today`, the most overdue first."""
    C = m.Contact
    # The overdue come first (a due date is never after its overdue date): read
    # in the index's order, the queue usually fills from them alone; the
    # contacts only due, fewer, are looked up by due date when it does not.
    rows = _queued(C.cadence_overdue_date < today, limit)
    if len(rows) < limit:
        rows += _queued(
            (C.cadence_due_date <= today) & (C.cadence_overdue_date >= today), limit - len(rows)
        )
    queue = []
    for contact_id, first, last, company, due, overdue in rows:
        due_date, overdue_date = _date(due), _date(overdue)
        queue.append(
            DueContact(
                contact_id=contact_id,
                name=" ".join(p for p in (first, last) if p),
                company=company,
                due_date=due_date,
                overdue_date=overdue_date,
                days_overdue=max(0, (today - overdue_date).days),
                status=_status(today, due_date, overdue_date),
            )
        )
    return queue


def due_count(today: dt.date) -> tuple[int, int]:
    """How many contacts are due (not yet overdue) and overdue on `today`."""
    C = m.Contact
    due, overdue = (
        C.select(
            pw.fn.COUNT(C.id),
            pw.fn.SUM(pw.Case(None, [(C.cadence_overdue_date < today, 1)], 0)),
        )
        .where((C.archived == False) & (C.cadence_due_date <= today))  # noqa: E712
        .tuples()
        .get()
    )
    return due - (overdue or 0), overdue or 0


def contact_cadence(contact_id: int, today: dt.date) -> ContactCadence | None:
    """The cadence that applies to one contact, or None when none does (or archived)."""
    C = m.Contact
    row = (
        C.select(
            pw.fn.COALESCE(C.last_contacted, C.added_date),
            C.cadence_due_date,
            C.cadence_overdue_date,
        )
        .where((C.id == contact_id) & (C.archived == False))  # noqa: E712
        .tuples()
        .first()
    )
    best = _best_cadence(contact_id) if row is not None and row[1] is not None else None
    if best is None:
        return None
    start, due, overdue = row
    ideal, maximum, source = best
    due_date, overdue_date = _date(due), _date(overdue)
    return ContactCadence(
        ideal_days=ideal,
        max_days=maximum,
        source=source,
        counted_from=_date(start),
        due_date=due_date,
        overdue_date=overdue_date,
        status=_status(today, due_date, overdue_date),
    )


def check_cadence(ideal_days: int | None, max_days: int | None) -> None:
    """Refuse a cadence that cannot work, with a reason for the user."""
    for value in (ideal_days, max_days):
        if value is not None and not 1 <= value <= 3650:
            raise ValueError("A keep-in-touch interval is between 1 and 3650 days.")
    if ideal_days is not None and max_days is not None and max_days < ideal_days:
        raise ValueError("The maximum interval cannot be shorter than the ideal one.")
