"""The exported record's section for the agenda item ``actions``."""

from __future__ import annotations

from ...model import ActionFor
from ..blocks import Block, Heading, Table
from ..wording import long_date
from .base import SectionContext


def section(s: SectionContext) -> list[Block]:
    blocks: list[Block] = []
    for for_whom, title in (
        (ActionFor.PROFESSIONALS, "Actions for professionals"),
        (ActionFor.FAMILY, "Actions for the family and network"),
    ):
        rows = tuple(
            (
                a.what,
                s.people.label(a.owner_id, "Not yet agreed"),
                long_date(a.due_on) or "No date set",
                a.status.label,
            )
            for a in s.c.actions
            if a.for_whom is for_whom
        )
        if rows:
            blocks += [
                Heading(title, 2),
                Table(("What", "Who", "By when", "Status"), rows, (5.5, 4, 2.4, 1.4)),
            ]
    return blocks
