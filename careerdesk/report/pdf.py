"""The printed plan: options, painting onto any QPrinter/QPdfWriter, and the PDF export."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from careerdesk.core.catalogue import ATTRIBUTION
from careerdesk.report import paper_timeline, review_sections, sections, style
from careerdesk.report.data import ReportData, read_report_data
from careerdesk.report.flow import Block, Paper, paginate, render

# In the order they print; the names are the command line's and the settings' words.
SECTIONS: tuple[str, ...] = (
    "cover",
    "goals",
    "timeline",
    "gaps",
    "learning",
    "network",
    "checkin",
    "assessment",
)
TIMELINE_MODES = ("fit", "tile", "none")
PAGE_SIZES = ("A4", "Letter")
# The resolution of the writer: the timeline is laid out in screen units (96 per inch),
# so lines and fonts come out at the size they have on screen.
RESOLUTION = 96
MARGIN_MM = 15.0

Progress = Callable[[int, int], None]


def section_titles() -> dict[str, str]:
    """The sections as the options dialog names them."""
    return {
        "cover": style.tr("Cover and target roles"),
        "goals": style.tr("Goals and steps"),
        "timeline": style.tr("Timeline"),
        "gaps": style.tr("Skill gaps"),
        "learning": style.tr("Learning plan"),
        "network": style.tr("Who to reach out to"),
        "checkin": style.tr("Latest check-in and trend"),
        "assessment": style.tr("Self-assessment"),
    }


def default_page_size(locale: QLocale | None = None) -> str:
    """Letter where the locale's paper is Letter (US, Canada…), A4 everywhere else."""
    locale = locale or QLocale()
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return "Letter"
    letter = {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
    }
    return "Letter" if locale.territory() in letter else "A4"


@dataclass(frozen=True)
class ReportOptions:
    """What to print: sections, date range, timeline mode and paper."""

    sections: Sequence[str] = field(default=SECTIONS)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    timeline: str = "fit"  # "fit" | "tile" | "none"
    page: str | None = None  # "A4" | "Letter"; None: the locale's
    landscape: bool = False

    def check(self) -> None:
        """Raise ValueError with one sentence when the options cannot print."""
        unknown = [s for s in self.sections if s not in SECTIONS]
        if unknown:
            raise ValueError(
                f"Unknown report section {unknown[0]!r}; choose from {', '.join(SECTIONS)}."
            )
        if not self.sections:
            raise ValueError("Choose at least one section to print.")
        if self.timeline not in TIMELINE_MODES:
            raise ValueError(f"The timeline mode is one of {', '.join(TIMELINE_MODES)}.")
        if self.page is not None and self.page not in PAGE_SIZES:
            raise ValueError(f"The page size is one of {', '.join(PAGE_SIZES)}.")
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValueError("The report's end date is before its start date.")
        if self.sections == ("timeline",) and self.timeline == "none":
            raise ValueError("A timeline-only report needs the timeline mode fit or tile.")

    @property
    def page_size(self) -> str:
        return self.page or default_page_size()

    def chosen(self) -> list[str]:
        wanted = set(self.sections)
        if self.timeline == "none":
            wanted.discard("timeline")
        return [s for s in SECTIONS if s in wanted]


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new offscreen one (fonts need one; no window opens)."""
    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["careerdesk"])
    return app  # type: ignore[return-value]


def page_layout(options: ReportOptions) -> QPageLayout:
    size = QPageSize(
        QPageSize.PageSizeId.Letter if options.page_size == "Letter" else QPageSize.PageSizeId.A4
    )
    orientation = (
        QPageLayout.Orientation.Landscape
        if options.landscape
        else QPageLayout.Orientation.Portrait
    )
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(size, orientation, margins, QPageLayout.Unit.Millimeter)


def apply_page_layout(device: QPagedPaintDevice, options: ReportOptions) -> None:
    """Give a printer or PDF writer the options' paper, orientation and margins."""
    device.setPageLayout(page_layout(options))


_BUILDERS = {
    "cover": sections.cover,
    "goals": sections.goals,
    "gaps": sections.skill_gaps,
    "learning": review_sections.learning,
    "network": review_sections.network,
    "checkin": review_sections.checkin,
    "assessment": review_sections.assessment,
}


def build_blocks(paper: Paper, data: ReportData, options: ReportOptions) -> list[Block]:
    blocks: list[Block] = []
    for name in options.chosen():
        if name == "timeline":
            part = paper_timeline.timeline_blocks(paper, data, options.timeline)
        else:
            part = _BUILDERS[name](paper, data)
        if part:
            # Each section starts a page; the cover has its page to itself.
            part[0].new_page = True
            blocks.extend(part)
    return blocks


def paint_report(
    device: QPagedPaintDevice,
    options: ReportOptions | None = None,
    *,
    today: dt.date,
    progress: Progress | None = None,
    data: ReportData | None = None,
) -> int:
    """Paint the report on `device` as it is set up (a QPrinter, preview or QPdfWriter).

    Reads the open database unless `data` is given; returns the number of pages.
    """
    options = options or ReportOptions()
    options.check()
    ensure_gui_application()
    if data is None:
        data = read_report_data(today, options.date_from, options.date_to)
    paper = Paper(device)
    pages = paginate(build_blocks(paper, data, options), paper, ATTRIBUTION)
    who = data.name or style.tr("My career plan")
    printed = style.format_date(today)

    def footer(number: int, count: int) -> tuple[str, str]:
        return (
            style.tr("{who} — career plan").format(who=who),
            style.tr("page {n} of {m} · printed {date}").format(n=number, m=count, date=printed),
        )

    painter = QPainter()
    if not painter.begin(device):
        raise OSError("Cannot start printing (is the file writable?).")
    try:
        paper.begin(painter)
        render(painter, paper, pages, footer, ATTRIBUTION, progress)
    finally:
        painter.end()
    return len(pages)


def export_pdf(
    out: Path,
    options: ReportOptions | None = None,
    *,
    today: dt.date,
    progress: Progress | None = None,
    data: ReportData | None = None,
) -> int:
    """Write the report of the open database (or `data`) to `out` as a PDF; return its page count.

    The file appears whole or not at all: it is written next to `out` and renamed.
    """
    options = options or ReportOptions()
    options.check()
    ensure_gui_application()
    out = Path(out)
    if not out.parent.is_dir():
        raise OSError(f"Cannot write {out}: {out.parent} is not a folder.")
    if not os.access(out.parent, os.W_OK) or out.is_dir():
        raise OSError(f"Cannot write {out}: permission denied or a folder of that name.")
    partial = out.with_name(out.name + ".part")
    writer = QPdfWriter(str(partial))
    writer.setResolution(RESOLUTION)
    writer.setCreator("CareerDesk")
    writer.setTitle(style.tr("Career plan"))
    apply_page_layout(writer, options)
    try:
        count = paint_report(writer, options, today=today, progress=progress, data=data)
        del writer  # flushes and closes the file
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count
