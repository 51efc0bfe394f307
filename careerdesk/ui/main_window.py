"""The main window: tabs, menus, status bar; remembers its geometry and last tab."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from careerdesk import paths
from careerdesk.core import db, records
from careerdesk.ui import collector, safety, settings
from careerdesk.ui.background import abandon_all
from careerdesk.ui.context import AppContext
from careerdesk.ui.first_paint import after_first_paint
from careerdesk.ui.icons import app_icon
from careerdesk.ui.print_menu import PrintMenu
from careerdesk.ui.tab import Tab
from careerdesk.ui.tab_pages import TAB_KINDS, TabPages

if TYPE_CHECKING:
    from careerdesk.ui.printing import Printing

DB_FILTER = "CareerDesk database (*.careerdesk *.db);;All files (*)"


def redo_shortcuts() -> list[QKeySequence]:
    """The platform's Redo keys, plus Ctrl+Y where the platform does not already use it.

    Listing a key twice makes Qt call it ambiguous and fire neither (Ctrl+Shift+Z
    is QKeySequence.Redo on Linux).
    """
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    for extra in (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")):
        if sys.platform != "darwin" and extra not in keys:
            keys.append(extra)
    return keys


class MainWindow(QMainWindow):
    """One window on one database file."""

    # Asks the application to open another file in a new window (File > Open).
    open_requested = Signal(Path)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, is_demo: bool = False
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.is_demo = is_demo  # a throw-away copy of the example plan
        self.setObjectName("main_window")
        self.setWindowIcon(app_icon())
        self.setWindowTitle(self.tr("{name} — CareerDesk").format(name=ctx.db_path.name))
        self.resize(self._first_size())

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setAccessibleName(self.tr("Areas"))
        self.tabs.setDocumentMode(True)
        self.pages = TabPages(self.tabs, ctx, self._tab_built)
        self.setCentralWidget(self.tabs)

        self._build_menus()
        self.statusBar().setObjectName("status_bar")
        self.statusBar().showMessage(str(ctx.db_path))
        # A bound method, not a lambda: Qt disconnects it when the window goes.
        self._undo_index = ctx.undo_stack.index()
        ctx.undo_stack.indexChanged.connect(self._on_undo_index)
        ctx.status.connect(self._show_status)
        self._restore_state()
        self.pages.current()  # what the first paint shows; the rest waits to be opened
        # Reminders, the first-run guide and what the other tabs will import wait
        # until the window is on screen.
        after_first_paint(self, self._after_first_paint)

    def _first_size(self) -> QSize:
        """1280×820, or less on a small screen (1024×600, 1280×720 at 125 %)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(1280, 820)
        room = screen.availableGeometry().size()
        return QSize(min(1280, room.width()), min(820, room.height() - 40)).expandedTo(
            QSize(1000, 560)
        )

    @property
    def printing(self) -> Printing:
        """Print, preview and PDF export (the report code loads on first use)."""
        return self.print_menu.printing

    # Each tab is built the first time anything needs it.
    overview_tab = property(lambda self: self.pages.tab("overview_tab"))
    plan_tab = property(lambda self: self.pages.tab("plan_tab"))
    skills_tab = property(lambda self: self.pages.tab("skills_tab"))
    network_tab = property(lambda self: self.pages.tab("network_tab"))
    journal_tab = property(lambda self: self.pages.tab("journal_tab"))
    profile_tab = property(lambda self: self.pages.tab("profile_tab"))

    def _tab_built(self, tab: Tab) -> None:
        go_to = getattr(tab, "go_to", None)
        if go_to is not None:
            go_to.connect(self.show_record)
        guide = getattr(tab, "guide_requested", None)
        if guide is not None:
            guide.connect(self.open_guide)

    def all_tabs(self) -> list[Tab]:
        """Every tab, built now if it was not yet."""
        return [self.pages.tab(kind.name) for kind in TAB_KINDS]

    def current_tab(self) -> Tab:
        return self.pages.current()

    def show_tab(self, name: str) -> Tab:
        """Switch to the tab whose objectName is `name` (e.g. "plan_tab")."""
        return self.pages.show(name)

    def show_record(self, kind: str, record_id: int) -> None:
        """Show a goal or step in the Plan tab, a contact in the Network tab, an
        achievement or check-in in the Journal, a learning activity in Skills."""
        if kind == "contact":
            self.show_tab("network_tab").select_contact(record_id)
        elif kind in ("achievement", "checkin"):
            self.show_tab("journal_tab").show_item(kind, record_id)
        elif kind == "learning":
            learning = getattr(self.show_tab("skills_tab"), "learning", None)
            if learning is not None:
                learning.select_activity(record_id)
        else:
            self.show_tab("plan_tab").select(kind, record_id)

    # --- menus --------------------------------------------------------------------

    def _action(
        self,
        name: str,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.setObjectName("file_menu")
        file_menu.addAction(
            self._action("action_new", self.tr("&New…"), self.new_file, QKeySequence.New)
        )
        file_menu.addAction(
            self._action("action_open", self.tr("&Open…"), self.open_file, QKeySequence.Open)
        )
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(
                "action_save_copy", self.tr("Save a &Copy…"), self.save_copy, "Ctrl+Shift+S"
            )
        )
        self.import_menu = file_menu.addMenu(self.tr("&Import"))
        self.import_menu.setObjectName("import_menu")
        self.export_menu = file_menu.addMenu(self.tr("&Export"))
        self.export_menu.setObjectName("export_menu")
        for kind, label in (
            ("linkedin", self.tr("LinkedIn connections (CSV)…")),
            ("vcard", self.tr("Contacts from vCard…")),
            ("csv", self.tr("Contacts from CSV…")),
        ):
            self.import_menu.addAction(
                self._action(
                    f"action_import_{kind}", label, lambda _c=False, k=kind: self._run_import(k)
                )
            )
        for kind, label in (
            ("vcard", self.tr("Contacts as vCard…")),
            ("csv", self.tr("Contacts as CSV…")),
        ):
            self.export_menu.addAction(
                self._action(
                    f"action_export_{kind}", label, lambda _c=False, k=kind: self._run_export(k)
                )
            )
        self.export_menu.addAction(
            self._action("action_export_ics", self.tr("Calendar (iCalendar)…"), self.export_ics)
        )
        self.print_menu = PrintMenu(self, file_menu)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("action_quit", self.tr("&Quit"), self.close, QKeySequence.Quit)
        )

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.setObjectName("edit_menu")
        undo = self.ctx.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setObjectName("action_undo")
        undo.setShortcut(QKeySequence.Undo)
        redo = self.ctx.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setObjectName("action_redo")
        redo.setShortcuts(redo_shortcuts())
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        edit_menu.addAction(
            self._action("action_find", self.tr("&Find"), self.focus_search, QKeySequence.Find)
        )

        self.view_menu = view_menu = bar.addMenu(self.tr("&View"))
        view_menu.setObjectName("view_menu")
        for index, kind in enumerate(TAB_KINDS):
            view_menu.addAction(
                self._action(
                    f"action_show_{kind.name}",
                    kind.translated_title(),
                    lambda _c=False, n=kind.name: self.show_tab(n),
                    f"Ctrl+{index + 1}",
                )
            )

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("help_menu")
        help_menu.addAction(
            self._action("action_guide", self.tr("First-run &Guide…"), self.open_guide)
        )
        help_menu.addAction(
            self._action("action_data_folder", self.tr("Show &Data Folder"), self.show_data_folder)
        )
        help_menu.addAction(
            self._action("action_log_folder", self.tr("Show &Log Folder"), self.show_log_folder)
        )
        help_menu.addAction(self._action("action_about", self.tr("&About CareerDesk"), self.about))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in settings.value(settings.RECENT_FILES):
            if Path(path).exists():
                action = self.recent_menu.addAction(path)
                action.triggered.connect(
                    lambda _c=False, p=path: self.open_requested.emit(Path(p))
                )
            else:
                # Never opened (that would create an empty file there): offered for removal.
                action = self.recent_menu.addAction(
                    self.tr("{path} (missing) — remove from this list").format(path=path)
                )
                action.setObjectName("recent_missing")
                action.triggered.connect(lambda _c=False, p=path: settings.forget_file(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("No recent files")).setEnabled(False)

    # --- file actions ---------------------------------------------------------------

    def new_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("New CareerDesk file"), str(self.ctx.db_path.parent), DB_FILTER
        )
        if name:
            path = Path(name)
            if path.exists():
                QMessageBox.warning(
                    self,
                    self.tr("New file"),
                    self.tr("{path} already exists; choose a new name, or open it.").format(
                        path=path
                    ),
                )
                return
            self.open_requested.emit(path)

    def open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open CareerDesk file"), str(self.ctx.db_path.parent), DB_FILTER
        )
        if name:
            self.open_requested.emit(Path(name))

    def save_copy(self) -> bool:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save a copy"),
            str(self.ctx.db_path.with_name(self.ctx.db_path.stem + " copy.db")),
            DB_FILTER,
        )
        if not name:
            return False
        try:
            self.ctx.database.save_copy(Path(name))
        except (db.DatabaseError, OSError) as exc:
            self.ctx.report_error(exc, self)
            return False
        self.statusBar().showMessage(self.tr("Saved a copy to {path}").format(path=name), 5000)
        return True

    def _run_import(self, kind: str) -> None:
        start = getattr(self.show_tab("network_tab"), "start_import", None)
        if start is not None:
            start(kind)

    def _run_export(self, kind: str) -> None:
        start = getattr(self.network_tab, "start_export", None)
        if start is not None:
            start(kind)

    def export_ics(self) -> None:
        from careerdesk.ui.journal.calendar_export import export_calendar

        export_calendar(self)

    def open_guide(self) -> None:
        from careerdesk.ui.guide.run import open_guide

        open_guide(self)

    def _after_first_paint(self) -> None:
        from careerdesk.ui.guide.run import offer_guide_if_new
        from careerdesk.ui.preload import preload_in_background
        from careerdesk.ui.reminders import start_reminders

        collector.window_shown()
        if not self.ctx.database.is_open:
            return  # the window finished before the event loop came round
        preload_in_background()
        self.reminders = start_reminders(self)
        offer_guide_if_new(self)

    def focus_search(self) -> None:
        focus = getattr(self.current_tab(), "focus_search", None)
        if focus is not None:
            focus()

    def show_data_folder(self) -> None:
        self._show_folder(self.ctx.db_path.parent, self.tr("Data folder"))

    def show_log_folder(self) -> None:
        self._show_folder(paths.log_folder(), self.tr("Log folder"))

    def _show_folder(self, folder: Path, title: str) -> None:
        """Open `folder` in the file manager; where there is none, show its path to copy."""
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return
        box = QMessageBox(QMessageBox.Icon.Information, title, str(folder), parent=self)
        box.setObjectName("folder_path_message")
        box.setInformativeText(self.tr("No file manager could open it; the path can be copied."))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()

    def about(self) -> None:
        from careerdesk.ui.about import AboutDialog  # the catalogue's attribution: on demand

        AboutDialog(self.ctx.db_path, self).exec()

    # --- state --------------------------------------------------------------------

    def _on_undo_index(self, index: int) -> None:
        stack = self.ctx.undo_stack
        if index < self._undo_index:  # undo: the step now above the index was taken back
            message = self.tr("Undone: {action}").format(action=stack.text(index))
        else:
            message = self.tr("Saved: {action}").format(action=stack.text(index - 1))
        self._undo_index = index
        self.statusBar().showMessage(message, 4000)

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def _restore_state(self) -> None:
        geometry = settings.value(settings.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.value(settings.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        last = settings.value(settings.LAST_TAB)
        if records.is_empty():
            last = 0  # a new file starts on the Overview's welcome, whatever was used last
        if 0 <= last < self.tabs.count():
            self.tabs.setCurrentIndex(last)

    def save_state(self) -> None:
        settings.set_value(settings.WINDOW_GEOMETRY, self.saveGeometry())
        settings.set_value(settings.WINDOW_STATE, self.saveState())
        settings.set_value(settings.LAST_TAB, self.tabs.currentIndex())

    def save_pending_edits(self) -> bool:
        """Save what is still being typed; if refused, ask whether to leave it unsaved."""
        for tab in self.pages.built():
            if not tab.save_pending():
                self.show_tab(tab.objectName())
                answer = QMessageBox.question(
                    self,
                    self.tr("Unsaved edit"),
                    self.tr(
                        "Your last edit in {tab} could not be saved (see the message "
                        "there). Leave it unsaved?"
                    ).format(tab=tab.title()),
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return False
                tab.discard_pending()
        return True

    def _confirm_leaving_demo(self) -> bool:
        """The demo is a throw-away copy: say so before its changes go, and offer to keep them."""
        if not self.is_demo or self.ctx.undo_stack.isClean():
            return True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Leave the example plan"),
            self.tr(
                "This is a throw-away copy of the example plan: your changes to it are "
                "discarded when it closes."
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("leave_demo_message")
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("Save a Copy…"))
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save_copy()
        return answer == QMessageBox.StandardButton.Discard

    def finish(self) -> bool:
        """Finish with this window's file: pending edits saved there (or dropped on the
        user's word), state remembered, undo stack dropped, file closed. False if the
        user chose to stay."""
        if not self.ctx.database.is_open:
            return True
        if not self.save_pending_edits() or not self._confirm_leaving_demo():
            return False
        self.save_state()
        abandon_all(self)  # a worker still reading this file (the reminder's counts, say)
        safety.wait_for_daily_backup(self)
        # A backup at exit after changes (a throw-away demo copy needs none).
        changed = not self.is_demo and safety.has_changes(self.ctx)
        self.ctx.release()
        collector.window_gone()
        if changed:
            safety.backup_at_exit(self.ctx.db_path, changed)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.finish():
            event.ignore()
            return
        super().closeEvent(event)
