"""The Network tab on its own, on the bound test database, shown and past its first paint."""

from __future__ import annotations

from careerdesk.core import db as cdb
from careerdesk.ui.context import AppContext
from careerdesk.ui.network.tab import NetworkTab

from ..conftest import TODAY


def shown_network_tab(qtbot, width: int | None = None, height: int | None = None) -> NetworkTab:
    """A NetworkTab judging "today" by TODAY, loaded; the reach-out queue follows the paint."""
    ctx = AppContext(cdb.bound_database())
    ctx.set_today(TODAY)
    widget = NetworkTab(ctx)
    qtbot.addWidget(widget)
    if width and height:
        widget.resize(width, height)
    widget.show()
    widget.load()
    qtbot.waitUntil(lambda: widget._first_paint_done)
    return widget
