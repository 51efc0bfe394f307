"""The first-run guide: self-assessment → a target role → a first goal tree → LinkedIn."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from careerdesk.core import catalogue
from careerdesk.core.first_run import FirstPlan, ShortGoal
from careerdesk.ui.date_edit import DateEdit


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def _date(parent: QWidget, day: dt.date, name: str, accessible: str) -> DateEdit:
    edit = _named(DateEdit(optional=False, parent=parent), name, accessible)
    edit.set_value(day)
    # One line high, whatever room the form has to spare.
    edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return edit


def _page(wizard: QWizard, name: str, title: str, subtitle: str) -> QWizardPage:
    page = QWizardPage(wizard)
    page.setObjectName(name)
    page.setTitle(title)
    page.setSubTitle(subtitle)
    return page


class FirstRunGuide(QWizard):
    """Skippable at every page (Cancel reads "Skip"); Finish makes it all in one undo step."""

    ASSESSMENT = (
        ("strength", "guide_strengths"),
        ("weakness", "guide_weaknesses"),
        ("interest", "guide_interests"),
        ("value", "guide_values"),
    )

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_run_guide")
        self.setWindowTitle(self.tr("Getting started"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Skip"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Make my plan"))
        self.resize(720, 560)
        self.today = today
        self.addPage(self._assessment_page())
        self.addPage(self._role_page())
        self.addPage(self._goals_page())
        self.addPage(self._linkedin_page())

    def _assessment_page(self) -> QWizardPage:
        page = _page(
            self,
            "guide_page_assessment",
            self.tr("Who you are"),
            self.tr(
                "A few words each, one a line. They guide the goals you pick; the Profile "
                "tab keeps them. Skip what you do not know yet."
            ),
        )
        titles = {
            "strength": self.tr("&Strengths"),
            "weakness": self.tr("&Weaknesses"),
            "interest": self.tr("&Interests"),
            "value": self.tr("&Values"),
        }
        hints = {
            "strength": self.tr("e.g. explaining complex things simply"),
            "weakness": self.tr("e.g. saying no to extra work"),
            "interest": self.tr("e.g. data visualisation"),
            "value": self.tr("e.g. autonomy"),
        }
        self.assessment: dict[str, QPlainTextEdit] = {}
        form = QFormLayout(page)
        for kind, name in self.ASSESSMENT:
            edit = _named(QPlainTextEdit(page), name, titles[kind].replace("&", ""))
            edit.setPlaceholderText(hints[kind])
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(64)
            self.assessment[kind] = edit
            form.addRow(titles[kind], edit)
        return page

    def _role_page(self) -> QWizardPage:
        page = _page(
            self,
            "guide_page_role",
            self.tr("Where you are heading"),
            self.tr(
                "A role you are aiming for. Pick one from the O*NET catalogue to get its "
                "skill requirements, or type your own."
            ),
        )
        self.role_search = _named(QLineEdit(page), "guide_role_search", self.tr("Find a role"))
        self.role_search.setPlaceholderText(self.tr("Type a job title, e.g. data scientist"))
        self.role_search.textChanged.connect(self._search_roles)
        self.role_list = _named(QListWidget(page), "guide_role_list", self.tr("Roles found"))
        self.own_role = _named(QLineEdit(page), "guide_own_role", self.tr("My own role"))
        self.own_role.setPlaceholderText(self.tr("or a role of your own, e.g. Team lead"))
        layout = QVBoxLayout(page)
        layout.addWidget(self.role_search)
        layout.addWidget(self.role_list, 1)
        layout.addWidget(self.own_role)
        return page

    def _search_roles(self, text: str) -> None:
        self.role_list.clear()
        for occ in catalogue.search(text, limit=30):
            item = QListWidgetItem(occ.title, self.role_list)
            item.setData(Qt.ItemDataRole.UserRole, occ.code)
            item.setToolTip(occ.description)

    def _goals_page(self) -> QWizardPage:
        page = _page(
            self,
            "guide_page_goals",
            self.tr("Your first goals"),
            self.tr(
                "One long-term goal (a few years out), two short-term goals that lead to it, "
                "and the first step of each. You can change all of it later in the Plan."
            ),
        )
        today = self.today
        self.long_goal = _named(QLineEdit(page), "guide_long_goal", self.tr("Long-term goal"))
        self.long_goal.setPlaceholderText(self.tr("e.g. Become a staff engineer"))
        self.long_target = _date(
            page, today.replace(year=today.year + 3), "guide_long_target",
            self.tr("Long-term goal target date"),
        )  # fmt: skip
        grid = QGridLayout(page)
        grid.addWidget(QLabel(self.tr("&Long-term goal"), page), 0, 0)
        grid.itemAtPosition(0, 0).widget().setBuddy(self.long_goal)
        grid.addWidget(self.long_goal, 0, 1)
        grid.addWidget(self.long_target, 0, 2)
        self.short: list[tuple[QLineEdit, DateEdit, QLineEdit, DateEdit]] = []
        for n in (1, 2):
            title = _named(
                QLineEdit(page),
                f"guide_short_goal_{n}",
                self.tr("Short-term goal {n}").format(n=n),
            )
            target = _date(
                page, today + dt.timedelta(days=180 * n), f"guide_short_target_{n}",
                self.tr("Target date of short-term goal {n}").format(n=n),
            )  # fmt: skip
            step = _named(
                QLineEdit(page), f"guide_step_{n}", self.tr("First step of goal {n}").format(n=n)
            )
            step.setPlaceholderText(self.tr("The first step: small, with a date"))
            due = _date(
                page, today + dt.timedelta(days=14 * n), f"guide_step_due_{n}",
                self.tr("Due date of the first step of goal {n}").format(n=n),
            )  # fmt: skip
            row = 1 + (n - 1) * 2
            grid.addWidget(QLabel(self.tr("Short-term goal {n}").format(n=n), page), row, 0)
            grid.addWidget(title, row, 1)
            grid.addWidget(target, row, 2)
            grid.addWidget(QLabel(self.tr("   first step"), page), row + 1, 0)
            grid.addWidget(step, row + 1, 1)
            grid.addWidget(due, row + 1, 2)
            self.short.append((title, target, step, due))
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(5, 1)
        return page

    def _linkedin_page(self) -> QWizardPage:
        page = _page(
            self,
            "guide_page_linkedin",
            self.tr("The people who can help"),
            self.tr(
                "LinkedIn lets you download your connections as a CSV file (Settings › Data "
                "privacy › Get a copy of your data › Connections). CareerDesk can bring them "
                "in now, or later from File › Import."
            ),
        )
        self.linkedin = _named(
            QCheckBox(self.tr("Import my LinkedIn connections after this (pick the file next)")),
            "guide_linkedin",
            self.tr("Import LinkedIn connections"),
        )
        done = QLabel(
            self.tr(
                "“Make my plan” writes it all; one Undo takes it back. The Plan tab shows it."
            ),
            page,
        )
        done.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.linkedin)
        layout.addStretch(1)
        layout.addWidget(done)
        return page

    def validateCurrentPage(self) -> bool:  # noqa: N802 - Qt override
        """A date that is not one keeps the user on its page, told why."""
        if self.currentPage().objectName() == "guide_page_goals":
            try:
                self.plan()
            except ValueError as exc:
                box = QMessageBox(
                    QMessageBox.Icon.Warning, self.windowTitle(), str(exc),
                    QMessageBox.StandardButton.Ok, self,
                )  # fmt: skip
                box.setObjectName("guide_refusal")
                box.setTextFormat(Qt.TextFormat.PlainText)
                box.exec()
                return False
        return super().validateCurrentPage()

    def plan(self) -> FirstPlan:
        """What the user filled in."""
        item = self.role_list.currentItem()
        code = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        short = tuple(
            ShortGoal(
                title.text(),
                target.value(),
                step.text(),
                due.value(),
            )
            for title, target, step, due in self.short
            if title.text().strip()
        )
        return FirstPlan(
            assessment={
                kind: [line for line in edit.toPlainText().splitlines() if line.strip()]
                for kind, edit in self.assessment.items()
            },
            role_code=None if self.own_role.text().strip() else code,
            role_title=self.own_role.text(),
            long_goal=self.long_goal.text(),
            long_target=self.long_target.value(),
            short_goals=short,
        )

    def wants_linkedin(self) -> bool:
        return self.linkedin.isChecked()
