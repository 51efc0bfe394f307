"""The Overview's lists on hand-made data with a fixed today."""

from __future__ import annotations

import datetime as dt

from careerdesk.core import journal, overview, records
from careerdesk.core import models as m

D = dt.date


def _check_in(day, **values):
    return journal.record_checkin(journal.CheckInEntry(day=day, **values), today=day)


TODAY = D(2027, 3, 10)


def _make(model, **values):
    return records.create(model, **values).value


def _plan():
    goal = _make(
        m.Goal,
        title="Certify",
        start_date=D(2027, 1, 1),
        target_date=D(2027, 4, 1),
        status="active",
    )
    _make(m.Step, goal=goal, title="Late step", due_date=D(2027, 3, 1))
    _make(m.Step, goal=goal, title="Soon step", due_date=D(2027, 3, 15))
    _make(m.Step, goal=goal, title="Far step", due_date=D(2027, 6, 1))
    _make(m.Step, goal=goal, title="Done step", due_date=D(2027, 3, 12), done_date=D(2027, 3, 2))
    ada = _make(
        m.Contact,
        first_name="Ada",
        last_name="Lovelace",
        cadence_ideal_days=30,
        added_date=D(2026, 1, 1),
    )
    _make(
        m.Interaction,
        contact=ada,
        date=D(2027, 1, 2),
        kind="call",
        summary="Coffee",
        follow_up_date=D(2027, 3, 13),
    )
    _make(
        m.Interaction,
        contact=ada,
        date=D(2027, 1, 1),
        kind="email",
        summary="Intro",
        follow_up_date=D(2027, 3, 5),
    )
    _make(
        m.Interaction,
        contact=ada,
        date=D(2027, 1, 3),
        kind="email",
        summary="Closed",
        follow_up_date=D(2027, 3, 11),
        follow_up_done=True,
    )
    _make(m.LearningActivity, title="AWS course", status="in_progress", end_date=D(2027, 5, 1))
    _make(m.LearningActivity, title="Planned course", status="planned")
    _make(m.Achievement, date=D(2027, 2, 1), title="Shipped", metric="3x")
    _make(m.Achievement, date=D(2026, 1, 1), title="Long ago")
    return goal, ada


def test_overview_lists_on_hand_made_data(db_path):
    goal, ada = _plan()
    news = overview.attention(TODAY)
    assert [s.title for s in news.overdue_steps] == ["Late step"]
    assert [(line.kind, line.title, line.day) for line in news.coming_up] == [
        ("contact", "Coffee", D(2027, 3, 13)),
        ("step", "Soon step", D(2027, 3, 15)),
    ]
    assert news.coming_up[0].detail == "Ada Lovelace"
    assert [(f.title, f.record_id) for f in news.overdue_follow_ups] == [("Intro", ada)]
    assert [g.title for g in news.goals_at_risk] == ["Certify"]
    assert [c.name for c in news.contacts_due] == ["Ada Lovelace"]  # last contact 2027-01-03
    assert [a.title for a in news.learning] == ["AWS course"]
    assert [(a.title, a.detail) for a in news.recent_achievements] == [("Shipped", "3x")]
    assert not news.checkin_due and news.checkin.last is None  # the Journal invites one
    assert news.has_goals and not news.is_empty


def test_next_checkin_follows_the_cadence(db_path):
    _plan()
    _check_in(D(2027, 3, 1))
    journal.set_checkin_period("monthly")
    news = overview.attention(TODAY)
    assert (news.next_checkin, news.checkin_due) == (D(2027, 3, 31), False)
    assert overview.attention(D(2027, 4, 2)).checkin_due


def test_an_empty_file_is_empty(db_path):
    news = overview.attention(TODAY)
    assert news.is_empty and not news.has_goals
    assert news.coming_up == news.learning == news.recent_achievements == []
    assert not overview.due_today(TODAY)


def test_due_today_counts_what_a_reminder_says(db_path):
    _plan()
    due = overview.due_today(TODAY)
    assert (due.overdue_steps, due.steps_today, due.contacts, due.follow_ups) == (1, 0, 1, 1)
    assert not due.checkin  # before the first check-in there is nothing to remind of


def test_long_follow_up_lists_are_cut_and_counted(db_path):
    contact = _make(m.Contact, first_name="Grace", last_name="Hopper")
    for i in range(overview.FOLLOW_UPS_SHOWN + 7):
        _make(m.Interaction, contact=contact, date=D(2027, 1, 1), summary=f"Late {i:02d}",
              follow_up_date=D(2027, 2, 1) + dt.timedelta(days=i % 20))  # fmt: skip
    for i in range(overview.FOLLOW_UPS_SHOWN + 3):
        _make(m.Interaction, contact=contact, date=D(2027, 1, 1), summary=f"Soon {i:02d}",
              follow_up_date=TODAY + dt.timedelta(days=i % 10))  # fmt: skip
    news = overview.attention(TODAY)
    assert news.overdue_follow_up_count == overview.FOLLOW_UPS_SHOWN + 7
    assert news.coming_follow_up_count == overview.FOLLOW_UPS_SHOWN + 3
    overdue = news.overdue_follow_ups
    assert len(overdue) == overview.FOLLOW_UPS_SHOWN
    assert [line.day for line in overdue] == sorted(line.day for line in overdue)  # oldest first
    assert overdue[0].day == D(2027, 2, 1)
    soon = [line for line in news.coming_up if line.kind == "contact"]
    assert len(soon) == overview.FOLLOW_UPS_SHOWN and soon[0].day == TODAY


def test_contacts_to_reach_out_to_are_all_counted_beyond_the_listed(db_path):
    for i in range(25):  # more than the 20 the list shows
        _make(
            m.Contact, first_name=f"Due {i:02d}", cadence_ideal_days=30, added_date=D(2026, 1, 1)
        )
    news = overview.attention(TODAY)
    assert len(news.contacts_due) == 20
    assert news.contacts_due_count == 25


def test_step_counts_go_beyond_the_listed_steps(db_path):
    goal = _make(
        m.Goal, title="Many", start_date=D(2027, 1, 1), target_date=D(2027, 12, 1), status="active"
    )
    for i in range(60):
        _make(m.Step, goal=goal, title=f"Late {i}", due_date=D(2027, 2, 1))
        _make(m.Step, goal=goal, title=f"Soon {i}", due_date=TODAY + dt.timedelta(days=i % 14))
    news = overview.attention(TODAY)
    assert len(news.overdue_steps) == 50 and news.overdue_step_count == 60
    assert len(news.upcoming_steps) == 50 and news.upcoming_step_count == 60
    due = overview.due_today(TODAY)
    assert due.overdue_steps == 60 and due.steps_today == 5  # i % 14 == 0: 0, 14, … 56
