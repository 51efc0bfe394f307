"""Start-up leaves the chart libraries to a background thread, and the tabs still work.

In a fresh process (this one has pyqtgraph imported by other tests): the window
opens on the Overview without pyqtgraph, the thread imports it after the first
paint, and the Plan tab then shows its timeline with every goal on it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from careerdesk.app import create_window
    from careerdesk.ui import preload
    from PySide6.QtTest import QTest

    window = create_window(sys.argv[1])
    at_first = {name: name in sys.modules for name in preload.MODULES}
    for _ in range(400):  # the first paint, then the thread started from it
        QTest.qWait(10)
        if preload._started is not None:
            break
    preload._started.join(60)
    after = {name: name in sys.modules for name in preload.MODULES}
    built_before = [t.objectName() for t in window.pages.built()]
    timeline = window.show_tab("plan_tab").timeline
    QTest.qWait(200)
    from careerdesk.core import models as m
    on_timeline = sum(timeline.goal_rect(g.id) is not None for g in m.Goal.select())
    print(json.dumps({"at_first": at_first, "after": after, "built": built_before,
                      "goals": on_timeline}))
    window.close()
    """
)


def test_chart_libraries_load_after_the_first_paint_and_the_plan_tab_works(example_plan, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(example_plan)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["at_first"] == {"numpy": False, "pyqtgraph": False}
    assert seen["after"] == {"numpy": True, "pyqtgraph": True}
    assert seen["built"] == ["overview_tab"]  # the Plan tab was not built to get them
    assert seen["goals"] == 10  # every goal of the example plan drawn on the timeline
