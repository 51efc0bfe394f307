"""Keep in touch: each contact's cadence, when they are due or overdue, and the reach-out queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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


# The cadences that apply to each contact: its own and its tags'. A missing
# maximum means "overdue as soon as due"; a missing ideal means "due at the
# maximum". "+c.archived" keeps SQLite scanning rather than reading row by row
# through the archived index.
_CANDIDATES = """
    SELECT c.id AS contact_id,
           COALESCE(c.cadence_ideal_days, c.cadence_max_days) AS ideal,
           MAX(COALESCE(c.cadence_max_days, c.cadence_ideal_days),
               COALESCE(c.cadence_ideal_days, c.cadence_max_days)) AS maximum,
           '' AS source
      FROM contact c
     WHERE +c.archived = 0 {own}
       AND (c.cadence_ideal_days IS NOT NULL OR c.cadence_max_days IS NOT NULL)
    UNION ALL
    SELECT ct.contact_id,
           COALESCE(t.cadence_ideal_days, t.cadence_max_days),
           MAX(COALESCE(t.cadence_max_days, t.cadence_ideal_days),
               COALESCE(t.cadence_ideal_days, t.cadence_max_days)),
           t.name
      FROM tag t JOIN contact_tag ct ON ct.tag_id = t.id
     WHERE (t.cadence_ideal_days IS NOT NULL OR t.cadence_max_days IS NOT NULL) {tagged}
"""

# One row per contact with a cadence. Several cadences: the shortest ideal
# interval wins, then the shortest maximum, then the contact's own over a tag's;
# MIN() over one number ordering them so, and SQLite returns the other columns
# of that row. Counting starts at last_contacted, which logging an interaction
# keeps (network.log_interaction), else at the date added; reading the newest
# interaction of every contact instead would triple the time at 50,000 contacts.
_SCHEDULE = f"""
WITH candidates AS ({_CANDIDATES}),
best AS (
    SELECT contact_id, ideal, maximum, source,
           MIN(ideal * 100000000 + maximum * 10000 + (source <> '')) AS rank
      FROM candidates GROUP BY contact_id
),
schedule AS (
    SELECT c.id AS contact_id, c.first_name, c.last_name, c.company,
           b.ideal, b.maximum, b.source,
           COALESCE(c.last_contacted, c.added_date) AS counted_from
      FROM best b JOIN contact c ON c.id = b.contact_id
     WHERE c.archived = 0
)
SELECT contact_id, first_name, last_name, company, ideal, maximum, source, counted_from,
       date(counted_from, '+' || ideal || ' days') AS due_date,
       date(counted_from, '+' || maximum || ' days') AS overdue_date
  FROM schedule
"""
_ALL = _SCHEDULE.format(own="", tagged="")
_ONE = _SCHEDULE.format(own="AND c.id = ?", tagged="AND ct.contact_id = ?")


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])


def _status(today: dt.date, due: dt.date, overdue: dt.date) -> str:
    if today > overdue:
        return "overdue"
    return "due" if today >= due else "ok"


def reach_out_queue(today: dt.date, limit: int = 50) -> list[DueContact]:
    """Contacts due or overdue on `today`, the most overdue first."""
    sql = (
        f"SELECT * FROM ({_ALL}) WHERE due_date <= ? "
        "ORDER BY julianday(overdue_date) ASC, due_date ASC, last_name, first_name, contact_id "
        "LIMIT ?"
    )
    queue = []
    for row in m.database_proxy.execute_sql(sql, (today.isoformat(), limit)):
        contact_id, first, last, company, _ideal, _max, _source, _start, due, overdue = row
        due_date, overdue_date = _date(due), _date(overdue)
        status = _status(today, due_date, overdue_date)
        queue.append(
            DueContact(
                contact_id=contact_id,
                name=" ".join(p for p in (first, last) if p),
                company=company,
                due_date=due_date,
                overdue_date=overdue_date,
                days_overdue=max(0, (today - overdue_date).days),
                status=status,
            )
        )
    return queue


def due_count(today: dt.date) -> tuple[int, int]:
    """How many contacts are due (not yet overdue) and overdue on `today`."""
    sql = f"SELECT SUM(overdue_date >= ?), SUM(overdue_date < ?) FROM ({_ALL}) WHERE due_date <= ?"
    iso = today.isoformat()
    due, overdue = m.database_proxy.execute_sql(sql, (iso, iso, iso)).fetchone()
    return due or 0, overdue or 0


def contact_cadence(contact_id: int, today: dt.date) -> ContactCadence | None:
    """The cadence that applies to one contact, or None when none does."""
    row = m.database_proxy.execute_sql(_ONE, (contact_id, contact_id)).fetchone()
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
