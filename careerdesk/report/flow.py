"""Laying printed blocks onto pages: nothing cut across a page break, a footer on every page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPainter,
    QPen,
    QTextLayout,
    QTextOption,
)

from careerdesk.report import style

Paint = Callable[[QPainter, float], None]  # (painter at the block's top-left, width)


@dataclass
class Block:
    """A piece of the report that is never split: a line of text, a table row, a chart."""

    height: float
    paint: Paint
    keep_with_next: bool = False  # headings stay with what they introduce
    catalogue: bool = False  # shows O*NET data: the page carries the attribution
    new_page: bool = False
    spacer: bool = False  # dropped at the top of a page
    header: Block | None = None  # a table header repeated when this row starts a page
    whole_page: bool = False  # the block is drawn on a page of its own, footer included


def spacer(height: float) -> Block:
    return Block(height, lambda _p, _w: None, spacer=True)


@dataclass
class Page:
    items: list[tuple[Block, float]] = field(default_factory=list)
    catalogue: bool = False


class Paper:
    """A paged device seen in points, with its fonts and text measuring."""

    MARGIN_FOOTER = 26.0  # the footer line and its text

    def __init__(self, device: QPagedPaintDevice) -> None:
        self.device = device
        self.unit = device.logicalDpiX() / 72.0  # device pixels per point
        self.width = device.width() / self.unit
        self.height = device.height() / self.unit
        self.fonts = style.Fonts(1.0 / self.unit)
        self.smallest_text = float("inf")  # the smallest font drawn, in points

    def font(self, size: float, *, bold: bool = False, italic: bool = False) -> QFont:
        return self.fonts.get(size, bold=bold, italic=italic)

    def points(self, font: QFont) -> float:
        return font.pointSizeF() * self.unit

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)

    def begin(self, painter: QPainter) -> None:
        painter.scale(self.unit, self.unit)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)

    def note_text(self, font: QFont) -> None:
        self.smallest_text = min(self.smallest_text, self.points(font))

    # --- text ---------------------------------------------------------------------

    def layout(self, text: str, font: QFont, width: float) -> tuple[QTextLayout, float]:
        """`text` wrapped to `width` points (plain text: nothing in it is markup)."""
        text = text.replace("\r\n", "\n").replace("\n", "\u2028")
        lay = QTextLayout(text, font, self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        lay.setTextOption(option)
        lay.beginLayout()
        y = 0.0
        while True:
            line = lay.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        lay.endLayout()
        return lay, y

    def text_block_height(self, text: str, font: QFont, width: float) -> float:
        return self.layout(text, font, width)[1]

    def draw_wrapped(
        self,
        painter: QPainter,
        rect: QRectF,
        text: str,
        font: QFont,
        color: QColor = style.INK,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> float:
        """Draw `text` wrapped inside rect's width; return the height used."""
        lay, height = self.layout(text, font, rect.width())
        if align & Qt.AlignmentFlag.AlignRight:
            for i in range(lay.lineCount()):
                line = lay.lineAt(i)
                line.setPosition(QPointF(rect.width() - line.naturalTextWidth(), line.y()))
        painter.setPen(color)
        lay.draw(painter, rect.topLeft())
        self.note_text(font)
        return height

    def draw_line(
        self,
        painter: QPainter,
        rect: QRectF,
        text: str,
        font: QFont,
        color: QColor = style.INK,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        """One line of text in rect, elided with "…" when it does not fit."""
        shown = self.metrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.setFont(font)
        painter.setPen(color)
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)
        self.note_text(font)

    def paragraph(
        self,
        text: str,
        font: QFont,
        width: float,
        *,
        indent: float = 0.0,
        color: QColor = style.INK,
        after: float = 4.0,
    ) -> list[Block]:
        """`text` as one block per wrapped line, so a long text may continue on the next page."""
        blocks: list[Block] = []
        lay, _height = self.layout(text, font, width - indent)
        lines = []
        for i in range(lay.lineCount()):
            line = lay.lineAt(i)
            lines.append(text_piece(text, line.textStart(), line.textLength()))
        for piece in lines:
            blocks.append(
                Block(
                    self.metrics(font).lineSpacing(),
                    _line_painter(self, piece, font, color, indent),
                )
            )
        if after:
            blocks.append(spacer(after))
        return blocks


def text_piece(text: str, start: int, length: int) -> str:
    return (
        text.replace("\r\n", "\n").replace("\n", "\u2028")[start : start + length].strip("\u2028 ")
    )


def _line_painter(paper: Paper, text: str, font: QFont, color: QColor, indent: float) -> Paint:
    def paint(painter: QPainter, width: float) -> None:
        h = paper.metrics(font).lineSpacing()
        painter.setFont(font)
        painter.setPen(color)
        painter.drawText(
            QRectF(indent, 0, width - indent + 50, h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text,
        )
        paper.note_text(font)

    return paint


# --- pagination ----------------------------------------------------------------------


def attribution_height(paper: Paper, text: str) -> float:
    return paper.text_block_height(text, paper.font(style.SMALLEST), paper.width) + 4.0


def paginate(blocks: Sequence[Block], paper: Paper, attribution: str) -> list[Page]:
    """Place blocks top to bottom; a block that does not fit goes whole to the next page."""
    body = paper.height - Paper.MARGIN_FOOTER
    attr = attribution_height(paper, attribution)
    pages = [Page()]
    y = 0.0

    def room(page: Page, catalogue: bool) -> float:
        return body - (attr if page.catalogue or catalogue else 0.0)

    def new_page() -> None:
        nonlocal y
        pages.append(Page())
        y = 0.0

    i = 0
    while i < len(blocks):
        b = blocks[i]
        page = pages[-1]
        if (b.new_page or b.whole_page) and page.items:
            new_page()
            page = pages[-1]
        if b.spacer and not page.items:
            i += 1
            continue
        group = b.height
        catalogue = b.catalogue
        j = i
        while blocks[j].keep_with_next and j + 1 < len(blocks):
            j += 1
            group += blocks[j].height
            catalogue = catalogue or blocks[j].catalogue
        if page.items and (y + group > room(page, catalogue)) and group <= body - attr:
            new_page()
            page = pages[-1]
        elif page.items and y + b.height > room(page, b.catalogue):
            new_page()
            page = pages[-1]
        if b.spacer and not page.items:  # room left at a page's foot is not carried over
            i += 1
            continue
        if not page.items and b.header is not None:
            page.items.append((b.header, y))
            y += b.header.height
            page.catalogue = page.catalogue or b.header.catalogue
        page.items.append((b, y))
        page.catalogue = page.catalogue or b.catalogue
        y += b.height
        i += 1
        if b.whole_page:
            new_page()
    if len(pages) > 1 and not pages[-1].items:
        pages.pop()
    return pages


FooterText = Callable[[int, int], tuple[str, str]]  # (page, count) -> (left, right)


def render(
    painter: QPainter,
    paper: Paper,
    pages: Sequence[Page],
    footer: FooterText,
    attribution: str,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Paint the pages on an active painter (already begun on paper.device)."""
    count = len(pages)
    for number, page in enumerate(pages, start=1):
        if number > 1:
            paper.device.newPage()
        for block, y in page.items:
            painter.save()
            painter.translate(0, y)
            block.paint(painter, paper.width)
            painter.restore()
        _footer(painter, paper, page, footer(number, count), attribution)
        if progress is not None:
            progress(number, count)


def _footer(
    painter: QPainter, paper: Paper, page: Page, texts: tuple[str, str], attribution: str
) -> None:
    small = paper.font(style.SMALL)
    bottom = paper.height
    line_y = bottom - Paper.MARGIN_FOOTER + 10
    if page.catalogue:
        note = paper.font(style.SMALLEST)
        h = paper.text_block_height(attribution, note, paper.width)
        paper.draw_wrapped(
            painter, QRectF(0, line_y - h - 3, paper.width, h), attribution, note, style.MUTED
        )
    painter.setPen(QPen(style.RULE, 0.5))
    painter.drawLine(QPointF(0, line_y), QPointF(paper.width, line_y))
    rect = QRectF(0, line_y + 2, paper.width, bottom - line_y - 2)
    paper.draw_line(painter, rect, texts[0], small, style.MUTED)
    paper.draw_line(painter, rect, texts[1], small, style.MUTED, Qt.AlignmentFlag.AlignRight)
