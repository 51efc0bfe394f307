"""Privacy: no network socket in a whole UI session; user text is shown as plain text."""

from __future__ import annotations

import html
import sqlite3
import sys
from pathlib import Path

import peewee as pw
import pytest
from conftest import TODAY
from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtGui import QHelpEvent, Qt  # QtGui's Qt has mightBeRichText
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QTextEdit,
    QToolTip,
    QWidget,
)

from careerdesk.app import create_window
from careerdesk.core import models as m
from careerdesk.io import json_archive
from careerdesk.ui import backups_dialog
from careerdesk.ui.network.import_dialog import ImportDialog

FIXTURES = Path(__file__).parents[1] / "io" / "fixtures"
NETWORK_FAMILIES = {2, 10}  # AF_INET, AF_INET6 (the same numbers on every OS Python runs on)
_seen: list[tuple[str, object]] = []
_recording = [False]


def _audit(event: str, args: tuple) -> None:
    if not _recording[0]:
        return
    if event == "socket.__new__" and len(args) > 1 and args[1] in NETWORK_FAMILIES:
        _seen.append((event, args[1]))
    elif event in ("socket.getaddrinfo", "socket.connect", "socket.gethostbyname"):
        _seen.append((event, args[1:2]))


sys.addaudithook(_audit)  # hooks cannot be removed: it records only inside the test


@pytest.fixture
def accept_import(monkeypatch):
    def exec_(dialog: ImportDialog) -> int:
        return QDialog.DialogCode.Accepted if dialog.import_button.isEnabled() else 0

    monkeypatch.setattr(ImportDialog, "exec", exec_)


def test_a_whole_session_opens_no_network_socket(qtbot, tmp_path, example_plan, accept_import):
    _seen.clear()
    _recording[0] = True
    try:
        window = create_window(example_plan, today=TODAY)
        qtbot.addWidget(window)
        for tab in window.all_tabs():
            window.tabs.setCurrentWidget(tab)
            qtbot.wait(20)
        network = window.network_tab
        network.start_import("linkedin", FIXTURES / "linkedin_connections.csv")
        qtbot.waitUntil(lambda: "Import: " in network.status_label.text(), timeout=15_000)
        out = tmp_path / "contacts.vcf"
        network.start_export("vcard", out)
        qtbot.waitUntil(lambda: "Exported" in network.status_label.text(), timeout=15_000)
        json_archive.export_archive(window.ctx.database, tmp_path / "plan.json")
        dialog = backups_dialog.BackupsDialog(window.ctx.db_path, window)
        dialog.show()
        qtbot.wait(20)
        dialog.close()
        window.close()
    finally:
        _recording[0] = False
    assert out.exists()
    assert _seen == []


# --- User text is plain text ---------------------------------------------------

MARK = "<b>x</b>"


def _mark_every_text_field(path: Path) -> int:
    """Put MARK into every free-text column of the plan (ids keep unique ones unique)."""
    conn = sqlite3.connect(path)
    count = 0
    with conn:
        for model in m.ALL_MODELS:
            for field in model._meta.sorted_fields:
                if type(field) is pw.TextField:
                    conn.execute(
                        f'UPDATE "{model._meta.table_name}" SET "{field.column_name}" = '
                        f"'{MARK} ' || id"
                    )
                    count += 1
    conn.close()
    return count


def _rendered_as_html(text: str) -> bool:
    """True if Qt would render this text as rich text: the mark itself, unescaped."""
    return MARK in text


def _shown_tooltip(view: QAbstractItemView, index: QModelIndex) -> str:
    """What the user sees on hovering the cell: the text of the tooltip Qt shows."""
    QToolTip.hideText()
    center = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, center, view.viewport().mapToGlobal(center))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text()


def _cell_tooltips(view: QAbstractItemView, out: list) -> None:
    """Cells of the view whose tooltip holds the mark: is it shown escaped?"""
    model = view.model()
    checked = 0
    stack = [QModelIndex()]
    while stack and checked < 3:  # a few per view: the filter is one piece of code
        parent = stack.pop()
        try:
            columns = model.columnCount(parent)
        except TypeError:  # a list model keeps columnCount private: one column
            columns = 1
        for row in range(min(model.rowCount(parent), 30)):
            stack.append(model.index(row, 0, parent))
            for column in range(columns):
                index = model.index(row, column, parent)
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if not (isinstance(tip, str) and MARK in tip) or not view.isVisible():
                    continue
                if not view.viewport().rect().contains(view.visualRect(index).center()):
                    continue  # scrolled out of sight
                shown = _shown_tooltip(view, index)
                checked += 1
                if shown and html.escape(MARK) not in shown:
                    out.append((f"cell tooltip of {view.objectName()}", shown[:60]))


def _problems(root: QWidget) -> list[tuple[str, str]]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        name = widget.objectName() or type(widget).__name__
        if _rendered_as_html(widget.toolTip()):
            found.append((f"tooltip of {name}", widget.toolTip()[:60]))
        if isinstance(widget, QLabel) and MARK in widget.text():
            plain = widget.textFormat() == Qt.TextFormat.PlainText or (
                widget.textFormat() == Qt.TextFormat.AutoText
                and not Qt.mightBeRichText(widget.text())
            )
            if not plain:
                found.append((f"label {name}", widget.text()[:60]))
        if isinstance(widget, QTextEdit) and widget.isVisible():
            shown = widget.toPlainText()
            if "x" in shown and MARK not in shown and html.escape(MARK) not in shown:
                if widget.toHtml().count("<b>") or "font-weight" in widget.toHtml():
                    found.append((f"text edit {name}", shown[:60]))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            _cell_tooltips(widget, found)
    return found


def test_user_text_is_shown_literally_everywhere(qtbot, example_plan):
    assert _mark_every_text_field(example_plan) > 20
    window = create_window(example_plan, today=TODAY)
    qtbot.addWidget(window)
    problems: dict[str, list] = {}
    for tab in window.all_tabs():
        window.tabs.setCurrentWidget(tab)
        # The detail panes show a selected record's text too.
        if tab is window.plan_tab:
            tab.select("goal", 1)
        if tab is window.network_tab:
            tab.select_contact(1)
        qtbot.wait(30)
        found = _problems(tab)
        if found:
            problems[tab.objectName()] = sorted(set(found))
    window.close()
    assert problems == {}, problems
