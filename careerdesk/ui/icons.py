"""Icons shipped in resources/icons."""

from __future__ import annotations

from importlib.resources import as_file, files

from PySide6.QtGui import QIcon


def app_icon() -> QIcon:
    """The CareerDesk application icon."""
    with as_file(files("careerdesk.resources") / "icons" / "careerdesk.svg") as path:
        return QIcon(str(path))
