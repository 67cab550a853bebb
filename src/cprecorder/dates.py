"""Dates as a minute-taker types them, read the British way: day first, always.

Every date field of the window reads what was typed through :func:`read_date`
when the field is left or Enter is pressed, and shows the date back in words
(:func:`date_in_words`), so a misreading is seen at once. Accepted forms::

    6/12/26   6/12/2026   06/12/2026   6-12-2026   6.12.26   6 12 2026
    06122026  061226      6 Dec 2026   6 December 2026   Sunday 6 December 2026
    6th December 2026     December 6 2026 is NOT read (day first, always)

A two-digit year is this century. Text that is not a date raises
:class:`DateNotReadError` with a sentence for the person; nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from .errors import KnownError

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2}|\d{4})")
_DIGITS = re.compile(r"\d{6}|\d{8}")
_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{2}|\d{4})")
_WEEKDAY = re.compile(r"^(?:" + "|".join(w[:3] + r"[a-z]*" for w in WEEKDAYS) + r")\.?,?\s+")

HOW_TO_TYPE = "Type the day first, for example 6/12/2026 or 6 Dec 2026."


class DateNotReadError(KnownError):
    """Typed text that is not a date; the text is kept as typed and this is said beside it."""


def read_date(text: str) -> dt.date | None:
    """The date typed, or ``None`` for an empty field; day first, always."""
    typed = " ".join(text.strip().lower().split())
    if not typed:
        return None
    typed = _WEEKDAY.sub("", typed)
    match = _NUMERIC.fullmatch(typed)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return _checked(text, day, month, _full_year(match.group(3), year))
    if _DIGITS.fullmatch(typed):
        year_text = typed[4:]
        return _checked(
            text, int(typed[:2]), int(typed[2:4]), _full_year(year_text, int(year_text))
        )
    match = _WORDS.fullmatch(typed)
    if match:
        named = MONTHS.get(match.group(2))
        if named is None:
            raise DateNotReadError(f"“{text.strip()}” is not a month name. {HOW_TO_TYPE}")
        return _checked(
            text, int(match.group(1)), named, _full_year(match.group(3), int(match.group(3)))
        )
    raise DateNotReadError(f"“{text.strip()}” is not a date. {HOW_TO_TYPE}")


def _full_year(typed: str, year: int) -> int:
    return 2000 + year if len(typed) == 2 else year


def _checked(text: str, day: int, month: int, year: int) -> dt.date:
    if not 1 <= month <= 12:
        raise DateNotReadError(f"“{text.strip()}” has no month {month}. {HOW_TO_TYPE}")
    if not 1900 <= year <= 2199:
        raise DateNotReadError(f"“{text.strip()}”: the year {year} is out of range.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        month_name = dt.date(2000, month, 1).strftime("%B")
        raise DateNotReadError(f"“{text.strip()}”: {month_name} {year} has no day {day}.") from None


def long_date(day: dt.date) -> str:
    """Dates in sentences as people write them: "9 December 2026" (no leading zero).

    Every date in words is written from here, so the app writes one date one way."""
    return f"{day.day} {day:%B %Y}"


def date_in_words(day: dt.date) -> str:
    """How a date field shows a date it has read: "Sunday 6 December 2026"."""
    return f"{day:%A} {long_date(day)}"


def moment_in_words(moment: dt.datetime) -> str:
    """A date and time in a sentence: "2 December 2026 at 15:30"."""
    return f"{long_date(moment.date())} at {clock_time(moment)}"


def clock_time(moment: dt.datetime) -> str:
    """A time of day where the day goes without saying: "15:30"."""
    return f"{moment:%H:%M}"


def local_moment(stamped: dt.datetime) -> dt.datetime:
    """A moment the app stamped, on the clock of the person reading it.

    Sign-off, hand-over, addenda, withdrawal, the audit trail and editing holds are
    stamped in UTC and stored without a zone (``model.base.utcnow``); every window and
    document shows them through here, so one moment reads the same everywhere. Times
    people typed (a conference's date and time) are on their clock already.
    """
    aware = stamped if stamped.tzinfo is not None else stamped.replace(tzinfo=dt.UTC)
    return aware.astimezone().replace(tzinfo=None)


_TIME = re.compile(r"(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(am|pm)?")
_TIME_DIGITS = re.compile(r"(\d{2})(\d{2})")


def read_time(text: str) -> dt.time:
    """A time of day as typed: "10:30", "10.30", "1030", "10", "2pm", "2.30 pm"."""
    typed = text.strip().lower().replace(" ", "")
    match = _TIME_DIGITS.fullmatch(typed) or _TIME.fullmatch(typed)
    if match is None:
        raise DateNotReadError(f"“{text.strip()}” is not a time. Type it as 10:30 or 2pm.")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = match.group(3) if match.re is _TIME else None
    if suffix is not None:
        if not 1 <= hour <= 12:
            raise DateNotReadError(f"“{text.strip()}” is not a time. Type it as 10:30 or 2pm.")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise DateNotReadError(f"“{text.strip()}” is not a time of day.")
    return dt.time(hour, minute)


def date_in_short_words(day: dt.date) -> str:
    """A date in words where room is short (a column of a table): "Sun 6 Dec 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def moment_in_short_words(moment: dt.datetime) -> str:
    """A date and time where room is short (a header, a list): "Wed 2 Dec 2026, 15:30"."""
    return f"{date_in_short_words(moment.date())}, {clock_time(moment)}"
