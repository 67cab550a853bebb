"""The exported record's section for the agenda item ``family``."""

from __future__ import annotations

import datetime as dt

from ...model import Person, PersonKind
from ...rules.quoracy import check_quoracy
from ...rules.timescales import report_expected
from ..blocks import Block, Heading, Paragraph, Table
from ..wording import child_born, long_date, role_and_agency
from .base import SectionContext, trimmed


def section(s: SectionContext) -> list[Block]:
    c = s.c
    blocks: list[Block] = []
    if c.children:
        blocks += [
            Heading("The children", 2),
            trimmed(
                Table(
                    ("Name", "Date of birth", "Gender", "Ethnicity", "Language", "Needs"),
                    tuple(
                        (
                            child.name,
                            child_born(child),
                            child.gender,
                            child.ethnicity,
                            child.language,
                            child.needs,
                        )
                        for child in c.children
                    ),
                    (3, 2.4, 1.4, 2, 1.8, 3),
                )
            ),
        ]
    network = [p for p in c.people if p.kind is not PersonKind.PROFESSIONAL]
    if network:
        rows = []
        for person in network:
            kind = "Family" if person.kind is PersonKind.FAMILY else "Network"
            called = person.known_as.strip()
            rows.append(
                (
                    f"{person.name} (the children say {called})" if called else person.name,
                    kind,
                    s.relation(person) or person.role,
                    person.household.label if person.household else "",
                )
            )
        blocks += [
            Heading("Family and network", 2),
            trimmed(
                Table(
                    ("Name", "Family or network", "Relationship", "Lives"),
                    tuple(rows),
                    (3, 2, 4.6, 2.4),
                )
            ),
        ]
    if c.people:
        attendance = tuple(
            (
                person.name,
                role_and_agency(person),
                person.attendance.label,
                person.joined_by.label if person.joined_by else "",
                report(s, person),
            )
            for person in c.people
        )
        blocks += [
            Heading("Attendance", 2),
            *quoracy(s),
            trimmed(
                Table(
                    ("Name", "Role and agency", "Attendance", "Joined by", "Report"),
                    attendance,
                    (2.6, 3.2, 1.9, 1.6, 3.6),
                )
            ),
        ]
    return blocks


def report(s: SectionContext, person: Person) -> str:
    """``Received 9 November, due 6 November: late; not shared with the family first``."""
    if not report_expected(person) and person.report_received_on is None:
        return ""
    due_on = s.due.reports_due_on
    received = person.report_received_on
    if received is None:
        return f"Not received (due {short_date(s, due_on)})"
    words = f"Received {short_date(s, received)}, due {short_date(s, due_on)}"
    words += ": late" if received > due_on else ": on time"
    shared = "shared" if person.report_shared_with_family else "not shared"
    return f"{words}; {shared} with the family first"


def short_date(s: SectionContext, day: dt.date) -> str:
    """``9 November``, with the year only when it is not the conference's."""
    if day.year == s.due.conference_on.year:
        return f"{day.day} {day:%B}"
    return long_date(day)


def quoracy(s: SectionContext) -> list[Block]:
    c = s.c
    quoracy = check_quoracy(c, s.rules)
    if quoracy.quorate:
        return [Paragraph(quoracy.sentence)]
    reason = c.inquorate_reason.strip()
    if reason:
        return [
            Paragraph(quoracy.sentence),
            Paragraph(reason, lead="The chair went ahead because: "),
        ]
    return [Paragraph(f"{quoracy.sentence} The chair's reason for going ahead is not recorded.")]
