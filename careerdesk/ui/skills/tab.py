"""Skills tab: inventory, target roles and their gaps, the heatmap, and learning activities."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QInputDialog,
    QLabel,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import gaps, learning, target_roles
from careerdesk.core.changes import Changes
from careerdesk.core.operation import Operation
from careerdesk.ui import settings
from careerdesk.ui.context import AppContext
from careerdesk.ui.operations import perform
from careerdesk.ui.skills.gap_view import GapPanel, HeatmapTable
from careerdesk.ui.skills.inventory import InventoryPanel
from careerdesk.ui.skills.learning import LearningPanel
from careerdesk.ui.skills.levels import tr
from careerdesk.ui.skills.roles import RequirementTable, RoleList
from careerdesk.ui.tab import Tab


class SkillsTab(Tab):
    """The Skills tab: inventory and learning on the left, target roles and gaps on the right."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("skills_tab")
        self.inventory = InventoryPanel(ctx, self)
        self.learning = LearningPanel(ctx, self)
        self.roles = RoleList(self)
        self.gap_panel = GapPanel(self)
        self.requirements = RequirementTable(self)
        self.heatmap = HeatmapTable(self)
        self.heatmap_note = QLabel(self)
        self.heatmap_note.setObjectName("heatmap_note")
        self.heatmap_note.setTextFormat(Qt.TextFormat.PlainText)
        self.heatmap_note.setWordWrap(True)
        heatmap_page = QWidget(self)
        heatmap_page.setObjectName("heatmap_page")
        heatmap_layout = QVBoxLayout(heatmap_page)
        heatmap_layout.addWidget(self.heatmap_note)
        heatmap_layout.addWidget(self.heatmap, 1)

        self.views = QTabWidget(self)
        self.views.setObjectName("role_views")
        self.views.setAccessibleName(tr("Views of the target roles"))
        # At a small window the gap view scrolls rather than squeezing its chart away.
        self.gap_page = QScrollArea(self)
        self.gap_page.setObjectName("gap_page")
        self.gap_page.setWidgetResizable(True)
        self.gap_page.setFrameShape(QFrame.Shape.NoFrame)
        self.gap_page.setWidget(self.gap_panel)
        self.views.addTab(self.gap_page, tr("&Gaps"))
        self.views.addTab(self.requirements, tr("Re&quirements"))
        self.views.addTab(heatmap_page, tr("&Heatmap"))

        left = QSplitter(Qt.Orientation.Vertical, self)
        left.setObjectName("skills_left_splitter")
        left.addWidget(self.inventory)
        left.addWidget(self.learning)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.setObjectName("skills_right_splitter")
        right.addWidget(self.roles)
        right.addWidget(self.views)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 5)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("skills_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([740, 660])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        # While the role list is refilled: the analyses just read for it (see _show_roles).
        self._analyses: dict[int, gaps.Analysis] = {}
        self.gap_panel.threshold_spin.setValue(self.threshold())
        self.gap_panel.threshold_changed.connect(self._threshold_changed)
        self.gap_panel.plan_requested.connect(self._plan_requested)
        self.roles.role_selected.connect(lambda _role: self._show_role())
        self.roles.add_catalogue_requested.connect(self.pick_catalogue_role)
        self.roles.add_own_requested.connect(self.ask_own_role)
        self.roles.remove_requested.connect(self.remove_role)
        self.roles.active_toggled.connect(self.set_role_active)
        self.requirements.edit_requested.connect(self.edit_requirement)
        self.requirements.add_requested.connect(self.ask_requirement)
        self.requirements.remove_requested.connect(self.remove_requirement)

    def title(self) -> str:
        return self.tr("Skills")

    # --- reading --------------------------------------------------------------------

    def threshold(self) -> float:
        """The importance a requirement needs to count (the user's choice, kept in QSettings)."""
        value = settings.value(settings.GAP_IMPORTANCE_THRESHOLD)
        return min(5.0, max(1.0, value))

    def _threshold_changed(self, value: float) -> None:
        settings.set_value(settings.GAP_IMPORTANCE_THRESHOLD, value)
        self._show_roles()

    def refresh(self, changes: Changes) -> None:
        """Reload the panels whose data `changes` touched."""
        if changes.skills:
            self.inventory.reload()
        if changes.learning or changes.skills:
            self.learning.reload()
        if changes.roles or changes.skills:
            self._show_roles()

    def _show_roles(self) -> None:
        threshold = self.gap_panel.threshold_spin.value()
        rows = target_roles.list_roles()
        analyses = gaps.role_analyses([row.id for row in rows], threshold)
        # show_roles re-selects and so redraws the gap view, from these analyses.
        self._analyses = analyses
        try:
            self.roles.show_roles([(row, analyses[row.id].readiness) for row in rows])
        finally:
            self._analyses = {}
        # The heatmap follows here.
        role_ids = [row.id for row in rows if row.active]
        if len(role_ids) >= 2:
            self.heatmap_note.setText(
                tr(
                    "Gap per skill (rows) and role (columns), largest in all roles first; "
                    "✓ met, ? not assessed, empty: not counted for that role."
                )
            )
            self.heatmap.show_heatmap(gaps.heatmap(role_ids, threshold, analyses=analyses))
            self.heatmap.show()
        else:
            self.heatmap_note.setText(
                tr("Add a second target role to compare roles side by side.")
            )
            self.heatmap.hide()

    def _show_role(self) -> None:
        role_id = self.roles.selected_role_id()
        self.requirements.show_role(role_id)
        role = target_roles.role(role_id) if role_id is not None else None
        if role is None:
            self.gap_panel.show_role(None, None)
            return
        analysis = self._analyses.get(role.id)
        if analysis is None:
            analysis = gaps.role_analysis(role.id, self.gap_panel.threshold_spin.value())
        self.gap_panel.show_role(
            role.title, analysis, onet=role.source == "onet" or bool(role.onet_code)
        )

    # --- target roles -------------------------------------------------------------------

    def pick_catalogue_role(self) -> None:
        """Let the user pick an occupation of the catalogue (or enter an unrated one by hand)."""
        from careerdesk.ui.skills.picker import RolePickerDialog  # only once asked for

        dialog = RolePickerDialog(self)
        if dialog.exec() != RolePickerDialog.DialogCode.Accepted or dialog.picked is None:
            return
        if dialog.picked.manual:
            self.add_own_role(dialog.manual_title(), onet_code=dialog.picked.code or None)
        else:
            self.add_catalogue_role(dialog.picked.code, dialog.picked.add_missing_skills)

    def add_catalogue_role(self, code: str, add_missing_skills: bool = False) -> int | None:
        """Add a catalogue occupation as a target role, one undo step; return the role id."""
        role_id = self._add_role(
            lambda: target_roles.add_catalogue_role(code, add_missing_skills=add_missing_skills)
        )
        if role_id is not None:
            self.views.setCurrentIndex(self.views.indexOf(self.gap_page))
        return role_id

    def _add_role(self, add: Operation) -> int | None:
        """Run a core role add as one undo step (undo takes the skills it brought too)."""
        done = perform(self.ctx, tr("Add target role"), add, parent=self)
        if done is None:
            return None
        self.roles.select_role(done.value)
        return done.value

    def ask_own_role(self) -> None:
        """Ask for the title of a role of the user's own and add it."""
        title, ok = QInputDialog.getText(self, tr("Own target role"), tr("Title of the role:"))
        if ok and title.strip():
            self.add_own_role(title)

    def add_own_role(self, title: str, *, onet_code: str | None = None) -> int | None:
        """Add a role of the user's own (requirements follow in the Requirements view)."""
        role_id = self._add_role(lambda: target_roles.add_own_role(title, onet_code=onet_code))
        if role_id is not None:
            self.views.setCurrentWidget(self.requirements)
        return role_id

    def remove_role(self, role_id: int) -> None:
        """Remove a target role and its requirements as one undo step."""
        perform(
            self.ctx,
            tr("Remove target role"),
            lambda: target_roles.remove_role(role_id),
            parent=self,
        )

    def set_role_active(self, role_id: int, active: bool) -> None:
        """Tick or untick a role as aimed for (the heatmap compares the ticked ones)."""
        text = tr("Aim for role") if active else tr("Stop aiming for role")
        perform(self.ctx, text, lambda: target_roles.set_role_active(role_id, active), parent=self)

    # --- requirements ------------------------------------------------------------------

    def edit_requirement(self, requirement_id: int, field: str, value: Any) -> None:
        """Adjust one field of a requirement as one undo step; a bad value is shown, not kept."""
        done = perform(
            self.ctx,
            tr("Adjust requirement"),
            lambda: target_roles.update_requirement(requirement_id, **{field: value}),
            parent=self,
        )
        if done is None:  # refused: the table shows the stored value again
            self.requirements.show_role(self.requirements.role_id)

    def ask_requirement(self) -> None:
        """Ask which skill the selected role requires and add it."""
        role_id = self.requirements.role_id
        if role_id is None:
            return
        name, ok = QInputDialog.getItem(
            self,
            tr("Add requirement"),
            tr("Skill the role requires (pick or type a new one):"),
            target_roles.requirement_choices(),
            0,
            True,
        )
        if ok and name.strip():
            self.add_requirement(role_id, name)

    def add_requirement(
        self, role_id: int, name: str, required_level: float = 3.0, importance: float = 3.0
    ) -> int | None:
        """Add a requirement to a role as one undo step; return its id."""
        done = perform(
            self.ctx,
            tr("Add requirement"),
            lambda: target_roles.add_requirement(
                role_id, name, required_level, importance=importance
            ),
            parent=self,
        )
        return None if done is None else done.value

    def remove_requirement(self, requirement_id: int) -> None:
        """Remove a requirement as one undo step."""
        perform(
            self.ctx,
            tr("Remove requirement"),
            lambda: target_roles.remove_requirement(requirement_id),
            parent=self,
        )

    # --- planning gaps ---------------------------------------------------------------------

    def _plan_requested(self, requirement_id: int, as_step: bool) -> None:
        goal_id = None
        if as_step:
            choices = learning.goal_choices()
            if not choices:
                self.ctx.report_error(
                    ValueError(tr("There is no goal yet to add a step to.")), self
                )
                return
            # Goals may share a title: number the repeats, so each line is one goal.
            labels: list[str] = []
            for _, goal_title in choices:
                text, repeat = goal_title, 1
                while text in labels:
                    repeat += 1
                    text = f"{goal_title} ({repeat})"
                labels.append(text)
            picked, ok = QInputDialog.getItem(
                self, tr("Plan as a goal step"), tr("Goal the step belongs to:"), labels, 0, False
            )
            if not ok:
                return
            goal_id = choices[labels.index(picked)][0]
        self.plan_gap(requirement_id, as_step=as_step, goal_id=goal_id)

    def plan_gap(
        self, requirement_id: int, *, as_step: bool = False, goal_id: int | None = None
    ) -> int | None:
        """Turn a gap into a learning activity (or goal step), one undo step; return its id."""
        today = self.ctx.today()
        done = perform(
            self.ctx,
            tr("Plan this gap"),
            lambda: learning.plan_gap(
                requirement_id, today=today, goal_id=goal_id, as_step=as_step
            ),
            parent=self,
        )
        if done is None:
            return None
        planned: learning.PlannedGap = done.value
        if planned.activity_id is not None:
            self.learning.select_activity(planned.activity_id)
            return planned.activity_id
        return planned.step_id
