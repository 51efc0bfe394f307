"""The keep-in-touch rule: cadence per contact or tag, due and overdue dates, the queue."""

import datetime as dt

import pytest

from careerdesk.core import models as m
from careerdesk.core import network_edits
from careerdesk.core.cadence import (
    check_cadence,
    contact_cadence,
    due_count,
    reach_out_queue,
)

ADDED = dt.date(2026, 1, 1)


def person(first, ideal=None, maximum=None, **fields):
    return m.Contact.create(
        first_name=first,
        last_name="X",
        cadence_ideal_days=ideal,
        cadence_max_days=maximum,
        added_date=fields.pop("added_date", ADDED),
        **fields,
    ).id


def queue(today):
    return [(d.name, d.status, d.days_overdue) for d in reach_out_queue(today)]


def test_due_at_the_ideal_interval_overdue_past_the_maximum(db_path):
    person("Ann", 30, 60)  # counted from the date added
    assert queue(dt.date(2026, 1, 30)) == []
    assert queue(dt.date(2026, 1, 31)) == [("Ann X", "due", 0)]
    assert queue(dt.date(2026, 3, 2)) == [("Ann X", "due", 0)]  # day 60: not yet past it
    assert queue(dt.date(2026, 3, 3)) == [("Ann X", "overdue", 1)]
    (due,) = reach_out_queue(dt.date(2026, 3, 12))
    assert (due.due_date, due.overdue_date, due.days_overdue) == (
        dt.date(2026, 1, 31),
        dt.date(2026, 3, 2),
        10,
    )


def test_logging_an_interaction_resets_the_due_date(db_path):
    ann = person("Ann", 30, 60)
    today = dt.date(2026, 3, 12)
    assert queue(today) == [("Ann X", "overdue", 10)]
    network_edits.log_interaction(ann, today, "coffee", "Caught up", today=today)
    assert queue(today) == []
    assert reach_out_queue(dt.date(2026, 4, 11))[0].due_date == dt.date(2026, 4, 11)


def test_counting_starts_at_last_contacted_from_an_import_too(db_path):
    ann = person("Ann", 30, 60, last_contacted=dt.date(2026, 3, 1))
    assert contact_cadence(ann, dt.date(2026, 3, 5)).counted_from == dt.date(2026, 3, 1)
    assert reach_out_queue(dt.date(2026, 3, 31))[0].due_date == dt.date(2026, 3, 31)


def test_cadence_from_a_tag_and_the_shortest_wins(db_path):
    ann = person("Ann", 60, 90)
    bo = person("Bo")
    cy = person("Cy")
    network_edits.set_tags(ann, ["close"])
    network_edits.set_tags(bo, ["close", "yearly"])
    network_edits.set_tag_cadences({"close": (14, 30)})
    network_edits.set_tag_cadences({"yearly": (365, 400)})
    network_edits.set_tags(cy, ["yearly"])
    today = dt.date(2026, 1, 20)
    ann_cadence = contact_cadence(ann, today)
    assert (ann_cadence.ideal_days, ann_cadence.max_days, ann_cadence.source) == (14, 30, "close")
    assert contact_cadence(bo, today).source == "close"
    assert contact_cadence(cy, today).ideal_days == 365
    assert sorted(d.name for d in reach_out_queue(today)) == ["Ann X", "Bo X"]


def test_the_contacts_own_cadence_wins_when_shorter(db_path):
    ann = person("Ann", 7, 10)
    network_edits.set_tags(ann, ["close"])
    network_edits.set_tag_cadences({"close": (14, 30)})
    assert contact_cadence(ann, ADDED).source == "contact"


def test_a_missing_maximum_or_ideal_takes_the_other(db_path):
    ann = person("Ann", 30, None)
    bo = person("Bo", None, 45)
    assert (contact_cadence(ann, ADDED).ideal_days, contact_cadence(ann, ADDED).max_days) == (
        30,
        30,
    )
    assert (contact_cadence(bo, ADDED).ideal_days, contact_cadence(bo, ADDED).max_days) == (45, 45)


def test_queue_is_ranked_by_how_overdue_and_skips_archived_and_uncadenced(db_path):
    person("Ann", 30, 60, added_date=dt.date(2026, 1, 1))
    person("Bo", 30, 40, added_date=dt.date(2026, 1, 1))
    person("Cy", 10, 100, added_date=dt.date(2026, 2, 1))
    person("Di", 1, 1, archived=True)
    person("Ed")  # no cadence: never due
    today = dt.date(2026, 3, 1)
    assert queue(today) == [("Bo X", "overdue", 19), ("Ann X", "due", 0), ("Cy X", "due", 0)]
    assert due_count(today) == (2, 1)
    assert [d.name for d in reach_out_queue(today, limit=1)] == ["Bo X"]


def test_contact_without_cadence_has_none(db_path):
    assert contact_cadence(person("Ed"), ADDED) is None


def test_contacted_today_from_the_queue(db_path):
    ann = person("Ann", 30, 60)
    today = dt.date(2026, 5, 1)
    logged = network_edits.contacted_today(ann, today)
    assert logged.changes.interactions and logged.changes.contacts
    assert queue(today) == []
    assert m.Contact.get_by_id(ann).last_contacted == today
    logged.undo()
    assert queue(today) == [("Ann X", "overdue", 60)]


@pytest.mark.parametrize(
    ("ideal", "maximum", "message"),
    [(0, 10, "between 1 and 3650"), (30, 10, "cannot be shorter"), (5000, None, "between")],
)
def test_impossible_cadences_are_refused(ideal, maximum, message):
    with pytest.raises(ValueError, match=message):
        check_cadence(ideal, maximum)
