"""Network tab: lazy table, filter, sort, details, undoable edits, reach-out, import, export."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from careerdesk.core import models as m
from careerdesk.core import network, network_edits
from careerdesk.core.changes import Changes
from careerdesk.ui.network.dialogs import LogInteractionDialog
from careerdesk.ui.network.import_dialog import ImportDialog

from ..conftest import TODAY
from .network_screen import shown_network_tab

FIXTURES = Path(__file__).parent.parent / "io" / "fixtures"


def add(first, last, company="", position="", **fields):
    return m.Contact.create(
        first_name=first,
        last_name=last,
        company=company,
        position=position,
        added_date=fields.pop("added_date", TODAY - dt.timedelta(days=10)),
        **fields,
    ).id


@pytest.fixture
def people(db_path):
    ids = {
        "ada": add("Ada", "Lovelace", "Analytical Engines", "Head of Research"),
        "alan": add("Alan", "Turing", "Bletchley Park", "Cryptanalyst"),
        "grace": add(
            "Grace",
            "Hopper",
            "US Navy",
            "Rear Admiral",
            cadence_ideal_days=30,
            cadence_max_days=60,
            added_date=TODAY - dt.timedelta(days=100),
        ),
    }
    network_edits.set_tags(ids["alan"], ["crypto"])
    return ids


@pytest.fixture
def tab(people, db_path, qtbot):
    widget = shown_network_tab(qtbot, 1300, 800)
    return widget


def shown_names(tab):
    model = tab.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def select(tab, contact_id):
    row = tab.model.row_of(contact_id)
    tab.table.selectRow(row)
    assert tab.details.contact_id == contact_id


def test_table_lists_contacts_and_filters_as_you_type(tab, qtbot):
    assert shown_names(tab) == ["Grace Hopper", "Ada Lovelace", "Alan Turing"]
    assert tab.count_label.text() == "3 contacts"
    qtbot.keyClicks(tab.filter_edit, "CRY")  # position and tag, any case
    assert shown_names(tab) == ["Alan Turing"]
    assert tab.count_label.text() == "1 matching"
    tab.filter_edit.clear()
    qtbot.keyClicks(tab.filter_edit, "navy")
    assert shown_names(tab) == ["Grace Hopper"]
    tab.filter_edit.clear()
    assert len(shown_names(tab)) == 3


def test_header_click_sorts_in_sql_and_tags_do_not_sort(tab, qtbot):
    header = tab.table.horizontalHeader()
    header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)  # what a click on Company does
    assert shown_names(tab) == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    assert shown_names(tab) == ["Grace Hopper", "Alan Turing", "Ada Lovelace"]
    header.setSortIndicator(4, Qt.SortOrder.AscendingOrder)  # Tags
    assert header.sortIndicatorSection() == 1
    assert shown_names(tab) == ["Grace Hopper", "Alan Turing", "Ada Lovelace"]


def test_the_model_fetches_pages_as_the_view_scrolls(tab, qtbot):
    m.Contact.insert_many(
        [{"first_name": f"P{i:03}", "last_name": "Zed", "added_date": TODAY} for i in range(450)]
    ).execute()
    tab.ctx.apply(Changes(contacts=True))
    assert tab.model.total() == 453
    assert tab.model.rowCount() == tab.model.PAGE
    tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: tab.model.rowCount() > tab.model.PAGE)
    while tab.model.canFetchMore(tab.model.index(-1, -1)):
        tab.model.fetchMore(tab.model.index(-1, -1))
    names = shown_names(tab)
    assert len(names) == len(set(names)) == 453


def test_details_show_every_part_of_a_contact(tab, people):
    goal = m.Goal.create(title="Staff engineer", start_date=TODAY, target_date=TODAY)
    network_edits.link_goal(people["ada"], goal.id, "Reviews my docs")
    network_edits.add_employment(people["ada"], "Babbage & Co", "Assistant", dt.date(1833, 6, 5))
    network_edits.log_interaction(
        people["ada"],
        TODAY - dt.timedelta(days=3),
        "coffee",
        "Talked shop",
        today=TODAY,
    )
    tab.ctx.apply(Changes(contacts=True))
    select(tab, people["ada"])
    d = tab.details
    assert d.title_label.text() == "Ada Lovelace"
    assert d.subtitle_label.text() == "Head of Research at Analytical Engines · Other"
    assert d.edits["company"].text() == "Analytical Engines"
    assert d.jobs.topLevelItem(0).text(0) == "Babbage & Co"
    assert (d.goals.topLevelItem(0).text(0), d.goals.topLevelItem(0).text(1)) == (
        "Staff engineer",
        "Reviews my docs",
    )
    assert d.interactions.topLevelItem(0).text(2) == "Talked shop"
    assert "Last contacted 3 days ago" in d.cadence_label.text()


def test_editing_a_field_is_one_undo_step(tab, people, qtbot):
    select(tab, people["ada"])
    edit = tab.details.edits["company"]
    edit.setText("Difference Engines Ltd")
    edit.editingFinished.emit()
    assert m.Contact.get_by_id(people["ada"]).company == "Difference Engines Ltd"
    assert tab.model.index(tab.model.row_of(people["ada"]), 1).data() == "Difference Engines Ltd"
    assert tab.ctx.undo_stack.count() == 1
    tab.ctx.undo_stack.undo()
    assert m.Contact.get_by_id(people["ada"]).company == "Analytical Engines"
    assert tab.details.edits["company"].text() == "Analytical Engines"
    edit.editingFinished.emit()  # unchanged: no empty undo step
    assert tab.ctx.undo_stack.index() == 0


def test_tags_and_cadence_edits_undo(tab, people):
    select(tab, people["alan"])
    tab.details.tags_edit.setText("crypto, enigma")
    tab.details.tags_edit.editingFinished.emit()
    assert network.contact_tags(people["alan"]) == ["crypto", "enigma"]
    tab.details.ideal_spin.setValue(14)
    tab.details.max_spin.setValue(30)
    tab.details.max_spin.editingFinished.emit()
    assert m.Contact.get_by_id(people["alan"]).cadence_max_days == 30
    assert "Every 14 days, at most 30 (own cadence)" in tab.details.cadence_label.text()
    tab.ctx.undo_stack.undo()
    tab.ctx.undo_stack.undo()
    assert network.contact_tags(people["alan"]) == ["crypto"]
    assert m.Contact.get_by_id(people["alan"]).cadence_ideal_days is None


def test_a_bad_tag_is_refused_with_a_message_and_nothing_changes(tab, people, monkeypatch):
    warnings = []
    monkeypatch.setattr(
        tab.ctx, "report_error", lambda exc, parent=None: warnings.append(str(exc))
    )
    select(tab, people["alan"])
    tab.details.tags_edit.setText("crypto, " + " " * 3)
    tab.details.tags_edit.editingFinished.emit()
    assert warnings == [] and network.contact_tags(people["alan"]) == ["crypto"]
    tab.details.ideal_spin.setValue(60)
    tab.details.max_spin.setValue(10)
    tab.details.max_spin.editingFinished.emit()
    # Said in place, under the form, not in a box; the stored cadence shows again.
    assert warnings == []
    error = tab.details.form_box.error_label
    assert "cannot be shorter" in error.text() and not error.isHidden()
    assert tab.details.max_spin.value() == 0
    assert tab.ctx.undo_stack.count() == 0


def test_log_interaction_updates_last_contacted_and_undoes(tab, people, monkeypatch):
    def fill_and_accept(dialog: LogInteractionDialog) -> int:
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("call"))
        dialog.summary_edit.setText("Asked about <b>staff</b> roles")
        dialog.follow_up_check.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LogInteractionDialog, "exec", fill_and_accept)
    select(tab, people["grace"])
    tab.details.log_button.click()
    (logged,) = m.Interaction.select()
    assert (logged.kind, logged.date, logged.follow_up_date) == (
        "call",
        TODAY,
        TODAY + dt.timedelta(days=14),
    )
    assert m.Contact.get_by_id(people["grace"]).last_contacted == TODAY
    assert tab.details.interactions.topLevelItem(0).text(2) == "Asked about <b>staff</b> roles"
    tab.ctx.undo_stack.undo()
    assert m.Interaction.select().count() == 0
    assert m.Contact.get_by_id(people["grace"]).last_contacted is None


def test_edit_and_delete_an_interaction_each_one_undo_step(tab, people, monkeypatch):
    grace = people["grace"]
    network_edits.log_interaction(
        grace, TODAY - dt.timedelta(days=20), "call", "Old call", today=TODAY
    )
    network_edits.log_interaction(
        grace, TODAY - dt.timedelta(days=5), "coffee", "Coffee", today=TODAY
    )
    tab.ctx.apply(Changes(interactions=True))
    select(tab, grace)
    tree = tab.details.interactions
    assert [tree.topLevelItem(i).text(2) for i in range(2)] == ["Coffee", "Old call"]

    def move_back_and_accept(dialog: LogInteractionDialog) -> int:
        assert dialog.summary_edit.text() == "Coffee"  # the dialog shows the interaction
        dialog.date_edit.set_value(dialog.date_edit.value() - dt.timedelta(days=30))
        dialog.summary_edit.setText("Coffee, moved")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LogInteractionDialog, "exec", move_back_and_accept)
    tree.setCurrentItem(tree.topLevelItem(0))
    tab.details.findChild(QAbstractButton, "edit_interaction_button").click()
    assert [tree.topLevelItem(i).text(2) for i in range(2)] == ["Old call", "Coffee, moved"]
    assert m.Contact.get_by_id(grace).last_contacted == TODAY - dt.timedelta(days=20)
    tab.ctx.undo_stack.undo()
    assert tree.topLevelItem(0).text(2) == "Coffee"
    assert m.Contact.get_by_id(grace).last_contacted == TODAY - dt.timedelta(days=5)

    tree.setCurrentItem(tree.topLevelItem(0))
    tab.details.findChild(QAbstractButton, "delete_interaction_button").click()
    assert [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())] == ["Old call"]
    assert m.Contact.get_by_id(grace).last_contacted == TODAY - dt.timedelta(days=20)
    assert tab.ctx.undo_stack.undoText() == "Delete interaction"
    tab.ctx.undo_stack.undo()
    assert [i.summary for i in m.Interaction.select().order_by(m.Interaction.date)] == [
        "Old call",
        "Coffee",
    ]
    assert m.Contact.get_by_id(grace).last_contacted == TODAY - dt.timedelta(days=5)
    tab.ctx.undo_stack.redo()
    assert m.Interaction.select().count() == 1


def test_tag_cadences_dialog_sets_a_cadence_as_one_undo_step(tab, people, monkeypatch, qtbot):
    def set_crypto_and_accept(dialog) -> int:
        assert dialog.table.item(0, 0).text() == "crypto"
        assert dialog.table.item(0, 1).text() == "1"  # one contact has it
        ideal, maximum = dialog.spins[0]
        ideal.setValue(7)
        maximum.setValue(3)  # shorter than the ideal: refused, the dialog stays
        dialog.accept()
        assert "shorter" in dialog.error_label.text()
        maximum.setValue(9)
        assert dialog.changed() == {"crypto": (7, 9)}
        dialog.accept()
        return QDialog.DialogCode.Accepted

    from careerdesk.ui.network.dialogs import TagCadenceDialog

    monkeypatch.setattr(TagCadenceDialog, "exec", set_crypto_and_accept)
    tab.tags_button.click()
    qtbot.waitUntil(lambda: tab.ctx.undo_stack.count() == 1)  # written in a worker
    tag = m.Tag.get(m.Tag.name == "crypto")
    assert (tag.cadence_ideal_days, tag.cadence_max_days) == (7, 9)
    # Alan (tagged crypto, added 10 days ago) is now due.
    assert "Alan Turing" in queue_names(tab)
    tab.ctx.undo_stack.undo()
    tag = m.Tag.get(m.Tag.name == "crypto")
    assert (tag.cadence_ideal_days, tag.cadence_max_days) == (None, None)
    assert "Alan Turing" not in queue_names(tab)


def queue_names(tab):
    tree = tab.reach_out.queue
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_reach_out_queue_and_contacted_today(tab, people):
    assert queue_names(tab) == ["Grace Hopper"]
    assert tab.reach_out.title() == "Reach out (1)"
    assert tab.reach_out.queue.topLevelItem(0).text(2) == "overdue by 40 days"
    tab.reach_out.queue.setCurrentItem(tab.reach_out.queue.topLevelItem(0))
    tab.reach_out.contacted_button.click()
    assert queue_names(tab) == ["Nobody to reach out to today."]
    assert m.Contact.get_by_id(people["grace"]).last_contacted == TODAY
    tab.ctx.undo_stack.undo()
    assert queue_names(tab) == ["Grace Hopper"]
    tab.reach_out.queue.setCurrentItem(tab.reach_out.queue.topLevelItem(0))
    tab.reach_out.show_button.click()
    assert tab.details.title_label.text() == "Grace Hopper"


def test_new_and_delete_contact_are_undoable(tab, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Katherine Johnson", True))
    tab.new_button.click()
    new = m.Contact.get(m.Contact.last_name == "Johnson")
    assert tab.details.title_label.text() == "Katherine Johnson"
    asked = []

    def answer_yes(box: QMessageBox) -> int:
        asked.append((box.text(), box.textFormat()))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer_yes)
    tab.delete_button.click()
    assert asked == [
        (
            "Delete Katherine Johnson with their interactions and history? "
            "(Edit ▸ Undo brings them back.)",
            Qt.TextFormat.PlainText,
        )
    ]
    assert not m.Contact.select().where(m.Contact.id == new.id).exists()
    tab.ctx.undo_stack.undo()
    assert m.Contact.get_by_id(new.id).first_name == "Katherine"
    tab.ctx.undo_stack.undo()
    assert m.Contact.select().count() == 3


def test_user_text_is_shown_as_plain_text(tab, people):
    m.Contact.update(first_name="<b>Ada</b>").where(m.Contact.id == people["ada"]).execute()
    tab.ctx.apply(Changes(contacts=True))
    select(tab, people["ada"])
    assert tab.details.title_label.text() == "<b>Ada</b> Lovelace"
    assert tab.details.title_label.textFormat() == Qt.TextFormat.PlainText


def test_every_interactive_widget_is_named(tab):
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QSpinBox, QPlainTextEdit)

    def ours(widget):
        """Not a part Qt builds inside a widget (headers, spin box editors, popups)."""
        return (
            not isinstance(widget, QHeaderView)
            and not widget.objectName().startswith("qt_")
            and not isinstance(widget.parent(), QLineEdit | QSpinBox | QComboBox)
            and widget.window() is tab.window()
        )

    unnamed = [
        (type(w).__name__, w.objectName(), w.accessibleName())
        for w in tab.findChildren(QWidget)
        if isinstance(w, kinds) and ours(w) and not (w.objectName() and w.accessibleName())
    ]
    assert unnamed == []
    assert len([w for w in tab.findChildren(QWidget) if isinstance(w, kinds) and ours(w)]) > 30


@pytest.fixture
def accept_import(monkeypatch):
    """Answer the import preview like a user pressing Import; keeps the dialog seen."""
    seen = []

    def exec_(dialog: ImportDialog) -> int:
        seen.append(dialog)
        return QDialog.DialogCode.Accepted if dialog.import_button.isEnabled() else 0

    monkeypatch.setattr(ImportDialog, "exec", exec_)
    return seen


def test_linkedin_import_previews_then_writes_off_the_ui_thread(tab, qtbot, accept_import):
    tab.start_import("linkedin", FIXTURES / "linkedin_connections.csv")
    qtbot.waitUntil(lambda: "Import: " in tab.status_label.text(), timeout=10_000)
    (dialog,) = accept_import
    statuses = [dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())]
    assert statuses.count("new") == 5 and statuses.count("rejected") == 1
    # Grace Hopper of US Navy was there already: filled in, not doubled; Margaret
    # Hamilton's bad "Connected On" is left out, and the preview says so.
    assert dialog.summary_label.text() == (
        "5 new, 1 updated, 1 already here (no change), 1 rejected, "
        "1 with a field left out (see Reason)."
    )
    dialog.show_combo.setCurrentIndex(dialog.show_combo.findData("rejected"))
    assert [dialog.proxy.index(r, 0).data() for r in range(dialog.proxy.rowCount())] == [14]
    assert tab.status_label.text() == (
        "Import: 5 new contacts, 1 updated, 1 already here (unchanged), 1 rejected."
    )
    assert m.Contact.select().count() == 8
    grace = m.Contact.get(m.Contact.last_name == "Hopper")
    assert grace.linkedin_url == "https://www.linkedin.com/in/gracehopper"
    assert grace.cadence_ideal_days == 30  # what the user set is kept
    qtbot.waitUntil(lambda: tab.model.total() == 8)
    assert "Jürgen Müller" in shown_names(tab)
    # The same file again: everything is a duplicate, nothing to import.
    tab.start_import("linkedin", FIXTURES / "linkedin_connections.csv")
    qtbot.waitUntil(lambda: len(accept_import) == 2, timeout=10_000)
    assert not accept_import[1].import_button.isEnabled()
    assert m.Contact.select().count() == 8


def test_an_import_is_one_undo_step(tab, qtbot, accept_import, people):
    def everything():
        return {
            model.__name__: [tuple(r.values()) for r in model.select().order_by(model.id).dicts()]
            for model in (m.Contact, m.Tag, m.ContactTag, m.Employment)
        }

    before = everything()
    tab.start_import("linkedin", FIXTURES / "linkedin_connections.csv")
    qtbot.waitUntil(lambda: "Import: " in tab.status_label.text(), timeout=10_000)
    after = everything()
    assert m.Contact.select().count() == 8
    stack = tab.ctx.undo_stack
    assert (stack.count(), stack.undoText()) == (1, "Import contacts")
    stack.undo()
    assert everything() == before  # the new people gone, Grace Hopper as she was
    assert tab.model.total() == 3 and "Jürgen Müller" not in shown_names(tab)
    stack.redo()
    assert everything() == after  # the same rows, ids and uuids
    assert tab.model.total() == 8 and "Jürgen Müller" in shown_names(tab)


def test_csv_import_with_column_mapping(tab, qtbot, accept_import, tmp_path, monkeypatch):
    path = tmp_path / "people.csv"
    path.write_text("Who,Firm,Reach\nMarie Curie,Radium Institute,marie@example.fr\n")

    def map_then_accept(dialog: ImportDialog) -> int:
        accept_import.append(dialog)
        assert not dialog.import_button.isEnabled()  # nothing recognised yet
        dialog.set_field("Who", "name")
        dialog.set_field("Firm", "company")
        dialog.set_field("Reach", "email")
        dialog.apply_mapping()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", map_then_accept)
    tab.start_import("csv", path)
    qtbot.waitUntil(lambda: m.Contact.select().count() == 4, timeout=10_000)
    marie = m.Contact.get(m.Contact.last_name == "Curie")
    assert (marie.company, marie.email, marie.source) == (
        "Radium Institute",
        "marie@example.fr",
        "csv",
    )


def test_an_unreadable_file_is_refused_with_a_message(tab, qtbot, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    tab.start_import("linkedin", path)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages == ["Connections.csv: The file holds binary data, not text."]
    assert tab.status_label.text() == "Nothing was imported."
    assert m.Contact.select().count() == 3


def test_export_from_the_tab(tab, qtbot, tmp_path):
    out = tmp_path / "contacts.vcf"
    tab.start_export("vcard", out)
    qtbot.waitUntil(lambda: "Exported 3 contacts" in tab.status_label.text(), timeout=10_000)
    assert out.read_text("utf-8").count("BEGIN:VCARD") == 3


def test_a_file_name_in_a_message_is_plain_text(tab, qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.text(), box.textFormat())) or 0
    )
    path = tmp_path / "<b>bold<b>.csv"
    path.write_bytes(b"\x00\x01\x02" * 50)
    tab.start_import("linkedin", path)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == [
        ("<b>bold<b>.csv: The file holds binary data, not text.", Qt.TextFormat.PlainText)
    ]


def test_the_tag_dialog_lists_tags_case_insensitively(tab, people, monkeypatch):
    network_edits.set_tags(people["ada"], ["beta", "Alpha", "Zeta"])
    seen = []

    def look(dialog) -> int:
        seen.extend(dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount()))
        return QDialog.DialogCode.Rejected

    from careerdesk.ui.network.dialogs import TagCadenceDialog

    monkeypatch.setattr(TagCadenceDialog, "exec", look)
    tab.tags_button.click()
    assert seen == ["Alpha", "beta", "crypto", "Zeta"]
    select(tab, people["ada"])
    assert tab.details.tags_edit.text() == "Alpha, beta, Zeta"


def test_a_contact_with_a_relationship_we_do_not_know_still_shows(tab, people):
    m.Contact.update(relationship="colleague").where(m.Contact.id == people["ada"]).execute()
    select(tab, people["ada"])
    assert tab.details.title_label.text() == "Ada Lovelace"
    assert tab.details.relationship_combo.currentData() == "mentor"  # the first choice


def test_overdue_starts_the_day_after_the_maximum_interval(tab, people):
    from careerdesk.ui.formatting import format_date

    select(tab, people["grace"])  # added 100 days ago, every 30 days, at most 60
    text = tab.details.cadence_label.text()
    first_overdue_day = TODAY - dt.timedelta(days=100) + dt.timedelta(days=61)
    assert f"Overdue since {format_date(first_overdue_day)}." in text
    status = tab.reach_out.queue.topLevelItem(0).text(2)
    assert status == "overdue by 40 days"  # day 61 is the first of them, today day 100


def test_an_import_from_the_window_backs_the_file_up_first(tab, qtbot, accept_import, people):
    from careerdesk.core import backups

    assert backups.backups_of(tab.ctx.db_path) == []
    tab.start_import("linkedin", FIXTURES / "linkedin_connections.csv")
    qtbot.waitUntil(lambda: "Import: " in tab.status_label.text(), timeout=10_000)
    [made] = backups.backups_of(tab.ctx.db_path)
    assert "import" in made.path.name
    conn = sqlite3.connect(made.path)
    assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 3  # from before
    conn.close()
