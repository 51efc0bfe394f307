"""Report tests paint with fonts: the session's QApplication first (widget tests share it)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _qt_application(qapp):
    """Without it the report would make a QGuiApplication, and later widget tests could not run."""
    return qapp
