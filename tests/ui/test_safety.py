"""Data safety in the window: backups listed and restored, checks, failed writes (ui.safety)."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import TODAY
from database_dump import canonical_dump
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QPushButton

from careerdesk.app import create_window
from careerdesk.core import backups, write_errors
from careerdesk.ui import backups_dialog, integrity
from careerdesk.ui.main_window import MainWindow
from careerdesk.ui.operations import perform


@pytest.fixture(autouse=True)
def _messages_fail_the_test(monkeypatch):
    """A refusal shown in a modal box would hang the test: fail with its text instead."""

    def fail(parent, icon, text):
        raise AssertionError(text)

    monkeypatch.setattr(backups_dialog, "_message", fail)


@pytest.fixture
def window(window, qtbot, example_plan):
    """The window of conftest, once its daily backup (taken after the first paint) is there."""
    qtbot.waitUntil(lambda: len(backups.backups_of(example_plan)) == 1)
    return window


def _windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def _goal_titles(path) -> list[str]:
    return sorted(row[3] for row in canonical_dump(path)["goal"])


def _reopen(path):
    return create_window(path, today=TODAY)


def _rename_first_goal(path, title):
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE goal SET title = ? WHERE id = 1", (title,))
    conn.close()


def test_menus_offer_backups_and_the_check(window):
    file_menu = window.findChild(QMenu, "file_menu")
    help_menu = window.findChild(QMenu, "help_menu")
    assert "action_backups" in [a.objectName() for a in file_menu.actions()]
    assert "action_check_database" in [a.objectName() for a in help_menu.actions()]


def test_opening_makes_the_daily_backup_once(window, example_plan):
    [first] = backups.backups_of(example_plan)
    assert first.reason == "daily"
    assert backups.integrity_problems(first.path) == []


def test_backups_dialog_lists_date_size_and_counts(qtbot, window, example_plan):
    backups.make_backup(example_plan, "manual")
    dialog = backups_dialog.BackupsDialog(example_plan, window)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 2
    goals = len(canonical_dump(example_plan)["goal"])
    contacts = len(canonical_dump(example_plan)["contact"])
    assert table.item(0, 1).text() == "Made by hand"
    assert table.item(1, 1).text() == "Daily"
    assert table.item(0, 3).text() == str(goals)
    assert table.item(0, 4).text() == str(contacts)
    assert table.item(0, 2).text()  # a size, as the locale writes it
    assert dialog.restore_button.isEnabled()


def test_restore_through_the_window_and_undo_it(qtbot, window, example_plan):
    [daily] = backups.backups_of(example_plan)
    before = _goal_titles(example_plan)
    window.ctx.database.execute_sql("UPDATE goal SET title = 'Changed after the backup'")
    assert backups_dialog.restore_in_window(window, daily.path, _reopen)
    [restored] = _windows()
    qtbot.addWidget(restored)
    assert restored is not window and not window.ctx.database.is_open
    assert _goal_titles(example_plan) == before
    assert "Restored the backup" in restored.statusBar().currentMessage()
    # Undo: restore the automatic backup taken just before the restore.
    pre_restore = [b for b in backups.backups_of(example_plan) if b.reason == "restore"][-1]
    assert backups_dialog.restore_in_window(restored, pre_restore.path, _reopen)
    [again] = _windows()
    qtbot.addWidget(again)
    assert set(_goal_titles(example_plan)) == {"Changed after the backup"}
    again.close()


def _visible(name):
    return next(
        (w for w in QApplication.allWidgets() if w.objectName() == name and w.isVisible()), None
    )


def test_file_backups_menu_restores_the_chosen_backup(qtbot, window, example_plan):
    window.ctx.database.execute_sql("UPDATE goal SET title = 'Changed'")

    def step():
        box = _visible("confirm_restore")
        if box is not None:
            box.findChild(QPushButton, "confirm_restore_button").click()
            return
        QTimer.singleShot(20, step)  # before a click that opens a modal box
        dialog = _visible("backups_dialog")
        if dialog is not None:
            dialog.restore_button.click()

    QTimer.singleShot(20, step)
    assert backups_dialog.show_backups(window, _reopen)
    [restored] = _windows()
    qtbot.addWidget(restored)
    assert "Changed" not in _goal_titles(example_plan)
    restored.close()


def test_check_database_on_a_sound_file(qtbot, window):
    assert integrity.check_open_database(window, _reopen) == []
    box = window.findChild(QMessageBox, "check_ok_message")
    assert box is not None and box.isVisible()
    assert "is sound" in box.text()
    box.close()


def test_disk_full_while_saving_an_edit_keeps_the_text_and_the_app(qtbot, window, example_plan):
    from careerdesk.core import plan_view as plan

    window.show_tab("plan_tab")
    tab = window.plan_tab
    goal_id = plan.plan_view(window.ctx.today()).goals[0].id
    tab.select("goal", goal_id)
    before = canonical_dump(example_plan)
    (pages,) = window.ctx.database.execute_sql("PRAGMA page_count").fetchone()
    window.ctx.database.execute_sql(f"PRAGMA max_page_count = {pages}")
    typed = "A very long title " * 1_800  # under QLineEdit's 32,767 characters
    tab.editor.goal_form.fields["title"].setText(typed)
    try:
        tab.editor.save_button.click()
        box = window.findChild(QMessageBox, "write_error_message")
        shown = box is not None and box.isVisible() and box.text()
        if box is not None:
            box.close()
        kept = tab.editor.goal_form.fields["title"].text() == typed
        after = canonical_dump(example_plan)
    finally:
        window.ctx.database.execute_sql("PRAGMA max_page_count = 1073741823")
    assert shown == write_errors.DISK_FULL
    assert kept  # nothing typed is lost
    assert window.isVisible()
    assert after == before  # nothing half-written
    tab.editor.save_button.click()  # space freed: the same edit now saves
    assert typed.strip() in [row[3] for row in canonical_dump(example_plan)["goal"]]


def test_a_damaged_file_at_start_offers_the_newest_good_backup(qtbot, tmp_path, example_plan):
    good = backups.make_backup(example_plan, "manual")
    damaged = example_plan.read_bytes()[:8192]
    example_plan.write_bytes(damaged)

    def click_restore():
        box = _visible("damaged_message")
        if box is None:
            QTimer.singleShot(20, click_restore)
            return
        assert "damaged" in box.text()
        box.findChild(QPushButton, "restore_backup_button").click()

    QTimer.singleShot(20, click_restore)
    assert integrity.offer_restore(None, example_plan, "plan.db is damaged.")
    assert example_plan.read_bytes() != damaged
    kept = [b for b in (tmp_path / "backups").iterdir() if ".damaged" in b.name]
    assert [k.read_bytes() for k in kept] == [damaged]  # kept aside, byte for byte
    assert backups.integrity_problems(example_plan) == []
    assert good.exists()


@pytest.mark.parametrize("damage", ["truncated", "random bytes", "newer schema"])
def test_opening_a_bad_file_keeps_the_window_and_both_files(
    qtbot, window, example_plan, tmp_path, monkeypatch, damage
):
    import os
    import shutil

    from careerdesk import app
    from careerdesk.core import db as cdb

    bad = tmp_path / "bad.db"
    shutil.copy(example_plan, bad)
    if damage == "truncated":
        bad.write_bytes(bad.read_bytes()[:20_000])
    elif damage == "random bytes":
        bad.write_bytes(os.urandom(30_000))
    else:
        conn = sqlite3.connect(bad)
        conn.execute(f"PRAGMA user_version = {cdb.SCHEMA_VERSION + 1}")
        conn.close()
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(
        integrity, "offer_restore", lambda parent, path, text, **_: told.append(text) or False
    )
    bad_before = bad.read_bytes()
    assert app._open_other(window, bad) is None
    assert len(told) == 1 and "\n" not in told[0]
    assert bad.read_bytes() == bad_before
    assert not (tmp_path / "bad.db.lock").exists()
    assert window.isVisible() and window.ctx.database.is_open  # still running on its file
    window.show_tab("plan_tab")


def test_json_export_then_import_into_a_new_file_switches_the_window(
    qtbot, window, example_plan, tmp_path
):
    from careerdesk.ui import json_menu

    export_menu = window.findChild(QMenu, "export_menu")
    assert "action_export_json" in [a.objectName() for a in export_menu.actions()]
    out = json_menu.export_json(window, tmp_path / "plan.json")
    assert out.exists()
    target = tmp_path / "copy.db"
    assert json_menu.import_json(window, _reopen, out, target)
    [new_window] = _windows()
    qtbot.addWidget(new_window)
    assert new_window.ctx.db_path == target
    new_window.close()
    assert canonical_dump(target) == canonical_dump(example_plan)


def _first_goal(window) -> int:
    from careerdesk.core import plan_view

    return plan_view.plan_view(window.ctx.today()).goals[0].id


def _goal_row(path, goal_id):
    return next(row for row in canonical_dump(path)["goal"] if row[0] == goal_id)


def test_an_undo_refused_by_a_read_only_file_stays_to_try_again(qtbot, window, example_plan):
    from careerdesk.core import plan_edit

    goal_id = _first_goal(window)
    stack = window.ctx.undo_stack
    perform(window.ctx, "Rename goal", lambda: plan_edit.update_goal(goal_id, title="Renamed"))
    renamed = canonical_dump(example_plan)
    window.ctx.database.execute_sql("PRAGMA query_only = 1")  # every write now refused
    try:
        stack.undo()
        box = window.findChild(QMessageBox, "write_error_message")
        assert box is not None and box.text() == write_errors.READ_ONLY
        box.close()
        qtbot.waitUntil(lambda: stack.canUndo() and stack.undoText() == "Rename goal")
        assert not stack.canRedo()
        assert window.statusBar().currentMessage() == "Not undone: Rename goal"
        assert canonical_dump(example_plan) == renamed
    finally:
        window.ctx.database.execute_sql("PRAGMA query_only = 0")
    stack.undo()  # the file writable again: the same step, tried again, works
    assert _goal_row(example_plan, goal_id)[3] != "Renamed"
    stack.redo()
    assert canonical_dump(example_plan) == renamed


def test_a_redo_that_meets_a_full_disk_stays_to_try_again(qtbot, window, example_plan):
    from careerdesk.core import plan_edit

    goal_id = _first_goal(window)
    stack = window.ctx.undo_stack
    notes = "Long notes. " * 6_000  # 72 KB: new pages when written again
    perform(window.ctx, "Write notes", lambda: plan_edit.update_goal(goal_id, notes=notes))
    stack.undo()
    before = canonical_dump(example_plan)
    db = window.ctx.database
    db.execute_sql("VACUUM")  # no free pages left to write the notes into
    (pages,) = db.execute_sql("PRAGMA page_count").fetchone()
    db.execute_sql(f"PRAGMA max_page_count = {pages}")
    try:
        stack.redo()
        box = window.findChild(QMessageBox, "write_error_message")
        assert box is not None and box.text() == write_errors.DISK_FULL
        box.close()
        qtbot.waitUntil(lambda: stack.canRedo() and stack.redoText() == "Write notes")
        assert window.statusBar().currentMessage() == "Not redone: Write notes"
        assert canonical_dump(example_plan) == before
    finally:
        db.execute_sql("PRAGMA max_page_count = 1073741823")
    stack.redo()  # room again: the same step now runs
    assert plan_edit.goal_fields(goal_id)["notes"] == notes
    stack.undo()
    assert canonical_dump(example_plan) == before
