"""The timeline on paper: fit to one page or tiled over a grid of pages, axis and lanes on each.

The bars and markers are painted by the screen's own code (report.timeline_paint), as
vectors; this module adds what paper needs around them: the date axis, the lane names,
a legend and, when tiled, where the page sits in the grid.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from careerdesk.report import style
from careerdesk.report.data import ReportData, filtered_view
from careerdesk.report.flow import Block, Paper
from careerdesk.report.timeline_layout import TimelineLayout, layout_plan
from careerdesk.report.timeline_paint import PaintOptions, TimelineStyle, paint_timeline

LANE_COLUMN = 96.0  # points for the lane names
LABEL_SIZE = 7.5  # bar titles, points (the screen's painter; never under style.SMALLEST)
AXIS_SIZE = 8.0  # axis, lane names and legend
TILE_ROW = 22.5  # points per row when tiled: the screen's 30 px rows
TILE_ROW_MAX = 40.0
MONTH_MIN = 64.0  # points per month when tiled, so titles and steps stay apart
SCREEN_DPI = 96.0  # the timeline painter's units are screen pixels


@dataclass(frozen=True)
class Sheet:
    """One timeline page: its days and rows, and its place in the grid."""

    first: dt.date
    last: dt.date
    rows: tuple[int, int]  # first row, end row
    grid_row: int  # 1-based
    grid_col: int
    grid_rows: int
    grid_cols: int


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    k = day.year * 12 + day.month - 1 + months
    return dt.date(k // 12, k % 12 + 1, 1)


def date_range(layout: TimelineLayout, data: ReportData) -> tuple[dt.date, dt.date]:
    """The chosen range, or the plan's (with today) rounded out to whole months."""
    lo, hi = layout.data_range
    epoch = dt.date(1970, 1, 1)
    first = data.date_from or _month_start(epoch + dt.timedelta(seconds=lo))
    last = data.date_to or _month_end(epoch + dt.timedelta(seconds=hi - 1))
    return first, max(first, last)


class _Frame:
    """The parts of a timeline page, in points from the block's top-left."""

    def __init__(self, paper: Paper, height: float) -> None:
        small = paper.font(AXIS_SIZE)
        self.line = paper.metrics(small).lineSpacing()
        self.title_h = paper.metrics(paper.font(style.H2, bold=True)).lineSpacing() + 8
        self.axis_h = 2 * self.line + 4
        self.legend_h = self.line + 8
        top = self.title_h + self.axis_h
        self.chart = QRectF(
            LANE_COLUMN, top, paper.width - LANE_COLUMN, height - top - self.legend_h
        )


def timeline_blocks(paper: Paper, data: ReportData, mode: str) -> list[Block]:
    """The timeline pages: one in "fit" mode, a grid of pages in "tile" mode."""
    if mode == "none":
        return []
    layout = layout_plan(data.view, "category", data.today)
    first, last = date_range(layout, data)
    # Past roles and courses outside the printed days would only leave empty rows.
    view = filtered_view(data.view, first, last)
    layout = layout_plan(view, "category", data.today)
    height = paper.height - Paper.MARGIN_FOOTER
    frame = _Frame(paper, height)
    rows = max(layout.row_count, 1)
    if mode == "fit":
        sheets = [Sheet(first, last, (0, rows), 1, 1, 1, 1)]
    else:
        sheets = _tile(frame, first, last, rows)
    return [
        Block(height, _sheet_painter(paper, data, layout, frame, sheet), whole_page=True)
        for sheet in sheets
    ]


def _tile(frame: _Frame, first: dt.date, last: dt.date, rows: int) -> list[Sheet]:
    months = max(1, int(frame.chart.width() // MONTH_MIN))
    columns: list[tuple[dt.date, dt.date]] = []
    start = first
    while start <= last:
        end = min(last, _add_months(_month_start(start), months) - dt.timedelta(days=1))
        columns.append((start, end))
        start = end + dt.timedelta(days=1)
    per_page = max(1, int(frame.chart.height() // TILE_ROW))
    bands = [(r, min(rows, r + per_page)) for r in range(0, rows, per_page)]
    return [
        Sheet(a, b, band, i + 1, j + 1, len(bands), len(columns))
        for i, band in enumerate(bands)
        for j, (a, b) in enumerate(columns)
    ]


def _paper_style(paper: Paper) -> TimelineStyle:
    tl_style = TimelineStyle.create(LABEL_SIZE)
    # Fonts in points are measured against the device's dpi; the painter's units are
    # screen pixels scaled to the device, so the fonts take that scale out again.
    k = SCREEN_DPI / paper.device.logicalDpiX()
    for font in (tl_style.label_font, tl_style.bold_font):
        font.setPointSizeF(LABEL_SIZE * k)
        font.setFamily(paper.fonts.family)
    return tl_style


def _sheet_painter(paper, data, layout, frame, sheet):  # noqa: ANN001, ANN202
    def paint(painter: QPainter, width: float) -> None:
        chart = QRectF(frame.chart)
        rows = sheet.rows[1] - sheet.rows[0]
        if sheet.grid_rows > 1 or sheet.grid_cols > 1:
            # Rows as tall as the page allows, up to a limit; a page that is cut below
            # keeps the tiled row height, so the pages of a column line up.
            row_h = TILE_ROW if sheet.grid_rows > 1 else min(TILE_ROW_MAX, chart.height() / rows)
            chart.setHeight(min(chart.height(), rows * row_h))
        _title(painter, paper, data, frame, sheet)
        _axis(painter, paper, frame, chart, sheet.first, sheet.last)
        _lanes(painter, paper, layout, chart, sheet.rows)
        # The screen's painter, in screen pixels: 1 pt = 96/72 px.
        painter.save()
        px = SCREEN_DPI / 72.0
        painter.scale(1 / px, 1 / px)
        target = QRectF(
            chart.left() * px, chart.top() * px, chart.width() * px, chart.height() * px
        )
        paint_timeline(
            painter,
            target,
            layout,
            (sheet.first, sheet.last),
            PaintOptions(today=data.today),
            _paper_style(paper),
            rows=(float(sheet.rows[0]), float(sheet.rows[1])),
        )
        painter.restore()
        paper.smallest_text = min(paper.smallest_text, LABEL_SIZE)
        painter.setPen(QPen(style.MUTED, 0.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(chart)
        _legend(painter, paper, QRectF(0, chart.bottom() + 4, width, frame.line))

    return paint


def _title(painter: QPainter, paper: Paper, data: ReportData, frame: _Frame, sheet: Sheet) -> None:
    font = paper.font(style.H2, bold=True)
    text = style.tr("Timeline: {a} to {b}").format(
        a=style.format_date(sheet.first), b=style.format_date(sheet.last)
    )
    title_w = min(paper.metrics(font).horizontalAdvance(text) + 4, paper.width * 0.6)
    paper.draw_line(painter, QRectF(0, 0, title_w, frame.title_h), text, font)
    if sheet.grid_rows * sheet.grid_cols > 1:
        where = style.tr("sheet {r}.{c}: row {r} of {rows}, column {c} of {cols}").format(
            r=sheet.grid_row, c=sheet.grid_col, rows=sheet.grid_rows, cols=sheet.grid_cols
        )
        small = paper.font(style.SMALL, bold=True)
        text_w = paper.metrics(small).horizontalAdvance(where)
        text_w = min(text_w, paper.width - title_w - 8)
        _grid_map(
            painter,
            sheet,
            QRectF(title_w + 8, 0, paper.width - text_w - title_w - 16, frame.title_h),
        )
        paper.draw_line(
            painter,
            QRectF(paper.width - text_w, 0, text_w, frame.title_h),
            where,
            small,
            style.INK,
            Qt.AlignmentFlag.AlignRight,
        )


def _grid_map(painter: QPainter, sheet: Sheet, rect: QRectF) -> None:
    """A small map of the sheets with this one filled, ending at rect's right."""
    cell = min(6.0, rect.width() / sheet.grid_cols, (rect.height() - 6) / sheet.grid_rows)
    if cell < 2.5:  # no room beside the title: the sheet's name says it all
        return
    left = rect.right() - cell * sheet.grid_cols
    top = rect.top() + (rect.height() - cell * sheet.grid_rows) / 2 - 2
    painter.setPen(QPen(style.MUTED, 0.4))
    for r in range(sheet.grid_rows):
        for c in range(sheet.grid_cols):
            box = QRectF(left + c * cell, top + r * cell, cell, cell)
            here = (r + 1, c + 1) == (sheet.grid_row, sheet.grid_col)
            painter.setBrush(style.INK if here else Qt.BrushStyle.NoBrush)
            painter.drawRect(box)


def _axis(
    painter: QPainter, paper: Paper, frame: _Frame, chart: QRectF, first: dt.date, last: dt.date
) -> None:
    """Years on the upper line, months (or quarters) on the lower, with ticks."""
    font = paper.font(AXIS_SIZE)
    bold = paper.font(AXIS_SIZE, bold=True)
    days = (last - first).days + 1
    top = chart.top() - frame.axis_h

    def x_of(day: dt.date) -> float:
        return chart.left() + chart.width() * (day - first).days / days

    month_w = chart.width() * 30.4 / days
    locale = QLocale()
    painter.setPen(QPen(style.MUTED, 0.4))
    # Months or quarters.
    step = 1 if month_w >= 24 else (3 if month_w * 3 >= 18 else 12)
    m = _month_start(first)
    while m <= last:
        if (m.month - 1) % step == 0:
            a, b = max(m, first), min(_add_months(m, step) - dt.timedelta(days=1), last)
            xa, xb = x_of(a), x_of(b + dt.timedelta(days=1))
            painter.setPen(QPen(style.RULE, 0.4))
            painter.drawLine(QPointF(xa, top + frame.line), QPointF(xa, chart.top()))
            if step == 1:
                name = locale.monthName(m.month, QLocale.FormatType.ShortFormat)
                if xb - xa < paper.metrics(font).horizontalAdvance(name) + 2:
                    name = name[:1]
            elif step == 3:
                name = style.tr("Q{n}").format(n=(m.month - 1) // 3 + 1)
            else:
                name = ""
            if name and xb - xa > 6:
                paper.draw_line(
                    painter,
                    QRectF(xa, top + frame.line + 1, xb - xa, frame.line),
                    name,
                    font,
                    style.INK,
                    Qt.AlignmentFlag.AlignHCenter,
                )
        m = _add_months(m, 1)
    # Years.
    for year in range(first.year, last.year + 1):
        a, b = max(dt.date(year, 1, 1), first), min(dt.date(year, 12, 31), last)
        xa, xb = x_of(a), x_of(b + dt.timedelta(days=1))
        painter.setPen(QPen(style.MUTED, 0.6))
        painter.drawLine(QPointF(xa, top), QPointF(xa, chart.top()))
        if xb - xa > 14:
            paper.draw_line(
                painter,
                QRectF(xa + 2, top, xb - xa - 4, frame.line),
                str(year),
                bold,
                style.INK,
                Qt.AlignmentFlag.AlignHCenter if xb - xa > 40 else Qt.AlignmentFlag.AlignLeft,
            )
    painter.setPen(QPen(style.MUTED, 0.6))
    painter.drawLine(QPointF(chart.left(), chart.top()), QPointF(chart.right(), chart.top()))


def lane_name(key: str) -> str:
    kind, _, rest = key.partition(":")
    if kind == "category":
        return style.label(rest)
    if kind == "span":
        return style.tr("Learning") if rest == "learning" else style.tr("Career history")
    return rest.partition(":")[2] or rest


def _lanes(
    painter: QPainter,
    paper: Paper,
    layout: TimelineLayout,
    chart: QRectF,
    rows: tuple[int, int],
) -> None:
    """Each lane's name beside its rows; a lane cut by the page is named again on it."""
    font = paper.font(AXIS_SIZE, bold=True)
    line = paper.metrics(font).lineSpacing()
    lo, hi = rows
    row_h = chart.height() / max(hi - lo, 1)
    last_bottom = -math.inf
    for n, (key, first, count) in enumerate(layout.lanes):
        a, b = max(first, lo), min(first + count, hi)
        if a >= b:
            continue
        top, bottom = chart.top() + (a - lo) * row_h, chart.top() + (b - lo) * row_h
        if n % 2 == 0:
            painter.fillRect(QRectF(0, top, LANE_COLUMN - 2, bottom - top), style.SHADE)
        painter.setPen(QPen(style.RULE, 0.4))
        painter.drawLine(QPointF(0, top), QPointF(chart.left(), top))
        name = lane_name(key)
        # A thin lane at the foot of the chart names itself upwards, inside the chart.
        y = min(top + 1, chart.bottom() - line)
        if y < last_bottom:
            continue  # no room under the name above: a one-row lane on a dense page
        wrapped = paper.text_block_height(name, font, LANE_COLUMN - 8)
        if wrapped > max(line, bottom - y):  # one line, elided, where two do not fit
            height = line
            paper.draw_line(painter, QRectF(3, y, LANE_COLUMN - 8, line), name, font)
        else:
            height = wrapped
            paper.draw_wrapped(painter, QRectF(3, y, LANE_COLUMN - 8, height), name, font)
        last_bottom = y + height


def _legend(painter: QPainter, paper: Paper, rect: QRectF) -> None:
    font = paper.font(AXIS_SIZE)
    h = rect.height()
    x = rect.left()
    for health in ("on_track", "at_risk", "late", "closed"):
        style.health_shape(painter, QPointF(x + h * 0.35, rect.center().y()), h * 0.6, health)
        text = style.label(health)
        w = paper.metrics(font).horizontalAdvance(text) + 2
        paper.draw_line(painter, QRectF(x + h * 0.8, rect.top(), w, h), text, font)
        x += h * 0.8 + w + 10
    rest = style.tr("○ step  ● done  ◇ milestone  ╎ today  bar filled: progress")
    paper.draw_line(painter, QRectF(x, rect.top(), rect.right() - x, h), rest, font, style.MUTED)
