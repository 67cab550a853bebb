"""The exported record's section for the agenda item ``plan``."""

from __future__ import annotations

from ...model import PlanSection
from ..blocks import Block, Bullets, Heading, Table
from ..wording import long_date
from .base import SectionContext


def section(s: SectionContext) -> list[Block]:
    c = s.c
    blocks: list[Block] = []
    immediate = tuple(i.text for i in c.plan_items if i.section is PlanSection.IMMEDIATE_SAFETY)
    bottom = tuple(i.text for i in c.plan_items if i.section is PlanSection.BOTTOM_LINE)
    if immediate:
        blocks += [Heading("Immediate safety: what happens from today", 2), Bullets(immediate)]
    if bottom:
        blocks += [Heading("Bottom lines: what must and must not happen", 2), Bullets(bottom)]
    if c.timeline:
        blocks += [
            Heading("Timeline: what needs to happen by when", 2),
            Table(
                ("What", "By when"),
                tuple((t.what, long_date(t.by_when) or "No date set") for t in c.timeline),
                (4, 1.4),
            ),
        ]
    return blocks
