"""Dates, numbers and money shown the user's way (QLocale), and labels for stored keys."""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from careerdesk.core import money, vocabulary
from careerdesk.ui.date_edit import format_day


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def format_date(day: dt.date | None, long: bool = False) -> str:
    """A date in the user's locale ("" for none); short dates always with four-digit years.

    The one short format of tables, editors and tooltips (see ui/date_edit.py).
    """
    if day is None:
        return ""
    if long:
        return QLocale().toString(qdate(day), QLocale.FormatType.LongFormat)
    return format_day(day)


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


def parse_number(text: str, what: str) -> float | None:
    """A number typed the user's way ("1,5" in German); a point always works too.

    Empty text is None; anything else that is not a finite number raises
    ValueError with a sentence naming `what`.
    """
    text = text.strip()
    if not text:
        return None
    value, ok = QLocale().toDouble(text)
    if not ok:
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            value = math.nan
    if not math.isfinite(value):  # "nan", "inf" or not a number at all
        raise ValueError(
            QCoreApplication.translate(
                "formatting", "{what} must be a number, not “{text}”."
            ).format(what=what, text=text)
        )
    return value


def number_text(value: float | None) -> str:
    """A number as the user would type it back into a field ("" for none)."""
    if value is None:
        return ""
    return QLocale().toString(float(value), "g", 12)


def money_text(minor: int | None, currency: str | None) -> str:
    """Minor units as the amount the user types ("12.50"), in their locale."""
    if minor is None:
        return ""
    return format_number(float(money.from_minor(minor, currency)), money.decimals(currency))


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
    return QCoreApplication.translate("labels", vocabulary.label_words(key))
