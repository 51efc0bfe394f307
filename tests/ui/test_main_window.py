"""The main window on the example plan: tabs, menus, state kept, About, undo, bad files."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTextBrowser,
)

from careerdesk import __version__
from careerdesk.app import create_window, run_gui
from careerdesk.core import models as m
from careerdesk.ui import settings
from careerdesk.ui.about import AboutDialog


def list_texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_tabs_in_order(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Overview", "Plan", "Skills", "Network", "Journal", "Profile"]
    assert window.windowTitle() == "example.db — CareerDesk"


def test_overview_lists_what_needs_attention(window):
    overdue = list_texts(window.findChild(QListWidget, "overdue_steps"))
    assert any(t.startswith("Find a second mentee — Mentor two junior engineers") for t in overdue)
    upcoming = list_texts(window.findChild(QListWidget, "upcoming_steps"))
    assert any("Book the exam date" in t for t in upcoming)
    at_risk = list_texts(window.findChild(QListWidget, "goals_at_risk"))
    assert any("Lead the payments platform redesign" in t for t in at_risk)
    due = list_texts(window.findChild(QListWidget, "contacts_due"))
    assert due and "Nobody" not in due[0]
    assert "next check-in in 14 days" in window.overview_tab.headline.text()


def test_journal_and_profile_show_the_example_plan(window, qtbot):
    window.show_tab("journal_tab")
    checkins = window.findChild(QListWidget, "checkin_list")
    assert checkins.count() == 4
    snapshot = window.findChild(QTableWidget, "snapshot_table")
    assert snapshot.rowCount() >= 6
    achievements = window.findChild(QTableWidget, "achievement_table")
    assert achievements.item(0, 1).text() == "Onboarded my first mentee"
    window.show_tab("profile_tab")
    assert window.findChild(QLineEdit, "profile_name").text() == "Alex Morgan"
    history = window.findChild(QTableWidget, "history_table")
    assert [history.item(r, 0).text() for r in range(history.rowCount())] == [
        "Senior Software Engineer",
        "Software Engineer",
        "Junior Software Developer",
    ]
    assert history.item(0, 4).text() == "now"


def test_profile_edit_is_saved_and_undone(window, qtbot):
    window.show_tab("profile_tab")
    name = window.findChild(QLineEdit, "profile_name")
    name.setText("Alex M. Morgan")
    name.editingFinished.emit()
    assert m.Profile.get().name == "Alex M. Morgan"
    assert window.ctx.undo_stack.undoText() == "Edit name"
    window.ctx.undo_stack.undo()
    assert m.Profile.get().name == "Alex Morgan"
    assert name.text() == "Alex Morgan"
    window.ctx.undo_stack.redo()
    assert m.Profile.get().name == "Alex M. Morgan"


def test_geometry_and_last_tab_are_remembered(qtbot, example_plan):
    first = create_window(example_plan)
    qtbot.addWidget(first)
    first.resize(1300, 760)
    first.tabs.setCurrentIndex(3)
    first.close()
    saved = settings.value(settings.WINDOW_GEOMETRY)
    second = create_window(example_plan)
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 3
    assert not saved.isEmpty()
    # The offscreen screen is small, so Qt fits the width to it; the height is kept.
    assert second.height() == 760
    second.close()


def test_standard_shortcuts(window):
    def shortcut(name):
        return window.findChild(type(window.actions()[0]), name).shortcut()

    assert shortcut("action_new") == QKeySequence(QKeySequence.StandardKey.New)
    assert shortcut("action_open") == QKeySequence(QKeySequence.StandardKey.Open)
    assert shortcut("action_quit") == QKeySequence(QKeySequence.StandardKey.Quit)
    assert shortcut("action_find") == QKeySequence(QKeySequence.StandardKey.Find)
    assert shortcut("action_save_copy") == QKeySequence("Ctrl+Shift+S")
    assert shortcut("action_show_plan_tab") == QKeySequence("Ctrl+2")


def test_about_shows_version_file_and_catalogue_licence(qtbot, example_plan):
    dialog = AboutDialog(example_plan)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QTextBrowser, "about_text").toPlainText()
    assert __version__ in dialog.findChild(QLabel, "about_heading").text()
    assert str(example_plan) in text
    assert "O*NET 29.0 Database" in text and "CC BY 4.0" in text


def test_garbage_file_gets_a_message_and_stays_unchanged(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "notes.db"
    path.write_bytes(b"my private notes, not a database")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    assert run_gui(path) == 2
    assert shown and "not a CareerDesk database" in shown[0]
    assert path.read_bytes() == b"my private notes, not a database"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_interactive_widgets_have_names(window):
    window.all_tabs()  # tabs are built when first shown: build them all
    kinds = (QAbstractButton, QLineEdit, QPlainTextEdit, QAbstractItemView, QComboBox)
    unnamed = []
    for kind in (*kinds, QAbstractSpinBox):
        for widget in window.findChildren(kind):
            parent = widget.parent()
            # Parts Qt builds inside a spin box or a combo box (its popup list).
            internal = (
                isinstance(parent, QAbstractSpinBox | QComboBox)
                or isinstance(parent.parent(), QComboBox)
                or widget.objectName().startswith("qt_")
            )
            if (
                internal
                or isinstance(widget, QHeaderView)
                or type(widget).__name__
                in (
                    "QTabBar",
                    "QToolButton",
                )
            ):
                continue
            if not widget.objectName():
                unnamed.append(f"{type(widget).__name__} in {type(parent).__name__}")
            # A screen reader reads a button's text; other widgets need an accessible name.
            spoken = widget.accessibleName() or (
                isinstance(widget, QAbstractButton) and widget.text().strip()
            )
            if not spoken:
                unnamed.append(
                    f"{widget.objectName() or type(widget).__name__}: no accessible name"
                )
    assert unnamed == [], "\n".join(unnamed)


def test_plan_view_choices_are_remembered(qtbot, example_plan):
    first = create_window(example_plan)
    qtbot.addWidget(first)
    tab = first.plan_tab
    tab.lane_mode.setCurrentIndex(tab.lane_mode.findData("goal"))
    tab.baseline_box.setChecked(True)
    first.close()
    second = create_window(example_plan)
    qtbot.addWidget(second)
    assert second.plan_tab.lane_mode.currentData() == "goal"
    assert second.plan_tab.baseline_box.isChecked()
    second.close()


def test_overview_items_open_the_step_goal_or_contact(window, qtbot):
    overdue = window.findChild(QListWidget, "overdue_steps")
    row = next(i for i in range(overdue.count()) if overdue.item(i).text().startswith("Find a"))
    overdue.itemActivated.emit(overdue.item(row))
    step = m.Step.get(m.Step.title == "Find a second mentee")
    assert window.current_tab() is window.plan_tab
    assert window.plan_tab.selected == ("step", step.id)

    window.show_tab("overview_tab")
    due = window.findChild(QListWidget, "contacts_due")
    due.itemActivated.emit(due.item(0))
    assert window.current_tab() is window.network_tab
    name = due.item(0).text().split(" (")[0]
    assert (
        window.network_tab.details.contact_id
        == m.Contact.get((m.Contact.first_name + " " + m.Contact.last_name) == name).id
    )


def test_find_goes_to_the_search_field_of_the_tab(window, qtbot):
    find = window.findChild(QAction, "action_find")
    for tab, field in (("plan_tab", "plan_search"), ("network_tab", "contact_filter")):
        window.show_tab(tab)
        search = window.findChild(QLineEdit, field)
        window.tabs.tabBar().setFocus()
        assert search is not None and not search.hasFocus()
        find.trigger()
        assert window.focusWidget() is search, tab


def test_errors_are_shown_as_plain_text(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    window.ctx.report_error(ValueError("<b>Ada</b> is not a date"), window)
    assert shown[0].textFormat() == Qt.TextFormat.PlainText
    assert shown[0].text() == "That did not work: <b>Ada</b> is not a date"


def test_a_new_empty_file_greets_the_user(qtbot, tmp_path):
    window = create_window(tmp_path / "new.db")
    qtbot.addWidget(window)
    assert window.overview_tab.headline.text().startswith("Welcome. Start in the Plan tab")
    at_risk = window.findChild(QListWidget, "goals_at_risk")
    assert list_texts(at_risk) == ["No goals yet."]
    window.close()


def test_a_tab_clicked_is_built_in_steps_and_whole_when_asked_for(window, qtbot):
    tabs = window.tabs
    plan_page, skills_page = window.pages.page("plan_tab"), window.pages.page("skills_tab")
    tabs.setCurrentWidget(plan_page)  # as a click on the tab bar does
    assert not plan_page.loaded  # the click returns at once; the tab follows
    qtbot.waitUntil(lambda: plan_page.loaded)
    tree = window.plan_tab.tree
    titles = {tree.model().index(r, 0).data() for r in range(tree.model().rowCount())}
    assert "Become a Staff Engineer" in titles
    tabs.setCurrentWidget(skills_page)
    skills = window.skills_tab  # needed at once (a shortcut, a link): built whole now
    assert skills_page.loaded and window.pages.built()[-1] is skills
    qtbot.wait(50)  # the steps still queued find it done and change nothing
    assert window.pages.page("skills_tab").tab is skills


def test_tabs_keep_their_objects_from_the_collector_until_the_window_goes(qtbot, example_plan):
    import gc

    gc.disable()  # as importing careerdesk.app leaves it, until a window is on screen
    window = create_window(example_plan)
    qtbot.addWidget(window)
    assert gc.get_freeze_count() > 0  # the Overview, loaded: its objects frozen
    qtbot.waitUntil(lambda: getattr(window, "reminders", None) is not None)  # painted
    assert gc.isenabled()
    window.close()  # finish(): the file let go, the objects back to the collector
    assert gc.get_freeze_count() == 0 and gc.isenabled()
