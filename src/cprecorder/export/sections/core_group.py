"""The exported record's section for the agenda item ``core_group``."""

from __future__ import annotations

import datetime as dt

from ..blocks import Block, Heading, Paragraph, Table
from ..wording import weekday_date
from .base import SectionContext


def section(s: SectionContext) -> list[Block]:
    c = s.c
    blocks: list[Block] = []
    if c.core_group_members:
        rows = []
        for member in c.core_group_members:
            name, role = s.people.with_role(member.person_id)
            rows.append((name, role))
        blocks += [
            Heading("Core group members", 2),
            Table(("Name", "Role"), tuple(rows), (1, 1.6)),
        ]
    if c.core_group_meetings:
        blocks += [
            Heading("Core group meetings", 2),
            Table(
                ("Date", "Notes"),
                tuple((weekday_or_unset(m.meets_on), m.notes) for m in c.core_group_meetings),
                (1, 1.6),
            ),
        ]
    if c.review_conference_on:
        blocks.append(
            Paragraph(weekday_or_unset(c.review_conference_on), lead="Review conference: ")
        )
    return blocks


def weekday_or_unset(day: dt.date | None) -> str:
    return weekday_date(day) or "Date not yet set"
