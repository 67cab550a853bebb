"""The exported record's section for the agenda item ``demonstrating``."""

from __future__ import annotations

from ..blocks import Block, Bullets, Fields, Heading
from ..wording import long_date, yes_no
from .base import SectionContext


def section(s: SectionContext) -> list[Block]:
    c = s.c
    if c.childrens_version_shared_on is not None:
        shared = f"Yes, on {long_date(c.childrens_version_shared_on)}"
    else:
        shared = yes_no(c.childrens_version_shared)
    made = yes_no(c.childrens_version_made)
    made_with = c.childrens_version_made_with.strip()
    if made_with:  # words typed are never left out, ticked or not
        made = f"Yes, with {made_with}" if c.childrens_version_made else f"{made} ({made_with})"
    blocks: list[Block] = [
        Fields(
            (
                ("Children's version of the plan made", made),
                ("Shared with the children", shared),
            )
        )
    ]
    if c.demonstration_methods:
        blocks += [
            Heading("How the family will show the plan working", 2),
            Bullets(
                tuple(
                    f"{m.method.label}: {m.details}" if m.details else m.method.label
                    for m in c.demonstration_methods
                )
            ),
        ]
    return blocks
