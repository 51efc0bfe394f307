"""Dates as the user reads and types them: one format everywhere, and a field that takes it.

The format is the locale's short date with a four-digit year ("1/15/2027", "15/01/2027",
"15.01.2027"): tables, editors and tooltips all show it. The field reads what the user
types in the locale's order of day, month and year with any separators ("15 01 2027",
"15.1.27"), or ISO ("2027-01-15"); a calendar button picks a date with the mouse.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

INVALID_STYLE = "border: 2px solid #D55E00"  # the palette's vermillion, for bad input


def _tr(text: str) -> str:
    return QCoreApplication.translate("DateEdit", text)


def date_format(locale: QLocale | None = None) -> str:
    """The locale's short date format, always with a four-digit year."""
    shown = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in shown:
        shown = shown.replace("yy", "yyyy")
    return shown


def format_day(day: dt.date | None, locale: QLocale | None = None) -> str:
    """A date in the one format of the app ("" for none)."""
    if day is None:
        return ""
    locale = locale or QLocale()
    return locale.toString(QDate(day.year, day.month, day.day), date_format(locale))


def _order(shown: str) -> str:
    """The order of day, month and year in a format: "dMy", "Mdy" or "yMd"."""
    found = {part: shown.find(part) for part in "dMy" if part in shown}
    return "".join(sorted(found, key=found.__getitem__)) if len(found) == 3 else "dMy"


def parse_day(text: str, locale: QLocale | None = None) -> dt.date | None:
    """A date as typed; None for empty text; ValueError (one sentence) for anything else.

    Three numbers are read in the locale's order whatever separates them; a two-digit
    year is this century's. ISO dates and the locale's month names work too.
    """
    text = text.strip()
    if not text:
        return None
    locale = locale or QLocale()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    numbers = re.findall(r"\d+", text)
    try:
        if iso:
            year, month, day = (int(n) for n in iso.groups())
            return dt.date(year, month, day)
        if len(numbers) == 3 and not re.search(r"[^\W\d_]", text):
            typed = dict(zip(_order(date_format(locale)), numbers, strict=True))
            year = int(typed["y"]) + (2000 if len(typed["y"]) <= 2 else 0)
            return dt.date(year, int(typed["M"]), int(typed["d"]))
    except ValueError:
        pass  # 31 02 2027 and the like: the locale's own parser below may still read it
    for shown in (date_format(locale), "d MMM yyyy", "d MMMM yyyy", "MMM d yyyy", "MMMM d yyyy"):
        found = locale.toDate(text.replace(",", ""), shown)
        if found.isValid():
            return dt.date(found.year(), found.month(), found.day())
    raise ValueError(
        _tr("“{text}” is not a date; type it like {example}.").format(
            text=text, example=format_day(dt.date(2027, 1, 15), locale)
        )
    )


class DateEdit(QWidget):
    """A date field: type it the locale's way, or pick it from the calendar button.

    `value()` is the date (None when empty and `optional`); bad text raises ValueError
    with one sentence naming the field, and is kept as typed, marked, until corrected.
    """

    textChanged = Signal(str)  # noqa: N815 - named as QLineEdit's, for code that watches both

    def __init__(
        self,
        *,
        optional: bool = True,
        today: Callable[[], dt.date] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.today = today  # where the calendar opens on an empty field (the window's day)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(
            _tr("e.g. {example}").format(example=format_day(dt.date(2027, 1, 15)))
        )
        self.line.textChanged.connect(self.textChanged)
        self.line.textChanged.connect(lambda _t: self._mark(valid=True))
        self.line.editingFinished.connect(self._tidy)
        self.button = QToolButton(self)
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.button.setToolTip(_tr("Pick a date"))
        self.button.setAccessibleName(_tr("Pick a date"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The calendar is made when first opened: a form has several date fields,
        # and a QCalendarWidget each would cost the form's first show 10 ms apiece.
        self._calendar: QCalendarWidget | None = None
        menu = QMenu(self.button)
        menu.aboutToShow.connect(self._calendar_to_text)
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)

    # Names and accessible names reach the parts the user works with.
    def setObjectName(self, name: str) -> None:  # noqa: N802 - Qt's name
        super().setObjectName(name)
        self.line.setObjectName(f"{name}_text")
        self.button.setObjectName(f"{name}_calendar")

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)
        self.button.setAccessibleName(_tr("Pick {field}").format(field=name))

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:  # noqa: N802 - as QLineEdit's
        self.line.setText(text)

    def selectAll(self) -> None:  # noqa: N802 - as QLineEdit's
        self.line.selectAll()

    def set_value(self, day: dt.date | None) -> None:
        self.line.setText(format_day(day))

    def value(self) -> dt.date | None:
        """The date typed; raises ValueError (one sentence) when it is not one."""
        name = self.accessibleName() or _tr("Date")
        try:
            day = parse_day(self.line.text())
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None
        if day is None and not self.optional:
            raise ValueError(_tr("{field} needs a date.").format(field=name))
        return day

    def _tidy(self) -> None:
        """Typing finished: show the date in the app's format, or mark the text as bad."""
        try:
            day = parse_day(self.line.text())
        except ValueError as exc:
            self._mark(valid=False, reason=str(exc))
            return
        if day is not None and self.line.text() != format_day(day):
            self.line.setText(format_day(day))

    def _mark(self, *, valid: bool, reason: str = "") -> None:
        self.line.setStyleSheet("" if valid else INVALID_STYLE)
        self.line.setToolTip(reason)

    @property
    def calendar(self) -> QCalendarWidget:
        """The pop-up calendar (made now if it was not yet)."""
        if self._calendar is None:
            self._calendar = QCalendarWidget()
            self._calendar.setGridVisible(True)
            self._calendar.clicked.connect(self._picked)
            menu = self.button.menu()
            action = QWidgetAction(menu)
            action.setDefaultWidget(self._calendar)
            menu.addAction(action)
        return self._calendar

    def _calendar_to_text(self) -> None:
        try:
            day = parse_day(self.line.text())
        except ValueError:
            day = None
        if day is None and self.today is not None:
            day = self.today()
        if day is not None:
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, picked: QDate) -> None:
        self.line.setText(format_day(dt.date(picked.year(), picked.month(), picked.day())))
        self.button.menu().close()
        self.line.setFocus(Qt.FocusReason.PopupFocusReason)
