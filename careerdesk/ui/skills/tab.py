"""Skills tab (placeholder until the gap analysis lands): the skill inventory."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.ui.context import AppContext
from careerdesk.ui.tab import Tab


class SkillsTab(Tab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("skills_tab")
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("skill_table")
        self.table.setAccessibleName(self.tr("Skills"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Skill"), self.tr("Current"), self.tr("Target")]
        )
        QVBoxLayout(self).addWidget(self.table)

    def title(self) -> str:
        return self.tr("Skills")

    def refresh(self, changes: Changes) -> None:
        if not changes.skills:
            return
        skills = list(m.Skill.select().order_by(m.Skill.name))
        self.table.setRowCount(len(skills))
        for row, skill in enumerate(skills):
            for col, value in enumerate((skill.name, skill.current_level, skill.target_level)):
                self.table.setItem(row, col, QTableWidgetItem("" if value is None else str(value)))
