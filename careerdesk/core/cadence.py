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


def _schedule(contact_id: int | None = None) -> pw.Select:
    """One row per listed contact with a cadence: its interval, counted from, due dates.

    Several cadences (its own, its tags'): the shortest ideal interval wins,
    then the shortest maximum, then the contact's own over a tag's; SQLite
    returns the other columns of the row where MIN() found its value.
    Counting starts at last_contacted, which the database's triggers keep from
    the interactions and an imported date (schema 2), else at the date added.
    """
    C, T, CT = m.Contact, m.Tag, m.ContactTag
    own_ideal, own_max = _interval(C.cadence_ideal_days, C.cadence_max_days)
    own = C.select(
        C.id.alias("contact_id"),
        own_ideal.alias("ideal"),
        own_max.alias("maximum"),
        pw.Value("").alias("source"),
    ).where(C.cadence_ideal_days.is_null(False) | C.cadence_max_days.is_null(False))
    tag_ideal, tag_max = _interval(T.cadence_ideal_days, T.cadence_max_days)
    tagged = (
        CT.select(CT.contact, tag_ideal, tag_max, T.name)
        .join(T)
        .where(T.cadence_ideal_days.is_null(False) | T.cadence_max_days.is_null(False))
    )
    if contact_id is not None:
        own = own.where(C.id == contact_id)
        tagged = tagged.where(CT.contact == contact_id)
    candidates = (own + tagged).cte(
        "candidates", columns=("contact_id", "ideal", "maximum", "source")
    )
    rank = candidates.c.ideal * 100_000_000 + candidates.c.maximum * 10_000
    best = (
        candidates.select_from(
            candidates.c.contact_id,
            candidates.c.ideal,
            candidates.c.maximum,
            candidates.c.source,
            pw.fn.MIN(rank + (candidates.c.source != "")).alias("rank"),
        )
        .group_by(candidates.c.contact_id)
        .cte("best")
    )
    counted_from = pw.fn.COALESCE(C.last_contacted, C.added_date)

    def plus(days: pw.Node) -> pw.Node:
        return pw.fn.date(counted_from, pw.Value("+").concat(days).concat(" days"))

    return (
        C.select(
            C.id,
            C.first_name,
            C.last_name,
            C.company,
            best.c.ideal,
            best.c.maximum,
            best.c.source,
            counted_from.alias("counted_from"),
            plus(best.c.ideal).alias("due_date"),
            plus(best.c.maximum).alias("overdue_date"),
        )
        .join(best, on=(best.c.contact_id == C.id))
        .where(C.archived == False)  # noqa: E712 - peewee builds SQL from ==
        .with_cte(candidates, best)
    )


def _date(value: str | dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value[:10])


def _status(today: dt.date, due: dt.date, overdue: dt.date) -> str:
    if today > overdue:
        return "overdue"
    return "due" if today >= due else "ok"


def reach_out_queue(today: dt.date, limit: int = 50) -> list[DueContact]:
    """Contacts due or overdue on `today`, the most overdue first."""
    schedule = _schedule().alias("schedule")
    c = schedule.c
    query = (
        pw.Select(
            [schedule], [c.id, c.first_name, c.last_name, c.company, c.due_date, c.overdue_date]
        )
        .where(c.due_date <= today.isoformat())
        .order_by(c.overdue_date, c.due_date, c.last_name, c.first_name, c.id)
        .limit(limit)
        .tuples()
    )
    queue = []
    for contact_id, first, last, company, due, overdue in query.execute(m.database_proxy):
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
    iso = today.isoformat()
    schedule = _schedule().alias("schedule")
    c = schedule.c
    query = pw.Select(
        [schedule],
        [
            pw.fn.SUM(pw.Case(None, [(c.overdue_date >= iso, 1)], 0)),
            pw.fn.SUM(pw.Case(None, [(c.overdue_date < iso, 1)], 0)),
        ],
    ).where(c.due_date <= iso)
    due, overdue = query.tuples().execute(m.database_proxy)[0]
    return due or 0, overdue or 0


def contact_cadence(contact_id: int, today: dt.date) -> ContactCadence | None:
    """The cadence that applies to one contact, or None when none does."""
    row = _schedule(contact_id).tuples().first()
    if row is None:
        return None
    _cid, _first, _last, _company, ideal, maximum, source, start, due, overdue = row
    due_date, overdue_date = _date(due), _date(overdue)
    return ContactCadence(
        ideal_days=ideal,
        max_days=maximum,
        source=source or "contact",
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
