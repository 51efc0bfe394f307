"""Long work runs off the UI thread with progress, and its result or error comes back."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from careerdesk.core import models as m
from careerdesk.core import records
from careerdesk.ui.background import run_in_background


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
