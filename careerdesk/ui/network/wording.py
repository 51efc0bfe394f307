"""Counted phrases ("1 contact", "3 contacts") through Qt's plural-aware translation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "Network"


def counted(source: str, n: int) -> str:
    """`source` with %Ln for the count and "(s)" where the plural differs: "%Ln contact(s)".

    Qt's translate() picks the translator's form for `n` (every language has
    its own plural rules); with no translation loaded the English source
    form is used, "(s)" resolved by English rules.
    """
    text = QCoreApplication.translate(CONTEXT, source, None, n)
    if "(s)" in text:  # the untranslated source: English has one and many
        text = text.replace("(s)", "" if n == 1 else "s")
    return text
