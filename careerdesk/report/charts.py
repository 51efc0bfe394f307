"""Charts drawn as vectors for paper: the skill-gap chart and the progress/wellbeing trend."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen, QPolygonF

from careerdesk.core import gaps, journal
from careerdesk.report import style
from careerdesk.report.flow import Block, Paper

GAP_ROWS_PER_CHART = 14
LEVEL_MAX = 5.0


def gap_charts(paper: Paper, ranked: Sequence[gaps.Gap], *, catalogue: bool) -> list[Block]:
    """The gaps as bars (current level filled, required level outlined), a block per 14 rows."""
    blocks = []
    for start in range(0, len(ranked), GAP_ROWS_PER_CHART):
        part = ranked[start : start + GAP_ROWS_PER_CHART]
        blocks.append(_gap_chart(paper, part, catalogue=catalogue, legend=start == 0))
    return blocks


def _gap_chart(paper: Paper, part: Sequence[gaps.Gap], *, catalogue: bool, legend: bool) -> Block:
    font = paper.font(style.SMALL)
    line = paper.metrics(font).lineSpacing()
    row_h = line + 5
    legend_h = line + 6 if legend else 0.0
    axis_h = line + 4
    height = legend_h + row_h * len(part) + axis_h + 6

    def paint(painter: QPainter, width: float) -> None:
        name_w = width * 0.32
        value_w = 70.0
        track = QRectF(name_w + 6, legend_h, width - name_w - value_w - 12, row_h * len(part))
        if legend:
            _gap_legend(painter, paper, font, QRectF(0, 0, width, line))

        def x_of(level: float) -> float:
            return track.left() + track.width() * level / LEVEL_MAX

        # Grid at each level, labelled underneath.
        for level in range(int(LEVEL_MAX) + 1):
            x = x_of(level)
            painter.setPen(QPen(style.RULE, 0.3, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(x, track.top()), QPointF(x, track.bottom()))
            paper.draw_line(
                painter,
                QRectF(x - 15, track.bottom() + 2, 30, line),
                str(level),
                font,
                style.MUTED,
                Qt.AlignmentFlag.AlignHCenter,
            )
        for k, g in enumerate(part):
            top = track.top() + k * row_h
            paper.draw_line(painter, QRectF(0, top, name_w, row_h), g.name, font)
            bar_h = row_h * 0.56
            bar_top = top + (row_h - bar_h) / 2
            required = g.requirement.required_level
            current = g.requirement.current_level
            if current is None:
                painter.setPen(QPen(style.MUTED, 0.4))
                painter.setBrush(QBrush(style.MUTED, Qt.BrushStyle.BDiagPattern))
                painter.drawRect(QRectF(x_of(0), bar_top, x_of(required) - x_of(0), bar_h))
            else:
                painter.fillRect(
                    QRectF(x_of(0), bar_top, x_of(min(current, LEVEL_MAX)) - x_of(0), bar_h),
                    style.color("blue"),
                )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(style.color("vermillion"), 1.0))
            painter.drawRect(QRectF(x_of(0), bar_top, x_of(required) - x_of(0), bar_h))
            text = (
                style.tr("not assessed")
                if current is None
                else (style.tr("met") if g.gap <= 0 else style.tr("gap {n}").format(n=_num(g.gap)))
            )
            paper.draw_line(
                painter,
                QRectF(track.right() + 6, top, value_w + 6, row_h),
                text,
                font,
                style.INK,
            )

    return Block(height, paint, catalogue=catalogue)


def _gap_legend(painter: QPainter, paper: Paper, font, rect: QRectF) -> None:  # noqa: ANN001
    x = rect.left()
    h = rect.height()
    items = (
        ("current", style.tr("current level")),
        ("required", style.tr("required level")),
        ("unknown", style.tr("not assessed")),
    )
    for kind, text in items:
        box = QRectF(x, rect.top() + h * 0.2, 16, h * 0.6)
        if kind == "current":
            painter.fillRect(box, style.color("blue"))
        elif kind == "required":
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(style.color("vermillion"), 1.0))
            painter.drawRect(box)
        else:
            painter.setPen(QPen(style.MUTED, 0.4))
            painter.setBrush(QBrush(style.MUTED, Qt.BrushStyle.BDiagPattern))
            painter.drawRect(box)
        w = paper.metrics(font).horizontalAdvance(text) + 4
        paper.draw_line(painter, QRectF(x + 20, rect.top(), w, h), text, font, style.MUTED)
        x += 20 + w + 14


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


# --- the trend over check-ins ------------------------------------------------------------

SERIES = (
    ("wellbeing", "blue", Qt.PenStyle.SolidLine, "circle"),
    ("work_life_balance", "orange", Qt.PenStyle.DashLine, "square"),
    ("mean_progress", "green", Qt.PenStyle.DotLine, "triangle"),
)


def trend_chart(paper: Paper, points: Sequence[journal.TrendPoint]) -> Block:
    """Wellbeing and balance (1-5, left scale) and mean goal progress (%, right scale)."""
    font = paper.font(style.SMALL)
    line = paper.metrics(font).lineSpacing()
    height = 170.0

    def paint(painter: QPainter, width: float) -> None:
        plot = QRectF(30, line + 8, width - 70, height - 2 * line - 22)
        _trend_legend(painter, paper, font, QRectF(0, 0, width, line))
        painter.setPen(QPen(style.MUTED, 0.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(plot)
        for level in range(1, 6):
            y = plot.bottom() - plot.height() * (level - 1) / 4
            painter.setPen(QPen(style.RULE, 0.3, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            paper.draw_line(
                painter,
                QRectF(0, y - line / 2, 26, line),
                str(level),
                font,
                style.MUTED,
                Qt.AlignmentFlag.AlignRight,
            )
            share = (level - 1) / 4
            paper.draw_line(
                painter,
                QRectF(plot.right() + 4, y - line / 2, 40, line),
                style.format_percent(share),
                font,
                style.MUTED,
            )
        if not points:
            return
        lo, hi = points[0].date.toordinal(), points[-1].date.toordinal()
        span = max(1, hi - lo)

        def x_of(p: journal.TrendPoint) -> float:
            if len(points) == 1:
                return plot.center().x()
            return plot.left() + 8 + (plot.width() - 16) * (p.date.toordinal() - lo) / span

        for name, colour, pen_style, shape in SERIES:
            coords = []
            for p in points:
                value = getattr(p, name)
                if value is None:
                    continue
                share = value if name == "mean_progress" else (value - 1) / 4
                coords.append(QPointF(x_of(p), plot.bottom() - plot.height() * share))
            painter.setPen(QPen(style.color(colour), 1.2, pen_style))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(QPolygonF(coords))
            painter.setPen(QPen(style.color(colour).darker(130), 0.6))
            painter.setBrush(style.color(colour))
            for c in coords:
                _marker(painter, c, 4.2, shape)
        # Dates under the first, middle and last check-in.
        shown = {0, len(points) // 2, len(points) - 1}
        for k in sorted(shown):
            p = points[k]
            x = x_of(p)
            paper.draw_line(
                painter,
                QRectF(x - 40, plot.bottom() + 3, 80, line),
                style.format_date(p.date),
                font,
                style.MUTED,
                Qt.AlignmentFlag.AlignHCenter,
            )

    return Block(height, paint)


def _trend_legend(painter: QPainter, paper: Paper, font, rect: QRectF) -> None:  # noqa: ANN001
    names = {
        "wellbeing": style.tr("wellbeing (1–5)"),
        "work_life_balance": style.tr("work-life balance (1–5)"),
        "mean_progress": style.tr("mean goal progress (%)"),
    }
    x = rect.left()
    for name, colour, pen_style, shape in SERIES:
        y = rect.center().y()
        painter.setPen(QPen(style.color(colour), 1.2, pen_style))
        painter.drawLine(QPointF(x, y), QPointF(x + 18, y))
        painter.setPen(QPen(style.color(colour).darker(130), 0.6))
        painter.setBrush(style.color(colour))
        _marker(painter, QPointF(x + 9, y), 4.2, shape)
        w = paper.metrics(font).horizontalAdvance(names[name]) + 4
        paper.draw_line(painter, QRectF(x + 22, rect.top(), w, rect.height()), names[name], font)
        x += 22 + w + 14


def _marker(painter: QPainter, c: QPointF, s: float, shape: str) -> None:
    r = s / 2
    if shape == "square":
        painter.drawRect(QRectF(c.x() - r, c.y() - r, s, s))
    elif shape == "triangle":
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(c.x(), c.y() - r * 1.2),
                    QPointF(c.x() + r, c.y() + r),
                    QPointF(c.x() - r, c.y() + r),
                ]
            )
        )
    else:
        painter.drawEllipse(c, r, r)
