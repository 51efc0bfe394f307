"""The report's first sections as blocks: the cover, the goals and steps, the skill gaps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF

from careerdesk.core import plan_view
from careerdesk.report import charts, style
from careerdesk.report.data import ReportData
from careerdesk.report.flow import Block, Paper, spacer
from careerdesk.report.tables import Column, heading, health_cell, progress_cell, table

Section = Callable[[Paper, ReportData], list[Block]]


def _range_text(data: ReportData) -> str:
    if data.date_from is None and data.date_to is None:
        return style.tr("the whole plan")
    return style.tr("{a} to {b}").format(
        a=style.format_date(data.date_from) if data.date_from else style.tr("the start"),
        b=style.format_date(data.date_to) if data.date_to else style.tr("the end"),
    )


def cover(paper: Paper, data: ReportData) -> list[Block]:
    w = paper.width
    blocks: list[Block] = [spacer(60)]
    title = paper.font(style.TITLE, bold=True)
    blocks += paper.paragraph(data.name or style.tr("My career plan"), title, w, after=2)
    if data.headline:
        blocks += paper.paragraph(data.headline, paper.font(style.H2), w, color=style.MUTED)
    blocks += paper.paragraph(
        style.tr("Career plan, printed {date}. Covers {range}.").format(
            date=style.format_date(data.today), range=_range_text(data)
        ),
        paper.font(style.BODY),
        w,
        color=style.MUTED,
        after=24,
    )
    if data.growth:
        blocks.append(heading(paper, style.tr("What growth means to me"), style.H2))
        blocks += paper.paragraph(data.growth, paper.font(style.LEAD, italic=True), w)
    if data.roles:
        blocks.append(heading(paper, style.tr("Target roles"), style.H2, before=14))
        rows = [
            [
                r.title,
                style.format_percent(r.readiness)
                if r.readiness is not None
                else style.tr("no requirement counted"),
                str(len([g for g in r.gaps if g.gap > 0])),
            ]
            for r in data.roles
        ]
        blocks += table(
            paper,
            [
                Column(style.tr("Role"), 5),
                Column(style.tr("Readiness"), 2, right=True),
                Column(style.tr("Open gaps"), 1.5, right=True),
            ],
            rows,
            catalogue=any(r.catalogue for r in data.roles),
            size=style.BODY,
        )
    counts = _goal_counts(data.view)
    if counts:
        blocks.append(heading(paper, style.tr("Goals at a glance"), style.H2, before=14))
        blocks += paper.paragraph(counts, paper.font(style.BODY), w)
    now = data.current_role()
    lines = []
    if now is not None:
        where = ", ".join(p for p in (now.organisation, now.level) if p)
        lines.append(
            style.tr("Now: {title}{where}, since {date}.").format(
                title=now.title,
                where=f" ({where})" if where else "",
                date=style.format_date(now.start_date),
            )
        )
    if data.next_checkin is not None:
        lines.append(
            style.tr("Next check-in: {date}.").format(date=style.format_date(data.next_checkin))
        )
    if lines:
        blocks.append(heading(paper, style.tr("Where I stand"), style.H2, before=14))
        for line in lines:
            blocks += paper.paragraph(line, paper.font(style.BODY), w, after=2)
    return blocks


def _goal_counts(view: plan_view.PlanView) -> str:
    if not view.goals:
        return ""
    by_health: dict[str, int] = {}
    for g in view.goals:
        by_health[g.health] = by_health.get(g.health, 0) + 1
    parts = [
        f"{style.label(h)}: {by_health[h]}"
        for h in ("on_track", "at_risk", "late", "closed")
        if by_health.get(h)
    ]
    steps = len(view.steps)
    done = sum(1 for s in view.steps if s.done is not None)
    return style.tr("{goals} goals ({health}); {done} of {steps} steps done.").format(
        goals=len(view.goals), health=", ".join(parts), done=done, steps=steps
    )


# --- goals and steps --------------------------------------------------------------------


def goals(paper: Paper, data: ReportData) -> list[Block]:
    blocks = [heading(paper, style.tr("Goals and steps"))]
    if not data.view.goals:
        return blocks + paper.paragraph(
            style.tr("No goals in this date range."), paper.font(style.BODY), paper.width
        )
    steps_by_goal: dict[int, list[plan_view.StepRow]] = {}
    for s in data.view.steps:
        steps_by_goal.setdefault(s.goal_id, []).append(s)
    for g in data.view.goals:
        steps = steps_by_goal.get(g.id, [])
        goal_block = _goal_block(paper, g)
        goal_block.keep_with_next = bool(steps)
        blocks.append(goal_block)
        for s in steps:
            blocks.append(_step_block(paper, s, g.depth, data.today))
        blocks.append(spacer(6))
    return blocks


RIGHT_COLUMN = 150.0


def _goal_block(paper: Paper, g: plan_view.GoalRow) -> Block:
    indent = 14.0 * g.depth
    title_font = paper.font(style.LEAD, bold=True)
    meta_font = paper.font(style.SMALL)
    text_w = paper.width - indent - RIGHT_COLUMN - 8
    title_h = paper.text_block_height(g.title, title_font, text_w)
    meta = " · ".join(
        (
            style.label(g.category),
            style.tr("long-term") if g.horizon == "long" else style.tr("short-term"),
            style.label(g.status),
            f"{style.format_date(g.start)} → {style.format_date(g.target)}",
        )
    )
    meta_h = paper.text_block_height(meta, meta_font, text_w)
    health = health_cell(paper, g.health)
    progress = progress_cell(paper, g.progress)
    height = max(title_h + meta_h, health.height + progress.height + 2) + 6

    def paint(painter: QPainter, width: float) -> None:
        painter.setPen(QPen(style.RULE, 0.4))
        painter.drawLine(QPointF(indent, 1), QPointF(width, 1))
        paper.draw_wrapped(painter, QRectF(indent, 3, text_w, title_h), g.title, title_font)
        paper.draw_wrapped(
            painter, QRectF(indent, 3 + title_h, text_w, meta_h), meta, meta_font, style.MUTED
        )
        right = QRectF(width - RIGHT_COLUMN, 4, RIGHT_COLUMN, health.height)
        health.paint(painter, right)
        progress.paint(
            painter, QRectF(right.left(), right.bottom() + 2, RIGHT_COLUMN, progress.height)
        )

    return Block(height, paint)


def _step_block(paper: Paper, s: plan_view.StepRow, depth: int, today: dt.date) -> Block:
    indent = 14.0 * depth + 16
    font = paper.font(style.TABLE)
    date_w = 150.0
    text_w = paper.width - indent - 14 - date_w
    title = s.title + (style.tr(" (milestone)") if s.milestone else "")
    title_h = paper.text_block_height(title, font, text_w)
    if s.done is not None:
        when = style.tr("done {date}").format(date=style.format_date(s.done))
    elif s.due is not None and s.due < today:
        when = style.tr("overdue, due {date}").format(date=style.format_date(s.due))
    elif s.due is not None:
        when = style.tr("due {date}").format(date=style.format_date(s.due))
    else:
        when = style.tr("no date")
    line = paper.metrics(font).lineSpacing()
    height = title_h + 2

    def paint(painter: QPainter, width: float) -> None:
        box = QRectF(indent, 1 + line * 0.2, line * 0.6, line * 0.6)
        painter.setPen(QPen(style.INK, 0.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if s.milestone:
            c = box.center()
            r = box.width() / 2 + 0.6
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(c.x(), c.y() - r),
                        QPointF(c.x() + r, c.y()),
                        QPointF(c.x(), c.y() + r),
                        QPointF(c.x() - r, c.y()),
                    ]
                )
            )
        else:
            painter.drawRect(box)
        if s.done is not None:
            painter.setPen(QPen(style.color("green").darker(130), 1.1))
            painter.drawPolyline(
                QPolygonF(
                    [
                        QPointF(box.left() + 1, box.center().y()),
                        QPointF(box.center().x(), box.bottom() - 1),
                        QPointF(box.right() + 1, box.top() - 1),
                    ]
                )
            )
        paper.draw_wrapped(painter, QRectF(indent + 14, 1, text_w, title_h), title, font)
        late = s.done is None and s.due is not None and s.due < today
        paper.draw_line(
            painter,
            QRectF(width - date_w, 1, date_w, line),
            when,
            paper.font(style.TABLE, bold=True) if late else font,
            style.INK if late else style.MUTED,
            Qt.AlignmentFlag.AlignRight,
        )

    return Block(height, paint)


# --- skill gaps ------------------------------------------------------------------------------


def skill_gaps(paper: Paper, data: ReportData) -> list[Block]:
    blocks = [heading(paper, style.tr("Skill gaps by target role"))]
    if not data.roles:
        return blocks + paper.paragraph(
            style.tr("No target roles yet."), paper.font(style.BODY), paper.width
        )
    for role in data.roles:
        readiness = style.format_percent(role.readiness) if role.readiness is not None else "—"
        head = heading(
            paper,
            style.tr("{role} — readiness {r}").format(role=role.title, r=readiness),
            style.H2,
            before=10,
        )
        head.catalogue = role.catalogue
        blocks.append(head)
        if not role.gaps:
            blocks += paper.paragraph(
                style.tr("No requirement counts for this role."),
                paper.font(style.BODY),
                paper.width,
            )
            continue
        rows = [
            [
                g.name,
                charts._num(g.requirement.importance),
                charts._num(g.requirement.required_level),
                style.tr("not assessed")
                if g.requirement.current_level is None
                else charts._num(g.requirement.current_level),
                charts._num(g.gap) if g.gap > 0 else style.tr("met"),
            ]
            for g in role.gaps
        ]
        blocks += table(
            paper,
            [
                Column(style.tr("Skill"), 5),
                Column(style.tr("Importance (1–5)"), 1.6, right=True),
                Column(style.tr("Required (0–5)"), 1.6, right=True),
                Column(style.tr("Current (0–5)"), 1.6, right=True),
                Column(style.tr("Gap"), 1.2, right=True),
            ],
            rows,
            catalogue=role.catalogue,
        )
        open_gaps = [g for g in role.gaps if g.gap > 0]
        if open_gaps:
            caption = heading(
                paper,
                style.tr("Open gaps of {role}").format(role=role.title),
                style.LEAD,
                before=10,
            )
            caption.catalogue = role.catalogue
            blocks.append(caption)
            blocks += charts.gap_charts(paper, open_gaps, catalogue=role.catalogue)
        else:
            blocks += paper.paragraph(
                style.tr("Every counted requirement is met."), paper.font(style.BODY), paper.width
            )
    return blocks
