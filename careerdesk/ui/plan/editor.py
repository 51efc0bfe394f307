"""The editor panel of the Plan tab: every field of the selected goal or step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import goals, money
from careerdesk.core.models import GOAL_CATEGORIES, GOAL_HORIZONS, GOAL_STATUSES
from careerdesk.ui.formatting import label, money_text, number_text, parse_number

NO_DATE = QDate(1900, 1, 1)  # shown as "—": the field is empty


def horizon_name(horizon: str) -> str:
    """ "Short-term" or "Long-term"."""
    names = {
        "short": QCoreApplication.translate("plan", "Short-term"),
        "long": QCoreApplication.translate("plan", "Long-term"),
    }
    return names.get(horizon, horizon)


class OptionalDate(QDateEdit):
    """A date field that may be empty (shown as "—")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("—")
        # The user's date order, always with four-digit years (a two-digit one is ambiguous).
        shown = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
        if "yyyy" not in shown:
            shown = shown.replace("yy", "yyyy")
        self.setDisplayFormat(shown)

    def value(self) -> dt.date | None:
        q = self.date()
        return None if q == NO_DATE else dt.date(q.year(), q.month(), q.day())

    def set_value(self, day: dt.date | None) -> None:
        self.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))


class RequiredDate(OptionalDate):
    """A date field that must hold a date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumDate(QDate(1901, 1, 1))
        self.setSpecialValueText("")


class _Form(QWidget):
    """A form of named fields; `values()` reads them, `load()` fills them."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.layout_ = QFormLayout(self)
        self.fields: dict[str, QWidget] = {}

    def add(self, key: str, label: str, widget: QWidget) -> QWidget:
        widget.setObjectName(f"{self.objectName()}_{key}")
        widget.setAccessibleName(label)
        self.layout_.addRow(label, widget)
        self.fields[key] = widget
        return widget

    def text(self, key: str) -> str:
        widget = self.fields[key]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        return widget.text()  # type: ignore[attr-defined]


def _combo(items: list[tuple[str, Any]]) -> QComboBox:
    box = QComboBox()
    for text, value in items:
        box.addItem(text, value)
    return box


def _set_combo(box: QComboBox, value: object) -> None:
    index = box.findData(value)
    box.setCurrentIndex(max(index, 0))


class GoalForm(_Form):
    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__("goal_form", parent)
        self.today = today  # the window's day (ctx.today), never the clock's
        tr = self.tr
        self.add("title", tr("Title"), QLineEdit())
        self.add("description", tr("Description"), QPlainTextEdit())
        self.add("horizon", tr("Horizon"), _combo([(horizon_name(h), h) for h in GOAL_HORIZONS]))
        self.add("category", tr("Category"), _combo([(label(c), c) for c in GOAL_CATEGORIES]))
        self.add("status", tr("Status"), _combo([(label(s), s) for s in GOAL_STATUSES]))
        self.add("start_date", tr("Start date"), RequiredDate())
        self.add("target_date", tr("Target date"), RequiredDate())
        self.add("done_date", tr("Done on"), OptionalDate())
        self.fields["status"].currentIndexChanged.connect(self._status_changed)
        self.add("parent", tr("Part of"), QComboBox())
        self.add("measure_name", tr("Success measure"), QLineEdit())
        self.add("measure_unit", tr("Unit"), QLineEdit())
        self.add("measure_start", tr("Measure at start"), QLineEdit())
        self.add("measure_target", tr("Measure target"), QLineEdit())
        self.add("measure_current", tr("Measure now"), QLineEdit())
        self.add("obstacles", tr("Obstacles"), QPlainTextEdit())
        self.add("obstacle_plan", tr("How to overcome them"), QPlainTextEdit())
        self.add("notes", tr("Notes"), QPlainTextEdit())
        for key in ("description", "obstacles", "obstacle_plan", "notes"):
            self.fields[key].setMaximumHeight(70)
        self._parents: list[tuple[str, int]] = []
        self._parent_rows: dict[int, int] = {}
        self._disabled: set[int] = set()

    def _status_changed(self) -> None:
        # Done and the done date go together: today when marked done, none otherwise.
        done_on = self.fields["done_date"]
        status = self.fields["status"].currentData()
        done_on.set_value(goals.done_date_for(status, done_on.value(), self.today()))

    def load(
        self, goal: dict[str, Any], parents: list[tuple[str, int]], excluded: set[int]
    ) -> None:
        """Fill the form from `plan_edit.goal_fields`; `excluded` goals cannot be its parent."""
        f = self.fields
        f["title"].setText(goal["title"])
        f["description"].setPlainText(goal["description"])
        _set_combo(f["horizon"], goal["horizon"])
        _set_combo(f["category"], goal["category"])
        _set_combo(f["status"], goal["status"])
        f["start_date"].set_value(goal["start_date"])
        f["target_date"].set_value(goal["target_date"])
        f["done_date"].set_value(goal["done_date"])
        box: QComboBox = f["parent"]
        if parents != self._parents:
            # Thousands of goals: the list is rebuilt only when the goals change.
            box.clear()
            box.addItem(self.tr("(no parent: a top-level goal)"), None)
            for title, gid in parents:
                box.addItem(title, gid)
            self._parents = list(parents)
            self._parent_rows = {gid: row + 1 for row, (_t, gid) in enumerate(parents)}
        model = box.model()
        for gid in self._disabled | excluded:
            row = self._parent_rows.get(gid)
            if row is not None:
                model.item(row).setEnabled(gid not in excluded)
        self._disabled = set(excluded)
        _set_combo(box, goal["parent_id"])
        for key in ("measure_name", "measure_unit"):
            f[key].setText(goal[key])
        for key in ("measure_start", "measure_target", "measure_current"):
            f[key].setText(number_text(goal[key]))
        for key in ("obstacles", "obstacle_plan", "notes"):
            f[key].setPlainText(goal[key])

    def values(self) -> dict[str, Any]:
        f = self.fields
        values: dict[str, Any] = {
            "title": self.text("title").strip(),
            "description": self.text("description"),
            "horizon": f["horizon"].currentData(),
            "category": f["category"].currentData(),
            "status": f["status"].currentData(),
            "start_date": f["start_date"].value(),
            "target_date": f["target_date"].value(),
            "done_date": f["done_date"].value(),
            "parent_id": f["parent"].currentData(),
            "measure_name": self.text("measure_name"),
            "measure_unit": self.text("measure_unit"),
            "obstacles": self.text("obstacles"),
            "obstacle_plan": self.text("obstacle_plan"),
            "notes": self.text("notes"),
        }
        labels = {
            "measure_start": self.tr("Measure at start"),
            "measure_target": self.tr("Measure target"),
            "measure_current": self.tr("Measure now"),
        }
        for key, name in labels.items():
            values[key] = parse_number(self.text(key), name)
        return values


class StepForm(_Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("step_form", parent)
        tr = self.tr
        self.add("title", tr("Title"), QLineEdit())
        self.add("description", tr("Description"), QPlainTextEdit())
        self.add("due_date", tr("Due date"), OptionalDate())
        self.add("done_date", tr("Done on"), OptionalDate())
        self.add("milestone", tr("Milestone"), QCheckBox(tr("This step is a milestone")))
        self.add("effort_hours", tr("Effort (hours)"), QLineEdit())
        self.add("cost", tr("Cost"), QLineEdit())
        self.add("currency", tr("Currency"), QLineEdit())
        self.add("resources", tr("Resources and links"), QPlainTextEdit())
        self.add("depends_on", tr("Waits for"), QComboBox())
        self.add("notes", tr("Notes"), QPlainTextEdit())
        self.fields["currency"].setMaxLength(3)
        for key in ("description", "resources", "notes"):
            self.fields[key].setMaximumHeight(70)

    def load(self, step: dict[str, Any], others: list[tuple[str, int]]) -> None:
        """Fill the form from `plan_edit.step_fields`; `others` are the steps it may wait for."""
        f = self.fields
        f["title"].setText(step["title"])
        f["description"].setPlainText(step["description"])
        f["due_date"].set_value(step["due_date"])
        f["done_date"].set_value(step["done_date"])
        f["milestone"].setChecked(bool(step["milestone"]))
        f["effort_hours"].setText(number_text(step["effort_hours"]))
        f["cost"].setText(money_text(step["cost_minor"], step["currency"]))
        f["currency"].setText(step["currency"] or "")
        f["resources"].setPlainText(step["resources"])
        box: QComboBox = f["depends_on"]
        box.clear()
        box.addItem(self.tr("(nothing)"), None)
        for title, sid in others:
            box.addItem(title, sid)
        _set_combo(box, step["depends_on_id"])
        f["notes"].setPlainText(step["notes"])

    def values(self) -> dict[str, Any]:
        f = self.fields
        cost = parse_number(self.text("cost"), self.tr("Cost"))
        currency = self.text("currency").strip().upper() or None
        return {
            "title": self.text("title").strip(),
            "description": self.text("description"),
            "due_date": f["due_date"].value(),
            "done_date": f["done_date"].value(),
            "milestone": f["milestone"].isChecked(),
            "effort_hours": parse_number(self.text("effort_hours"), self.tr("Effort")),
            # Stored as whole minor units of its currency (cents, or yen), never a float.
            "cost_minor": None if cost is None else money.to_minor(str(cost), currency),
            "currency": currency,
            "resources": self.text("resources"),
            "depends_on_id": f["depends_on"].currentData(),
            "notes": self.text("notes"),
        }


class Editor(QWidget):
    """The editor panel: the goal or step form, with Save and Revert."""

    save_requested = Signal()
    revert_requested = Signal()

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan_editor")
        self.setAccessibleName(self.tr("Goal or step details"))
        self.stack = QStackedWidget()
        self.empty = QLabel(self.tr("Select a goal or a step to see and edit its details."))
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setObjectName("plan_editor_empty")
        self.goal_form = GoalForm(today)
        self.step_form = StepForm()
        for page in (self.empty, self.goal_form, self.step_form):
            self.stack.addWidget(page)
        scroll = QScrollArea()
        scroll.setObjectName("plan_editor_scroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.stack)
        self.save_button = QPushButton(self.tr("&Save changes"))
        self.save_button.setObjectName("plan_save")
        self.save_button.setAccessibleName(self.tr("Save changes"))
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setObjectName("plan_revert")
        self.revert_button.setAccessibleName(self.tr("Revert changes"))
        self.save_button.clicked.connect(self.save_requested)
        self.revert_button.clicked.connect(self.revert_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.kind: str | None = None
        self.record_id: int | None = None
        self.show_nothing()

    def show_nothing(self) -> None:
        self.kind = self.record_id = None
        self.stack.setCurrentWidget(self.empty)
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)

    def show_goal(
        self, goal: dict[str, Any], parents: list[tuple[str, int]], excluded: set[int]
    ) -> None:
        self.kind, self.record_id = "goal", int(goal["id"])
        self.goal_form.load(goal, parents, excluded)
        self.stack.setCurrentWidget(self.goal_form)
        self.save_button.setEnabled(True)
        self.revert_button.setEnabled(True)

    def show_step(self, step: dict[str, Any], others: list[tuple[str, int]]) -> None:
        self.kind, self.record_id = "step", int(step["id"])
        self.step_form.load(step, others)
        self.stack.setCurrentWidget(self.step_form)
        self.save_button.setEnabled(True)
        self.revert_button.setEnabled(True)

    def values(self) -> dict[str, Any]:
        """The form's values; raises ValueError with a one-line message on bad input."""
        form = self.goal_form if self.kind == "goal" else self.step_form
        return form.values()
