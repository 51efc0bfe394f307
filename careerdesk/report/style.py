"""The look of the paper: fonts in points, the colour-blind-safe palette, shapes and labels."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPolygonF

from careerdesk.core import journal, vocabulary

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies, and
# every one of them is printed next to a word or a shape (the same palette as the screen).
COLORS = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
HEALTH = {"on_track": "green", "at_risk": "orange", "late": "vermillion", "closed": "grey"}
INK = QColor("#1A1A1A")
MUTED = QColor("#555555")
RULE = QColor("#BBBBBB")
SHADE = QColor("#F2F2F2")

# Sizes in whole points (the PDF engine rounds a font to whole units of the painter);
# nothing printed is smaller than SMALLEST.
SMALLEST = 7.0
SMALL = 8.0
TABLE = 9.0
BODY = 10.0
LEAD = 11.0
H2 = 13.0
H1 = 16.0
TITLE = 26.0


def tr(text: str) -> str:
    return QCoreApplication.translate("report", text)


def label(key: str) -> str:
    """A stored key (e.g. "on_hold") as words (the same words as the screen)."""
    return QCoreApplication.translate("labels", vocabulary.label_words(key))


def period(key: str) -> str:
    """A check-in period as words: "Quarterly", "Every 45 days"."""
    return QCoreApplication.translate("labels", journal.period_words(key))


def color(name: str) -> QColor:
    return QColor(COLORS.get(name, name))


def health_color(health: str) -> QColor:
    return color(HEALTH.get(health, "grey"))


def format_date(day: dt.date | None) -> str:
    """A day as "3 Feb 2027" in the locale's month names; "—" for none."""
    if day is None:
        return "—"
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def format_percent(share: float) -> str:
    return QLocale().toString(round(share * 100)) + " %"


class Fonts:
    """Fonts sized in points for a painter whose unit is one point (see Paper)."""

    def __init__(self, points_per_unit: float) -> None:
        # QFont turns points into device pixels by the device's dpi; the painter is then
        # scaled from points to pixels once more, so the font takes that scale out again.
        self._k = points_per_unit
        self.family = QFont().family()

    def get(self, size: float, *, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(max(size, SMALLEST) * self._k)
        font.setBold(bold)
        font.setItalic(italic)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        # Outlines positioned exactly, not hinted to the device's pixel grid.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font


def health_shape(painter: QPainter, center: QPointF, size: float, health: str) -> None:
    """Circle on track, triangle at risk, square late, tick closed: readable without colour."""
    fill = health_color(health)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(fill.darker(160), size * 0.12))
    painter.setBrush(fill)
    r = size / 2
    x, y = center.x(), center.y()
    if health == "at_risk":
        painter.drawPolygon(
            QPolygonF(
                [QPointF(x, y - r), QPointF(x + r, y + r * 0.8), QPointF(x - r, y + r * 0.8)]
            )
        )
    elif health == "late":
        painter.drawRect(QRectF(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7))
    elif health == "closed":
        painter.setPen(QPen(fill.darker(160), size * 0.22, Qt.PenStyle.SolidLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(
            QPolygonF(
                [
                    QPointF(x - r, y),
                    QPointF(x - r * 0.25, y + r * 0.75),
                    QPointF(x + r, y - r * 0.8),
                ]
            )
        )
    else:
        painter.drawEllipse(center, r, r)
    painter.restore()
