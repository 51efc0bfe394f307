"""Learning activities and evidence: added, edited, refused, undone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from careerdesk.core import learning, skills
from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.ui.formatting import format_date
from careerdesk.ui.skills import inventory
from careerdesk.ui.skills.inventory import EvidenceDialog
from careerdesk.ui.skills.learning import ActivityDialog

from ...conftest import TODAY


def test_evidence_and_a_new_activity_are_added_and_undone(tab, qtbot, monkeypatch):
    skill_id = skills.add_skill("Python", current_level=3, today=TODAY).value
    tab.ctx.apply(Changes(skills=True))
    tab.inventory.select_skill(skill_id)

    win = m.Achievement.create(date=dt.date(2026, 10, 2), title="Cut latency <b>40 %</b>")

    def evidence_exec(dialog: EvidenceDialog) -> int:
        qtbot.keyClicks(dialog.title_edit, "Payments rewrite <b>in Python</b>")
        return EvidenceDialog.DialogCode.Accepted

    def from_journal_exec(dialog: EvidenceDialog) -> int:
        dialog.achievement_box.setCurrentIndex(dialog.achievement_box.findData(win.id))
        return EvidenceDialog.DialogCode.Accepted

    monkeypatch.setattr(EvidenceDialog, "exec", evidence_exec)
    qtbot.mouseClick(tab.inventory.evidence_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(EvidenceDialog, "exec", from_journal_exec)
    qtbot.mouseClick(tab.inventory.evidence_button, Qt.MouseButton.LeftButton)
    model = tab.inventory.model
    assert model.index(model.row_of(skill_id), inventory.EVIDENCE).data() == "2"
    # Dates read the user's way (QLocale), not as ISO text.
    assert (
        f"Payments rewrite <b>in Python</b> ({format_date(TODAY)})" in tab.inventory.details.text()
    )
    assert model.index(model.row_of(skill_id), inventory.ASSESSED).data() == format_date(TODAY)
    linked = m.Evidence.get(m.Evidence.achievement == win.id)
    assert (linked.kind, linked.title, linked.date) == ("achievement", win.title, win.date)
    assert tab.inventory.details.textFormat() == Qt.TextFormat.PlainText

    def activity_exec(dialog: ActivityDialog) -> int:
        qtbot.keyClicks(dialog.title_edit, "Fluent Python")
        dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("reading"))
        dialog.start.set_value(dt.date(2026, 12, 1))
        qtbot.keyClicks(dialog.hours_edit, "12,5")
        dialog.skill_list.item(0).setCheckState(Qt.CheckState.Checked)
        return ActivityDialog.DialogCode.Accepted

    monkeypatch.setattr(ActivityDialog, "exec", activity_exec)
    qtbot.mouseClick(tab.learning.add_button, Qt.MouseButton.LeftButton)
    activity = m.LearningActivity.get()
    assert (activity.title, activity.kind, activity.hours) == ("Fluent Python", "reading", 12.5)
    assert learning.activity_skill_ids(activity.id) == [skill_id]
    assert [tab.learning.table.item(0, c).text() for c in (0, 1, 6)] == [
        "Fluent Python",
        "Reading",
        "Python",
    ]
    for _ in range(3):
        tab.ctx.undo_stack.undo()
    assert m.LearningActivity.select().count() == m.Evidence.select().count() == 0
    assert tab.learning.table.rowCount() == 0


def test_a_bad_number_in_the_activity_editor_is_refused_with_a_message(tab, qtbot, monkeypatch):
    messages = []
    monkeypatch.setattr(
        tab.ctx, "report_error", lambda exc, parent=None: messages.append(str(exc))
    )

    def activity_exec(dialog: ActivityDialog) -> int:
        qtbot.keyClicks(dialog.title_edit, "Course")
        qtbot.keyClicks(dialog.cost_edit, "a lot")
        return ActivityDialog.DialogCode.Accepted

    monkeypatch.setattr(ActivityDialog, "exec", activity_exec)
    qtbot.mouseClick(tab.learning.add_button, Qt.MouseButton.LeftButton)
    assert messages == ["Cost must be a number, not “a lot”."]
    assert m.LearningActivity.select().count() == 0


def test_dates_are_typed_the_locales_way_and_a_bad_one_keeps_the_dialog_open(
    tab, qtbot, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from careerdesk.ui.date_edit import format_day

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    dialog = ActivityDialog(TODAY, parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Rust book")
    assert dialog.end.text() == ""  # no end date unless one is typed
    qtbot.keyClicks(dialog.start.line, "31 02 2027")
    dialog.accept()
    assert len(shown) == 1 and shown[0].startswith("Start date")
    assert dialog.isVisible() and dialog.title_edit.text() == "Rust book"
    dialog.start.setText("")
    qtbot.keyClicks(dialog.start.line, format_day(dt.date(2027, 1, 15)).replace("/", " "))
    dialog.accept()
    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    assert (dialog.values()["start_date"], dialog.values()["end_date"]) == (
        dt.date(2027, 1, 15),
        None,
    )
    evidence = EvidenceDialog("Python", TODAY, tab)
    qtbot.addWidget(evidence)
    assert evidence.date_edit.value() == TODAY  # dated today unless cleared
    evidence.date_edit.setText("")
    assert evidence.values()["date"] is None
