"""Quoracy: at least two agencies besides children's social care and the chair.

Only professionals marked **present** count. A professional who sent a report
only (or apologies) informed the conference but did not take part in its
decision, and national guidance asks for agencies *in attendance*; counting
reports would let a conference of one social worker and two reports call
itself quorate. The chair may still go ahead inquorate and records why
(``Conference.inquorate_reason``).

Children's social care is recognised by agency name, after normalising case,
apostrophes and punctuation, against the list in the nation's rules file
(``[quoracy] social_care_names``): a name that contains one of those words is
social care ("Northshire Children's Social Care", "Childrens Social Care"),
unless it is for adults ("Adult Social Care" is another agency). A professional
with no agency recorded is counted by their role, so "GP" with the agency left
blank still counts, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Attendance, Conference, Person, PersonKind
from .nation import NationRules, load_rules

QUORUM = 2

_NOT_WORDS = re.compile(r"[^a-z0-9]+")


def normalise_agency(name: str) -> str:
    """Lower case, apostrophes dropped, every other mark a space: for comparing names."""
    text = name.casefold().replace("'", "").replace("’", "").replace("`", "")
    return " ".join(_NOT_WORDS.sub(" ", text).split())


def is_social_care(agency: str, rules: NationRules) -> bool:
    name = f" {normalise_agency(agency)} "
    if " adult " in name or " adults " in name:
        return False
    return any(f" {normalise_agency(known)} " in name for known in rules.social_care_names)


@dataclass(frozen=True)
class Quoracy:
    """Whether the conference was quorate, the agencies counted, and a sentence saying so."""

    quorate: bool
    agencies: tuple[str, ...]
    sentence: str


def _counts(person: Person, chair: str) -> bool:
    if person.kind is not PersonKind.PROFESSIONAL or person.attendance is not Attendance.PRESENT:
        return False
    if chair and normalise_agency(person.name) == normalise_agency(chair):
        return False
    return normalise_agency(person.role) not in {"chair", "conference chair"}


def check_quoracy(conference: Conference, rules: NationRules | None = None) -> Quoracy:
    """Count the agencies present; the first spelling of each agency is the one shown."""
    rules = rules if rules is not None else load_rules(conference.nation or "england")
    seen: dict[str, str] = {}
    for person in conference.people:
        if not _counts(person, conference.chair):
            continue
        shown = person.agency.strip() or person.role.strip()
        key = normalise_agency(shown)
        if not key or is_social_care(shown, rules):
            continue
        seen.setdefault(key, shown)
    agencies = tuple(seen.values())
    quorate = len(agencies) >= QUORUM
    if not agencies:
        sentence = (
            "The conference was not quorate: no agency besides children's social care "
            "and the chair was present."
        )
    elif quorate:
        sentence = (
            f"The conference was quorate: {len(agencies)} agencies besides children's "
            f"social care and the chair were present ({_listed(agencies)})."
        )
    else:
        sentence = (
            "The conference was not quorate: only one agency besides children's social "
            f"care and the chair was present ({agencies[0]}); at least {QUORUM} are needed."
        )
    return Quoracy(quorate=quorate, agencies=agencies, sentence=sentence)


def _listed(items: tuple[str, ...]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]
