"""Guard: the installed PySide6 must not leak references to None on void calls.

PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void method
call and aborts the interpreter after a few thousand; pyproject.toml pins
around it. The calls run in a subprocess so a crash fails this test instead
of killing pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
before = sys.getrefcount(None)
for i in range(20000):
    widget.resize(100 + i % 50, 100)
after = sys.getrefcount(None)
print(after - before)
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on Python 3.12+")
def test_void_qt_calls_keep_none_refcount():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, f"Qt crashed (exit {out.returncode}): {out.stderr[-500:]}"
    # A few references may come and go with the loop itself; a leak is ~20,000.
    assert abs(int(out.stdout.strip().splitlines()[-1])) < 100
