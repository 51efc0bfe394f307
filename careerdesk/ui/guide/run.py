"""Opening the first-run guide on a new file (and from Help), and making what it gathered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from careerdesk.core import first_run
from careerdesk.ui import settings
from careerdesk.ui.guide.wizard import FirstRunGuide
from careerdesk.ui.operations import perform

if TYPE_CHECKING:
    from careerdesk.ui.main_window import MainWindow


def open_guide(window: MainWindow) -> FirstRunGuide:
    """Show the guide beside the window (not blocking it); Finish makes the plan."""
    existing = window.findChild(FirstRunGuide, "first_run_guide")
    if existing is not None and existing.isVisible():
        existing.raise_()
        return existing
    guide = FirstRunGuide(window.ctx.today(), window)
    guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    guide.setWindowModality(Qt.WindowModality.NonModal)
    guide.finished.connect(lambda result: _finished(window, guide, result))
    guide.show()
    return guide


def _finished(window: MainWindow, guide: FirstRunGuide, result: int) -> None:
    if result != QDialog.DialogCode.Accepted:
        skipped = settings.value(settings.GUIDE_SKIPPED)
        path = str(window.ctx.db_path)
        if path not in skipped:
            settings.set_value(settings.GUIDE_SKIPPED, [*skipped[-19:], path])
        return
    plan = guide.plan()
    today = window.ctx.today()
    done = perform(
        window.ctx,
        window.tr("First plan"),
        lambda: first_run.make_first_plan(plan, today),
        parent=window,
    )
    if done is None:
        return
    made: first_run.Made = done.value
    if made.long_goal_id is not None:
        window.show_record("goal", made.long_goal_id)
    else:
        window.show_tab("plan_tab")
    if guide.wants_linkedin():
        window._run_import("linkedin")


def offer_guide_if_new(window: MainWindow) -> FirstRunGuide | None:
    """On a new, empty file, the guide opens by itself, until the user skips it there."""
    if not window.ctx.database.is_open or not first_run.is_new_file():
        return None
    if str(window.ctx.db_path) in settings.value(settings.GUIDE_SKIPPED):
        return None  # skipped once: Help › First-run Guide still opens it
    return open_guide(window)
