"""The Overview dashboard, reminders and the calendar export, as the user sees them."""

from __future__ import annotations

import datetime as dt

import icalendar
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QListWidget, QToolButton

from careerdesk.app import create_window
from careerdesk.core import models as m
from careerdesk.core import records
from careerdesk.ui import settings
from careerdesk.ui.journal.calendar_export import export_calendar
from careerdesk.ui.operations import perform
from careerdesk.ui.reminders import Reminders


def texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_dashboard_lists_and_counts(window):
    overdue = texts(window.findChild(QListWidget, "overdue_steps"))
    assert any(t.startswith("Find a second mentee — Mentor two junior engineers") for t in overdue)
    upcoming = texts(window.findChild(QListWidget, "upcoming_steps"))
    assert any("Book the exam date" in t for t in upcoming)
    at_risk = texts(window.findChild(QListWidget, "goals_at_risk"))
    assert any("Lead the payments platform redesign" in t for t in at_risk)
    due = texts(window.findChild(QListWidget, "contacts_due"))
    assert due and "Nobody" not in due[0] and "day(s)" not in " ".join(due)
    learning = texts(window.findChild(QListWidget, "learning_in_progress"))
    assert any("The Staff Engineer's Path" in t for t in learning)
    recent = texts(window.findChild(QListWidget, "recent_achievements"))
    assert any("Onboarded my first mentee" in t for t in recent)
    [checkin] = texts(window.findChild(QListWidget, "next_checkin"))
    assert checkin.startswith("Next check-in ") and checkin.endswith("(in 14 days)")
    headline = window.overview_tab.headline.text()
    assert f"{len(overdue)} overdue" in headline and "next check-in in 14 days" in headline
    assert window.overview_tab.overdue[0].title() == f"Overdue ({len(overdue)})"


def test_a_follow_up_shows_in_coming_up_and_opens_the_contact(window, today):
    contact = m.Contact.select().order_by(m.Contact.id).first()
    perform(
        window.ctx,
        "Log",
        lambda: records.create(
            m.Interaction,
            contact=contact.id,
            date=today,
            kind="call",
            summary="Send the slides",
            follow_up_date=today + dt.timedelta(days=3),
        ),
    )
    upcoming = window.findChild(QListWidget, "upcoming_steps")
    [row] = [i for i, t in enumerate(texts(upcoming)) if "Send the slides" in t]
    assert f"Follow up with {contact.full_name}: Send the slides" in upcoming.item(row).text()
    upcoming.itemActivated.emit(upcoming.item(row))
    assert window.current_tab() is window.network_tab
    assert window.network_tab.details.contact_id == contact.id


def test_an_achievement_line_opens_it_in_the_journal(window):
    recent = window.findChild(QListWidget, "recent_achievements")
    recent.itemActivated.emit(recent.item(0))
    assert window.current_tab() is window.journal_tab
    page = window.journal_tab.achievements
    assert window.journal_tab.sections.currentWidget() is page
    title = recent.item(0).text().split("  ", 1)[1].split(" — ")[0]
    assert m.Achievement.get_by_id(page.selected_id()).title == title


def test_an_empty_file_shows_how_to_start(qtbot, tmp_path):
    window = create_window(tmp_path / "new.db")
    qtbot.addWidget(window)
    window.show_tab("overview_tab")
    tab = window.overview_tab
    assert tab.pages.currentWidget() is tab.welcome
    assert tab.headline.text().startswith("Welcome. Start in the Plan tab")
    assert "Pick a role you are aiming for" in tab.welcome.findChild(object, "welcome_text").text()
    window.close()


def test_reminder_at_start_in_the_status_bar(window, qtbot):
    qtbot.waitUntil(lambda: getattr(window, "reminders", None) is not None)
    reminders: Reminders = window.reminders
    qtbot.waitUntil(lambda: reminders.last_text != "")  # counted in a worker
    assert reminders.last_text.startswith("7 steps overdue")
    assert "contacts to reach out to" in reminders.last_text
    # A permanent entry at the right of the status bar (and a tray message where
    # there is one): the messages about what the user just did stay readable.
    notice = window.statusBar().findChild(QToolButton, "reminder_notice")
    assert notice.isVisible() and notice.text() == f"Today: {reminders.last_text}."
    assert window.statusBar().currentMessage() != notice.text()
    notice.click()
    assert window.current_tab() is window.overview_tab
    reminders.check()  # the same day: not again
    assert reminders.last_day == window.ctx.today()


def test_a_reminder_counted_late_does_not_hide_what_the_user_just_did(window, qtbot):
    qtbot.waitUntil(lambda: getattr(window, "reminders", None) is not None)
    reminders: Reminders = window.reminders
    qtbot.waitUntil(lambda: reminders.last_text != "")
    window.statusBar().showMessage("Exported the plan to plan.pdf")
    reminders.last_day = None  # as if the day turned while the export ran
    with qtbot.waitSignal(reminders.counted):
        reminders.check()
    assert window.statusBar().currentMessage() == "Exported the plan to plan.pdf"
    assert reminders.notice.text().startswith("Today: 7 steps overdue")


def test_reminders_can_be_switched_off_and_stay_off(window, qtbot, example_plan):
    qtbot.waitUntil(lambda: getattr(window, "reminders", None) is not None)
    qtbot.waitUntil(lambda: window.reminders.last_text != "")
    action = window.findChild(QAction, "action_reminders")
    assert action.isChecked()
    action.trigger()
    assert settings.value(settings.REMINDERS_ENABLED) is False
    assert not window.reminders.timer.isActive()
    assert not window.reminders.notice.isVisible()
    window.reminders.last_day = None
    window.reminders.check()
    assert window.reminders.last_day is None  # nothing counted, nothing shown
    assert not window.reminders.notice.isVisible()


def test_file_export_calendar(window, tmp_path):
    out = tmp_path / "plan.ics"
    count = export_calendar(window, out)
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert count == len(events) > 0
    assert window.statusBar().currentMessage() == f"Exported {count} events to {out}"
    assert window.findChild(QAction, "action_export_ics") is not None


def test_a_learning_line_opens_the_activity(window):
    learning = window.findChild(QListWidget, "learning_in_progress")
    learning.itemActivated.emit(learning.item(0))
    assert window.current_tab() is window.skills_tab
    activity = m.LearningActivity.get_by_id(window.skills_tab.learning.selected_activity_id())
    assert learning.item(0).text().startswith(activity.title)


def test_reminders_come_again_the_next_day(window, qtbot):
    qtbot.waitUntil(lambda: getattr(window, "reminders", None) is not None)
    qtbot.waitUntil(lambda: window.reminders.last_text != "")  # the first day's, counted
    with qtbot.assertNotEmitted(window.reminders.counted, wait=100):
        window.reminders.check()  # once a day
    window.reminders.notice.setText("")  # so that the next day's text is seen to come
    window.ctx.set_today(window.ctx.today() + dt.timedelta(days=1))
    with qtbot.waitSignal(window.reminders.counted):
        window.reminders.check()
    assert window.reminders.notice.text().startswith("Today: ")


def test_user_text_on_the_overview_is_plain_text(window):
    goal = m.Goal.select().order_by(m.Goal.id).first()
    perform(
        window.ctx, "Rename", lambda: records.update(m.Goal, goal.id, title="<b>Bold</b> & co")
    )
    lines = [
        w.item(i)
        for w in window.overview_tab.findChildren(QListWidget)
        for i in range(w.count())
        if "<b>Bold</b> & co" in w.item(i).text()
    ]
    assert lines and all("&lt;b&gt;Bold&lt;/b&gt; &amp; co" in i.toolTip() for i in lines)


def test_a_long_list_of_overdue_follow_ups_ends_with_how_many_more(window, today):
    from careerdesk.core import network, overview
    from careerdesk.core.operation import in_order

    contact = m.Contact.select().order_by(m.Contact.id).first()
    late = today - dt.timedelta(days=3)
    perform(
        window.ctx,
        "Log",
        lambda: in_order(
            [
                records.create(
                    m.Interaction,
                    contact=contact.id,
                    date=late,
                    summary=f"Late {i}",
                    follow_up_date=late,
                )  # fmt: skip
                for i in range(overview.FOLLOW_UPS_SHOWN + 12)
            ]
        ),
    )
    overdue = network.follow_up_count(today, days=-1)
    lines = texts(window.findChild(QListWidget, "overdue_steps"))
    more = overdue - overview.FOLLOW_UPS_SHOWN
    assert more >= 12
    assert lines[-1] == f"… and {more} more follow-ups: see the Network tab"
    news = overview.attention(today)
    box = window.findChild(QListWidget, "overdue_steps").parent()
    assert box.title().endswith(f"({news.overdue_step_count + overdue})")  # all, not the shown


def test_overdue_steps_beyond_the_listed_are_counted_on_a_line_of_their_own(window, today):
    from careerdesk.core import goals
    from careerdesk.core.operation import in_order

    goal = m.Goal.select().order_by(m.Goal.id).first()
    late = today - dt.timedelta(days=2)
    perform(
        window.ctx,
        "Add steps",
        lambda: in_order(
            [
                records.create(m.Step, goal=goal.id, title=f"Late {i}", due_date=late)
                for i in range(60)
            ]  # fmt: skip
        ),
    )
    lines = texts(window.findChild(QListWidget, "overdue_steps"))
    more = goals.overdue_step_count(today) - 50
    assert f"… and {more} more steps: see the Plan tab" in lines
    assert lines.index(f"… and {more} more steps: see the Plan tab") == 50  # after the steps
