"""Overview tab: what needs attention today."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import cadence, overview
from careerdesk.core.changes import Changes
from careerdesk.ui import palette
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import days_from, format_date, label
from careerdesk.ui.tab import Tab


class OverviewTab(Tab):
    """Lists of overdue and upcoming steps, goals at risk, contacts due, the next check-in."""

    # An activated item: what it is ("goal", "step" or "contact") and its id.
    go_to = Signal(str, int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("overview_tab")
        self.headline = QLabel(self)
        self.headline.setObjectName("overview_headline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.headline.setFont(font)
        self.overdue = self._list("overdue_steps", self.tr("Overdue steps"))
        self.upcoming = self._list("upcoming_steps", self.tr("Coming up (next 14 days)"))
        self.at_risk = self._list("goals_at_risk", self.tr("Goals needing attention"))
        self.reach_out = self._list("contacts_due", self.tr("Reach out"))
        grid = QGridLayout()
        for index, (box, _list) in enumerate(
            (self.overdue, self.upcoming, self.at_risk, self.reach_out)
        ):
            grid.addWidget(box, index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(grid)

    def _list(self, name: str, title: str) -> tuple[QGroupBox, QListWidget]:
        box = QGroupBox(title, self)
        box.setObjectName(f"{name}_box")
        items = QListWidget(box)
        items.setObjectName(name)
        items.setAccessibleName(title)
        items.setToolTip(self.tr("Double-click or press Enter to open"))
        items.itemActivated.connect(self._activated)
        QVBoxLayout(box).addWidget(items)
        return box, items

    def title(self) -> str:
        return self.tr("Overview")

    def _activated(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if target:
            self.go_to.emit(*target)

    def refresh(self, changes: Changes) -> None:
        today = self.ctx.today()
        if changes.goals or changes.steps or changes.journal:
            news = overview.attention(today)
            self._fill(
                self.overdue[1],
                [
                    (
                        f"{s.title} — {s.goal.title} ({days_from(today, s.due_date)})",
                        ("step", s.id),
                    )
                    for s in news.overdue_steps
                ],
                self.tr("Nothing overdue."),
            )
            self._fill(
                self.upcoming[1],
                [
                    (f"{format_date(s.due_date)}  {s.title} — {s.goal.title}", ("step", s.id))
                    for s in news.upcoming_steps
                ],
                self.tr("Nothing due in the next two weeks."),
            )
            self._fill(
                self.at_risk[1],
                [
                    (
                        self.tr("{health}: {title} (target {date})").format(
                            health=label(g.health), title=g.title, date=format_date(g.target_date)
                        ),
                        ("goal", g.goal_id),
                    )
                    for g in news.goals_at_risk
                ],
                self.tr("Every goal is on track.") if news.has_goals else self.tr("No goals yet."),
            )
            for row, g in enumerate(news.goals_at_risk):
                self.at_risk[1].item(row).setIcon(palette.health_icon(g.health))
            if news.has_goals:
                self.headline.setText(
                    self.tr(
                        "{overdue} overdue, {soon} due soon, {risk} goals need attention · "
                        "next check-in {when}"
                    ).format(
                        overdue=len(news.overdue_steps),
                        soon=len(news.upcoming_steps),
                        risk=len(news.goals_at_risk),
                        when=days_from(today, news.next_checkin),
                    )
                )
            else:
                self.headline.setText(
                    self.tr(
                        "Welcome. Start in the Plan tab: add a long-term goal and the steps "
                        "towards it; skills, people and check-ins join it from there."
                    )
                )
        if changes.contacts or changes.interactions:
            due = cadence.reach_out_queue(today, limit=20)
            self._fill(
                self.reach_out[1],
                [(self._due_line(d, today), ("contact", d.contact_id)) for d in due],
                self.tr("Nobody to reach out to today."),
            )

    def _due_line(self, due: cadence.DueContact, today: dt.date) -> str:
        who = f"{due.name} ({due.company})" if due.company else due.name
        if due.status == "overdue":  # the same words as the Network tab's queue
            return self.tr("{who}: overdue by {n} days").format(who=who, n=due.days_overdue)
        # Overdue starts the day after the maximum interval ends.
        overdue_from = due.overdue_date + dt.timedelta(days=1)
        return self.tr("{who}: due · overdue {when}").format(
            who=who, when=days_from(today, overdue_from)
        )

    def _fill(
        self, widget: QListWidget, lines: list[tuple[str, tuple[str, int]]], empty: str
    ) -> None:
        widget.clear()
        for line, target in lines:
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, target)
            widget.addItem(item)
        if not lines:
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)
