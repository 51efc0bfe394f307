"""The main window's tab pages, each built the first time it is shown (fast start-up)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from careerdesk.ui.context import AppContext
from careerdesk.ui.tab import Tab


@dataclass(frozen=True)
class TabKind:
    name: str  # objectName of the tab, e.g. "plan_tab"
    module: str
    cls: str
    title: str  # untranslated; tr() at display

    def translated_title(self) -> str:
        return QCoreApplication.translate("MainWindow", self.title)


STEP_MS = 1  # between the steps of building a tab the user switched to

# The order of the tabs; a tab's module (and what it imports: pyqtgraph, say) is
# loaded only when the tab is first needed.
TAB_KINDS = (
    TabKind("overview_tab", "careerdesk.ui.overview.tab", "OverviewTab", "Overview"),
    TabKind("plan_tab", "careerdesk.ui.plan.tab", "PlanTab", "Plan"),
    TabKind("skills_tab", "careerdesk.ui.skills.tab", "SkillsTab", "Skills"),
    TabKind("network_tab", "careerdesk.ui.network.tab", "NetworkTab", "Network"),
    TabKind("journal_tab", "careerdesk.ui.journal.tab", "JournalTab", "Journal"),
    TabKind("profile_tab", "careerdesk.ui.profile.tab", "ProfileTab", "Profile"),
)


class TabPage(QWidget):
    """A page of the tab widget that holds its tab once built."""

    def __init__(self, kind: TabKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.tab: Tab | None = None
        self.loaded = False  # the tab made and filled (made first, filled a moment later)
        self.setObjectName(kind.name.removesuffix("_tab") + "_page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)


class TabPages:
    """Builds each tab on demand; `on_built(tab)` lets the window connect to it."""

    def __init__(self, tabs: QTabWidget, ctx: AppContext, on_built: Callable[[Tab], None]) -> None:
        self._tabs, self._ctx, self._on_built = tabs, ctx, on_built
        self.pages = [TabPage(kind) for kind in TAB_KINDS]
        for page in self.pages:
            tabs.addTab(page, page.kind.translated_title())
        tabs.currentChanged.connect(self._current_changed)

    def page(self, name: str) -> TabPage:
        return next(p for p in self.pages if p.kind.name == name)

    def tab(self, name: str) -> Tab:
        """The tab called `name`, built (and loaded) now if it was not yet."""
        page = self.page(name)
        if page.tab is None:
            self._make(page)
        if not page.loaded:
            self._fill(page)
        assert page.tab is not None
        return page.tab

    def _make(self, page: TabPage) -> None:
        module = importlib.import_module(page.kind.module)
        tab = getattr(module, page.kind.cls)(self._ctx)
        page.layout().addWidget(tab)
        page.tab = tab

    def _fill(self, page: TabPage) -> None:
        assert page.tab is not None
        page.loaded = True
        page.tab.load()
        self._on_built(page.tab)

    def _build_in_steps(self, page: TabPage) -> None:
        """A tab the user switched to: its module, its widgets and its data each in a
        turn of the event loop of their own, so that none of them holds it up for
        long (a real timer, not a zero one, lets other timers and paints in between).
        Anyone who needs the tab meanwhile gets it whole from tab()."""

        def fill() -> None:
            if not page.loaded:
                self._fill(page)

        def make() -> None:
            if page.tab is None:
                self._make(page)
            QTimer.singleShot(STEP_MS, fill)

        def load_module() -> None:
            importlib.import_module(page.kind.module)
            QTimer.singleShot(STEP_MS, make)

        QTimer.singleShot(STEP_MS, load_module)

    def built(self) -> list[Tab]:
        return [p.tab for p in self.pages if p.tab is not None and p.loaded]

    def current(self) -> Tab:
        return self.tab(self._tabs.currentWidget().kind.name)

    def show(self, name: str) -> Tab:
        tab = self.tab(name)
        self._tabs.setCurrentWidget(self.page(name))
        return tab

    def _current_changed(self, index: int) -> None:
        if index >= 0 and not self.pages[index].loaded:
            self._build_in_steps(self.pages[index])
