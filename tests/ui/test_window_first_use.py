"""What a new user tripped over at the window level (issue 15): keys, recent files, demo."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMessageBox

from careerdesk import qt_libraries
from careerdesk.app import create_window
from careerdesk.core import db as cdb
from careerdesk.core import demo
from careerdesk.ui import settings
from careerdesk.ui.main_window import redo_shortcuts


def test_redo_keys_are_not_listed_twice_and_include_ctrl_y(qapp):
    keys = [k.toString() for k in redo_shortcuts()]
    assert len(keys) == len(set(keys)), keys  # a duplicate makes Qt fire neither
    assert "Ctrl+Y" in keys and "Ctrl+Shift+Z" in keys


def test_redo_by_keyboard_redoes(window, qtbot):
    from careerdesk.core import models as m
    from careerdesk.core import records
    from careerdesk.ui.operations import perform

    window.activateWindow()
    goal = m.Goal.select().first()
    perform(window.ctx, "Rename", lambda: records.update(m.Goal, goal.id, title="Renamed"))
    window.ctx.undo_stack.undo()
    assert m.Goal.get_by_id(goal.id).title != "Renamed"
    redo = next(
        a
        for a in window.findChildren(type(window.actions()[0]))
        if a.objectName() == "action_redo"
    )
    assert QKeySequence("Ctrl+Shift+Z") in redo.shortcuts()
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert m.Goal.get_by_id(goal.id).title == "Renamed"
    window.ctx.undo_stack.undo()
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert m.Goal.get_by_id(goal.id).title == "Renamed"


def test_a_recent_file_that_is_gone_is_offered_for_removal_never_created(window, tmp_path):
    gone = tmp_path / "moved away.db"
    settings.remember_file(str(gone))
    window._fill_recent_menu()
    [missing] = [a for a in window.recent_menu.actions() if a.objectName() == "recent_missing"]
    assert "(missing)" in missing.text() and str(gone) in missing.text()
    missing.trigger()
    assert str(gone) not in settings.value(settings.RECENT_FILES)
    assert not gone.exists()


def test_demo_copies_are_not_remembered(qtbot, example_plan):
    window = create_window(example_plan, is_demo=True)
    qtbot.addWidget(window)
    assert str(example_plan) not in settings.value(settings.RECENT_FILES)
    window.close()


def test_quitting_the_demo_with_changes_says_they_go_and_offers_a_copy(
    qtbot, example_plan, monkeypatch
):
    from careerdesk.core import models as m
    from careerdesk.core import records
    from careerdesk.ui.operations import perform

    window = create_window(example_plan, is_demo=True)
    qtbot.addWidget(window)
    assert window.close()  # nothing changed: no question
    window = create_window(example_plan, is_demo=True)
    qtbot.addWidget(window)
    goal = m.Goal.select().first()
    perform(window.ctx, "Rename", lambda: records.update(m.Goal, goal.id, title="Mine"))
    asked = []

    def answer(button):
        def exec_(box):
            asked.append((box.text(), box.button(QMessageBox.StandardButton.Save).text()))
            return button

        return exec_

    monkeypatch.setattr(QMessageBox, "exec", answer(QMessageBox.StandardButton.Cancel))
    assert not window.close()
    assert "discarded" in asked[0][0] and asked[0][1] == "Save a Copy…"
    monkeypatch.setattr(QMessageBox, "exec", answer(QMessageBox.StandardButton.Discard))
    assert window.close()


def test_stale_demo_folders_are_removed_but_not_one_in_use(tmp_path):
    stale = tmp_path / (demo.DEMO_FOLDER_PREFIX + "old")
    stale.mkdir()
    (stale / "Example plan.db").write_bytes(b"left behind")
    in_use = tmp_path / (demo.DEMO_FOLDER_PREFIX + "running")
    in_use.mkdir()
    lock = cdb.FileLock(in_use / "Example plan.db")
    lock.acquire()
    try:
        assert demo.remove_stale_demo_folders(tmp_path) == [stale]
    finally:
        lock.release()
    assert not stale.exists() and in_use.exists()
    shutil.rmtree(in_use)


def test_missing_qt_libraries_are_named(monkeypatch):
    def cdll(name):
        if name == "libxcb-cursor.so.0":
            raise OSError(name)

    monkeypatch.setattr(qt_libraries.ctypes, "CDLL", cdll)
    monkeypatch.setattr(qt_libraries.sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    message = qt_libraries.explain_missing_libraries()
    assert message and "sudo apt-get install libxcb-cursor0" in message
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert qt_libraries.explain_missing_libraries() is None


def test_data_folder_without_a_file_manager_shows_the_path(window, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    window.show_data_folder()
    assert shown == [str(window.ctx.db_path.parent)]


def test_a_new_file_opens_on_the_overview_welcome(qtbot, tmp_path):
    settings.set_value(settings.LAST_TAB, 3)
    window = create_window(tmp_path / "new.db")
    qtbot.addWidget(window)
    assert window.current_tab() is window.overview_tab
    window.close()
