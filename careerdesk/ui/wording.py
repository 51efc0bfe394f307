"""Counted wording: "1 step", "3 steps" through tr() with the count (Qt's plural forms)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def counted(context: str, text: str, n: int) -> str:
    """`text` (with %n for the count, "(s)" where English adds a plural s) for `n`.

    The count goes to tr(), so a translation gives each language its own plural
    forms; the untranslated English source reads "1 step", "2 steps".
    """
    out = QCoreApplication.translate(context, text, None, n)
    if "(s)" in out:  # the English source itself: no translation was loaded
        out = out.replace("(s)", "" if n == 1 else "s")
    return out
