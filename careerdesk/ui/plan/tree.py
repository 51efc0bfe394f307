"""The goal tree's Qt model: goals, their sub-goals and steps, read from a core PlanView."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from careerdesk.core import plan_view
from careerdesk.ui import palette
from careerdesk.ui.formatting import format_date, format_percent, label

COL_TITLE, COL_HEALTH, COL_START, COL_END = range(4)
KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
Key = tuple[str, int]  # ("goal" | "step", id)
ROOT = 0  # the invisible root's node number
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlanTreeModel", text)


class PlanTreeModel(QAbstractItemModel):
    """A thin model over plain rows: nodes are numbers, their text is made when Qt asks.

    No Qt item per row is built, so thousands of goals and steps load at once.
    """

    def __init__(self, today: Callable[[], dt.date]) -> None:
        super().__init__()
        self._today = today
        self._build(plan_view.PlanView([], [], []))

    # --- structure -----------------------------------------------------------------

    def _build(self, view: plan_view.PlanView) -> None:
        self.keys: list[Key] = [("", 0)]  # node number -> key; 0 is the root
        self.number: dict[Key, int] = {}
        self.children: dict[int, list[int]] = {ROOT: []}
        self.parent_of: dict[int, int] = {}
        self.row_of: dict[int, int] = {}
        self.goals: dict[int, plan_view.GoalRow] = {}
        self.steps: dict[int, plan_view.StepRow] = {}

        def add(key: Key, parent: int) -> int:
            num = len(self.keys)
            self.keys.append(key)
            self.number[key] = num
            siblings = self.children.setdefault(parent, [])
            self.row_of[num] = len(siblings)
            siblings.append(num)
            self.parent_of[num] = parent
            return num

        for g in view.goals:  # tree order: a parent comes before its sub-goals
            self.goals[g.id] = g
            parent = self.number.get(("goal", g.parent_id), ROOT) if g.parent_id else ROOT
            add(("goal", g.id), parent)
        for s in view.steps:  # a goal lists its sub-goals first, then its steps
            goal_num = self.number.get(("goal", s.goal_id))
            if goal_num is not None:
                self.steps[s.id] = s
                add(("step", s.id), goal_num)

    def set_view(self, view: plan_view.PlanView) -> None:
        """Show a new plan (goals added, removed, filtered, reordered…)."""
        self.beginResetModel()
        self._build(view)
        self.endResetModel()

    def update_rows(
        self, view: plan_view.PlanView, goal_ids: set[int], step_ids: set[int]
    ) -> None:
        """New values for some goals and steps (after a move); the structure is unchanged."""
        for g in view.goals:
            if g.id in goal_ids and g.id in self.goals:
                self.goals[g.id] = g
                self._changed(("goal", g.id))
        for s in view.steps:
            if s.id in step_ids and s.id in self.steps:
                self.steps[s.id] = s
                self._changed(("step", s.id))

    def _changed(self, key: Key) -> None:
        first = self.index_of(key)
        self.dataChanged.emit(first, first.siblingAtColumn(COL_END))

    # --- lookup --------------------------------------------------------------------

    def index_of(self, key: Key) -> QModelIndex:
        num = self.number.get(key)
        if num is None:
            return QModelIndex()
        return self.createIndex(self.row_of[num], 0, num)

    def key(self, index: Index) -> Key | None:
        if not index.isValid():
            return None
        return self.keys[index.internalId()]

    def __contains__(self, key: object) -> bool:
        return key in self.number

    def child_keys(self, key: Key | None) -> list[Key]:
        parent = ROOT if key is None else self.number[key]
        return [self.keys[n] for n in self.children.get(parent, [])]

    def text(self, key: Key, column: int) -> str:
        return str(self.data(self.index_of(key).siblingAtColumn(column)) or "")

    # --- QAbstractItemModel ----------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        siblings = self.children.get(parent.internalId() if parent.isValid() else ROOT, [])
        if not 0 <= row < len(siblings) or not 0 <= column < 4:
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self.parent_of.get(index.internalId(), ROOT)
        if parent == ROOT:
            return QModelIndex()
        return self.createIndex(self.row_of[parent], 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt
        if parent.isValid() and parent.column() > 0:
            return 0
        return len(self.children.get(parent.internalId() if parent.isValid() else ROOT, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt
        return 4

    def headerData(  # noqa: N802 - Qt
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_tr("Goal / step"), _tr("Health"), _tr("Start"), _tr("Target / due"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        key = self.key(index)
        if key is None:
            return None
        kind, record_id = key
        if role == KIND_ROLE:
            return kind
        if role == ID_ROLE:
            return record_id
        if kind == "goal":
            return self._goal_data(self.goals[record_id], index.column(), role)
        return self._step_data(self.steps[record_id], index.column(), role)

    def _goal_data(self, g: plan_view.GoalRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TITLE:
                return g.title + (_tr(" (archived)") if g.archived else "")
            if column == COL_HEALTH:
                return f"{palette.HEALTH_SYMBOL.get(g.health, '')} {label(g.health)}"
            return format_date(g.start) if column == COL_START else format_date(g.target)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_HEALTH:
            return palette.health_color(g.health)
        if role == Qt.ItemDataRole.FontRole and column == COL_TITLE and g.depth == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TITLE:
            return _tr("{status} · {progress} done").format(
                status=label(g.status), progress=format_percent(g.progress)
            )
        return None

    def _step_data(self, s: plan_view.StepRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TITLE:
                return ("◆ " if s.milestone else "") + s.title
            if column == COL_HEALTH:
                return self._step_state(s)[0]
            return format_date(s.due) if column == COL_END else ""
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_HEALTH:
            colour = self._step_state(s)[1]
            return palette.color(colour) if colour else None
        return None

    def _step_state(self, s: plan_view.StepRow) -> tuple[str, str]:
        """The state word (with its symbol) and its palette colour name."""
        if s.done:
            return _tr("✓ done"), ""
        if s.outside:
            return _tr("! outside goal dates"), "vermillion"
        if s.due and s.due < self._today():
            return _tr("▲ overdue"), "orange"
        return _tr("open"), ""
