"""A tag's cadence changed in the Tags and cadences dialog: written, undone, redone in a worker."""

from __future__ import annotations

import datetime as dt
import threading

import peewee as pw
import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from careerdesk.core import models as m
from careerdesk.core import network_edits, records, write_errors
from careerdesk.ui.network.dialogs import TagCadenceDialog

from ..conftest import TODAY
from .network_screen import shown_network_tab

ADDED = TODAY - dt.timedelta(days=100)
MET = TODAY - dt.timedelta(days=20)


@pytest.fixture
def meetup(db_path) -> dict[str, int]:
    """Three contacts tagged "meetup" (no cadence yet); one of them has a shorter one of
    its own, which keeps winning; one contact without the tag."""

    def add(first: str, **fields) -> int:
        return m.Contact.create(first_name=first, last_name="X", added_date=ADDED, **fields).id

    ids = {
        "ada": add("Ada"),
        "alan": add("Alan", imported_last_contacted=MET),
        "grace": add("Grace", cadence_ideal_days=7, cadence_max_days=14),
        "other": add("Other"),
    }
    for name in ("ada", "alan", "grace"):
        network_edits.set_tags(ids[name], ["meetup"])
    return ids


@pytest.fixture
def tab(meetup, qtbot):
    widget = shown_network_tab(qtbot)
    return widget


def dates(ids: dict[str, int]) -> dict[str, tuple[dt.date | None, dt.date | None]]:
    C = m.Contact
    rows = C.select(C.id, C.cadence_due_date, C.cadence_overdue_date)
    by_id = {row.id: (row.cadence_due_date, row.cadence_overdue_date) for row in rows}
    return {name: by_id[contact_id] for name, contact_id in ids.items()}


def days(start: dt.date, ideal: int, maximum: int) -> tuple[dt.date, dt.date]:
    return start + dt.timedelta(days=ideal), start + dt.timedelta(days=maximum)


def test_a_tag_cadence_change_its_undo_and_redo_set_the_tagged_contacts_dates(
    tab, meetup, qtbot, monkeypatch
):
    before = dates(meetup)
    assert before["ada"] == (None, None)
    assert before["grace"] == days(ADDED, 7, 14)
    change_ran_in: list[threading.Thread] = []
    original = network_edits.set_tag_cadences

    def recording(cadences):
        change_ran_in.append(threading.current_thread())
        return original(cadences)

    def set_meetup(dialog: TagCadenceDialog) -> int:
        ideal, maximum = dialog.spins[0]
        ideal.setValue(30)
        maximum.setValue(60)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(network_edits, "set_tag_cadences", recording)
    monkeypatch.setattr(TagCadenceDialog, "exec", set_meetup)
    stack = tab.ctx.undo_stack
    tab.tags_button.click()
    qtbot.waitUntil(lambda: stack.count() == 1)
    assert stack.undoText() == "Change tag cadences"
    changed = {
        "ada": days(ADDED, 30, 60),
        "alan": days(MET, 30, 60),  # counted from the last contact
        "grace": days(ADDED, 7, 14),  # her own shorter cadence still wins
        "other": (None, None),
    }
    assert dates(meetup) == changed
    assert "Ada X" in [  # 100 days without contact: overdue in the queue now
        tab.reach_out.queue.topLevelItem(i).text(0)
        for i in range(tab.reach_out.queue.topLevelItemCount())
    ]

    stack.undo()  # returns once the worker has written
    assert dates(meetup) == before
    assert m.Tag.get(m.Tag.name == "meetup").cadence_ideal_days is None
    stack.redo()
    assert dates(meetup) == changed
    assert m.Tag.get(m.Tag.name == "meetup").cadence_max_days == 60

    step = stack.command(0)
    ui_thread = threading.current_thread()
    assert len(change_ran_in) == 1 and change_ran_in[0] is not ui_thread
    assert len(step.worker_threads) == 2  # the undo and the redo
    assert all(thread is not ui_thread for thread in step.worker_threads)


def test_a_tag_gone_before_the_write_is_refused_in_one_sentence(tab, meetup, qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(tab.ctx, "report_error", lambda exc, parent=None: shown.append(str(exc)))

    def rename_then_accept(dialog: TagCadenceDialog) -> int:
        dialog.spins[0][0].setValue(30)
        m.Tag.update(name="meetups").execute()  # another window renamed it meanwhile
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TagCadenceDialog, "exec", rename_then_accept)
    before = dates(meetup)
    tab.tags_button.click()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == ["There is no tag “meetup”."]
    assert tab.ctx.undo_stack.count() == 0
    assert dates(meetup) == before


def test_an_undo_stopped_by_a_full_disk_stays_to_try_again(tab, meetup, qtbot, monkeypatch):
    def set_meetup(dialog: TagCadenceDialog) -> int:
        dialog.spins[0][0].setValue(30)
        dialog.spins[0][1].setValue(60)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TagCadenceDialog, "exec", set_meetup)
    before = dates(meetup)
    stack = tab.ctx.undo_stack
    tab.tags_button.click()
    qtbot.waitUntil(lambda: stack.count() == 1)
    changed = dates(meetup)
    original = records.update_row
    calls = []

    def full_disk_once(*args, **values):
        calls.append(args)
        if len(calls) == 1:
            raise pw.OperationalError("database or disk is full")
        return original(*args, **values)

    monkeypatch.setattr(records, "update_row", full_disk_once)
    stack.undo()
    box = tab.findChild(QMessageBox, "write_error_message")
    assert box is not None and box.text() == write_errors.DISK_FULL
    box.close()
    qtbot.waitUntil(lambda: stack.canUndo() and not stack.canRedo())
    assert stack.undoText() == "Change tag cadences"
    assert dates(meetup) == changed  # nothing half-undone
    stack.undo()  # room again: the same step, tried again
    assert dates(meetup) == before
    assert len(calls) == 2
