"""The report's later sections: the learning plan, who to reach out to, check-in, assessment."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from careerdesk.core import money
from careerdesk.report import charts, style
from careerdesk.report.data import ReportData
from careerdesk.report.flow import Block, Paper
from careerdesk.report.tables import Column, heading, health_cell, progress_cell, table

# --- learning, people ------------------------------------------------------------------------


def _money(minor: int | None, currency: str | None) -> str:
    if minor is None:
        return ""
    amount = money.from_minor(minor, currency)
    return f"{QLocale().toString(float(amount), 'f', money.decimals(currency))} {currency or ''}"


def learning(paper: Paper, data: ReportData) -> list[Block]:
    blocks = [heading(paper, style.tr("Learning plan"))]
    if not data.activities:
        return blocks + paper.paragraph(
            style.tr("No learning activities in this date range."),
            paper.font(style.BODY),
            paper.width,
        )
    rows = []
    for a in data.activities:
        dates = (
            f"{style.format_date(a.start_date)} → {style.format_date(a.end_date)}"
            if a.start_date
            else style.tr("not scheduled")
        )
        rows.append(
            [
                a.title + (f"\n{a.provider}" if a.provider else ""),
                style.label(a.kind),
                dates,
                style.label(a.status),
                QLocale().toString(float(a.hours), "f", 0) if a.hours is not None else "",
                _money(a.cost_minor, a.currency),
                ", ".join(a.skill_names),
            ]
        )
    return blocks + table(
        paper,
        [
            Column(style.tr("Activity"), 4),
            Column(style.tr("Kind"), 1.6),
            Column(style.tr("Dates"), 2.6),
            Column(style.tr("Status"), 1.4),
            Column(style.tr("Hours"), 1, right=True),
            Column(style.tr("Cost"), 1.5, right=True),
            Column(style.tr("Skills it builds"), 3),
        ],
        rows,
    )


def network(paper: Paper, data: ReportData) -> list[Block]:
    blocks = [heading(paper, style.tr("Who to reach out to"))]
    if data.reach_out:
        blocks.append(heading(paper, style.tr("Due to keep in touch"), style.H2, before=4))
        rows = [
            [
                c.name,
                c.company,
                style.format_date(c.due_date),
                style.tr("overdue by {n} days").format(n=c.days_overdue)
                if c.status == "overdue"
                else style.tr("due"),
            ]
            for c in data.reach_out
        ]
        blocks += table(
            paper,
            [
                Column(style.tr("Name"), 3),
                Column(style.tr("Company"), 3),
                Column(style.tr("Due since"), 2),
                Column(style.tr("Status"), 2),
            ],
            rows,
        )
    if data.helpers:
        blocks.append(heading(paper, style.tr("People who help with my goals"), style.H2))
        blocks += table(
            paper,
            [
                Column(style.tr("Name"), 3),
                Column(style.tr("Relationship"), 2),
                Column(style.tr("Goal"), 4),
                Column(style.tr("How they help"), 3),
            ],
            [[n, style.label(rel), goal, how] for n, rel, goal, how in data.helpers],
        )
    if not data.reach_out and not data.helpers:
        blocks += paper.paragraph(
            style.tr("Nobody is due, and no goal names a helper yet."),
            paper.font(style.BODY),
            paper.width,
        )
    return blocks


# --- journal, self-assessment -----------------------------------------------------------------


def checkin(paper: Paper, data: ReportData) -> list[Block]:
    blocks = [heading(paper, style.tr("Latest check-in and trend"))]
    c = data.checkin
    body = paper.font(style.BODY)
    if c is None:
        return blocks + paper.paragraph(style.tr("No check-in yet."), body, paper.width)
    ratings = []
    if c.wellbeing is not None:
        ratings.append(style.tr("wellbeing {n} of 5").format(n=c.wellbeing))
    if c.work_life_balance is not None:
        ratings.append(style.tr("work-life balance {n} of 5").format(n=c.work_life_balance))
    blocks += paper.paragraph(
        style.tr("Check-in of {date} ({period})").format(
            period=style.period(c.period).lower(), date=style.format_date(c.date)
        )
        + (": " + ", ".join(ratings) if ratings else ""),
        paper.font(style.BODY, bold=True),
        paper.width,
    )
    for title, text in (
        (style.tr("Reflection"), c.reflection),
        (style.tr("Next actions"), c.next_actions),
    ):
        if text.strip():
            blocks.append(heading(paper, title, style.LEAD, before=4))
            blocks += paper.paragraph(text, body, paper.width)
    if c.goals:
        blocks.append(heading(paper, style.tr("Goals at that check-in"), style.LEAD))
        blocks += table(
            paper,
            [
                Column(style.tr("Goal"), 6),
                Column(style.tr("Progress"), 2.5),
                Column(style.tr("Health"), 2),
            ],
            [
                [t, progress_cell(paper, p), health_cell(paper, h or "on_track")]
                for t, p, h in c.goals
            ],
        )
    if data.trend:
        blocks.append(heading(paper, style.tr("Progress and wellbeing over time"), style.H2))
        blocks.append(charts.trend_chart(paper, data.trend))
    return blocks


def assessment(paper: Paper, data: ReportData) -> list[Block]:
    blocks = [heading(paper, style.tr("Self-assessment"))]
    names = {
        "strength": style.tr("Strengths"),
        "weakness": style.tr("Weaknesses"),
        "interest": style.tr("Interests"),
        "value": style.tr("Values"),
        "constraint": style.tr("Constraints"),
    }
    body = paper.font(style.BODY)
    last = None
    for kind, text, detail in data.assessment:
        if kind != last:
            blocks.append(heading(paper, names.get(kind, style.label(kind)), style.H2, before=6))
            last = kind
        blocks += paper.paragraph(
            "•  " + text + (f" — {detail}" if detail else ""), body, paper.width, indent=6, after=2
        )
    if data.history:
        blocks.append(heading(paper, style.tr("Career history"), style.H2, before=10))
        blocks += table(
            paper,
            [
                Column(style.tr("Role"), 3),
                Column(style.tr("Organisation"), 3),
                Column(style.tr("From"), 1.6),
                Column(style.tr("To"), 1.6),
                Column(style.tr("Responsibilities"), 5),
            ],
            [
                [
                    r.title + (f" ({r.level})" if r.level else ""),
                    r.organisation,
                    style.format_date(r.start_date),
                    style.format_date(r.end_date) if r.end_date else style.tr("now"),
                    r.responsibilities,
                ]
                for r in data.history
            ],
        )
    if not data.assessment and not data.history:
        blocks += paper.paragraph(style.tr("Nothing written yet."), body, paper.width)
    return blocks
