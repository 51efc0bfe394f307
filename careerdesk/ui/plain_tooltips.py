"""Tooltips of table, list and tree cells show user text literally, never as rich text.

Qt shows a tooltip as rich text whenever it merely looks like HTML, so a goal
called "<b>x</b>" would turn bold in the Skills or Network lists. Item models
hand over plain text; one application-wide filter escapes it on the way to the
screen, whichever view asks. Widgets' own tooltips (the timeline's, built with
html.escape) are left alone.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QHelpEvent, Qt  # QtGui's Qt has mightBeRichText
from PySide6.QtWidgets import QAbstractItemView, QApplication, QToolTip


def as_plain(text: str) -> str:
    """`text` as a tooltip that Qt shows literally (line breaks kept)."""
    if not Qt.mightBeRichText(text):
        return text
    return f'<p style="white-space:pre-wrap">{html.escape(text)}</p>'


class _PlainItemTooltips(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.ToolTip:
            return False
        view = watched.parent()
        if not isinstance(view, QAbstractItemView) or watched is not view.viewport():
            return False
        assert isinstance(event, QHelpEvent)
        index = view.indexAt(event.pos())
        text = index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None
        if not isinstance(text, str) or not Qt.mightBeRichText(text):
            return False  # Qt's own handling shows it as it is
        QToolTip.showText(event.globalPos(), as_plain(text), view, view.visualRect(index))
        return True


def install(app: QApplication) -> None:
    """Install the filter once on the application."""
    if app.property("careerdesk_plain_tooltips"):
        return
    app.installEventFilter(_PlainItemTooltips(app))
    app.setProperty("careerdesk_plain_tooltips", True)
