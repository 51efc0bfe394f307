"""Counted wording goes through tr() with the count: "1 step", "2 steps"."""

from __future__ import annotations

from careerdesk.ui.wording import counted


def test_one_and_many(qapp):
    assert counted("t", "%Ln dependent step(s) followed.", 1) == "1 dependent step followed."
    assert counted("t", "%Ln dependent step(s) followed.", 3) == "3 dependent steps followed."
    assert counted("t", "%Ln day(s)", 0) == "0 days"
    assert counted("t", "%n day(s)", 12) == "12 days"
