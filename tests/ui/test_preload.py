"""Start-up leaves the chart libraries to a background thread, and the tabs still work.

In a fresh process (this one has pyqtgraph imported by other tests): the window
opens without pyqtgraph; the Plan tab, opened at once, says its timeline is loading
instead of waiting, then shows the timeline with every goal once the background
import is done; a window left on the Overview gets the libraries after its first
paint all the same.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from careerdesk.app import create_window
    from careerdesk.core import models as m
    from careerdesk.ui import preload
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QLabel

    def wait(ms):  # as the app's loop does, letting the import thread run meanwhile
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    window = create_window(sys.argv[1])
    seen = {"at_first": [name for name in preload.MODULES if name in sys.modules]}
    if sys.argv[2] == "plan":
        slot = window.show_tab("plan_tab").timeline_slot
        loading = slot.findChild(QLabel, "plan_timeline_loading")
        seen["loading"] = (not slot.is_built(), loading.isVisible(), loading.text())
        for _ in range(6000):
            wait(10)
            if slot.is_built():
                break
        timeline = slot.timeline()
        wait(200)
        seen["goals"] = sum(timeline.goal_rect(g.id) is not None for g in m.Goal.select())
    else:
        for _ in range(400):  # the first paint, then the thread started from it
            wait(10)
            if preload._started is not None:
                break
        preload._started.join(60)
        seen["built"] = [t.objectName() for t in window.pages.built()]
    seen["after"] = [name for name in preload.MODULES if name in sys.modules]
    print(json.dumps(seen))
    window.close()
    """
)


def _run(example_plan, tmp_path, tab: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(example_plan), tab],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("tab", ["plan", "overview"])
def test_chart_libraries_load_in_the_background(example_plan, tmp_path, tab):
    seen = _run(example_plan, tmp_path, tab)
    assert seen["at_first"] == []
    assert seen["after"] == ["numpy", "pyqtgraph"]
    if tab == "plan":
        assert seen["loading"] == [True, True, "Loading the timeline…"]
        assert seen["goals"] == 10  # every goal of the example plan drawn on the timeline
    else:
        assert seen["built"] == ["overview_tab"]  # no tab was built to get them


def test_a_failed_background_import_still_calls_back_so_the_real_error_shows(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from careerdesk.ui import preload

    monkeypatch.setattr(preload, "MODULES", ("careerdesk_no_such_module",))
    monkeypatch.setattr(preload, "_started", None)
    owner = QWidget()
    qtbot.addWidget(owner)
    called = []
    preload.when_ready(owner, lambda: called.append(True))
    assert called == []  # never at once: on a later turn of the event loop
    qtbot.waitUntil(lambda: called == [True])  # not "loading" for ever


def test_asked_twice_while_waiting_the_work_runs_once(qtbot):
    from PySide6.QtWidgets import QWidget

    from careerdesk.ui import preload

    owner = QWidget()
    qtbot.addWidget(owner)
    called = []
    for _ in range(2):  # a widget shown, hidden and shown again before the import is in
        preload.when_ready(owner, lambda: called.append(True))
    qtbot.waitUntil(lambda: bool(called))
    qtbot.wait(50)
    assert called == [True]
