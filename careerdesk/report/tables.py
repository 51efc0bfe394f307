"""Printed tables and small drawn cells: rows wrap their text and are never split by a page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPen

from careerdesk.report import style
from careerdesk.report.flow import Block, Paper, text_piece

PAD = 3.0


@dataclass(frozen=True)
class Column:
    title: str
    share: float  # of the table's width
    right: bool = False


@dataclass(frozen=True)
class Drawn:
    """A cell painted by hand (a health shape, a progress bar) with its own height."""

    height: float
    paint: Callable[[QPainter, QRectF], None]


Cell = str | Drawn


def table(
    paper: Paper,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    catalogue: bool = False,
    size: float = style.TABLE,
) -> list[Block]:
    """A header block and one block per row; the header repeats on every page the table spans."""
    width = paper.width
    total = sum(c.share for c in columns)
    widths = [width * c.share / total for c in columns]
    lefts = [sum(widths[:k]) for k in range(len(widths))]
    font = paper.font(size)
    bold = paper.font(size, bold=True)

    header_h = (
        max(
            paper.text_block_height(c.title, bold, w - 2 * PAD)
            for c, w in zip(columns, widths, strict=True)
        )
        + 2 * PAD
    )

    def paint_header(painter: QPainter, _w: float) -> None:
        painter.fillRect(QRectF(0, 0, width, header_h), style.SHADE)
        for c, x, w in zip(columns, lefts, widths, strict=True):
            align = Qt.AlignmentFlag.AlignRight if c.right else Qt.AlignmentFlag.AlignLeft
            paper.draw_wrapped(
                painter,
                QRectF(x + PAD, PAD, w - 2 * PAD, header_h),
                c.title,
                bold,
                style.INK,
                align,
            )
        painter.setPen(QPen(style.INK, 0.6))
        painter.drawLine(QPointF(0, header_h), QPointF(width, header_h))

    header = Block(header_h, paint_header, keep_with_next=True, catalogue=catalogue)
    blocks = [header]
    # A row taller than half a page (a very long text) continues as rows of its lines.
    limit = (paper.height - Paper.MARGIN_FOOTER) / 2
    parts = [
        (n, part)
        for n, row in enumerate(rows)
        for part in _split_row(paper, row, widths, font, limit)
    ]
    for n, row in parts:
        heights = []
        for cell, w in zip(row, widths, strict=True):
            if isinstance(cell, Drawn):
                heights.append(cell.height)
            else:
                heights.append(paper.text_block_height(cell, font, w - 2 * PAD))
        h = max(heights, default=0.0) + 2 * PAD
        blocks.append(
            Block(
                h,
                _row_painter(paper, columns, row, lefts, widths, h, font, n % 2 == 1),
                catalogue=catalogue,
                header=header,
            )
        )
    return blocks


def _split_row(
    paper: Paper, row: Sequence[Cell], widths: Sequence[float], font: QFont, limit: float
) -> list[Sequence[Cell]]:
    texts = [c for c in row if not isinstance(c, Drawn)]
    tallest = max(
        (
            paper.text_block_height(c, font, w - 2 * PAD)
            for c, w in zip(row, widths, strict=True)
            if not isinstance(c, Drawn)
        ),
        default=0.0,
    )
    if not texts or tallest <= limit:
        return [row]
    per_part = max(1, int(limit // paper.metrics(font).lineSpacing()))
    lines = []
    for cell, w in zip(row, widths, strict=True):
        if isinstance(cell, Drawn):
            lines.append(None)
            continue
        lay, _h = paper.layout(cell, font, w - 2 * PAD)
        lines.append(
            [
                text_piece(cell, lay.lineAt(i).textStart(), lay.lineAt(i).textLength())
                for i in range(lay.lineCount())
            ]
        )
    count = max(len(ls) for ls in lines if ls is not None)
    parts: list[Sequence[Cell]] = []
    for start in range(0, count, per_part):
        part: list[Cell] = []
        for cell, ls in zip(row, lines, strict=True):
            if ls is None:
                part.append(cell if start == 0 else "")
            else:
                part.append("\n".join(ls[start : start + per_part]))
        parts.append(part)
    return parts


def _row_painter(paper, columns, row, lefts, widths, h, font, shaded):  # noqa: ANN001, ANN202
    def paint(painter: QPainter, width: float) -> None:
        if shaded:
            painter.fillRect(QRectF(0, 0, width, h), style.SHADE.lighter(103))
        for c, cell, x, w in zip(columns, row, lefts, widths, strict=True):
            rect = QRectF(x + PAD, PAD, w - 2 * PAD, h - 2 * PAD)
            if isinstance(cell, Drawn):
                cell.paint(painter, rect)
            else:
                align = Qt.AlignmentFlag.AlignRight if c.right else Qt.AlignmentFlag.AlignLeft
                paper.draw_wrapped(painter, rect, cell, font, style.INK, align)
        painter.setPen(QPen(style.RULE, 0.3))
        painter.drawLine(QPointF(0, h), QPointF(width, h))

    return paint


def health_cell(paper: Paper, health: str, size: float = style.TABLE) -> Drawn:
    """The health as a shape and a word, never colour alone."""
    font = paper.font(size)
    h = paper.metrics(font).lineSpacing()

    def paint(painter: QPainter, rect: QRectF) -> None:
        s = h * 0.62
        style.health_shape(
            painter, QPointF(rect.left() + s / 2 + 0.5, rect.top() + h / 2), s, health
        )
        paper.draw_line(
            painter,
            QRectF(rect.left() + s + 3, rect.top(), rect.width() - s - 3, h),
            style.label(health),
            font,
        )

    return Drawn(h, paint)


def progress_cell(paper: Paper, share: float, size: float = style.TABLE) -> Drawn:
    """A bar with the percentage written beside it."""
    font = paper.font(size)
    h = paper.metrics(font).lineSpacing()
    share = max(0.0, min(1.0, share))

    def paint(painter: QPainter, rect: QRectF) -> None:
        text_w = paper.metrics(font).horizontalAdvance("100 %") + 2
        bar = QRectF(
            rect.left(), rect.top() + h * 0.3, max(4.0, rect.width() - text_w - 3), h * 0.45
        )
        painter.setPen(QPen(style.MUTED, 0.4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar)
        painter.fillRect(
            QRectF(bar.left(), bar.top(), bar.width() * share, bar.height()), style.color("blue")
        )
        paper.draw_line(
            painter,
            QRectF(bar.right() + 3, rect.top(), text_w, h),
            style.format_percent(share),
            font,
            align=Qt.AlignmentFlag.AlignRight,
        )

    return Drawn(h, paint)


def heading(paper: Paper, text: str, size: float = style.H1, *, before: float = 6.0) -> Block:
    """A section or sub-section title, kept with what follows it."""
    font = paper.font(size, bold=True)
    line = paper.metrics(font).lineSpacing()
    h = before + line + 4.0

    def paint(painter: QPainter, width: float) -> None:
        paper.draw_line(painter, QRectF(0, before, width, line), text, font, style.INK)
        if size >= style.H1:
            painter.setPen(QPen(style.color("blue"), 1.2))
            painter.drawLine(QPointF(0, before + line + 1.5), QPointF(width, before + line + 1.5))

    return Block(h, paint, keep_with_next=True)
