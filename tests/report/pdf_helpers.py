"""Reading an exported report back: page text (pypdf); fonts, images, word sizes (poppler)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import unicodedata
from pathlib import Path

from pypdf import PdfReader

from careerdesk.core import db as cdb
from careerdesk.report.pdf import ReportOptions, export_pdf

DATE = re.compile(r"\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})\b")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def export(db_file: Path, out: Path, today: dt.date, **options: object) -> int:
    with cdb.opened(db_file, create=False):
        return export_pdf(out, ReportOptions(**options), today=today)


def pages_text(pdf: Path) -> list[str]:
    """Each page's text with runs of white space made one space (wrapped lines join).

    NFKC undoes the ligatures the fonts draw ("ﬀ" reads "ff" again).
    """
    return [
        " ".join(unicodedata.normalize("NFKC", p.extract_text() or "").split())
        for p in PdfReader(str(pdf)).pages
    ]


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(str(pdf)).pages]


def dates_in(text: str) -> list[dt.date]:
    return [dt.date(int(y), MONTHS.index(mon) + 1, int(d)) for d, mon, y in DATE.findall(text)]


def fonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


def images(pdf: Path) -> list[str]:
    out = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    )
    return [line for line in out.stdout.splitlines()[2:] if line.strip()]


def word_heights(pdf: Path, page: int) -> list[tuple[str, float]]:
    """(word, height in points) of every word on a page, from `pdftotext -bbox`."""
    return [(w, bottom - top) for w, top, bottom in word_boxes(pdf, page)]


def word_boxes(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """(word, top, bottom) in points from the top of a page, from `pdftotext -bbox`."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    found = []
    for m in re.finditer(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
        r"([^<]*)</word>",
        out.stdout,
    ):
        found.append((m.group(3), float(m.group(1)), float(m.group(2))))
    return found
