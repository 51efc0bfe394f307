"""Overview tab: a dashboard of what needs attention today; on an empty file, how to start."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import cadence, overview
from careerdesk.core.changes import Changes
from careerdesk.ui import palette
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import days_from, format_date, label
from careerdesk.ui.tab import Tab
from careerdesk.ui.wording import counted

Lines = list[tuple[str, tuple[str, int] | None]]


class OverviewTab(Tab):
    """Overdue, coming up, goals at risk, reach out, check-in, learning, achievements."""

    # An activated item: what it is ("goal", "step", "contact", "achievement",
    # "learning", "checkin") and its id.
    go_to = Signal(str, int)
    # The user asked for the first-run guide (from the welcome page).
    guide_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("overview_tab")
        self.headline = QLabel(self)
        self.headline.setObjectName("overview_headline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.headline.setFont(font)
        self.overdue = self._list("overdue_steps", self.tr("Overdue"))
        self.upcoming = self._list("upcoming_steps", self.tr("Coming up (next 14 days)"))
        self.at_risk = self._list("goals_at_risk", self.tr("Goals needing attention"))
        self.reach_out = self._list("contacts_due", self.tr("Reach out"))
        self.checkin = self._list("next_checkin", self.tr("Check-in"))
        self.learning = self._list("learning_in_progress", self.tr("Learning in progress"))
        self.achievements = self._list("recent_achievements", self.tr("Recent achievements"))
        grid_box = QWidget(self)
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        boxes = (
            self.overdue,
            self.upcoming,
            self.at_risk,
            self.reach_out,
            self.checkin,
            self.learning,
            self.achievements,
        )
        for index, (box, _list) in enumerate(boxes):
            grid.addWidget(box, index // 2, index % 2)
        scroll = QScrollArea(self)
        scroll.setObjectName("overview_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(grid_box)
        self.welcome = self._welcome()
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("overview_pages")
        self.pages.addWidget(scroll)
        self.pages.addWidget(self.welcome)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.pages, 1)

    def _welcome(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("overview_welcome")
        text = QLabel(
            self.tr(
                "CareerDesk keeps your career plan in one private file. A good way to start:\n\n"
                "1. Write down your strengths, interests and values (Profile).\n"
                "2. Pick a role you are aiming for (Skills › Target roles).\n"
                "3. Set a long-term goal, two short-term goals towards it, and their first "
                "steps (Plan).\n"
                "4. Bring in the people who can help (Network › Import LinkedIn).\n"
                "5. Check in every month or quarter to see how it goes (Journal).\n\n"
                "The guide walks you through the first four in a few minutes; you can skip "
                "it and come back from Help › First-run Guide."
            ),
            page,
        )
        text.setObjectName("welcome_text")
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        start = QPushButton(self.tr("Start the guide…"), page)
        start.setObjectName("start_guide")
        start.setAccessibleName(self.tr("Start the first-run guide"))
        start.clicked.connect(self.guide_requested)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addWidget(start, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _list(self, name: str, title: str) -> tuple[QGroupBox, QListWidget]:
        box = QGroupBox(title, self)
        box.setObjectName(f"{name}_box")
        items = QListWidget(box)
        items.setObjectName(name)
        items.setAccessibleName(title)
        items.setToolTip(self.tr("Double-click or press Enter to open"))
        items.setMinimumHeight(90)
        # A long line ends in "…" on a small window; its tooltip has all of it.
        items.setTextElideMode(Qt.TextElideMode.ElideRight)
        items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        items.itemActivated.connect(self._activated)
        QVBoxLayout(box).addWidget(items)
        box.setProperty("base_title", title)
        return box, items

    def title(self) -> str:
        return self.tr("Overview")

    def _activated(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if target:
            self.go_to.emit(*target)

    def refresh(self, changes: Changes) -> None:
        if not (
            changes.goals or changes.steps or changes.journal or changes.contacts
            or changes.interactions or changes.learning or changes.profile
            or changes.skills or changes.roles
        ):  # fmt: skip
            return  # e.g. the career history: nothing shown here
        today = self.ctx.today()
        news = overview.attention(today)
        self.pages.setCurrentWidget(self.welcome if news.is_empty else self.pages.widget(0))
        overdue: Lines = [
            (f"{s.title} — {s.goal.title} ({days_from(today, s.due_date)})", ("step", s.id))
            for s in news.overdue_steps
        ]
        overdue += self._more(news.overdue_step_count - len(news.overdue_steps), steps=True)
        overdue += [
            (
                self.tr("Follow up with {who}: {what} ({when})").format(
                    who=f.detail, what=f.title, when=days_from(today, f.day)
                ),
                ("contact", f.record_id),
            )
            for f in news.overdue_follow_ups
        ]
        overdue += self._more(news.overdue_follow_up_count - len(news.overdue_follow_ups))
        self._fill(
            self.overdue,
            overdue,
            self.tr("Nothing overdue."),
            news.overdue_step_count + news.overdue_follow_up_count,
        )
        coming: Lines = []
        for line in news.coming_up:
            if line.kind == "step":
                text = f"{format_date(line.day)}  {line.title} — {line.detail}"
            else:
                text = self.tr("{date}  Follow up with {who}: {what}").format(
                    date=format_date(line.day), who=line.detail, what=line.title
                )
            coming.append((text, (line.kind, line.record_id)))
        shown = sum(line.kind == "contact" for line in news.coming_up)
        coming += self._more(news.upcoming_step_count - len(news.upcoming_steps), steps=True)
        coming += self._more(news.coming_follow_up_count - shown)
        self._fill(
            self.upcoming,
            coming,
            self.tr("Nothing due in the next two weeks."),
            news.upcoming_step_count + news.coming_follow_up_count,
        )
        self._fill(
            self.at_risk,
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
        self._fill(
            self.reach_out,
            [(self._due_line(d, today), ("contact", d.contact_id)) for d in news.contacts_due],
            self.tr("Nobody to reach out to today."),
            news.contacts_due_count,
        )
        self._fill_checkin(news, today)
        self._fill(
            self.learning,
            [
                (
                    self.tr("{title} — ends {date}").format(title=a.title, date=format_date(a.day))
                    if a.day
                    else a.title,
                    ("learning", a.record_id),
                )
                for a in news.learning
            ],
            self.tr("No learning in progress."),
        )
        self._fill(
            self.achievements,
            [
                (
                    f"{format_date(a.day)}  {a.title}" + (f" — {a.detail}" if a.detail else ""),
                    ("achievement", a.record_id),
                )
                for a in news.recent_achievements
            ],
            self.tr("No achievement written down in the last three months."),
        )
        self._headline(news, today)

    def _more(self, left: int, steps: bool = False) -> Lines:
        """The line after a part of a list cut short: how many more, and where they are."""
        if left <= 0:
            return []
        text = (
            "… and %n more step(s): see the Plan tab"
            if steps
            else "… and %n more follow-up(s): see the Network tab"
        )
        return [(counted("OverviewTab", text, left), None)]

    def _fill_checkin(self, news: overview.Attention, today: dt.date) -> None:
        nxt = news.checkin
        if nxt is None or nxt.last is None:
            line = self.tr("No check-in yet: start one from the Journal.")
        elif news.checkin_due:
            line = self.tr("Check-in due {when} (last {last})").format(
                when=days_from(today, nxt.day), last=format_date(nxt.last)
            )
        else:
            line = self.tr("Next check-in {date} ({when})").format(
                date=format_date(nxt.day), when=days_from(today, nxt.day)
            )
        self._fill(self.checkin, [(line, ("checkin", 0))], "", count=news.checkin_due)

    def _headline(self, news: overview.Attention, today: dt.date) -> None:
        if news.is_empty or not news.has_goals:
            self.headline.setText(
                self.tr(
                    "Welcome. Start in the Plan tab: add a long-term goal and the steps "
                    "towards it; skills, people and check-ins join it from there."
                )
            )
            return
        overdue = news.overdue_step_count + news.overdue_follow_up_count
        coming = news.upcoming_step_count + news.coming_follow_up_count
        parts = [
            counted("OverviewTab", "%n overdue", overdue),
            counted("OverviewTab", "%n coming up", coming),
            counted("OverviewTab", "%n goal(s) at risk or late", len(news.goals_at_risk)),
            counted("OverviewTab", "%n contact(s) to reach out to", news.contacts_due_count),
            self.tr("next check-in {when}").format(when=days_from(today, news.next_checkin))
            if news.checkin is not None and news.checkin.last is not None
            else self.tr("no check-in yet"),
        ]
        self.headline.setText(" · ".join(parts))

    def _due_line(self, due: cadence.DueContact, today: dt.date) -> str:
        who = f"{due.name} ({due.company})" if due.company else due.name
        if due.status == "overdue":  # the same words as the Network tab's queue
            return counted("OverviewTab", "{who}: overdue by %n day(s)", due.days_overdue).format(
                who=who
            )
        # Overdue starts the day after the maximum interval ends.
        overdue_from = due.overdue_date + dt.timedelta(days=1)
        return self.tr("{who}: due, overdue from {when}").format(
            who=who, when=format_date(overdue_from)
        )

    def _fill(
        self,
        pair: tuple[QGroupBox, QListWidget],
        lines: Lines,
        empty: str,
        count: int | None = None,
    ) -> None:
        box, widget = pair
        widget.clear()
        for line, target in lines:
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, target)
            if target is None:  # "… and 10 more": nothing to open
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(f"<p>{html.escape(line)}</p>")  # user text, never markup
            widget.addItem(item)
        if not lines:
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)
        shown = len(lines) if count is None else int(count)
        base = box.property("base_title")
        box.setTitle(f"{base} ({shown})" if shown else base)
