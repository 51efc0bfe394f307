"""The editor panel of the Plan tab: every field of the selected goal or step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
from careerdesk.core.vocabulary import GOAL_CATEGORIES, GOAL_HORIZONS, GOAL_STATUSES
from careerdesk.ui import palette
from careerdesk.ui.date_edit import DateEdit
from careerdesk.ui.formatting import label, money_text, number_text, parse_number


def horizon_name(horizon: str) -> str:
    """ "Short-term" or "Long-term"."""
    names = {
        "short": QCoreApplication.translate("plan", "Short-term"),
        "long": QCoreApplication.translate("plan", "Long-term"),
    }
    return names.get(horizon, horizon)


class _Form(QWidget):
    """A form of named fields; `values()` reads them, `load()` fills them."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.layout_ = QFormLayout(self)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, str] = {}

    def add(self, key: str, label: str, widget: QWidget) -> QWidget:
        widget.setObjectName(f"{self.objectName()}_{key}")
        widget.setAccessibleName(label)
        self.layout_.addRow(label, widget)
        self.fields[key] = widget
        self.labels[key] = label
        return widget

    def label_of(self, key: str) -> str:
        return self.labels[key]

    def text(self, key: str) -> str:
        widget = self.fields[key]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        return widget.text()  # type: ignore[attr-defined]

    def shown(self) -> dict[str, Any]:
        """What each field shows, unparsed: compared to tell what the user typed."""
        return {key: _shown(widget) for key, widget in self.fields.items()}

    def set_shown(self, values: dict[str, Any]) -> None:
        """Put back what the user had typed in some fields (no signals: nothing follows)."""
        for key, value in values.items():
            widget = self.fields[key]
            with QSignalBlocker(widget):
                _set_shown(widget, value)

    def watch(self, slot: Callable[[], None]) -> None:
        """Call `slot` whenever the user changes any field."""
        for widget in self.fields.values():
            for name in ("textChanged", "currentIndexChanged", "toggled"):
                signal = getattr(widget, name, None)
                if signal is not None:
                    signal.connect(slot)


def _shown(widget: QWidget) -> Any:
    if isinstance(widget, DateEdit):
        return widget.text()  # as typed: half-typed dates are the user's work too
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    return None


def _set_shown(widget: QWidget, value: Any) -> None:
    if isinstance(widget, DateEdit):
        widget.setText(value)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value)
    elif isinstance(widget, QLineEdit):
        widget.setText(value)
    elif isinstance(widget, QComboBox):
        _set_combo(widget, value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(value)


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
        self.add("start_date", tr("Start date"), DateEdit(optional=False, today=today))
        self.add("target_date", tr("Target date"), DateEdit(optional=False, today=today))
        self.add("done_date", tr("Done on"), DateEdit(today=today))
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
        try:
            typed = done_on.value()
        except ValueError:  # half-typed: today's date replaces it when marked done
            typed = None
        done_on.set_value(goals.done_date_for(status, typed, self.today()))

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
    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__("step_form", parent)
        tr = self.tr
        self.add("title", tr("Title"), QLineEdit())
        self.add("description", tr("Description"), QPlainTextEdit())
        self.add("due_date", tr("Due date"), DateEdit(today=today))
        self.add("done_date", tr("Done on"), DateEdit(today=today))
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
    """The editor panel: the goal or step form, with Save and Revert.

    It follows the database: shown again after any operation, it takes the stored
    values of every field the user has not typed in, and keeps what the user typed.
    A field that changed in the file while the user was typing in it is marked.
    """

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
        self.step_form = StepForm(today)
        for page in (self.empty, self.goal_form, self.step_form):
            self.stack.addWidget(page)
        scroll = QScrollArea()
        scroll.setObjectName("plan_editor_scroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.stack)
        self.conflict = QLabel()
        self.conflict.setObjectName("plan_editor_conflict")
        self.conflict.setAccessibleName(self.tr("Changed elsewhere while you were editing"))
        self.conflict.setTextFormat(Qt.TextFormat.PlainText)
        self.conflict.setWordWrap(True)
        self.conflict.setStyleSheet(f"color: {palette.color('vermillion').name()}")
        self.conflict.hide()
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
        layout.addWidget(self.conflict)
        layout.addLayout(buttons)
        self.kind: str | None = None
        self.record_id: int | None = None
        self.loaded: dict[str, Any] = {}  # what the fields showed when last read from the file
        self.conflicts: set[str] = set()
        for form in (self.goal_form, self.step_form):
            form.watch(self._update_buttons)
        self.show_nothing()

    def form(self) -> _Form | None:
        return {"goal": self.goal_form, "step": self.step_form}.get(self.kind or "")

    def show_nothing(self) -> None:
        self.kind = self.record_id = None
        self.loaded = {}
        self._mark({}, set())
        self.stack.setCurrentWidget(self.empty)
        self._update_buttons()

    def show_goal(
        self,
        goal: dict[str, Any],
        parents: list[tuple[str, int]],
        excluded: set[int],
        *,
        follow: bool = False,
    ) -> None:
        """Show a goal's stored fields; with `follow`, keep what the user typed in them."""
        self._show(
            "goal", int(goal["id"]), lambda: self.goal_form.load(goal, parents, excluded), follow
        )

    def show_step(
        self, step: dict[str, Any], others: list[tuple[str, int]], *, follow: bool = False
    ) -> None:
        """Show a step's stored fields; with `follow`, keep what the user typed in them."""
        self._show("step", int(step["id"]), lambda: self.step_form.load(step, others), follow)

    def _show(self, kind: str, record_id: int, load: Callable[[], None], follow: bool) -> None:
        same = follow and (self.kind, self.record_id) == (kind, record_id)
        form = self.goal_form if kind == "goal" else self.step_form
        typed = {}
        if same:
            typed = {k: v for k, v in form.shown().items() if v != self.loaded.get(k)}
        previous, conflicts = self.loaded, self.conflicts if same else set()
        self.kind, self.record_id = kind, record_id
        load()
        stored = form.shown()
        # Changed in the file while the user was typing in it: theirs stays, and it shows.
        typed = {k: v for k, v in typed.items() if stored[k] != v}  # saved: not typed any more
        conflicts = {k for k in conflicts if k in typed} | {
            k for k in typed if stored[k] != previous.get(k)
        }
        self.loaded = stored
        form.set_shown(typed)
        self._mark(stored, conflicts)
        self.stack.setCurrentWidget(form)
        self._update_buttons()

    def _mark(self, stored: dict[str, Any], conflicts: set[str]) -> None:
        form = self.form()
        for f in (self.goal_form, self.step_form):
            for key, widget in f.fields.items():
                wanted = f is form and key in conflicts
                if bool(widget.property("conflict")) != wanted:
                    widget.setProperty("conflict", wanted)
                    colour = palette.color("vermillion").name()
                    widget.setStyleSheet(f"border: 2px solid {colour}" if wanted else "")
        self.conflicts = conflicts
        if not conflicts or form is None:
            self.conflict.hide()
            return
        names = ", ".join(form.label_of(k) for k in sorted(conflicts))
        self.conflict.setText(
            self.tr(
                "Changed in the file while you were editing: {fields}. Save keeps what you "
                "typed; Revert shows what the file holds."
            ).format(fields=names)
        )
        self.conflict.show()

    def dirty(self) -> bool:
        """Has the user typed something the file does not hold?"""
        form = self.form()
        return form is not None and form.shown() != self.loaded

    def _update_buttons(self) -> None:
        dirty = self.dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def values(self) -> dict[str, Any]:
        """The form's values; raises ValueError with a one-line message on bad input."""
        form = self.goal_form if self.kind == "goal" else self.step_form
        return form.values()
