"""Reminders: at start and once a day, a notice of what is due (tray message and status bar)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSystemTrayIcon, QToolButton

from careerdesk.core import overview
from careerdesk.ui import settings
from careerdesk.ui.background import run_in_background
from careerdesk.ui.icons import app_icon
from careerdesk.ui.wording import counted

if TYPE_CHECKING:
    from careerdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 30 * 60 * 1000  # look twice an hour whether a new day has begun


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("reminders", text, None, n)


def due_text(due: overview.Due) -> str:
    """One line saying what is due today ("" when nothing is)."""
    parts = []
    if due.overdue_steps:
        parts.append(counted("reminders", "%n step(s) overdue", due.overdue_steps))
    if due.steps_today:
        parts.append(counted("reminders", "%n step(s) due today", due.steps_today))
    if due.contacts:
        parts.append(counted("reminders", "%n contact(s) to reach out to", due.contacts))
    if due.follow_ups:
        parts.append(counted("reminders", "%n follow-up(s) due", due.follow_ups))
    if due.checkin:
        parts.append(_tr("your check-in is due"))
    return ", ".join(parts)


class Reminders(QObject):
    """Owned by the window: shows a notice when the day it last reminded of is over."""

    counted = Signal()  # the day's counts are in (last_text), shown or not

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("reminders")
        self.window = window
        self.last_day: dt.date | None = None
        self.last_text = ""
        self.tray: QSystemTrayIcon | None = None
        # A permanent status-bar entry, not a status message: a reminder counted
        # in a worker must not replace "Exported the plan" that came just before.
        self.notice = QToolButton(window)
        self.notice.setObjectName("reminder_notice")
        self.notice.setAutoRaise(True)
        self.notice.setToolTip(_tr("Open the Overview"))
        self.notice.clicked.connect(self.open_overview)
        self.notice.hide()
        window.statusBar().addPermanentWidget(self.notice)
        self.timer = QTimer(self)
        self.timer.setObjectName("reminder_timer")
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.action = QAction(_tr("Daily &Reminders"), window)
        self.action.setObjectName("action_reminders")
        self.action.setCheckable(True)
        self.action.setChecked(settings.value(settings.REMINDERS_ENABLED))
        self.action.toggled.connect(self.set_enabled)

    def set_enabled(self, on: bool) -> None:
        settings.set_value(settings.REMINDERS_ENABLED, on)
        if on:
            self.last_day = None
            self.timer.start()
            self.check()
        else:
            self.timer.stop()
            self.notice.hide()
            if self.tray is not None:
                self.tray.hide()

    def open_overview(self) -> None:
        self.window.show_tab("overview_tab")

    def check(self) -> None:
        """Remind once per day of what is due (nothing when nothing is)."""
        ctx = self.window.ctx
        if not settings.value(settings.REMINDERS_ENABLED) or not ctx.database.is_open:
            return
        today = ctx.today()
        if self.last_day == today:
            return
        self.last_day = today
        # Counted in a worker (5 ms at 50,000 contacts now that the due dates are
        # stored, but a slow or busy disk must not hold up the window's first seconds).
        run_in_background(
            self.window, None, lambda _report: overview.due_today(today), self._counted, _ignored
        )

    def _counted(self, due: overview.Due) -> None:
        text = due_text(due)
        self.last_text = text
        message = _tr("Today: {what}.").format(what=text) if text else ""
        self.notice.setText(message)
        self.notice.setVisible(bool(message))
        self.counted.emit()
        if message:
            self.notify(message)

    def notify(self, message: str) -> None:
        """A tray message where the desktop has one; the status-bar notice stays either way."""
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self.tray is None:
                self.tray = QSystemTrayIcon(app_icon(), self)
                self.tray.setObjectName("reminder_tray")
                self.tray.setToolTip("CareerDesk")
                self.tray.messageClicked.connect(self.open_overview)
            self.tray.show()
            self.tray.showMessage("CareerDesk", message, QSystemTrayIcon.MessageIcon.Information)


def _ignored(exc: BaseException) -> None:
    log.warning("No reminder: %s", exc)  # the file closed meanwhile, say; nothing to show


def start_reminders(window: MainWindow) -> Reminders:
    """Remind now (after the first paint) and then once a day while the window runs."""
    reminders = Reminders(window)
    window.view_menu.addSeparator()
    window.view_menu.addAction(reminders.action)
    if settings.value(settings.REMINDERS_ENABLED):
        reminders.timer.start()
        reminders.check()
    return reminders
