"""Dates, numbers and money shown the user's way (QLocale), and labels for stored keys."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from careerdesk.core import money


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def format_date(day: dt.date | None, long: bool = False) -> str:
    """A date in the user's locale ("" for none)."""
    if day is None:
        return ""
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().toString(qdate(day), fmt)


def format_percent(share: float) -> str:
    """0.42 -> "42%" (the locale's percent sign and digits)."""
    locale = QLocale()
    return locale.toString(round(share * 100)) + locale.percent()


def format_number(value: float, decimals: int = 0) -> str:
    return QLocale().toString(float(value), "f", decimals)


def format_money(minor: int | None, currency: str | None) -> str:
    """Money stored in minor units (cents) with its ISO currency code."""
    if minor is None:
        return ""
    places = money.decimals(currency)
    return QLocale().toCurrencyString(
        float(money.from_minor(minor, currency)), currency or "", places
    )


def days_from(today: dt.date, day: dt.date) -> str:
    """ "today", "in 3 days", "5 days ago"."""
    delta = (day - today).days
    tr = QCoreApplication.translate
    if delta == 0:
        return tr("formatting", "today")
    if delta == 1:
        return tr("formatting", "tomorrow")
    if delta == -1:
        return tr("formatting", "yesterday")
    if delta > 0:
        return tr("formatting", "in {n} days").format(n=QLocale().toString(delta))
    return tr("formatting", "{n} days ago").format(n=QLocale().toString(-delta))


def label(key: str) -> str:
    """A stored key (e.g. "work_life", "on_hold") as words for the user."""
    return QCoreApplication.translate(
        "labels", _LABELS.get(key, key.replace("_", " ").capitalize())
    )


_LABELS = {
    "job_title": "Job title",
    "work_life": "Work-life",
    "on_hold": "On hold",
    "not_started": "Not started",
    "in_progress": "In progress",
    "on_track": "On track",
    "at_risk": "At risk",
    "help_given": "Help given",
    "help_received": "Help received",
    "job_shadowing": "Job shadowing",
    "stretch_project": "Stretch project",
    "business": "Own business",
    "company": "Company / industry",
    "skill": "Skill milestone",
}
