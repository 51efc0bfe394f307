"""Counted phrases ("1 contact", "3 contacts") through Qt's numerus translation."""

from __future__ import annotations


def counted(translated: str, n: int) -> str:
    """The result of `tr("%n contact(s)…", "", n)`, readable without a translation.

    A translation gives each count its own form (Qt numerus). English is the
    source language and has none, so "(s)" becomes the English plural ending:
    the user never reads "1 contacts" or "3 day(s)".
    """
    return translated.replace("(s)", "" if n == 1 else "s")
