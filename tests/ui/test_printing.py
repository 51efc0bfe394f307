"""File › Print Preview and Export PDF on the example plan; the options dialog remembers."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDialog

from careerdesk.report.pdf import ReportOptions
from careerdesk.ui import settings
from careerdesk.ui.date_edit import DateEdit
from careerdesk.ui.printing import ReportOptionsDialog


def _accept_options_dialog(change=None):
    """Accept the options dialog once it opens (it runs modal, exec())."""

    def accept():
        dialog = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, ReportOptionsDialog) and w.isVisible()
            ),
            None,
        )
        if dialog is None:
            QTimer.singleShot(20, accept)
            return
        if change:
            change(dialog)
        dialog.accept()

    QTimer.singleShot(0, accept)


def test_file_menu_has_print_preview_and_export(window):
    names = [
        a.objectName()
        for a in window.findChild(
            type(window.menuBar().actions()[0].menu()), "file_menu"
        ).actions()
    ]
    for name in ("action_print", "action_print_preview", "action_export_pdf"):
        assert name in names
    printing = window.findChild(type(window.printing), "printing")
    assert printing is window.printing
    shortcut = next(a for a in window.actions() if a.objectName() == "action_print").shortcut()
    assert shortcut.toString() == "Ctrl+P"


def test_print_preview_shows_the_report_pages(window, qtbot, tmp_path, today):
    from careerdesk.report.pdf import export_pdf

    expected = export_pdf(tmp_path / "same.pdf", ReportOptions(page="A4"), today=today)
    settings.set_value(settings.REPORT_PAGE, "A4")
    _accept_options_dialog()
    next(a for a in window.actions() if a.objectName() == "action_print_preview").trigger()
    dialog = window.printing.preview_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pageCount() > 0)
    assert preview.pageCount() == expected
    dialog.close()


def test_timeline_only_preview_is_one_page(window, qtbot):
    dialog = window.printing.preview(ReportOptions(sections=("timeline",), timeline="fit"))
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() > 0)
    assert preview.pageCount() == 1
    dialog.close()


def test_export_pdf_runs_off_the_ui_thread_and_writes_the_file(window, qtbot, tmp_path):
    out = tmp_path / "plan.pdf"
    window.printing.export(ReportOptions(landscape=True, timeline="tile"), out)
    qtbot.waitUntil(lambda: window.printing.task is None, timeout=30000)
    reader = PdfReader(str(out))
    assert len(reader.pages) > 5
    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)
    assert "Exported the plan" in window.statusBar().currentMessage()


def test_export_pdf_asks_for_options_and_a_file(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "mine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))

    def only_the_timeline(dialog):
        dialog.timeline_only.setChecked(True)

    _accept_options_dialog(only_the_timeline)
    next(a for a in window.actions() if a.objectName() == "action_export_pdf").trigger()
    qtbot.waitUntil(lambda: window.printing.task is None, timeout=30000)
    written = tmp_path / "mine.pdf"
    assert len(PdfReader(str(written)).pages) == 1


def test_options_dialog_remembers_the_choices(qtbot, today):
    dialog = ReportOptionsDialog(today, "Export PDF")
    qtbot.addWidget(dialog)
    dialog.section_checks["network"].setChecked(False)
    dialog.timeline_mode.setCurrentIndex(dialog.timeline_mode.findData("tile"))
    dialog.page.setCurrentIndex(dialog.page.findData("Letter"))
    dialog.orientation.setCurrentIndex(dialog.orientation.findData("landscape"))
    dialog.all_dates.setChecked(False)
    dialog.date_from.set_value(dialog.date_from.value() - dt.timedelta(days=31))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    again = ReportOptionsDialog(today, "Export PDF")
    qtbot.addWidget(again)
    options = again.options()
    assert "network" not in options.sections and "goals" in options.sections
    assert (options.timeline, options.page, options.landscape) == ("tile", "Letter", True)
    assert options.date_from is None  # dates are chosen each time; "whole plan" is the default
    for kind in (QCheckBox, QComboBox, DateEdit):
        for widget in again.findChildren(kind):
            assert widget.objectName() and widget.accessibleName(), widget


def test_options_dialog_refuses_an_empty_choice(qtbot, today, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    dialog = ReportOptionsDialog(today, "Export PDF")
    qtbot.addWidget(dialog)
    for check in dialog.section_checks.values():
        check.setChecked(False)
    dialog.accept()
    assert shown == ["Choose at least one section to print."]
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.all_dates.setChecked(False)
    dialog.section_checks["goals"].setChecked(True)
    dialog.date_from.set_value(dialog.date_to.value() + dt.timedelta(days=1))
    dialog.accept()
    assert shown[-1] == "The report's end date is before its start date."
    assert isinstance(dialog.options().date_from, dt.date)


def test_the_background_export_matches_one_painted_on_the_ui_thread(window, qtbot, tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "report"))
    from pdf_helpers import fonts, pages_text

    from careerdesk.report.pdf import export_pdf

    options = ReportOptions(page="Letter", timeline="tile")
    here = tmp_path / "here.pdf"
    export_pdf(here, options, today=window.ctx.today())
    there = tmp_path / "there.pdf"
    window.printing.export(options, there)
    qtbot.waitUntil(lambda: window.printing.task is None, timeout=30000)
    assert pages_text(there) == pages_text(here)
    assert all(row[-5] == "yes" for row in fonts(there))


def test_print_goes_through_the_print_dialog_to_the_printer(window, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    out = tmp_path / "printed.pdf"

    def accept(dialog):
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    window.printing.print_report(ReportOptions(sections=("cover", "timeline"), page="A4"))
    reader = PdfReader(str(out))
    assert len(reader.pages) == 2
    assert window.printing.printer.resolution() >= 300  # a printer's resolution, not 96


def test_paper_follows_the_locale_by_default():
    from PySide6.QtCore import QLocale

    from careerdesk.report.pdf import default_page_size

    assert default_page_size(QLocale("en_US")) == "Letter"
    assert default_page_size(QLocale("en_CA")) == "Letter"
    assert default_page_size(QLocale("de_DE")) == "A4"
    assert default_page_size(QLocale("en_GB")) == "A4"


def test_options_dialog_dates_are_typed_and_an_impossible_one_is_refused(
    qtbot, today, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from careerdesk.ui.date_edit import format_day

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    dialog = ReportOptionsDialog(today, "Export PDF")
    qtbot.addWidget(dialog)
    assert isinstance(dialog.date_from, DateEdit) and not dialog.date_from.isEnabled()
    assert dialog.date_from.text() == format_day(today.replace(day=1))
    assert dialog.date_to.text() == format_day(today.replace(year=today.year + 1))
    dialog.all_dates.setChecked(False)
    assert dialog.date_from.isEnabled()
    dialog.date_from.setText("2027-02-30")
    dialog.accept()
    assert shown == ["First day printed: “2027-02-30” is not a date; type it like "
                     + format_day(dt.date(2027, 1, 15)) + "."]  # fmt: skip
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.date_from.setText("2027-02-01")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.options().date_from == dt.date(2027, 2, 1)
    on_a_29th = ReportOptionsDialog(dt.date(2028, 2, 29), "Print")  # it failed to open
    qtbot.addWidget(on_a_29th)
    assert on_a_29th.date_to.value() == dt.date(2029, 2, 28)
