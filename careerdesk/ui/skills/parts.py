"""What the Skills tab's panels share: named buttons, eliding headings, changing a level."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QWidget,
)

from careerdesk.core import skills
from careerdesk.ui.context import AppContext
from careerdesk.ui.operations import perform


def make_button(parent: QWidget, name: str, text: str, slot: Callable[[], Any]) -> QPushButton:
    """A push button with an object name and an accessible name from its text."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.clicked.connect(slot)
    return button


def change_level(
    ctx: AppContext,
    skill_id: int,
    level: int | None,
    text: str,
    *,
    parent: QWidget | None = None,
) -> bool:
    """Set a skill's current level as assessed today: one undo step with its history row."""
    today = ctx.today()
    done = perform(ctx, text, lambda: skills.set_level(skill_id, level, today), parent=parent)
    return done is not None and bool(done.changes)


class ElidedLabel(QLabel):
    """A one-line label that gives up width when the window is small, ending in "…"."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(
            self.fontMetrics().horizontalAdvance("M…") + 4, super().minimumSizeHint().height()
        )

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(
            self.fontMetrics().horizontalAdvance(self.text()) + 4, super().sizeHint().height()
        )

    def elided_text(self) -> str:
        """The text as shown at the label's width."""
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.drawText(self.contentsRect(), int(self.alignment()), self.elided_text())


class StretchWithFloor(QObject):
    """A table column takes the width the others leave, but never less than `least` pixels.

    Below that the table scrolls sideways, so a skill's name stays readable in
    a small window instead of shrinking to "…".
    """

    def __init__(self, table: QAbstractItemView, column: int, least: int) -> None:
        super().__init__(table)
        self.table, self.column, self.least = table, column, least
        header = self.header()
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._resized)
        table.viewport().installEventFilter(self)

    def header(self) -> QHeaderView:
        return self.table.horizontalHeader()  # type: ignore[attr-defined]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _resized(self, index: int, _old: int, _new: int) -> None:
        if index != self.column:
            self.fit()

    def fit(self) -> None:
        """Give the column what is left of the table's width (at least `least`)."""
        header = self.header()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self.column and not header.isSectionHidden(c)
        )
        width = max(self.least, self.table.viewport().width() - others)
        if header.sectionSize(self.column) != width:
            header.resizeSection(self.column, width)


def fit_to_widest(table: QTableView, shown: Mapping[int, Mapping[str, int]]) -> None:
    """Size each column to its header and its widest cell, as ResizeToContents would.

    `shown` maps a column to the texts it shows, each with a row showing it.
    ResizeToContents asks the model for every cell, again on each layout pass:
    with a few hundred skills that blocked the tab's first show for a third of
    a second. Here font metrics pick the widest text; only its cell is measured.
    """
    model, header = table.model(), table.horizontalHeader()
    metrics = table.fontMetrics()
    grid = 1 if table.showGrid() else 0
    for column, texts in shown.items():
        width = header.sectionSizeHint(column)
        if texts:
            widest = max(texts, key=metrics.horizontalAdvance)
            cell = table.sizeHintForIndex(model.index(texts[widest], column))
            width = max(width, cell.width() + grid)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, width)
