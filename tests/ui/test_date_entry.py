"""The date field's calendar reads typed dates day first, whatever the system's locale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QCalendarWidget, QWidget
from pytestqt.qtbot import QtBot

from cprecorder.ui.widgets.dates import DateEntry

HELD = dt.date(2026, 11, 30)


@pytest.fixture
def month_first() -> Iterator[None]:
    """A system set up the American way (month first), put back afterwards."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def field(qtbot: QtBot) -> Iterator[DateEntry]:
    """A date field in a window of its own, holding 30 November 2026, with the cursor in it."""
    window = QWidget()
    qtbot.addWidget(window)
    entry = DateEntry(HELD, label="Next review")
    entry.beside().setParent(window)
    window.show()
    qtbot.waitExposed(window)
    entry.setFocus()
    yield entry  # the window is kept until the test is over


def type_into_calendar(qtbot: QtBot, field: DateEntry, typed: str) -> QCalendarWidget:
    """Alt+Down, then the date typed into the calendar and Enter."""
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field._calendar
    assert calendar is not None and calendar.isVisible()
    typed_into = calendar.focusWidget() or calendar
    qtbot.keyClicks(typed_into, typed)
    qtbot.keyClick(typed_into, Qt.Key.Key_Return)
    return calendar


def test_a_date_typed_into_the_calendar_is_read_day_first(
    qtbot: QtBot, month_first: None, field: DateEntry
) -> None:
    calendar = type_into_calendar(qtbot, field, "06/12/2026")
    assert not calendar.isVisible()
    assert field.date_value() == dt.date(2026, 12, 6)
    assert field.text() == "Sunday 6 December 2026"
    # What the calendar shows (month names, the date being typed) is British too.
    assert calendar.locale().territory() == QLocale.Country.UnitedKingdom


def test_a_day_that_does_not_exist_typed_into_the_calendar_takes_nothing(
    qtbot: QtBot, field: DateEntry
) -> None:
    calendar = type_into_calendar(qtbot, field, "31/02/2026")
    assert calendar.isVisible()  # still open to be typed again
    assert field.date_value() == HELD
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Escape)
    assert not calendar.isVisible()
    assert field.date_value() == HELD
