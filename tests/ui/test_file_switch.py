"""Switching files (Open, New, Open Recent) finishes the old window on its own file first."""

from __future__ import annotations

import shutil

import pytest
from database_dump import canonical_dump
from PySide6.QtWidgets import QApplication, QFileDialog

from careerdesk.app import create_window
from careerdesk.ui import settings
from careerdesk.ui.main_window import MainWindow

TODAY_TITLE = "Mentor two junior engineers"


def _windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def _typed_but_unsaved_goal_edit(window) -> int:
    from careerdesk.core import plan_view as plan

    window.show_tab("plan_tab")
    tab = window.plan_tab
    goal_id = next(
        g.id for g in plan.plan_view(window.ctx.today()).goals if g.title == TODAY_TITLE
    )
    tab.select("goal", goal_id)
    tab.editor.goal_form.fields["title"].setText("Mentor three junior engineers")
    return goal_id


@pytest.fixture
def two_plans(tmp_path, example_plan):
    other = tmp_path / "other.db"
    shutil.copy(example_plan, other)
    return example_plan, other


def _goal_titles(path) -> dict[int, str]:
    return {row[0]: row[3] for row in canonical_dump(path)["goal"]}  # id, uuid, created, title


def _switch_and_check(qtbot, first, switch, target, *, target_is_new=False):
    window = create_window(first, today=None)
    qtbot.addWidget(window)
    goal_id = _typed_but_unsaved_goal_edit(window)
    first_titles = _goal_titles(first)
    target_before = None if target_is_new else canonical_dump(target)
    switch(window)
    [new_window] = _windows()
    qtbot.addWidget(new_window)
    assert new_window is not window and new_window.ctx.db_path == target.absolute()
    assert not window.ctx.database.is_open, "the old window let its file go"
    new_window.close()
    # The first file holds exactly what the user typed there; nothing else moved.
    expected = {**first_titles, goal_id: "Mentor three junior engineers"}
    assert _goal_titles(first) == expected
    if target_before is not None:
        assert canonical_dump(target) == target_before
    else:
        assert canonical_dump(target)["goal"] == []


def test_open_saves_the_pending_edit_to_the_old_file_and_leaves_the_new_one(qtbot, two_plans):
    first, other = two_plans
    _switch_and_check(qtbot, first, lambda w: w.open_requested.emit(other), other)


def test_new_file_finishes_the_old_window_first(qtbot, two_plans, tmp_path, monkeypatch):
    first, _ = two_plans
    new = tmp_path / "brand new.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(new), ""))
    _switch_and_check(qtbot, first, lambda w: w.new_file(), new, target_is_new=True)


def test_open_recent_finishes_the_old_window_first(qtbot, two_plans):
    first, other = two_plans
    settings.remember_file(str(other))

    def pick_recent(window):
        window._fill_recent_menu()
        [action] = [a for a in window.recent_menu.actions() if a.text().endswith("other.db")]
        action.trigger()

    _switch_and_check(qtbot, first, pick_recent, other)


def test_a_refused_file_keeps_the_old_window_and_its_edit(
    qtbot, example_plan, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    window = create_window(example_plan)
    qtbot.addWidget(window)
    _typed_but_unsaved_goal_edit(window)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    window.open_requested.emit(junk)
    assert warned and "not a CareerDesk database" in warned[0]
    assert _windows() == [window] and window.ctx.database.is_bound()
    title = window.plan_tab.editor.goal_form.fields["title"].text()
    assert title == "Mentor three junior engineers"
    assert junk.read_bytes() == b"not a database at all"
    window.close()
