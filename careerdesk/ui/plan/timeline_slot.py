"""Where the Plan tab's timeline goes: a short "loading" line until pyqtgraph is imported
(in the background after the first paint), then the timeline with what it must show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from careerdesk.core import plan_view
from careerdesk.ui import preload

if TYPE_CHECKING:
    from careerdesk.ui.plan.timeline import Timeline


class TimelineSlot(QStackedWidget):
    """Holds the timeline once built; until then keeps what it will show.

    The tab talks to the slot, which never imports pyqtgraph itself: shown, it
    builds the timeline as soon as the background import is done, so opening the
    Plan tab never waits for it. `timeline()` builds it at once (a click on a
    timeline button, or a caller that needs it now).
    """

    selection_changed = Signal(str, int)
    moved = Signal(str, int, str, int)

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan_timeline_slot")
        self._today = today
        self._timeline: Timeline | None = None
        self._plan: tuple[plan_view.PlanView, str, dt.date] | None = None
        self._selected: tuple[str, int] | None = None
        self._show_baseline = False
        waiting = QLabel(self.tr("Loading the timeline…"), self)
        waiting.setObjectName("plan_timeline_loading")
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(waiting)

    def is_built(self) -> bool:
        return self._timeline is not None

    def timeline(self) -> Timeline:
        """The timeline, built now if it was not yet."""
        if self._timeline is None:
            self._build()
        assert self._timeline is not None
        return self._timeline

    def set_plan(self, view: plan_view.PlanView, lane_mode: str, today: dt.date) -> None:
        self._plan = (view, lane_mode, today)
        if self._timeline is not None:
            self._timeline.set_plan(view, lane_mode, today)

    def patch(self, view: plan_view.PlanView, goal_ids: set[int], step_ids: set[int]) -> None:
        if self._plan is not None:
            self._plan = (view, *self._plan[1:])
        if self._timeline is not None:
            self._timeline.patch(view, goal_ids, step_ids)

    def select(self, kind: str, record_id: int, *, reveal: bool = True) -> None:
        self._selected = (kind, record_id)
        if self._timeline is not None:
            self._timeline.select(kind, record_id, reveal=reveal)

    def set_show_baseline(self, show: bool) -> None:
        self._show_baseline = show
        if self._timeline is not None:
            self._timeline.set_show_baseline(show)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._timeline is None:
            preload.when_ready(self, self._build_if_needed)

    def _build_if_needed(self) -> None:
        if self._timeline is None:  # not built meanwhile by a call to timeline()
            self._build()

    def _build(self) -> None:
        from careerdesk.ui.plan.timeline import Timeline  # pyqtgraph: waited for, if loading

        timeline = Timeline(self._today)
        timeline.selection_changed.connect(self.selection_changed)
        timeline.moved.connect(self.moved)
        timeline.set_show_baseline(self._show_baseline)
        if self._plan is not None:
            timeline.set_plan(*self._plan)
        if self._selected is not None:
            timeline.select(*self._selected, reveal=False)
        self._timeline = timeline
        self.addWidget(timeline)
        self.setCurrentWidget(timeline)
