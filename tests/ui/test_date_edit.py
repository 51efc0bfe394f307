"""Typing dates: the locale's order, any separators, four-digit years everywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtTest import QTest

from careerdesk.ui.date_edit import DateEdit, format_day, parse_day
from careerdesk.ui.formatting import format_date

D = dt.date


@pytest.fixture
def locale_named():
    before = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(before)


def _type(qtbot, field: DateEdit, text: str) -> None:
    field.line.setFocus()
    field.line.selectAll()
    QTest.keyClicks(field.line, text)
    QTest.keyClick(field.line, Qt.Key.Key_Return)


def test_select_all_and_typing_15_01_2027_gives_15_january(qtbot, locale_named):
    locale_named("en_GB")
    field = DateEdit()
    qtbot.addWidget(field)
    field.show()
    field.set_value(D(2026, 6, 5))
    _type(qtbot, field, "15 01 2027")
    assert field.value() == D(2027, 1, 15)
    assert field.text() == "15/01/2027"  # tidied into the one format


@pytest.mark.parametrize(
    ("name", "typed", "shown"),
    [
        ("en_US", "1 15 27", "1/15/2027"),
        ("de_DE", "15.1.2027", "15.01.2027"),
        ("en_GB", "2027-01-15", "15/01/2027"),
        ("en_GB", "15 Jan 2027", "15/01/2027"),
    ],
)
def test_dates_are_typed_the_locale_s_way_and_shown_with_four_digit_years(
    qtbot, locale_named, name, typed, shown
):
    locale_named(name)
    field = DateEdit()
    qtbot.addWidget(field)
    field.show()
    _type(qtbot, field, typed)
    assert field.value() == D(2027, 1, 15)
    assert field.text() == shown
    assert format_date(D(2027, 1, 15)) == shown == format_day(D(2027, 1, 15))


def test_a_bad_date_is_one_sentence_and_kept_as_typed(qtbot, locale_named):
    locale_named("en_GB")
    field = DateEdit(optional=False)
    field.setAccessibleName("Target date")
    qtbot.addWidget(field)
    field.show()
    _type(qtbot, field, "31 02 2027")
    with pytest.raises(ValueError, match=r"^Target date: “31 02 2027” is not a date; type"):
        field.value()
    assert field.text() == "31 02 2027"
    field.setText("")
    with pytest.raises(ValueError, match="needs a date"):
        field.value()
    assert parse_day("") is None


def test_the_plan_editor_takes_a_typed_date(window, qtbot, locale_named):
    from careerdesk.core import models as m

    locale_named("en_GB")
    tab = window.show_tab("plan_tab")
    goal = next(g for g in tab.view.goals if g.depth)
    tab.select("goal", goal.id)
    field = tab.editor.goal_form.fields["target_date"]
    _type(qtbot, field, "15 01 2031")
    tab.editor.save_button.click()
    assert m.Goal.get_by_id(goal.id).target_date == D(2031, 1, 15)
    # The tree and the timeline's tooltip say it the same way.
    assert tab.tree_text("goal", goal.id, 3) == "15/01/2031"


def test_the_calendar_opens_on_the_typed_date_and_a_pick_fills_the_field(qtbot):
    field = DateEdit()
    qtbot.addWidget(field)
    field.set_value(dt.date(2027, 3, 4))
    menu = field.button.menu()
    for _ in range(2):  # opened twice: one calendar
        menu.aboutToShow.emit()
    assert len(menu.actions()) == 1
    assert field.calendar.selectedDate() == QDate(2027, 3, 4)
    field.calendar.clicked.emit(QDate(2027, 5, 6))
    assert field.value() == dt.date(2027, 5, 6)
