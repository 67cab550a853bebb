"""How dates, names and lists are written in every document: British, plain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .. import dates
from ..model import Child, Conference, Person, PlanType
from ..rules.categories import category_label


def long_date(day: dt.date | None) -> str:
    """``24 November 2026`` (:func:`cprecorder.dates.long_date`); empty when there is no date."""
    return "" if day is None else dates.long_date(day)


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
    """``Emotional abuse and neglect``: one phrase, capital only at its start."""
    labels = [category_label(conference.nation, k) for k in keys]
    return joined([*labels[:1], *(in_sentence(label) for label in labels[1:])], "and")


def in_sentence(words: str) -> str:
    """A label as it reads mid-sentence: "Neglect" → "neglect"; "GP" and "PN5" stay."""
    first = words.split(" ", 1)[0]
    if len(first) > 1 and (first.isupper() or any(ch.isdigit() for ch in first)):
        return words
    return words[:1].lower() + words[1:]


def child_born(child: Child) -> str:
    if child.unborn:
        expected = long_date(child.expected_on)
        return f"Expected {expected}" if expected else "Unborn"
    return long_date(child.date_of_birth)


def child_first_name(child: Child) -> str:
    """How a sentence names a child: "Isla"; "the unborn baby" until named."""
    if child.first_name.strip():
        return child.first_name.strip()
    return "the unborn baby" if child.unborn else child.name


def children_names(conference: Conference) -> str:
    return joined(child_first_name(c) for c in conference.children)


def children_in_full(conference: Conference) -> str:
    """``Isla Marlowe, Rory Marlowe and unborn baby Marlowe (not yet named)``: full names,
    a baby not yet named without a capital in the middle of the list."""
    names = [
        child.name if index == 0 or child.first_name.strip() else in_sentence(child.name)
        for index, child in enumerate(conference.children)
    ]
    return joined(names)


def about_children(conference: Conference, child_ids: Iterable[int]) -> str:
    """Which children something is about: "Isla and Rory"; "all the children" for none."""
    wanted = set(child_ids)
    names = [child_first_name(c) for c in conference.children if c.id in wanted]
    if not names or len(names) == len(conference.children) > 1:
        return "all the children" if len(conference.children) > 1 else children_names(conference)
    return joined(names)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def relation_to_children(
    person: Person, conference: Conference, *, mid_sentence: bool = False
) -> str:
    """How a person relates to the children, saying to which when not to all of them.

    "Mother" (to every child); "Father of Isla"; "Isla and Rory's mother's
    partner"; "Mother of Isla; grandmother of Rory" when it differs by child (one
    phrase, so only its start has a capital). ``mid_sentence``: as it reads after a
    name, "Chloe Marlowe's views (mother)", with no capital but the children's names.
    """
    order = {child.id: index for index, child in enumerate(conference.children)}
    names = {child.id: child_first_name(child) for child in conference.children}
    groups: dict[str, tuple[str, list[int]]] = {}
    for link in sorted(person.relationships, key=lambda r: order.get(r.child_id, len(order))):
        words = link.relationship_to_child.strip()
        if not words or link.child_id not in names:
            continue
        _, ids = groups.setdefault(words.casefold(), (words, []))
        ids.append(link.child_id)
    if len(groups) == 1:
        words, ids = next(iter(groups.values()))
        if len(ids) == len(conference.children):
            return in_sentence(words) if mid_sentence else capitalised(words)
    phrases = []
    for words, ids in groups.values():
        whom = joined(names[i] for i in ids)
        if "'s " in words or "’s " in words:
            phrases.append(f"{whom}'s {in_sentence(words)}")
        else:
            phrases.append(f"{in_sentence(words)} of {whom}")
    text = "; ".join(phrases)
    return text if mid_sentence else capitalised(text)


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
