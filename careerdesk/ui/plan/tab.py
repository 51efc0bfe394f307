"""Plan tab (placeholder until the timeline lands): the goal tree with steps."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from careerdesk.core import goals
from careerdesk.core.changes import Changes
from careerdesk.ui.context import AppContext
from careerdesk.ui.tab import Tab


class PlanTab(Tab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("plan_tab")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("goal_tree")
        self.tree.setAccessibleName(self.tr("Goals and steps"))
        self.tree.setHeaderLabels(
            [self.tr("Goal / step"), self.tr("Start"), self.tr("Target / due")]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)

    def title(self) -> str:
        return self.tr("Plan")

    def refresh(self, changes: Changes) -> None:
        if not (changes.goals or changes.steps):
            return
        self.tree.clear()

        def add(node: goals.GoalNode, parent: QTreeWidget | QTreeWidgetItem) -> None:
            g = node.goal
            item = QTreeWidgetItem(parent, [g.title, str(g.start_date), str(g.target_date)])
            for child in node.children:
                add(child, item)
            for step in node.steps:
                QTreeWidgetItem(item, [step.title, "", str(step.due_date or "")])

        for root in goals.goal_tree():
            add(root, self.tree)
        self.tree.expandToDepth(0)
