"""How dates, names and lists are written in every document: British, plain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..model import Child, Conference, Person, PlanType
from ..rules.categories import category_label


def long_date(day: dt.date | None) -> str:
    """``24 November 2026``; an empty string when there is no date."""
    if day is None:
        return ""
    return f"{day.day} {day:%B %Y}"


def weekday_date(day: dt.date | None) -> str:
    """``Tuesday 24 November 2026``, for dates people need to keep free."""
    if day is None:
        return ""
    return f"{day:%A} {long_date(day)}"


def time_of_day(moment: dt.datetime) -> str:
    """``10am``, ``3.30pm``: the way letters write times."""
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}.{moment.minute:02d}{suffix}"


def date_and_time(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return f"{weekday_date(moment.date())} at {time_of_day(moment)}"


def joined(names: Iterable[str], last: str = "and") -> str:
    """``Maisie``, ``Maisie and Leo``, ``Ann, Bob and Cat``."""
    items = [n for n in names if n]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def yes_no(value: bool | None) -> str:
    if value is None:
        return "Not recorded"
    return "Yes" if value else "No"


def plan_label(plan_type: PlanType | None) -> str:
    return plan_type.label if plan_type is not None else "Not decided"


def categories(conference: Conference, keys: Iterable[str]) -> str:
    return joined((category_label(conference.nation, k) for k in keys), "and")


def child_born(child: Child) -> str:
    if child.unborn:
        expected = long_date(child.expected_on)
        return f"Expected {expected}" if expected else "Unborn"
    return long_date(child.date_of_birth)


def children_names(conference: Conference) -> str:
    return joined(c.first_name or c.name for c in conference.children)


def role_and_agency(person: Person) -> str:
    return ", ".join(p for p in (person.role, person.agency) if p)


def conference_heading(conference: Conference) -> str:
    """``Initial conference, 24 November 2026``: used in footers and file names."""
    return f"{conference.kind.label}, {long_date(conference.scheduled_at.date())}"


def footer_line(conference: Conference) -> str:
    """Who and which conference; once signed off, the audit fingerprint of the sign-off,
    so every copy sent carries what ``cprecorder audit verify --against`` compares."""
    line = f"{conference.family_name} family · {conference_heading(conference)}"
    if conference.fingerprint:
        line += f" · Audit {conference.fingerprint}"
    return line


class People:
    """Looks people up by id, so exports work on a record whose session has closed."""

    def __init__(self, conference: Conference) -> None:
        self._by_id = {p.id: p for p in conference.people}

    def get(self, person_id: int | None) -> Person | None:
        return self._by_id.get(person_id) if person_id is not None else None

    def name(self, person_id: int | None, default: str = "") -> str:
        person = self.get(person_id)
        return person.name if person is not None else default

    def label(self, person_id: int | None, default: str = "") -> str:
        person = self.get(person_id)
        return person.label if person is not None else default

    def with_role(self, person_id: int | None) -> tuple[str, str]:
        person = self.get(person_id)
        if person is None:
            return "", ""
        return person.name, role_and_agency(person)
