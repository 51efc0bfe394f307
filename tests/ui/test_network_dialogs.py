"""The Network tab's dialogs: the app's date field, dates typed, and what they refuse."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox

from careerdesk.core import models as m
from careerdesk.ui.date_edit import DateEdit, format_day
from careerdesk.ui.network.dialogs import JobDialog, LogInteractionDialog

from ..conftest import TODAY
from .network_screen import shown_network_tab


@pytest.fixture
def ada(db_path) -> int:
    return m.Contact.create(
        first_name="Ada", last_name="Lovelace", added_date=TODAY - dt.timedelta(days=30)
    ).id


@pytest.fixture
def tab(ada, qtbot):
    widget = shown_network_tab(qtbot)
    widget.select_contact(ada)
    return widget


@pytest.fixture
def refusals(monkeypatch) -> list[str]:
    """What the dialogs' refusal boxes say (the box is not shown)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    return shown


def type_date(field: DateEdit, text: str) -> None:
    field.line.setFocus()
    field.line.selectAll()
    QTest.keyClicks(field.line, text)
    field.line.editingFinished.emit()  # as leaving the field does: the app's format shown


def test_logging_an_interaction_refuses_a_bad_date_and_a_later_one_keeps_a_later_follow_up(
    tab, ada, refusals, monkeypatch
):
    def fill(dialog: LogInteractionDialog) -> int:
        assert isinstance(dialog.date_edit, DateEdit)
        assert dialog.date_edit.text() == format_day(TODAY)
        assert dialog.findChild(type(dialog.date_edit.button), "interaction_date_calendar")
        type_date(dialog.date_edit, "2026-02-31")
        dialog.accept()
        assert (
            refusals[-1]
            == "Date: “2026-02-31” is not a date; type it like "
            + format_day(dt.date(2027, 1, 15))
            + "."
        )
        assert dialog.date_edit.text() == "2026-02-31"  # kept as typed, to be corrected
        type_date(dialog.date_edit, (TODAY + dt.timedelta(days=1)).isoformat())
        dialog.accept()
        assert refusals[-1] == (
            "An interaction is one that happened, so its date cannot be after today "
            "(plan the next one as a follow-up)."
        )
        assert dialog.result() != QDialog.DialogCode.Accepted  # still open, nothing lost
        type_date(dialog.date_edit, (TODAY - dt.timedelta(days=2)).isoformat())
        assert dialog.date_edit.text() == format_day(TODAY - dt.timedelta(days=2))
        dialog.summary_edit.setText("Coffee")
        dialog.follow_up_check.setChecked(True)
        type_date(dialog.follow_up_edit, (TODAY + dt.timedelta(days=60)).isoformat())
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(LogInteractionDialog, "exec", fill)
    tab.details.log_button.click()
    assert len(refusals) == 2
    (row,) = m.Interaction.select()
    assert (row.date, row.summary, row.follow_up_date) == (
        TODAY - dt.timedelta(days=2),
        "Coffee",
        TODAY + dt.timedelta(days=60),
    )
    assert m.Contact.get_by_id(ada).last_contacted == TODAY - dt.timedelta(days=2)


def test_editing_an_interaction_to_a_later_date_is_refused_in_the_dialog(
    tab, ada, refusals, monkeypatch
):
    def log_today(dialog: LogInteractionDialog) -> int:
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(LogInteractionDialog, "exec", log_today)
    tab.details.log_button.click()

    def move_to_tomorrow_then_cancel(dialog: LogInteractionDialog) -> int:
        assert dialog.date_edit.text() == format_day(TODAY)  # the interaction's date
        type_date(dialog.date_edit, (TODAY + dt.timedelta(days=1)).isoformat())
        dialog.accept()
        return dialog.result()  # not accepted: as Cancel after the message

    monkeypatch.setattr(LogInteractionDialog, "exec", move_to_tomorrow_then_cancel)
    tree = tab.details.interactions
    tree.setCurrentItem(tree.topLevelItem(0))
    tab.details.edit_interaction()
    assert refusals == [
        "An interaction is one that happened, so its date cannot be after today "
        "(plan the next one as a follow-up)."
    ]
    assert [row.date for row in m.Interaction.select()] == [TODAY]


def test_a_past_job_takes_typed_dates_and_refuses_an_end_before_its_start(
    tab, ada, refusals, monkeypatch
):
    def fill(dialog: JobDialog) -> int:
        assert isinstance(dialog.start_edit, DateEdit) and not dialog.start_edit.isEnabled()
        dialog.company_edit.setText("Babbage & Co")
        dialog.start_check.setChecked(True)
        dialog.end_check.setChecked(True)
        type_date(dialog.start_edit, "2020-05-01")
        type_date(dialog.end_edit, "2019-01-01")
        dialog.accept()
        assert refusals == ["A job cannot end before it starts."]
        type_date(dialog.end_edit, "2023-06-30")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(JobDialog, "exec", fill)
    tab.details.add_job()
    (job,) = m.Employment.select()
    assert (job.company, job.start_date, job.end_date) == (
        "Babbage & Co",
        dt.date(2020, 5, 1),
        dt.date(2023, 6, 30),
    )
