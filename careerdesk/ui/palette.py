"""The one palette: Okabe-Ito colours (colour-blind safe), each paired with a text label."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)

# The colour data lives with the paper report (the layer below), so both draw alike.
from careerdesk.report.colours import HEALTH, HEALTH_SYMBOL, OKABE_ITO  # noqa: F401 - re-exported

STATUS = {
    "not_started": "grey",
    "active": "blue",
    "on_hold": "yellow",
    "done": "green",
    "abandoned": "grey",
}
CATEGORY = {
    "job_title": "blue",
    "income": "green",
    "skill": "sky",
    "company": "purple",
    "leadership": "orange",
    "expertise": "blue",
    "business": "vermillion",
    "education": "sky",
    "network": "purple",
    "work_life": "yellow",
}


def color(name: str) -> QColor:
    """A palette colour by its Okabe-Ito name (or a hex string)."""
    return QColor(OKABE_ITO.get(name, name))


def health_color(health: str) -> QColor:
    return color(HEALTH.get(health, "grey"))


def status_color(status: str) -> QColor:
    return color(STATUS.get(status, "grey"))


def category_color(category: str) -> QColor:
    return color(CATEGORY.get(category, "grey"))


def is_dark_theme() -> bool:
    """True when the window background is dark (then text on bars is light)."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def text_color_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on `background`."""
    r, g, b = background.redF(), background.greenF(), background.blueF()
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return QColor("#000000") if luminance > 0.45 else QColor("#FFFFFF")


def health_icon(health: str, size: int = 14) -> QIcon:
    """A shape in the health colour: circle on track, triangle at risk, square late, tick closed.

    Shape and colour say the same thing, so the icon reads without colour too.
    """
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = health_color(health)
    painter.setPen(QPen(fill.darker(150), 1))
    painter.setBrush(fill)
    m = 1.5
    if health == "at_risk":
        painter.drawPolygon(
            QPolygonF([QPointF(size / 2, m), QPointF(size - m, size - m), QPointF(m, size - m)])
        )
    elif health == "late":
        painter.drawRect(QRectF(m, m, size - 2 * m, size - 2 * m))
    elif health == "closed":
        painter.setPen(QPen(fill.darker(150), 2.5))
        painter.drawPolyline(
            QPolygonF(
                [QPointF(m, size * 0.55), QPointF(size * 0.4, size - m), QPointF(size - m, m)]
            )
        )
    else:
        painter.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m))
    painter.end()
    return QIcon(pixmap)
