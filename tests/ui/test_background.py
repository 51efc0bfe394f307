"""Long work runs off the UI thread with progress, and its result or error comes back."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from careerdesk.core import models as m
from careerdesk.core import records
from careerdesk.ui.background import abandon_all, run_in_background


def test_work_runs_in_a_thread_and_writes_the_database(qtbot, db_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = {}

    def work(report):
        seen["thread"] = threading.current_thread()
        for i in range(3):
            records.insert_row(m.Skill, name=f"Skill {i}")
            report(i + 1, 3)
        return "done"

    task = run_in_background(parent, "Working", work, seen.setdefault("result", []).append, print)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert seen["result"] == ["done"]
    assert seen["thread"] is not threading.main_thread()
    assert m.Skill.select().count() == 3
    assert task.dialog.isHidden()


def test_errors_come_back_to_the_ui_thread(qtbot, db_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors = []

    def work(report):
        raise ValueError("line 3: not a date")

    task = run_in_background(parent, "Working", work, print, errors.append)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert [str(e) for e in errors] == ["line 3: not a date"]


def test_a_window_letting_go_waits_for_its_quiet_tasks_and_drops_their_result(qtbot, db_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    started, release, results = threading.Event(), threading.Event(), []

    def work(report):
        started.set()
        release.wait(10)
        return m.Skill.select().count()

    task = run_in_background(parent, None, work, results.append, results.append)
    assert task.dialog is None  # no progress dialog for a quiet read
    assert started.wait(10)
    threading.Timer(0.2, release.set).start()
    abandon_all(parent)  # returns once the work has
    assert not task.thread.isRunning()
    qtbot.wait(50)
    assert results == []  # the window is going: nothing comes back to it
