"""Plan tab: the goal tree, the editor panel and the draggable timeline, sharing one selection."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import plan, plan_edit, plan_view
from careerdesk.core.changes import Changes
from careerdesk.core.operation import Done, Operation
from careerdesk.core.vocabulary import GOAL_CATEGORIES, GOAL_STATUSES
from careerdesk.ui import palette, settings
from careerdesk.ui.context import AppContext
from careerdesk.ui.flow_layout import FlowLayout
from careerdesk.ui.formatting import label
from careerdesk.ui.plan.actions import PlanActions
from careerdesk.ui.plan.editor import Editor
from careerdesk.ui.plan.timeline_slot import TimelineSlot
from careerdesk.ui.plan.tree import COL_HEALTH, COL_START, COL_TITLE, PlanTreeModel
from careerdesk.ui.tab import Tab

if TYPE_CHECKING:
    from careerdesk.ui.plan.timeline import Timeline

STEP_CHOICES_MAX = 500


class PlanTab(Tab):
    """Goals and steps as a tree and a timeline; every edit is one undo step."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("plan_tab")
        self.setAccessibleName(self.tr("Plan"))
        self.view = plan_view.PlanView([], [], [])
        self.tree_model = PlanTreeModel(ctx.today)
        self._expanded: set[tuple[str, int]] = set()
        self.selected: tuple[str, int] | None = None
        # Set by a move just before it reports its Changes: which rows to read again.
        self._moved_rows: tuple[Changes, set[int], set[int]] | None = None
        self.actions = PlanActions(self)
        self._build()

    # --- construction ---------------------------------------------------------------

    def _button(
        self, name: str, text: str, slot: Callable[[], None], tip: str = ""
    ) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        tr = self.tr
        # Filters.
        self.search = QLineEdit()
        self.search.setObjectName("plan_search")
        self.search.setAccessibleName(tr("Search goals and steps"))
        self.search.setPlaceholderText(tr("Search goals and steps…"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("plan_status_filter")
        self.status_filter.setAccessibleName(tr("Show goals with status"))
        self.status_filter.addItem(tr("All statuses"), None)
        self.status_filter.addItem(tr("Open (not done or abandoned)"), "open")
        for status in GOAL_STATUSES:
            self.status_filter.addItem(label(status), status)
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("plan_category_filter")
        self.category_filter.setAccessibleName(tr("Show goals of category"))
        self.category_filter.addItem(tr("All categories"), None)
        for category in GOAL_CATEGORIES:
            self.category_filter.addItem(label(category), category)
        self.show_archived = QCheckBox(tr("Show archived"))
        self.show_archived.setObjectName("plan_show_archived")
        self.show_archived.setAccessibleName(tr("Show archived goals"))
        self.search.textChanged.connect(self._filter_changed)
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        self.category_filter.currentIndexChanged.connect(self._filter_changed)
        self.show_archived.toggled.connect(lambda _on: self.refresh(Changes(goals=True)))

        # Tree and its actions.
        self.tree = QTreeView()
        self.tree.setObjectName("goal_tree")
        self.tree.setAccessibleName(tr("Goals and steps"))
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(COL_TITLE, 200)
        self.tree.setColumnWidth(COL_HEALTH, 90)
        self.tree.setColumnWidth(COL_START, 85)
        self.tree.selectionModel().currentChanged.connect(self._tree_current_changed)
        self.tree.expanded.connect(lambda i: self._expanded.add(self.tree_model.key(i)))
        self.tree.collapsed.connect(lambda i: self._expanded.discard(self.tree_model.key(i)))
        self.add_goal_button = self._button(
            "plan_add_goal", tr("Add &goal"), self.actions.add_goal
        )
        self.add_subgoal_button = self._button(
            "plan_add_subgoal", tr("Add s&ub-goal"), self.actions.add_subgoal
        )
        self.add_step_button = self._button(
            "plan_add_step", tr("Add s&tep"), self.actions.add_step
        )
        self.up_button = self._button("plan_move_up", tr("Up"), lambda: self.actions.reorder(-1))
        self.down_button = self._button(
            "plan_move_down", tr("Down"), lambda: self.actions.reorder(+1)
        )
        self.done_button = self._button(
            "plan_mark_done", tr("Mark &done"), self.actions.toggle_done
        )
        self.archive_button = self._button(
            "plan_archive",
            tr("&Archive"),
            self.actions.toggle_archived,
            tr("Hide a goal, keeping it"),
        )
        self.delete_button = self._button(
            "plan_delete", tr("Delete permanently…"), self.actions.delete_selected
        )
        row1 = FlowLayout()
        for b in (self.add_goal_button, self.add_subgoal_button, self.add_step_button):
            row1.addWidget(b)
        row2 = FlowLayout()
        for b in (
            self.up_button,
            self.down_button,
            self.done_button,
            self.archive_button,
            self.delete_button,
        ):
            row2.addWidget(b)
        filters = FlowLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.category_filter)
        filters.addWidget(self.show_archived)
        left_top = QWidget()
        left_top.setObjectName("plan_tree_panel")
        left_layout = QVBoxLayout(left_top)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(row1)
        left_layout.addLayout(row2)
        self.editor = Editor(self.ctx.today)
        self.editor.save_requested.connect(self.actions.save_editor)
        self.editor.revert_requested.connect(self._load_editor)
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("plan_left_splitter")
        left.addWidget(left_top)
        left.addWidget(self.editor)
        left.setSizes([500, 400])

        # Timeline and its controls.
        self.timeline_slot = TimelineSlot(self.ctx.today)
        self.timeline_slot.selection_changed.connect(self._timeline_selected)
        self.timeline_slot.moved.connect(self.actions.drop)
        self.fit_button = self._button("plan_fit_all", tr("&Fit all"), self.fit_all)
        self.today_button = self._button(
            "plan_today", tr("T&oday"), lambda: self.timeline.show_today()
        )
        self.lane_mode = QComboBox()
        self.lane_mode.setObjectName("plan_lanes")
        self.lane_mode.setAccessibleName(tr("Lanes"))
        self.lane_mode.addItem(tr("Lanes by category"), "category")
        self.lane_mode.addItem(tr("Lanes by long-term goal"), "goal")
        self.lane_mode.setCurrentIndex(
            max(0, self.lane_mode.findData(settings.value(settings.PLAN_LANES)))
        )
        self.lane_mode.currentIndexChanged.connect(self._lanes_changed)
        self.baseline_box = QCheckBox(tr("Show &baseline"))
        self.baseline_box.setObjectName("plan_show_baseline")
        self.baseline_box.setAccessibleName(tr("Show baseline dates"))
        self.baseline_box.setChecked(settings.value(settings.PLAN_SHOW_BASELINE))
        self.timeline_slot.set_show_baseline(self.baseline_box.isChecked())
        self.baseline_box.toggled.connect(self._baseline_toggled)
        self.reset_baseline_button = self._button(
            "plan_reset_baseline",
            tr("Reset baseline"),
            self.actions.reset_baseline,
            tr("Make the current dates the new baseline of every goal"),
        )
        self.message = QLabel()
        self.message.setObjectName("plan_message")
        self.message.setAccessibleName(tr("Plan messages"))
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        # A long refusal wraps; it must never widen the window past the screen.
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        controls = FlowLayout()
        for w in (
            self.fit_button,
            self.today_button,
            self.lane_mode,
            self.baseline_box,
            self.reset_baseline_button,
        ):
            controls.addWidget(w)
        controls.addWidget(self.message)
        right = QWidget()
        right.setObjectName("plan_timeline_panel")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(controls)
        right_layout.addWidget(self.timeline_slot, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("plan_splitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        # The tree keeps room for its four columns; on a small screen the rows of buttons
        # wrap and the timeline takes what is left (1000×600 fits).
        left.setMinimumWidth(400)
        splitter.setSizes([500, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.actions.add_nudge_shortcuts()
        self.update_buttons()

    def focus_search(self) -> None:
        """Edit > Find (Ctrl+F): type to filter goals and steps."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def title(self) -> str:
        return self.tr("Plan")

    @property
    def timeline(self) -> Timeline:
        """The timeline (built now if the tab has not shown it yet)."""
        return self.timeline_slot.timeline()

    def _lanes_changed(self, _index: int) -> None:
        settings.set_value(settings.PLAN_LANES, self.lane_mode.currentData())
        self._show_view()

    def _baseline_toggled(self, shown: bool) -> None:
        settings.set_value(settings.PLAN_SHOW_BASELINE, shown)
        self.timeline_slot.set_show_baseline(shown)

    def fit_all(self) -> None:
        """Fit all, and keep fitting when the window is resized, until the user zooms or pans."""
        self.timeline.fit_all()
        self.timeline.auto_fit = True

    # --- loading ------------------------------------------------------------------------

    def refresh(self, changes: Changes) -> None:
        moved, self._moved_rows = self._moved_rows, None
        if not (changes.goals or changes.steps or changes.learning or changes.history):
            return
        if moved is not None and moved[0] is changes:
            self._patch(moved[1], moved[2])
            return
        self.view = plan_view.plan_view(
            self.ctx.today(), include_archived=self.show_archived.isChecked()
        )
        self._show_view()
        if self.selected and self.selected not in self.tree_model:
            self.selected = None
        self._load_editor(follow=True)  # the file's values, and what the user typed
        self.update_buttons()

    def _patch(self, goal_ids: set[int], step_ids: set[int]) -> None:
        """After a move (or its undo): read the moved rows again, not the whole plan."""
        affected_goals = set(goal_ids)
        affected_steps = set(step_ids)
        for s in self.view.steps:
            if s.id in step_ids:
                affected_goals.add(s.goal_id)
        old = self.view
        self.view = plan_view.refresh_view(self.view, goal_ids, step_ids, self.ctx.today())
        if [g.id for g in old.goals] != [g.id for g in self.view.goals] or [
            s.id for s in old.steps
        ] != [s.id for s in self.view.steps]:
            # New dates changed the order of rows: lay out again, as a fresh window would.
            self._show_view()
            self._load_editor(follow=True)
            self.update_buttons()
            return
        for s in self.view.steps:
            if s.goal_id in goal_ids:
                affected_steps.add(s.id)  # whether they lie outside their goal may change
        view = self._filtered()
        self.tree_model.update_rows(view, affected_goals, affected_steps)
        self.timeline_slot.patch(view, affected_goals, affected_steps)
        self._load_editor(follow=True)
        self.update_buttons()

    def noted(self, op: Operation) -> Operation:
        """`op`, and each of its undos and redos, telling refresh() which rows it moved.

        A move changes dates only: the refresh then reads those rows again instead of the
        whole plan, and the timeline keeps its lanes.
        """

        def run() -> Done:
            done = op()
            if isinstance(done.value, plan.Moved):
                before = done.value.before
                self._moved_rows = (done.changes, set(before.goals), set(before.steps))
            return Done(done.changes, self.noted(done.undo), done.value)

        return run

    def _filtered(self) -> plan_view.PlanView:
        """The plan as the filters show it; a goal's parents stay, to keep the tree whole."""
        return plan_view.filtered(
            self.view,
            self.search.text(),
            self.status_filter.currentData(),
            self.category_filter.currentData(),
        )

    def _filter_changed(self) -> None:
        self._show_view()

    def _show_view(self) -> None:
        view = self._filtered()
        self._fill_tree(view)
        self.timeline_slot.set_plan(view, self.lane_mode.currentData(), self.ctx.today())
        if self.selected:
            self.timeline_slot.select(*self.selected, reveal=False)

    def _fill_tree(self, view: plan_view.PlanView) -> None:
        first_fill = not self.tree_model.keys[1:]
        with QSignalBlocker(self.tree.selectionModel()):
            self.tree_model.set_view(view)
            if first_fill:
                self.tree.expandToDepth(0)
            else:
                for key in list(self._expanded):
                    index = self.tree_model.index_of(key)
                    if index.isValid():
                        self.tree.expand(index)
                    else:
                        self._expanded.discard(key)
            if self.selected in self.tree_model:
                self.tree.setCurrentIndex(self.tree_model.index_of(self.selected))

    def tree_text(self, kind: str, record_id: int, column: int) -> str:
        """What the tree shows for a goal or step in `column` ("" when not listed)."""
        key = (kind, record_id)
        return self.tree_model.text(key, column) if key in self.tree_model else ""

    # --- selection ---------------------------------------------------------------------

    def _tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.tree_model.key(current)
        if key is None or key == self.selected:
            return
        self.select(*key)

    def _timeline_selected(self, kind: str, record_id: int) -> None:
        self.select(kind, record_id)

    def select(self, kind: str, record_id: int) -> None:
        """Select a goal or step in the tree, the timeline and the editor.

        What the editor holds for the item left is saved first; if that is
        refused, the selection stays on it, with the reason shown.
        """
        if (kind, record_id) != self.selected:
            self.show_message("")
            if not self.save_pending():
                if self.selected is not None:
                    index = self.tree_model.index_of(self.selected)
                    with QSignalBlocker(self.tree.selectionModel()):
                        self.tree.setCurrentIndex(index)
                    self.timeline_slot.select(*self.selected, reveal=False)
                return
        self.selected = (kind, record_id)
        index = self.tree_model.index_of(self.selected)
        if index.isValid():
            with QSignalBlocker(self.tree.selectionModel()):
                self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        self.timeline_slot.select(kind, record_id, reveal=False)
        self._load_editor()
        self.update_buttons()

    def _load_editor(self, *, follow: bool = False) -> None:
        """Show the selected goal or step as stored; `follow` keeps what the user typed."""
        if self.selected is None:
            self.editor.show_nothing()
            return
        kind, record_id = self.selected
        if kind == "goal":
            goal = plan_edit.goal_fields(record_id)
            if goal is None:
                self.editor.show_nothing()
                return
            excluded = set(plan.descendant_goals(record_id))
            parents = [(g.title, g.id) for g in self.view.goals]
            self.editor.show_goal(goal, parents, excluded, follow=follow)
        else:
            step = plan_edit.step_fields(record_id)
            if step is None:
                self.editor.show_nothing()
                return
            roots = {g.id: g.root_id for g in self.view.goals}
            root = roots.get(step["goal_id"])
            titles = {g.id: g.title for g in self.view.goals}
            # Any step may wait for any other; a huge plan lists its own tree's steps only.
            everything = len(self.view.steps) <= STEP_CHOICES_MAX
            others = [
                (f"{s.title} ({titles.get(s.goal_id, '')})", s.id)
                for s in self.view.steps
                if s.id != record_id
                and (everything or roots.get(s.goal_id) == root or s.id == step["depends_on_id"])
            ]
            self.editor.show_step(step, others, follow=follow)

    def reload_editor(self) -> None:
        """Show the selected goal or step exactly as stored, dropping what was typed."""
        self._load_editor()

    def discard_pending(self) -> None:
        self._load_editor()

    def save_pending(self) -> bool:
        """Save what the editor holds before it shows something else; False if refused."""
        if not self.editor.dirty():
            return True
        self.actions.save_editor()
        return not self.editor.dirty()

    def update_buttons(self) -> None:
        kind = self.selected[0] if self.selected else None
        self.add_subgoal_button.setEnabled(kind == "goal")
        self.add_step_button.setEnabled(kind is not None)
        for b in (self.up_button, self.down_button, self.done_button, self.delete_button):
            b.setEnabled(kind is not None)
        self.archive_button.setEnabled(kind == "goal")
        done = False
        if kind == "goal":
            row = self.goal_row(self.selected[1])
            done = bool(row and row.status == "done")
        elif kind == "step":
            step = self.step_row(self.selected[1])
            done = bool(step and step.done)
        self.done_button.setText(self.tr("Re&open") if done else self.tr("Mark &done"))
        if kind == "goal":
            row = self.goal_row(self.selected[1])
            archived = bool(row and row.archived)
            self.archive_button.setText(
                self.tr("Bring &back") if archived else self.tr("&Archive")
            )

    # --- messages and rows already read ------------------------------------------------

    def refused(self, reason: str) -> None:
        self.show_message(reason, error=True)

    def show_message(self, text: str, *, error: bool = False) -> None:
        colour = palette.color("vermillion").name() if error else ""
        self.message.setStyleSheet(f"color: {colour}" if colour else "")
        self.message.setText(text)

    def goal_row(self, goal_id: int) -> plan_view.GoalRow | None:
        """The goal as the plan shows it (already read: no query)."""
        return next((g for g in self.view.goals if g.id == goal_id), None)

    def step_row(self, step_id: int) -> plan_view.StepRow | None:
        return next((s for s in self.view.steps if s.id == step_id), None)

    def title_of(self, kind: str, record_id: int) -> str:
        row = self.goal_row(record_id) if kind == "goal" else self.step_row(record_id)
        return row.title if row else ""
