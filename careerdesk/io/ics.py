"""The calendar feed: step due dates, check-ins, reach-outs and learning as iCalendar events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

from careerdesk import __version__
from careerdesk.core import cadence, journal
from careerdesk.core import models as m

# UIDs come from the records' uuids, so a calendar app that imports the file
# again updates its events instead of adding copies.
DOMAIN = "careerdesk"


def _uid(kind: str, uuid: str) -> str:
    return f"{kind}-{uuid}@{DOMAIN}"


def _event(
    uid: str,
    summary: str,
    start: dt.date,
    end: dt.date | None,
    stamp: dt.datetime,
    description: str = "",
    category: str = "",
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    # All-day events: DTEND is the day after the last one (RFC 5545).
    event.add("dtend", (end if end and end >= start else start) + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    if description:
        event.add("description", description)
    if category:
        event.add("categories", [category])
    return event


def calendar(today: dt.date, stamp: dt.datetime | None = None) -> icalendar.Calendar:
    """Every dated item of the open file as a calendar."""
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//CareerDesk//CareerDesk {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "CareerDesk")
    steps = (
        m.Step.select(m.Step, m.Goal)
        .join(m.Goal)
        .where(m.Step.due_date.is_null(False), m.Goal.archived == False)  # noqa: E712
        .order_by(m.Step.due_date, m.Step.id)
    )
    for step in steps:
        done = " (done)" if step.done_date else ""
        cal.add_component(
            _event(
                _uid("step", step.uuid),
                f"{step.title}{done}",
                step.due_date,
                None,
                stamp,
                f"Step of the goal “{step.goal.title}”.",
                "Step",
            )
        )
    for checkin in m.CheckIn.select().order_by(m.CheckIn.date, m.CheckIn.id):
        cal.add_component(
            _event(
                _uid("checkin", checkin.uuid),
                "Check-in",
                checkin.date,
                None,
                stamp,
                checkin.reflection,
                "Check-in",
            )
        )
    profile = m.Profile.select().order_by(m.Profile.id).first()
    if profile is not None or m.CheckIn.select().exists():
        nxt = journal.next_checkin(today)
        key = profile.uuid if profile else "file"
        cal.add_component(
            _event(
                _uid("next-checkin", key),
                "Next check-in due",
                nxt.day,
                None,
                stamp,
                "Review your goals, how you feel, and adjust the plan.",
                "Check-in",
            )
        )
    uuids = dict(m.Contact.select(m.Contact.id, m.Contact.uuid).tuples())
    for due in cadence.reach_out_queue(today, limit=1000):
        cal.add_component(
            _event(
                _uid("reach-out", uuids[due.contact_id]),
                f"Reach out to {due.name}",
                max(due.due_date, today),
                None,
                stamp,
                due.company,
                "Reach out",
            )
        )
    follow = (
        m.Interaction.select(m.Interaction, m.Contact)
        .join(m.Contact)
        .where(
            m.Interaction.follow_up_date.is_null(False),
            m.Interaction.follow_up_done == False,  # noqa: E712
        )
    )
    for i in follow:
        cal.add_component(
            _event(
                _uid("follow-up", i.uuid),
                f"Follow up with {i.contact.full_name}",
                i.follow_up_date,
                None,
                stamp,
                i.summary,
                "Reach out",
            )
        )
    learning = m.LearningActivity.select().where(
        m.LearningActivity.start_date.is_null(False) | m.LearningActivity.end_date.is_null(False),
        m.LearningActivity.status != "dropped",
    )
    for a in learning.order_by(m.LearningActivity.id):
        start = a.start_date or a.end_date
        cal.add_component(
            _event(
                _uid("learning", a.uuid),
                a.title,
                start,
                a.end_date,
                stamp,
                "\n".join(p for p in (a.provider, a.url) if p),
                "Learning",
            )
        )
    return cal


def export(out: Path, today: dt.date) -> int:
    """Write the calendar of the open file to `out`; return how many events it holds."""
    cal = calendar(today)
    partial = out.with_name(out.name + ".part")  # never a half-written calendar
    partial.write_bytes(cal.to_ical())
    partial.replace(out)
    return len(cal.walk("VEVENT"))
