"""Network tab (placeholder until the contacts table lands): the contacts list."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.ui.context import AppContext
from careerdesk.ui.tab import Tab


class NetworkTab(Tab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("network_tab")
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("contact_table")
        self.table.setAccessibleName(self.tr("Contacts"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Company"), self.tr("Position")]
        )
        QVBoxLayout(self).addWidget(self.table)

    def title(self) -> str:
        return self.tr("Network")

    def refresh(self, changes: Changes) -> None:
        if not (changes.contacts or changes.interactions):
            return
        contacts = list(m.Contact.select().order_by(m.Contact.last_name).limit(500))
        self.table.setRowCount(len(contacts))
        for row, c in enumerate(contacts):
            for col, value in enumerate((c.full_name, c.company, c.position)):
                self.table.setItem(row, col, QTableWidgetItem(value))
