"""The exported record's section for the agenda item ``summary``."""

from __future__ import annotations

from ..blocks import Block, Heading, Paragraph
from .base import SectionContext


def section(s: SectionContext) -> list[Block]:
    c = s.c
    blocks: list[Block] = []
    if c.chair_summary:
        blocks += [Heading("Summary", 2), Paragraph(c.chair_summary)]
    if c.decision_statement:
        blocks += [Heading("Decision", 2), Paragraph(c.decision_statement)]
    return blocks
