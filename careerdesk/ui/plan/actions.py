"""The Plan tab's edits: drops, moves, adds, done, archive, delete and the editor's save."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from careerdesk.core import goals, plan, plan_edit
from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.ui.commands import add_undoable, delete_record
from careerdesk.ui.formatting import format_number

if TYPE_CHECKING:
    from careerdesk.ui.plan.tab import PlanTab


class PlanActions(QObject):
    """Every edit the Plan tab offers, each run as one undo step."""

    def __init__(self, tab: PlanTab) -> None:
        super().__init__(tab)
        self.tab = tab

    # --- running edits as undo steps ---------------------------------------------------

    def _run(
        self, text: str, forward: Callable[[], Changes], backward: Callable[[], Changes]
    ) -> bool:
        """Do one edit now and push it as one undo step; a refused edit gets a one-line message."""
        return self.tab.ctx.run(text, forward, backward, parent=self.tab, refused=self.tab.refused)

    def _move(self, text: str, move: Callable[[], plan.Moved]) -> bool:
        state: dict[str, Any] = {}

        def forward() -> Changes:
            moved = move()
            state["before"] = moved.before
            state["moved"] = moved
            return self.tab.note_moved(moved.changes, moved.before)

        def backward() -> Changes:
            return self.tab.note_moved(plan.restore_dates(state["before"]), state["before"])

        if not self._run(text, forward, backward):
            return False
        moved: plan.Moved = state["moved"]
        notes = []
        if moved.followers:
            notes.append(
                self.tr("{n} dependent steps followed.").format(
                    n=format_number(len(moved.followers))
                )
            )
        if moved.outside:
            notes.append(
                self.tr("{n} steps lie outside their goal's dates (marked !).").format(
                    n=format_number(len(moved.outside))
                )
            )
        self.tab.show_message(" ".join(notes))
        return True

    def drop(self, kind: str, record_id: int, zone: str, days: int) -> None:
        """A drag on the timeline ended: save it as one undoable move."""
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
        state: dict[str, Any] = {}

        def forward() -> Changes:
            moved = plan.reset_baseline()
            state["before"] = moved.before
            return moved.changes or Changes(goals=True)

        if self._run(
            self.tr("Reset baseline"), forward, lambda: plan.restore_dates(state["before"])
        ):
            self.tab.show_message(self.tr("The current dates are now the baseline."))

    # --- tree actions --------------------------------------------------------------------

    def _create(
        self, text: str, create: Callable[[], tuple[int, Changes]], model: type[m.BaseModel]
    ) -> None:
        new_id = add_undoable(
            self.tab.ctx, text, model, create, parent=self.tab, refused=self.tab.refused
        )
        if new_id is not None:
            kind = "goal" if model is m.Goal else "step"
            self.tab.select(kind, new_id)
            field = (
                self.tab.editor.goal_form if kind == "goal" else self.tab.editor.step_form
            ).fields["title"]
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
            self.tr("Add goal"),
            lambda: goals.create_goal(title, start, target, **values),
            m.Goal,
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
        self._create(self.tr("Add step"), lambda: goals.create_step(goal_id, title, due), m.Step)

    def reorder(self, offset: int) -> None:
        if not self.tab.selected:
            return
        kind, record_id = self.tab.selected
        state: dict[str, Any] = {}

        def forward() -> Changes:
            state["before"], changes = plan.reorder(kind, record_id, offset)
            return changes

        self._run(
            self.tr("Reorder"), forward, lambda: plan.restore_positions(kind, state["before"])
        )

    def _update(self, text: str, kind: str, record_id: int, values: dict[str, Any]) -> bool:
        """Save the fields that differ as one undo step; False when none did or it failed."""
        try:
            values = plan_edit.changed_fields(kind, record_id, values)
        except plan.PlanError as exc:
            self.tab.refused(str(exc))
            return False
        if not values:
            return False  # nothing changed: no empty undo step
        state: dict[str, Any] = {}

        if kind == "goal":

            def forward() -> Changes:
                state["before"], changes = plan_edit.update_goal(record_id, **values)
                return changes

            def backward() -> Changes:
                return plan_edit.update_goal(record_id, **state["before"])[1]

            return self._run(text, forward, backward)

        def forward_step() -> Changes:
            state["edit"] = plan_edit.edit_step(record_id, **values)
            return state["edit"].changes

        if not self._run(
            text, forward_step, lambda: plan_edit.undo_step_edit(record_id, state["edit"])
        ):
            return False
        if state["edit"].followers:
            self.tab.show_message(
                self.tr("{n} dependent steps followed.").format(
                    n=format_number(len(state["edit"].followers))
                )
            )
        return True

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
        state: dict[str, dict[int, bool]] = {}

        def forward() -> Changes:
            state["before"], changes = goals.set_goal_archived(goal.id, not goal.archived)
            return changes

        self._run(
            text.format(title=goal.title),
            forward,
            lambda: goals.restore_archived(state["before"]),
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
        model = m.Goal if kind == "goal" else m.Step
        if delete_record(
            self.tab.ctx, model, record_id, self.tr("Delete “{title}”").format(title=title)
        ):
            self.tab.selected = None
            self.tab.editor.show_nothing()
            self.tab.update_buttons()

    def save_editor(self) -> None:
        """Save the editor's fields as one undo step; bad input is refused with a message."""
        if self.tab.editor.kind is None or self.tab.editor.record_id is None:
            return
        try:
            values = self.tab.editor.values()
        except ValueError as exc:
            self.tab.show_message(str(exc), error=True)
            return
        kind, record_id = self.tab.editor.kind, self.tab.editor.record_id
        text = self.tr("Edit goal") if kind == "goal" else self.tr("Edit step")
        self.tab.show_message("")
        if self._update(text, kind, record_id, values):
            self.tab.show_message(
                " ".join(filter(None, (self.tr("Saved."), self.tab.message.text())))
            )
        elif not self.tab.message.text():  # not refused: nothing differed
            self.tab.show_message(self.tr("No changes to save."))
