"""Dates read as a British minute-taker types them: day first, always, or said plainly."""

from __future__ import annotations

import datetime as dt

import pytest

from cprecorder.dates import DateNotReadError, date_in_words, read_date, read_time

D = dt.date


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("6/12/26", D(2026, 12, 6)),
        ("6/12/2026", D(2026, 12, 6)),
        ("06/12/2026", D(2026, 12, 6)),
        ("06122026", D(2026, 12, 6)),
        ("061226", D(2026, 12, 6)),
        ("6 Dec 2026", D(2026, 12, 6)),
        ("6 dec 26", D(2026, 12, 6)),
        ("6 December 2026", D(2026, 12, 6)),
        ("6th December 2026", D(2026, 12, 6)),
        ("6 Sept 2026", D(2026, 9, 6)),
        ("6.12.26", D(2026, 12, 6)),
        ("6-12-2026", D(2026, 12, 6)),
        ("6 12 2026", D(2026, 12, 6)),
        ("  6 / 12 / 2026  ", D(2026, 12, 6)),
        ("Sunday 6 December 2026", D(2026, 12, 6)),
        ("Sun, 6 Dec 2026", D(2026, 12, 6)),
        ("1/2/2027", D(2027, 2, 1)),  # 1 February, never 2 January
        ("15012027", D(2027, 1, 15)),
        ("29/02/2028", D(2028, 2, 29)),  # a leap year
        ("29/2/24", D(2024, 2, 29)),
        ("31/12/2199", D(2199, 12, 31)),
        ("", None),
        ("   ", None),
    ],
)
def test_dates_are_read_day_first(typed: str, expected: dt.date | None) -> None:
    assert read_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("29/02/2027", "February 2027 has no day 29"),  # not a leap year
        ("29/02/2100", "February 2100 has no day 29"),  # centuries are not, unless by 400
        ("31/04/2026", "April 2026 has no day 31"),
        ("6/13/2026", "no month 13"),
        ("12/25/2026", "no month 25"),  # an American date is refused, not guessed
        ("0/12/2026", "December 2026 has no day 0"),
        ("6 Decembr 2026", "not a month name"),
        ("tomorrow", "not a date"),
        ("6/12", "not a date"),
        ("612026", "no month 20"),
        ("6/12/202", "not a date"),
        ("6/12/1850", "year 1850 is out of range"),
        ("December 6 2026", "not a date"),
        ("6//12/2026", "not a date"),
    ],
)
def test_what_is_not_a_date_is_said_plainly(typed: str, says: str) -> None:
    with pytest.raises(DateNotReadError, match=says) as refused:
        read_date(typed)
    assert (
        "day first" in str(refused.value)
        or "has no day" in str(refused.value)
        or ("out of range" in str(refused.value))
    )


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (D(2026, 12, 6), "Sunday 6 December 2026"),
        (D(2027, 1, 15), "Friday 15 January 2027"),
        (D(2028, 2, 29), "Tuesday 29 February 2028"),
    ],
)
def test_a_date_is_shown_back_in_words_and_reads_again(day: dt.date, words: str) -> None:
    assert date_in_words(day) == words
    assert read_date(words) == day


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10:30", dt.time(10, 30)),
        ("10.30", dt.time(10, 30)),
        ("1030", dt.time(10, 30)),
        ("9", dt.time(9, 0)),
        ("2pm", dt.time(14, 0)),
        ("2.30 pm", dt.time(14, 30)),
        ("12am", dt.time(0, 0)),
        ("12 pm", dt.time(12, 0)),
        ("23:59", dt.time(23, 59)),
    ],
)
def test_times_as_typed(typed: str, expected: dt.time) -> None:
    assert read_time(typed) == expected


@pytest.mark.parametrize("typed", ["24:00", "10:60", "13pm", "half ten", "", "1:5"])
def test_what_is_not_a_time(typed: str) -> None:
    with pytest.raises(DateNotReadError):
        read_time(typed)


def test_a_date_in_short_words_reads_again() -> None:
    from cprecorder.dates import date_in_short_words

    assert date_in_short_words(D(2026, 12, 6)) == "Sun 6 Dec 2026"
    assert read_date("Wed 30 Sep 2026") == D(2026, 9, 30)
    assert read_date(date_in_short_words(D(2027, 6, 1))) == D(2027, 6, 1)


def test_dates_in_words_have_no_leading_zero() -> None:
    from cprecorder.dates import long_date, moment_in_short_words, moment_in_words

    moment = dt.datetime(2026, 12, 2, 9, 5)
    assert long_date(moment.date()) == "2 December 2026"
    assert moment_in_words(moment) == "2 December 2026 at 09:05"
    assert moment_in_short_words(moment) == "Wed 2 Dec 2026, 09:05"


def test_no_date_shown_to_a_person_is_written_with_a_zero_padded_day() -> None:
    """Dates in words go through cprecorder.dates; a ``%d`` before a month name prints
    "02 Dec", which nothing else in the app writes. Machine stamps (``%Y-%m-%d``) may."""
    import re
    from pathlib import Path

    import cprecorder

    padded = re.compile(r"%d[ ,./-]*%[bB]")
    offenders = [
        f"{path.name}: {line.strip()}"
        for path in Path(cprecorder.__file__).parent.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if padded.search(line)
    ]
    assert offenders == []


@pytest.mark.usefixtures("clock_ahead_of_utc")
def test_moments_the_app_stamps_are_shown_on_the_local_clock() -> None:
    """Sign-off, hand-over, addenda and the audit trail are stamped in UTC; people read
    them on their own clock, in every window and document alike."""
    from cprecorder.dates import local_moment, moment_in_words

    stamped = dt.datetime(2026, 12, 2, 23, 30)  # as stored: UTC, without a zone
    assert local_moment(stamped) == dt.datetime(2026, 12, 3, 0, 30)
    assert local_moment(stamped.replace(tzinfo=dt.UTC)) == dt.datetime(2026, 12, 3, 0, 30)
    assert moment_in_words(local_moment(stamped)) == "3 December 2026 at 00:30"
