"""What the Skills tab tests share: the tab on an empty file, and answering its dialogs."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from careerdesk.ui.skills.picker import RolePickerDialog


def readiness_shown(tab) -> int:
    match = re.search(r"readiness (\d+)\s?%", tab.gap_panel.readiness_label.text().lower())
    assert match, tab.gap_panel.readiness_label.text()
    return int(match.group(1))


def gap_rows(tab) -> list[tuple[str, float]]:
    table = tab.gap_panel.table
    return [
        (table.item(r, 1).text(), float(table.item(r, 6).text())) for r in range(table.rowCount())
    ]


def picking(
    monkeypatch, qtbot, typed: str, *, closest: str | None = None, manual=False, add_skills=False
):
    """Answer the role picker like a user: type, (pick a stand-in), press the button."""

    def exec_(dialog: RolePickerDialog) -> int:
        qtbot.keyClicks(dialog.search_edit, typed)
        assert not dialog.missing_check.isChecked()  # adding skills is the user's choice
        if add_skills:
            dialog.missing_check.setChecked(True)
        if closest is not None:
            titles = [dialog.closest.item(i).text() for i in range(dialog.closest.count())]
            dialog.closest.setCurrentRow(next(i for i, t in enumerate(titles) if closest in t))
        if manual:
            qtbot.mouseClick(dialog.manual_button, Qt.MouseButton.LeftButton)
        else:
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(RolePickerDialog, "exec", exec_)
