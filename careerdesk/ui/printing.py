"""File › Print…, Print Preview… and Export PDF…: the report options dialog and Qt's printing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from careerdesk.report.data import ReportData, read_report_data
from careerdesk.report.pdf import (
    PAGE_SIZES,
    SECTIONS,
    ReportOptions,
    apply_page_layout,
    default_page_size,
    export_pdf,
    paint_report,
    section_titles,
)
from careerdesk.ui import settings
from careerdesk.ui.background import run_in_background
from careerdesk.ui.checked_dialog import CheckedDialog, dialog_buttons
from careerdesk.ui.date_edit import DateEdit


def _a_year_after(day: dt.date) -> dt.date:
    """The same day a year later; 28 February for a 29th (the dialog opened on it failed)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


class ReportOptionsDialog(CheckedDialog):
    """What to print: sections (or the timeline only), dates, timeline mode, paper."""

    def __init__(self, today: dt.date, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_options_dialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)

        box = QGroupBox(self.tr("Sections"), self)
        box.setObjectName("report_sections")
        column = QVBoxLayout(box)
        self.section_checks: dict[str, QCheckBox] = {}
        for name, text in section_titles().items():
            check = QCheckBox(text, box)
            check.setObjectName(f"report_section_{name}")
            check.setAccessibleName(self.tr("Print the section {name}").format(name=text))
            column.addWidget(check)
            self.section_checks[name] = check
        self.timeline_only = QCheckBox(self.tr("Timeline only (just the chart)"), box)
        self.timeline_only.setObjectName("report_timeline_only")
        self.timeline_only.setAccessibleName(self.tr("Print the timeline only"))
        self.timeline_only.toggled.connect(self._sync)
        column.addWidget(self.timeline_only)
        layout.addWidget(box)

        form = QFormLayout()
        self.all_dates = QCheckBox(self.tr("The whole plan"), self)
        self.all_dates.setObjectName("report_all_dates")
        self.all_dates.setAccessibleName(self.tr("Print every date of the plan"))
        self.all_dates.setChecked(True)
        self.all_dates.toggled.connect(self._sync)
        form.addRow(self.tr("Dates:"), self.all_dates)
        dates = QHBoxLayout()
        self.date_from = DateEdit(optional=False, today=lambda: today, parent=self)
        self.date_to = DateEdit(optional=False, today=lambda: today, parent=self)
        for edit, name, text, day in (
            (
                self.date_from,
                "report_date_from",
                self.tr("First day printed"),
                today.replace(day=1),
            ),
            (self.date_to, "report_date_to", self.tr("Last day printed"), _a_year_after(today)),
        ):
            edit.setObjectName(name)
            edit.setAccessibleName(text)
            edit.set_value(day)
            dates.addWidget(edit)
        form.addRow(self.tr("From / to:"), dates)

        self.timeline_mode = self._combo(
            "report_timeline_mode",
            self.tr("Timeline mode"),
            [
                ("fit", self.tr("Fit to the page width (one page)")),
                ("tile", self.tr("Tiled across pages, readable size")),
                ("none", self.tr("No timeline")),
            ],
        )
        form.addRow(self.tr("Timeline:"), self.timeline_mode)
        self.page = self._combo(
            "report_page_size", self.tr("Page size"), [(p, p) for p in PAGE_SIZES]
        )
        form.addRow(self.tr("Page size:"), self.page)
        self.orientation = self._combo(
            "report_orientation",
            self.tr("Orientation"),
            [("portrait", self.tr("Portrait")), ("landscape", self.tr("Landscape"))],
        )
        form.addRow(self.tr("Orientation:"), self.orientation)
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self, "report_options_buttons"))
        self._restore()
        self._sync()

    def _combo(self, name: str, accessible: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for key, text in items:
            combo.addItem(text, key)
        return combo

    def _sync(self) -> None:
        only = self.timeline_only.isChecked()
        for check in self.section_checks.values():
            check.setEnabled(not only)
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(not self.all_dates.isChecked())

    def _restore(self) -> None:
        chosen = [s for s in settings.value(settings.REPORT_SECTIONS) if s in SECTIONS]
        for name, check in self.section_checks.items():
            check.setChecked(name in chosen if chosen else True)
        self.timeline_only.setChecked(settings.value(settings.REPORT_TIMELINE_ONLY))
        self._select(self.timeline_mode, settings.value(settings.REPORT_TIMELINE))
        self._select(self.page, settings.value(settings.REPORT_PAGE) or default_page_size())
        landscape = settings.value(settings.REPORT_LANDSCAPE)
        self._select(self.orientation, "landscape" if landscape else "portrait")

    @staticmethod
    def _select(combo: QComboBox, key: str) -> None:
        index = combo.findData(key)
        if index >= 0:
            combo.setCurrentIndex(index)

    def options(self) -> ReportOptions:
        if self.timeline_only.isChecked():
            sections: tuple[str, ...] = ("timeline",)
        else:
            sections = tuple(n for n, c in self.section_checks.items() if c.isChecked())
        every = self.all_dates.isChecked()
        return ReportOptions(
            sections=sections,
            date_from=None if every else self.date_from.value(),
            date_to=None if every else self.date_to.value(),
            timeline=self.timeline_mode.currentData(),
            page=self.page.currentData(),
            landscape=self.orientation.currentData() == "landscape",
        )

    def check(self) -> None:
        self.options().check()

    def accept(self) -> None:
        super().accept()
        if self.result() == QDialog.DialogCode.Accepted:
            self.remember()

    def remember(self) -> None:
        options = self.options()
        chosen = [n for n, c in self.section_checks.items() if c.isChecked()]
        settings.set_value(settings.REPORT_SECTIONS, chosen)
        settings.set_value(settings.REPORT_TIMELINE_ONLY, self.timeline_only.isChecked())
        settings.set_value(settings.REPORT_TIMELINE, options.timeline)
        settings.set_value(settings.REPORT_PAGE, options.page_size)
        settings.set_value(settings.REPORT_LANDSCAPE, options.landscape)


class Printing(QObject):
    """The window's print, preview and PDF export; owns the printer between uses."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("printing")
        self.window = window
        self.ctx = window.ctx
        self.printer: QPrinter | None = None
        self.preview_dialog: QPrintPreviewDialog | None = None
        self.task: Any = None

    def ask_options(self, title: str) -> ReportOptions | None:
        dialog = ReportOptionsDialog(self.ctx.today(), title, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.options()

    def _printer(self, options: ReportOptions) -> QPrinter:
        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self.printer.setDocName(self.tr("Career plan"))
        apply_page_layout(self.printer, options)
        return self.printer

    def _read(self, options: ReportOptions) -> ReportData:
        self.ctx.database.check_bound()  # this window's file, never another one's
        return read_report_data(self.ctx.today(), options.date_from, options.date_to)

    def print_report(self, options: ReportOptions | None = None) -> None:
        options = options or self.ask_options(self.tr("Print"))
        if options is None:
            return
        printer = self._printer(options)
        dialog = QPrintDialog(printer, self.window)
        dialog.setObjectName("print_dialog")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            paint_report(printer, options, today=self.ctx.today(), data=self._read(options))
        except (OSError, ValueError) as exc:
            self.ctx.report_error(exc, self.window)

    def preview(self, options: ReportOptions | None = None) -> QPrintPreviewDialog | None:
        """Open the preview (window-modal, not blocking) and return it."""
        options = options or self.ask_options(self.tr("Print preview"))
        if options is None:
            return None
        printer = self._printer(options)
        data = self._read(options)
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setObjectName("print_preview_dialog")
        dialog.setWindowTitle(self.tr("Print preview"))
        dialog.resize(900, 1000)
        dialog.paintRequested.connect(
            lambda p: paint_report(p, options, today=self.ctx.today(), data=data)
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview_dialog = dialog
        dialog.open()
        return dialog

    def export(self, options: ReportOptions | None = None, out: Path | None = None) -> None:
        """Ask for options and a file, then write the PDF off the UI thread."""
        options = options or self.ask_options(self.tr("Export PDF"))
        if options is None:
            return
        if out is None:
            suggested = self.ctx.db_path.with_name(self.ctx.db_path.stem + " plan.pdf")
            name, _ = QFileDialog.getSaveFileName(
                self.window, self.tr("Export PDF"), str(suggested), self.tr("PDF (*.pdf)")
            )
            if not name:
                return
            out = Path(name)
            if out.suffix.lower() != ".pdf":
                out = out.with_name(out.name + ".pdf")
        # Read and painted in the worker (its own connection to this window's file): a
        # large plan keeps the window responsive.
        self.ctx.database.check_bound()
        today = self.ctx.today()

        def work(report: Any) -> int:
            data = read_report_data(today, options.date_from, options.date_to)
            return export_pdf(out, options, today=today, progress=report, data=data)

        def done(count: int) -> None:
            self.task = None
            self.window.statusBar().showMessage(
                self.tr("Exported the plan ({n} pages) to {path}").format(n=count, path=out),
                6000,
            )

        def failed(exc: BaseException) -> None:
            self.task = None
            self.ctx.report_error(exc, self.window)

        self.task = run_in_background(
            self.window, self.tr("Exporting the plan as PDF…"), work, done, failed
        )
