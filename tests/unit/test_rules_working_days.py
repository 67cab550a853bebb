"""Working days against the published bank holidays (gov.uk) for 2026 and 2027."""

from __future__ import annotations

import datetime as dt

import pytest

from cprecorder.rules.working_days import (
    add_months,
    add_working_days,
    bank_holidays,
    is_working_day,
    working_days_before,
    working_days_between,
)

D = dt.date

# England and Wales, as published on gov.uk/bank-holidays.
ENGLAND_2026 = {
    D(2026, 1, 1),
    D(2026, 4, 3),
    D(2026, 4, 6),
    D(2026, 5, 4),
    D(2026, 5, 25),
    D(2026, 8, 31),
    D(2026, 12, 25),
    D(2026, 12, 28),  # substitute: Boxing Day is a Saturday
}
ENGLAND_2027 = {
    D(2027, 1, 1),
    D(2027, 3, 26),
    D(2027, 3, 29),
    D(2027, 5, 3),
    D(2027, 5, 31),
    D(2027, 8, 30),
    D(2027, 12, 27),  # substitutes: Christmas Day is a Saturday, Boxing Day a Sunday
    D(2027, 12, 28),
}


def weekday_holidays(nation: str, year: int) -> set[dt.date]:
    return {d for d in bank_holidays(nation, year) if d.weekday() < 5}


@pytest.mark.parametrize("nation", ["england", "wales"])
def test_published_weekday_bank_holidays(nation: str) -> None:
    assert weekday_holidays(nation, 2026) == ENGLAND_2026
    assert weekday_holidays(nation, 2027) == ENGLAND_2027


def test_scotland_and_northern_ireland_have_their_own_days() -> None:
    scotland = weekday_holidays("scotland", 2026)
    assert D(2026, 1, 2) in scotland  # 2 January
    assert D(2026, 11, 30) in scotland  # St Andrew's Day
    assert D(2026, 4, 6) not in scotland  # no Easter Monday
    assert D(2026, 8, 3) in scotland and D(2026, 8, 31) not in scotland
    assert D(2027, 1, 4) in weekday_holidays("scotland", 2027)  # 2 January is a Saturday
    ni_2026 = weekday_holidays("northern-ireland", 2026)
    assert D(2026, 3, 17) in ni_2026  # St Patrick's Day
    assert D(2026, 7, 13) in ni_2026  # 12 July is a Sunday: Monday instead
    assert D(2027, 7, 12) in weekday_holidays("northern-ireland", 2027)
    assert D(2026, 3, 17) not in weekday_holidays("england", 2026)


def test_a_weekend_holiday_is_not_counted_twice() -> None:
    # Boxing Day 2026 is a Saturday; its substitute is Monday 28 December.
    assert not is_working_day(D(2026, 12, 26), "england")
    assert not is_working_day(D(2026, 12, 28), "england")
    assert is_working_day(D(2026, 12, 29), "england")
    # Christmas Eve 2026 (Thursday) + 1 working day: Fri 25, Sat, Sun, Mon 28 are off.
    assert add_working_days(D(2026, 12, 24), 1, "england") == D(2026, 12, 29)
    # 2027: Sat 25, Sun 26, Mon 27 and Tue 28 are all off.
    assert add_working_days(D(2027, 12, 24), 1, "england") == D(2027, 12, 29)
    assert working_days_before(D(2027, 12, 29), 1, "england") == D(2027, 12, 24)


def test_across_easter() -> None:
    # Thursday 2 April 2026; Good Friday 3 and Easter Monday 6 April are off.
    assert add_working_days(D(2026, 4, 2), 1, "england") == D(2026, 4, 7)
    assert add_working_days(D(2026, 4, 2), 10, "england") == D(2026, 4, 20)
    # Scotland has no Easter Monday holiday.
    assert add_working_days(D(2026, 4, 2), 1, "scotland") == D(2026, 4, 6)
    assert working_days_before(D(2026, 4, 7), 2, "england") == D(2026, 4, 1)
    assert working_days_before(D(2027, 3, 30), 2, "england") == D(2027, 3, 24)


def test_new_year_and_saint_andrews_day() -> None:
    assert add_working_days(D(2025, 12, 31), 1, "england") == D(2026, 1, 2)
    assert add_working_days(D(2025, 12, 31), 1, "scotland") == D(2026, 1, 5)
    assert add_working_days(D(2026, 11, 27), 1, "scotland") == D(2026, 12, 1)
    assert add_working_days(D(2026, 11, 27), 1, "england") == D(2026, 11, 30)


def test_zero_days_and_counting_back_and_forth() -> None:
    assert add_working_days(D(2026, 11, 24), 0, "england") == D(2026, 11, 24)
    assert add_working_days(D(2026, 11, 28), 0, "england") == D(2026, 11, 30)
    assert working_days_before(D(2026, 11, 29), 0, "england") == D(2026, 11, 27)
    start = D(2026, 12, 10)
    for n in (1, 5, 10, 15, 40):
        end = add_working_days(start, n, "england")
        assert working_days_between(start, end, "england") == n
        assert working_days_between(end, start, "england") == -n


def test_a_silly_count_is_refused() -> None:
    with pytest.raises(ValueError, match="working days"):
        add_working_days(D(2026, 1, 1), -1, "england")
    with pytest.raises(ValueError, match="working days"):
        working_days_before(D(2026, 1, 1), 10**7, "england")


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 11, 24), 3, D(2027, 2, 24)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2027, 11, 30), 3, D(2028, 2, 29)),  # leap year
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
    ],
)
def test_calendar_months(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected
