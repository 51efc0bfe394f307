"""The role picker: search as one types, walk the results by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from careerdesk.ui.skills.picker import RolePickerDialog


def test_picker_answers_each_keystroke_and_walks_results_from_the_keyboard(tab, qtbot):
    dialog = RolePickerDialog(tab)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search_edit, "web")
    titles = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert titles[0].startswith("Web Administrators")
    assert "catalogue_attribution" in [w.objectName() for w in dialog.findChildren(QLabel)]
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)
    assert dialog.selected_code() == "15-1255.00"  # Web and Digital Interface Designers
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert dialog.picked is None  # unrated: Return does not make an empty role
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)
    assert dialog.selected_code() == "15-1254.00"  # Web Developers
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert dialog.picked is not None and dialog.picked.code == "15-1254.00"
