"""The calendar feed parses back, has an event per dated item, and keeps its UIDs."""

from __future__ import annotations

import datetime as dt

import icalendar

from careerdesk.core import db
from careerdesk.core import models as m
from careerdesk.io import ics

TODAY = dt.date(2026, 11, 23)


def _events(path):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendar_of_the_example_plan(example_plan, tmp_path):
    with db.opened(example_plan):
        first = tmp_path / "one.ics"
        count = ics.export(first, TODAY)
        steps = list(
            m.Step.select()
            .join(m.Goal)
            .where(
                m.Step.due_date.is_null(False),
                m.Goal.archived == False,  # noqa: E712
            )
        )
        checkins = list(m.CheckIn.select())
        learning = (
            m.LearningActivity.select().where(m.LearningActivity.start_date.is_null(False)).count()
        )
        second = tmp_path / "two.ics"
        ics.export(second, TODAY)
    events = _events(first)
    assert count == len(events)
    for step in steps:
        event = events[f"step-{step.uuid}@careerdesk"]
        assert event.decoded("DTSTART") == step.due_date
        assert event.decoded("DTEND") == step.due_date + dt.timedelta(days=1)
    for checkin in checkins:
        assert events[f"checkin-{checkin.uuid}@careerdesk"].decoded("DTSTART") == checkin.date
    kinds = {uid.split("-")[0] for uid in events}
    assert {"step", "checkin", "next", "reach", "learning"} <= kinds
    assert sum(uid.startswith("learning-") for uid in events) >= learning > 0
    assert set(_events(second)) == set(events)  # calendar apps update, never duplicate


def test_an_empty_file_gives_an_empty_calendar(db_path, tmp_path):
    out = tmp_path / "empty.ics"
    assert ics.export(out, TODAY) == 0
    assert icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT") == []
