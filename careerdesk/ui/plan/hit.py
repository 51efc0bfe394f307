"""What lies under the pointer on the timeline, and the tooltip that describes it."""

from __future__ import annotations

import datetime as dt
import html
import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF

from careerdesk.report.timeline_layout import TimelineLayout, band_for
from careerdesk.report.timeline_paint import MARKER_MIN_ROW_PIXELS
from careerdesk.ui.formatting import format_date, format_percent, label

EDGE_PIXELS = 6  # how close to a bar's end a press grabs the edge
MARKER_PIXELS = 7


@dataclass(frozen=True)
class Hit:
    kind: str  # "goal" | "step" | "span"
    index: int
    zone: str = "body"  # "body" | "start" | "target" | "step"


def hit_test(layout: TimelineLayout, pos: QPointF, px: float, py: float) -> Hit | None:
    """What lies at layout position `pos` (px, py: layout units per pixel).

    A step marker first, then a bar's edge or body, then a span.
    """
    band = band_for(1 / py)
    row = math.floor(pos.y())
    if py > 0.5:
        # Rows thinner than two pixels: take the nearest bar under x among the rows
        # this pixel covers, so that a bar stays grabbable when zoomed far out.
        lo = max(0, math.floor(pos.y() - py))
        hi = min(len(layout.row_goal), math.floor(pos.y() + py) + 1)
        rows = np.arange(lo, hi)
        under = rows[(layout.g_x0[rows] <= pos.x()) & (layout.g_x1[rows] >= pos.x())]
        if len(under):
            row = int(under[np.argmin(np.abs(under + 0.5 - pos.y()))])
            pos = QPointF(pos.x(), row + band.marker_y)
    frac = pos.y() - row
    if 0 <= row < len(layout.row_goal) and layout.row_goal[row] >= 0:
        gi = int(layout.row_goal[row])
        # Steps drawn as mere dots (thin rows) are not grabbed: the bar is.
        candidates = layout.steps_of_goal.get(gi, []) if 1 / py >= MARKER_MIN_ROW_PIXELS else []
        if candidates:
            idx = np.array(candidates)
            dist = np.abs(layout.s_x[idx] - pos.x()) / px
            dy = abs(frac - band.marker_y) / py
            best = int(np.argmin(dist))
            if dist[best] <= MARKER_PIXELS and dy <= MARKER_PIXELS + 2:
                return Hit("step", int(idx[best]), "step")
        x0, x1 = float(layout.g_x0[gi]), float(layout.g_x1[gi])
        edge = min(EDGE_PIXELS * px, (x1 - x0) / 3)
        top, bottom = band.bar_top - 3 * py, band.bar_bottom + 3 * py
        if top <= frac <= bottom and x0 - edge <= pos.x() <= x1 + edge:
            if abs(pos.x() - x0) <= edge:
                return Hit("goal", gi, "start")
            if abs(pos.x() - x1) <= edge:
                return Hit("goal", gi, "target")
            return Hit("goal", gi, "body")
    if len(layout.p_x0):
        inside = np.nonzero(
            (layout.p_y == row) & (layout.p_x0 <= pos.x()) & (layout.p_x1 >= pos.x())
        )[0]
        if len(inside) and band.bar_top <= frac <= band.bar_bottom:
            return Hit("span", int(inside[0]))
    return None


def _tr(text: str) -> str:
    # The context the strings had when they lived in the plan item.
    return QCoreApplication.translate("PlanItem", text)


def fmt(day: dt.date | None) -> str:
    """A date as tables, editors and tooltips all show it."""
    return format_date(day)


def tooltip(layout: TimelineLayout, hit: Hit) -> str:
    """Rich text (user text escaped) describing what the pointer is over."""
    esc = html.escape
    if hit.kind == "goal":
        g = layout.goal_rows[hit.index]
        lines = [
            f"<b>{esc(g.title)}</b>",
            esc(
                _tr("{start} – {target} · {health} · {progress} done").format(
                    start=fmt(g.start),
                    target=fmt(g.target),
                    health=label(g.health),
                    progress=format_percent(g.progress),
                )
            ),
        ]
        if g.baseline_start and (g.baseline_start, g.baseline_target) != (g.start, g.target):
            lines.append(
                esc(
                    _tr("Baseline: {start} – {target}").format(
                        start=fmt(g.baseline_start), target=fmt(g.baseline_target)
                    )
                )
            )
        hint = {
            "start": _tr("Drag to change the start date"),
            "target": _tr("Drag to change the target date"),
            "body": _tr("Drag to move the goal with its steps (Shift: by weeks)"),
        }[hit.zone]
        lines.append(f"<i>{esc(hint)}</i>")
        return "<br>".join(lines)
    if hit.kind == "step":
        s = layout.step_rows[hit.index]
        kind = _tr("Milestone") if s.milestone else _tr("Step")
        state = _tr("done {date}").format(date=fmt(s.done)) if s.done else _tr("open")
        lines = [
            f"<b>{esc(s.title)}</b>",
            esc(f"{kind} · " + _tr("due {date}").format(date=fmt(s.due)) + f" · {state}"),
        ]
        if s.outside:
            lines.append(esc(_tr("! Outside its goal's dates")))
        if s.depends_on_id is not None:
            lines.append(esc(_tr("Waits for another step; follows it when it moves")))
        return "<br>".join(lines)
    sp = layout.span_rows[hit.index]
    kind = _tr("Learning") if sp.kind == "learning" else _tr("Role")
    detail = f" · {sp.detail}" if sp.detail else ""
    return (
        f"<b>{esc(sp.title)}</b><br>"
        + esc(f"{kind}{detail}")
        + "<br>"
        + esc(f"{fmt(sp.start)} – {fmt(sp.end)}")
    )
