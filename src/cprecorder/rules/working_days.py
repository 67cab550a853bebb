"""Working days: weekdays that are not bank holidays in the nation of the authority.

Bank holidays come from the ``holidays`` package (United Kingdom, the subdivision
named in the nation's rules file), so they are right for years nobody typed in.
That package lists a holiday that falls on a Saturday or Sunday *and* the
weekday that replaces it (Christmas Day 2027 is a Saturday; Monday 27 December
is the "observed" holiday). Both are simply days off here: a weekend day is
never a working day, and the substitute weekday is in the list, so nothing is
counted twice and nothing is missed.

Counting follows the way procedures are written: "within 10 working days of the
conference" means the tenth working day after the conference day (the day
itself is not counted); "2 working days before the conference" means the
second working day before it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools

import holidays

from .nation import load_rules

#: The longest run the counting loops accept, so a mistaken setting of a million
#: days fails with a sentence instead of spinning.
MAX_WORKING_DAYS = 2000


@functools.cache
def _holidays_of_year(subdivision: str, year: int) -> frozenset[dt.date]:
    found = holidays.country_holidays("GB", subdiv=subdivision, years=year)
    return frozenset(found.keys())


def bank_holidays(nation: str, year: int) -> frozenset[dt.date]:
    """Every bank holiday of the nation in a year, weekend ones and substitutes alike."""
    return _holidays_of_year(load_rules(nation).holidays_subdivision, year)


def is_bank_holiday(day: dt.date, nation: str) -> bool:
    return day in bank_holidays(nation, day.year)


def is_working_day(day: dt.date, nation: str) -> bool:
    """Monday to Friday, and not a bank holiday (or a substitute for one)."""
    return day.weekday() < 5 and not is_bank_holiday(day, nation)


def _check_count(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_WORKING_DAYS:
        raise ValueError(f"a number of working days from 0 to {MAX_WORKING_DAYS}, not {n!r}")


def add_working_days(start: dt.date, n: int, nation: str) -> dt.date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted).

    With ``n == 0`` the answer is ``start`` if it is a working day, otherwise
    the next working day.
    """
    _check_count(n)
    day = start
    if n == 0:
        while not is_working_day(day, nation):
            day += dt.timedelta(days=1)
        return day
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if is_working_day(day, nation):
            counted += 1
    return day


def working_days_before(day: dt.date, n: int, nation: str) -> dt.date:
    """The ``n``-th working day before ``day`` (``day`` itself is not counted).

    With ``n == 0`` the answer is ``day`` if it is a working day, otherwise the
    working day before it.
    """
    _check_count(n)
    current = day
    if n == 0:
        while not is_working_day(current, nation):
            current -= dt.timedelta(days=1)
        return current
    counted = 0
    while counted < n:
        current -= dt.timedelta(days=1)
        if is_working_day(current, nation):
            counted += 1
    return current


def working_days_between(start: dt.date, end: dt.date, nation: str) -> int:
    """How many working days come after ``start`` up to and including ``end``.

    So ``working_days_between(d, add_working_days(d, n, nation), nation) == n``;
    negative when ``end`` is before ``start``.
    """
    if end < start:
        return -working_days_between(end, start, nation)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, nation):
            count += 1
    return count


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later, or the month's last day.

    "Within 3 months of 30 November" is 28 (or 29) February: a date past the end of
    the shorter month is brought back to its last day, never rolled into the next.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))
