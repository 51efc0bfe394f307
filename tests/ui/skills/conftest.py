"""The Skills tab on an empty file, shown at a roomy size, with the user's threshold reset."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from careerdesk.core import db as cdb
from careerdesk.ui import settings
from careerdesk.ui.context import AppContext
from careerdesk.ui.skills.tab import SkillsTab

from ...conftest import TODAY


@pytest.fixture
def tab(db_path, qtbot):
    QSettings().remove(
        settings.GAP_IMPORTANCE_THRESHOLD.key
    )  # the user's threshold must not leak between tests
    ctx = AppContext(cdb.bound_database())
    ctx.set_today(TODAY)
    widget = SkillsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.load()
    yield widget
    QSettings().remove(settings.GAP_IMPORTANCE_THRESHOLD.key)
