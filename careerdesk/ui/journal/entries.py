"""The achievements and feedback pages of the Journal: a filtered table and its editors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import achievements as ach
from careerdesk.core.operation import Done
from careerdesk.ui.context import AppContext
from careerdesk.ui.formatting import format_date, label
from careerdesk.ui.journal.editors import AchievementDialog, FeedbackDialog
from careerdesk.ui.operations import perform
from careerdesk.ui.wording import counted


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class EntryPage(QWidget):
    """A filter by skill or goal, the table, and Add / Edit / Delete."""

    def __init__(
        self, ctx: AppContext, name: str, what: str, headers: list[str], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"{name}_page")
        self.skill_filter = _named(
            QComboBox(self), f"{name}_skill_filter", self.tr("Show only this skill")
        )
        self.goal_filter = _named(
            QComboBox(self), f"{name}_goal_filter", self.tr("Show only this goal")
        )
        for combo in (self.skill_filter, self.goal_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.reload)
        self.table = _named(QTableWidget(0, len(headers), self), f"{name}_table", what)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        # The date fits its text; the words share the width and wrap.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda *_: self.edit())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.add_button = self._button(f"add_{name}", self.tr("Add…"), self.add)
        self.edit_button = self._button(f"edit_{name}", self.tr("Edit…"), self.edit)
        self.delete_button = self._button(f"delete_{name}", self.tr("Delete"), self.delete)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Skill"), self))
        bar.addWidget(self.skill_filter)
        bar.addWidget(QLabel(self.tr("Goal"), self))
        bar.addWidget(self.goal_filter)
        bar.addStretch(1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        self.count = _named(QLabel(self), f"{name}_count", self.tr("How many are shown"))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self._ids: list[int] = []
        self._selection_changed()

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = _named(QPushButton(text, self), name, text.rstrip("…"))
        button.clicked.connect(slot)
        return button

    def _selection_changed(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def fill_filters(self) -> None:
        """The skills and goals to filter by, keeping the current choice."""
        for combo, choices, every in (
            (self.skill_filter, ach.skill_choices(), self.tr("All skills")),
            (self.goal_filter, ach.goal_choices(), self.tr("All goals")),
        ):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(every, None)
            for record_id, text in choices:
                combo.addItem(text, record_id)
            combo.setCurrentIndex(max(0, combo.findData(keep)) if keep is not None else 0)
            combo.blockSignals(False)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self._ids[rows[0].row()] if rows else None

    def select(self, record_id: int) -> None:
        if record_id in self._ids:
            self.table.selectRow(self._ids.index(record_id))

    def show_rows(self, ids: list[int], rows: list[list[str]], noun: str) -> None:
        keep = self.selected_id()
        self._ids = ids
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeRowsToContents()
        self.count.setText(noun)
        if keep is not None:
            self.select(keep)
        self._selection_changed()

    def filters(self) -> dict[str, int | None]:
        return {
            "skill_id": self.skill_filter.currentData(),
            "goal_id": self.goal_filter.currentData(),
        }

    # Each page names its core operations and texts, and has reload() and _dialog(entry).
    add_op: Callable[[Any], Done]
    update_op: Callable[[int, Any], Done]
    delete_op: Callable[[int], Done]
    read_entry: Callable[[int], Any]

    def action_texts(self) -> tuple[str, str, str]:
        """The undo texts of add, edit and delete."""
        return self.tr("Add"), self.tr("Edit"), self.tr("Delete")

    def add(self) -> None:
        dialog = self._dialog(None)
        if dialog.exec():
            entry = dialog.entry()
            add = self.add_op
            done = perform(self.ctx, self.action_texts()[0], lambda: add(entry), parent=self)
            if done is not None:
                self.select(done.value)

    def edit(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        dialog = self._dialog(self.read_entry(record_id))
        if dialog.exec():
            entry = dialog.entry()
            update = self.update_op
            perform(
                self.ctx, self.action_texts()[1], lambda: update(record_id, entry), parent=self
            )

    def delete(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            delete = self.delete_op
            perform(self.ctx, self.action_texts()[2], lambda: delete(record_id), parent=self)


class AchievementsPage(EntryPage):
    add_op = staticmethod(ach.add_achievement)
    update_op = staticmethod(ach.update_achievement)
    delete_op = staticmethod(ach.delete_achievement)
    read_entry = staticmethod(ach.achievement_input)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(
            ctx,
            "achievement",
            self.tr("Achievements"),
            [
                self.tr("Date"),
                self.tr("Achievement"),
                self.tr("Situation"),
                self.tr("Task"),
                self.tr("Action"),
                self.tr("Result"),
                self.tr("Metric"),
                self.tr("Skills"),
            ],
            parent,
        )

    def reload(self) -> None:
        found = ach.achievements(**self.filters())
        rows = [
            [
                format_date(a.date),
                a.title,
                a.situation,
                a.task,
                a.action,
                a.result,
                a.metric,
                ", ".join(a.skills) + (self.tr(" (evidence)") if a.evidence and a.skills else ""),
            ]
            for a in found
        ]
        self.show_rows(
            [a.achievement_id for a in found],
            rows,
            counted("AchievementsPage", "%n achievement(s)", len(found)),
        )

    def _dialog(self, entry: ach.AchievementInput | None) -> AchievementDialog:
        return AchievementDialog(
            self.ctx.today(), ach.goal_choices(), ach.skill_choices(), entry, self
        )

    def action_texts(self) -> tuple[str, str, str]:
        return (
            self.tr("Add achievement"),
            self.tr("Edit achievement"),
            self.tr("Delete achievement"),
        )


class FeedbackPage(EntryPage):
    add_op = staticmethod(ach.add_feedback)
    update_op = staticmethod(ach.update_feedback)
    delete_op = staticmethod(ach.delete_feedback)
    read_entry = staticmethod(ach.feedback_input)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(
            ctx,
            "feedback",
            self.tr("Feedback"),
            [
                self.tr("Date"),
                self.tr("From"),
                self.tr("Kind"),
                self.tr("Feedback"),
                self.tr("Agreed actions"),
                self.tr("Skills"),
            ],
            parent,
        )

    def reload(self) -> None:
        found = ach.feedback(**self.filters())
        rows = [
            [
                format_date(f.date),
                f.giver,
                self.tr("360° review") if f.kind == "360" else label(f.kind),
                f.text,
                "\n".join(f.actions),
                ", ".join(f.skills),
            ]
            for f in found
        ]
        self.show_rows(
            [f.feedback_id for f in found],
            rows,
            counted("FeedbackPage", "%n piece(s) of feedback", len(found)),
        )

    def _dialog(self, entry: ach.FeedbackInput | None) -> FeedbackDialog:
        return FeedbackDialog(
            self.ctx.today(),
            ach.goal_choices(),
            ach.skill_choices(),
            ach.contact_choices(),
            entry,
            self,
        )

    def action_texts(self) -> tuple[str, str, str]:
        return self.tr("Add feedback"), self.tr("Edit feedback"), self.tr("Delete feedback")
