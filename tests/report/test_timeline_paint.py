"""The timeline painted on a plain QImage, as the paper report paints it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from careerdesk.core import db as cdb
from careerdesk.core import plan_view
from careerdesk.report.timeline_layout import layout_plan
from careerdesk.report.timeline_paint import PaintOptions, TimelineStyle, paint_timeline

from ..conftest import TODAY


def _painted(layout, rect: QRectF, days, **options) -> QImage:
    image = QImage(800, 500, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_timeline(painter, rect, layout, days, PaintOptions(**options), TimelineStyle.paper())
    painter.end()
    return image


def _inked(image: QImage, rect: QRectF) -> int:
    white = QColor("white").rgb()
    return sum(
        image.pixel(x, y) != white
        for x in range(int(rect.left()), int(rect.right()), 4)
        for y in range(int(rect.top()), int(rect.bottom()), 4)
    )


def test_paint_timeline_draws_the_plan_inside_its_rectangle_only(qapp, example_plan):
    with cdb.opened(example_plan):
        layout = layout_plan(plan_view.plan_view(TODAY), "category", TODAY)
    first = min(g.start for g in layout.goal_rows)
    last = max(g.target for g in layout.goal_rows)
    rect = QRectF(100, 50, 600, 400)
    image = _painted(layout, rect, (first, last), today=TODAY)
    assert _inked(image, rect) > 500  # bars, markers and lanes
    assert _inked(image, QRectF(0, 0, 800, 48)) == 0  # nothing outside the rectangle
    assert _inked(image, QRectF(0, 0, 98, 500)) == 0


def test_paper_style_keeps_titles_readable():
    assert TimelineStyle.paper(5).label_font.pointSizeF() >= 7
    assert TimelineStyle.paper().bold_font.bold()


def test_an_empty_plan_paints_without_error(qapp, db_path):
    layout = layout_plan(plan_view.plan_view(TODAY), "category", TODAY)
    image = _painted(layout, QRectF(0, 0, 800, 500), (TODAY, TODAY + dt.timedelta(days=30)))
    assert not image.isNull()
