"""The Plan tab's edits: drops, moves, adds, done, archive, delete and the editor's save."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from careerdesk.core import goals, plan, plan_edit
from careerdesk.core.operation import Done, Operation
from careerdesk.ui.operations import perform
from careerdesk.ui.wording import counted

if TYPE_CHECKING:
    from careerdesk.ui.plan.tab import PlanTab


SAVED, UNCHANGED, FAILED = "saved", "unchanged", "failed"


class PlanActions(QObject):
    """Every edit the Plan tab offers, each one core operation run by `perform`."""

    def __init__(self, tab: PlanTab) -> None:
        super().__init__(tab)
        self.tab = tab

    def _perform(self, text: str, op: Operation) -> Done | None:
        """One transaction, one undo step; a refusal is shown in the tab's message line."""
        tab = self.tab
        return perform(tab.ctx, text, tab.noted(op), parent=tab, refused=tab.refused)

    def _count(self, text: str, n: int) -> str:
        return counted("PlanActions", text, n)

    # --- moves ------------------------------------------------------------------------

    def add_nudge_shortcuts(self) -> None:
        """Alt+arrows on the tab: the keyboard's way to drag the selected goal."""
        tab, tr = self.tab, self.tab.tr
        for name, text, keys, days in (
            ("plan_earlier_day", tr("Move goal a day earlier"), "Alt+Left", -1),
            ("plan_later_day", tr("Move goal a day later"), "Alt+Right", 1),
            ("plan_earlier_week", tr("Move goal a week earlier"), "Alt+Shift+Left", -7),
            ("plan_later_week", tr("Move goal a week later"), "Alt+Shift+Right", 7),
        ):
            action = QAction(text, tab)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, d=days: self.nudge(d))
            tab.addAction(action)

    def _move(self, text: str, op: Operation) -> bool:
        done = self._perform(text, op)
        if done is None:
            return False
        moved = done.value if isinstance(done.value, plan.Moved) else None
        notes = []
        if moved and moved.followers:
            notes.append(self._count("%Ln dependent step(s) followed.", len(moved.followers)))
        if moved and moved.outside:
            notes.append(
                self._count(
                    "%Ln step(s) now outside the goal's dates (marked !).", len(moved.outside)
                )
            )
        self.tab.show_message(" ".join(notes))
        return True

    def drop(self, kind: str, record_id: int, zone: str, days: int) -> None:
        """A drag on the timeline ended (or Alt+arrows): save it as one undoable move."""
        title = self.tab.title_of(kind, record_id)
        if kind == "step":
            text = self.tr("Move step “{title}”")
        elif zone == "body":
            text = self.tr("Move goal “{title}”")
        elif zone == "start":
            text = self.tr("Change start of “{title}”")
        else:
            text = self.tr("Change target date of “{title}”")
        self._move(text.format(title=title), lambda: plan.drag_move(kind, record_id, zone, days))

    def nudge(self, days: int) -> None:
        """Alt+Left/Right: move the selected goal (or step) by a day, or a week with Shift."""
        if not self.tab.selected:
            return
        kind, record_id = self.tab.selected
        self.drop(kind, record_id, "body" if kind == "goal" else "step", days)

    def reset_baseline(self) -> None:
        if self._perform(self.tr("Reset baseline"), plan.reset_baseline) is not None:
            self.tab.show_message(self.tr("The current dates are now the baseline."))

    # --- tree actions -----------------------------------------------------------------

    def _create(self, text: str, kind: str, op: Operation) -> None:
        done = self._perform(text, op)
        if done is None:
            return
        self.tab.select(kind, int(done.value))
        form = self.tab.editor.goal_form if kind == "goal" else self.tab.editor.step_form
        field = form.fields["title"]
        field.setFocus()
        field.selectAll()

    def _selected_goal_id(self) -> int | None:
        if not self.tab.selected:
            return None
        kind, record_id = self.tab.selected
        if kind == "goal":
            return record_id
        step = self.tab.step_row(record_id)
        return step.goal_id if step else None

    def add_goal(self, *, parent_id: int | None = None) -> None:
        today = self.tab.ctx.today()
        category = self.tab.category_filter.currentData() or "expertise"
        values: dict[str, Any] = {"category": category}
        parent = None if parent_id is None else self.tab.goal_row(parent_id)
        if parent is not None:
            values.update(parent=parent.id, category=parent.category)
            start = max(today, parent.start)
            target = max(start, min(start + dt.timedelta(days=89), parent.target))
        else:
            start, target = today, today + dt.timedelta(days=89)
        title = self.tr("New goal")
        self._create(
            self.tr("Add goal"), "goal", lambda: goals.create_goal(title, start, target, **values)
        )

    def add_subgoal(self) -> None:
        if self.tab.selected and self.tab.selected[0] == "goal":
            self.add_goal(parent_id=self.tab.selected[1])

    def add_step(self) -> None:
        goal_id = self._selected_goal_id()
        goal = None if goal_id is None else self.tab.goal_row(goal_id)
        if goal is None:
            return
        due = min(max(self.tab.ctx.today() + dt.timedelta(days=7), goal.start), goal.target)
        title = self.tr("New step")
        self._create(self.tr("Add step"), "step", lambda: goals.create_step(goal.id, title, due))

    def reorder(self, offset: int) -> None:
        if not self.tab.selected:
            return
        kind, record_id = self.tab.selected
        self._perform(self.tr("Reorder"), lambda: plan.reorder(kind, record_id, offset))

    def _update(self, text: str, kind: str, record_id: int, values: dict[str, Any]) -> str:
        """Save the fields that differ as one undo step: "saved", "unchanged" or "failed"."""
        try:
            values = plan_edit.changed_fields(kind, record_id, values)
        except plan.PlanError as exc:
            self.tab.refused(str(exc))
            return FAILED
        if not values:
            return UNCHANGED  # no empty undo step
        if kind == "goal":
            done = self._perform(text, lambda: plan_edit.update_goal(record_id, **values))
        else:
            done = self._perform(text, lambda: plan_edit.edit_step(record_id, **values))
        if done is None:
            return FAILED  # refused (the reason is shown) or not written (a box says why)
        if kind == "step" and done.value:
            self.tab.show_message(self._count("%Ln dependent step(s) followed.", len(done.value)))
        return SAVED

    def toggle_done(self) -> None:
        if not self.tab.selected:
            return
        kind, record_id = self.tab.selected
        today = self.tab.ctx.today()
        if kind == "goal":
            goal = self.tab.goal_row(record_id)
            if goal is None:
                return
            status = "active" if goal.status == "done" else "done"
            values = {"status": status, "done_date": goals.done_date_for(status, None, today)}
            if status == "done":
                text = self.tr("Mark goal “{title}” done")
            else:
                text = self.tr("Reopen goal “{title}”")
            self._update(text.format(title=goal.title), "goal", record_id, values)
        else:
            step = self.tab.step_row(record_id)
            if step is None:
                return
            done = None if step.done else today
            text = (
                self.tr("Reopen step “{title}”")
                if step.done
                else self.tr("Mark step “{title}” done")
            )
            self._update(text.format(title=step.title), "step", record_id, {"done_date": done})

    def toggle_archived(self) -> None:
        if not self.tab.selected or self.tab.selected[0] != "goal":
            return
        goal = self.tab.goal_row(self.tab.selected[1])
        if goal is None:
            return
        text = self.tr("Bring back “{title}”") if goal.archived else self.tr("Archive “{title}”")
        self._perform(
            text.format(title=goal.title),
            lambda: goals.set_goal_archived(goal.id, not goal.archived),
        )

    def delete_selected(self) -> None:
        if not self.tab.selected:
            return
        kind, record_id = self.tab.selected
        title = self.tab.title_of(kind, record_id)
        question = (
            self.tr("Delete the goal “{title}” with its steps for good? (Archive keeps it.)")
            if kind == "goal"
            else self.tr("Delete the step “{title}” for good?")
        ).format(title=title)
        # A message box guesses rich text: escape the title and say it is HTML.
        answer = QMessageBox.question(
            self.tab, self.tr("Delete permanently"), f"<p>{html.escape(question)}</p>"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        delete = goals.delete_goal if kind == "goal" else goals.delete_step
        text = self.tr("Delete “{title}”").format(title=title)
        if self._perform(text, lambda: delete(record_id)) is not None:
            self.tab.selected = None
            self.tab.editor.show_nothing()
            self.tab.update_buttons()

    def save_editor(self) -> None:
        """Save the editor's fields as one undo step; bad input is refused with a message."""
        editor = self.tab.editor
        if editor.kind is None or editor.record_id is None:
            return
        try:
            values = editor.values()
        except ValueError as exc:
            self.tab.show_message(str(exc), error=True)
            return
        kind, record_id = editor.kind, editor.record_id
        text = self.tr("Edit goal") if kind == "goal" else self.tr("Edit step")
        self.tab.show_message("")
        outcome = self._update(text, kind, record_id, values)
        if outcome == FAILED:
            return  # what the user typed stays, to be corrected or saved again
        if outcome == SAVED:
            saved = " ".join(filter(None, (self.tr("Saved."), self.tab.message.text())))
            self.tab.show_message(saved)
        else:
            self.tab.show_message(self.tr("No changes to save."))
        # The file now holds what was typed: show it as stored (a title without the
        # spaces around it, say), so nothing counts as unsaved any more.
        self.tab.reload_editor()
