"""The exported record's section for the agenda item ``worries``."""

from __future__ import annotations

from ...sharing import family_may_see
from ..blocks import Block, Bullets, Heading, Paragraph
from .base import SectionContext


def section(s: SectionContext) -> list[Block]:
    c = s.c
    shared = [w for w in c.worries if family_may_see(w)]
    headings = list(s.agenda.headings) if s.agenda else []
    known = {h.key for h in headings}
    blocks: list[Block] = []
    if c.reason_for_conference:
        blocks.append(Paragraph(c.reason_for_conference, lead="Why we are meeting: "))
    groups: list[tuple[str, list[str]]] = [
        (h.title, [worry_line(s, w) for w in shared if w.heading == h.key]) for h in headings
    ]
    others = [w for w in shared if w.heading not in known]
    if others:
        groups.append(("Other", [worry_line(s, w) for w in others]))
    for title, lines in groups:
        if lines:
            blocks += [Heading(title, 2), Bullets(tuple(lines))]
    return blocks


def worry_line(s: SectionContext, worry: object) -> str:
    text: str = getattr(worry, "text", "")
    who = s.people.name(getattr(worry, "contributor_id", None))
    return f"{text} ({who})" if who else text
