"""What a new user tripped over in the Network tab: e-mail, follow-ups, wording, small windows."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QScrollArea

from careerdesk.core import models as m
from careerdesk.core import network, network_edits
from careerdesk.ui.network.import_dialog import ImportDialog
from careerdesk.ui.network.model import COLUMNS

from ..conftest import TODAY
from . import test_network_tab as network_tab_tests

# The Network tab's fixtures: three people and the tab on their file.
people = network_tab_tests.people
tab = network_tab_tests.tab
select = network_tab_tests.select

FIXTURES = Path(__file__).parent.parent / "io" / "fixtures"


def test_the_email_field_refuses_what_is_no_address_in_place(tab, people, qtbot, monkeypatch):
    boxes = []
    monkeypatch.setattr(tab.ctx, "report_error", lambda exc, parent=None: boxes.append(exc))
    select(tab, people["ada"])
    email = tab.details.edits["email"]
    email.setText("not-an-email")
    email.editingFinished.emit()
    error = tab.details.form_box.error_label
    assert boxes == []  # no message box: the reason sits under the field
    assert not error.isHidden() and "“not-an-email” is not an e-mail address" in error.text()
    assert email.text() == "not-an-email"  # what the user typed stays, to correct it
    assert m.Contact.get_by_id(people["ada"]).email == ""
    assert tab.ctx.undo_stack.count() == 0
    email.setText("ada@example.org")
    email.editingFinished.emit()
    assert error.isHidden()
    assert m.Contact.get_by_id(people["ada"]).email == "ada@example.org"


def test_follow_up_dates_appear_in_the_reach_out_queue_and_are_ticked_off(tab, people):
    alan = people["alan"]
    network_edits.log_interaction(
        alan,
        TODAY - dt.timedelta(days=10),
        "call",
        "Asked for intro",
        TODAY + dt.timedelta(2),
        today=TODAY,
    )
    tab.ctx.apply(
        network_edits.log_interaction(people["ada"], TODAY, "email", today=TODAY).changes
    )
    queue = tab.reach_out.queue
    rows = [
        [queue.topLevelItem(i).text(c) for c in range(3)] for i in range(queue.topLevelItemCount())
    ]
    assert rows[0] == ["Alan Turing", "Bletchley Park", "follow up in 2 days"]
    assert "Asked for intro" in queue.topLevelItem(0).toolTip(2)
    queue.setCurrentItem(queue.topLevelItem(0))
    tab.reach_out.contacted_button.click()
    assert [f.name for f in network.follow_ups(TODAY, 7)] == []  # done: out of the queue
    assert network.interactions(alan)[0].summary == "Followed up"
    assert queue.topLevelItem(0).text(0) != "Alan Turing"
    tab.ctx.undo_stack.undo()
    assert [f.name for f in network.follow_ups(TODAY, 7)] == ["Alan Turing"]


def test_follow_ups_for_the_overview_newest_promise_first(people):
    ada, grace = people["ada"], people["grace"]
    network_edits.log_interaction(
        ada, TODAY, "call", "Soon", TODAY + dt.timedelta(days=5), today=TODAY
    )
    network_edits.log_interaction(
        grace, TODAY - dt.timedelta(9), "call", "Late", TODAY, today=TODAY
    )
    late = network_edits.log_interaction(
        grace,
        TODAY - dt.timedelta(9),
        "call",
        "Later",
        TODAY - dt.timedelta(days=1),
        today=TODAY,
    )
    network_edits.log_interaction(
        ada, TODAY, "call", "Far", TODAY + dt.timedelta(days=60), today=TODAY
    )
    ups = network.follow_ups(TODAY, 14)
    assert [(f.summary, f.overdue(TODAY)) for f in ups] == [
        ("Later", True),
        ("Late", False),
        ("Soon", False),
    ]
    network_edits.follow_up_done(late.value)
    network_edits.set_archived(ada, True)
    assert [f.summary for f in network.follow_ups(TODAY, 14)] == ["Late"]


def test_counts_are_worded_with_plurals(tab, people, qtbot):
    assert tab.count_label.text() == "3 contacts"
    qtbot.keyClicks(tab.filter_edit, "navy")
    assert tab.count_label.text() == "1 matching"
    tab.filter_edit.clear()
    for contact_id in (people["ada"], people["alan"]):
        tab.ctx.apply(network_edits.delete_contact(contact_id).changes)
    assert tab.count_label.text() == "1 contact"
    from careerdesk.io.contact_merge import ImportPreview, PreviewRow

    preview = ImportPreview("csv", [PreviewRow(1, "new", "A", "", "", "")], [], [])
    assert tab.import_summary(preview) == "Import: 1 new contact."


def test_a_new_contact_like_another_with_another_profile_is_hinted(
    tab, people, qtbot, monkeypatch
):
    m.Contact.update(linkedin_url="https://www.linkedin.com/in/ada-one").where(
        m.Contact.id == people["ada"]
    ).execute()
    path = Path(tab.ctx.db_path).parent / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada-two,,Analytical Engines,CTO,01 Jan 2020\n"
    )
    seen = []

    def exec_(dialog: ImportDialog) -> int:
        seen.append(dialog)
        return 0  # look, then cancel

    monkeypatch.setattr(ImportDialog, "exec", exec_)
    tab.start_import("linkedin", path)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    (dialog,) = seen
    status, reason = dialog.model.index(0, 1).data(), dialog.model.index(0, 5).data()
    assert status == "new"
    assert reason == (
        "possible duplicate of Ada Lovelace: same name and company, another LinkedIn URL"
    )
    assert dialog.summary_label.text() == "1 new, 0 updated, 1 possible duplicate."


def test_undo_and_redo_of_an_import_run_off_the_ui_thread(tab, qtbot, monkeypatch):
    monkeypatch.setattr(ImportDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    tab.start_import("linkedin", FIXTURES / "linkedin_connections.csv")
    qtbot.waitUntil(lambda: tab.ctx.undo_stack.count() == 1, timeout=10_000)
    total = m.Contact.select().count()
    step = tab.ctx.undo_stack.command(0)
    tab.ctx.undo_stack.undo()
    assert m.Contact.select().count() < total  # done when undo() returns
    tab.ctx.undo_stack.redo()
    assert m.Contact.select().count() == total
    main = threading.main_thread()
    assert len(step.worker_threads) == 2 and main not in step.worker_threads


@pytest.mark.parametrize("size", [(1300, 800), (1000, 600)])
def test_last_contacted_column_and_the_form_fit(tab, people, size, qtbot):
    window = tab.window()
    window.resize(*size)
    qtbot.wait(50)
    tab.ctx.apply(
        network_edits.log_interaction(people["grace"], TODAY, "call", today=TODAY).changes
    )
    select(tab, people["grace"])
    qtbot.wait(50)
    column = [key for key, _h in COLUMNS].index("last_contacted")
    view = tab.table
    header = view.horizontalHeader()
    needed = max(
        header.sectionSizeFromContents(column).width(),
        view.sizeHintForColumn(column),
    )
    assert header.sectionSize(column) >= needed  # "Last contacted" and its dates, whole
    scroll: QScrollArea = tab.details
    form = tab.details.form_box
    # Every field of the form is reachable: as wide as the pane, or a scroll bar shows.
    visible = scroll.viewport().width()
    assert form.minimumSizeHint().width() <= visible or scroll.horizontalScrollBar().maximum()
    assert all(edit.width() >= 100 for edit in tab.details.edits.values())
