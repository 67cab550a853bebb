"""The exported record's section for the agenda item ``professionals_only``."""

from __future__ import annotations

from ...sharing import family_may_see
from ..blocks import Block, Heading, Notice, Table, Tone
from .base import SectionContext

CONFIDENTIAL_WARNING = (
    "CONFIDENTIAL – PROFESSIONALS ONLY. This section must not be shared with the family "
    "or read out while they are present. It is left out of the family's version."
)


def section(s: SectionContext) -> list[Block]:
    """The only section that writes professionals-only notes or confidential worries."""
    c = s.c
    notes = c.professionals_only
    confidential = [w for w in c.worries if not family_may_see(w)]
    if not notes and not confidential:
        return []
    blocks: list[Block] = [Notice(CONFIDENTIAL_WARNING, Tone.CONFIDENTIAL)]
    if notes:
        blocks.append(
            Table(
                ("Source", "Information"),
                tuple((n.source, n.text) for n in notes),
                (1, 4),
            )
        )
    if confidential:
        titles = {h.key: h.title for h in s.agenda.headings} if s.agenda else {}
        blocks += [
            Heading("Confidential worries and strengths", 2),
            Table(
                ("Heading", "Information", "From"),
                tuple(
                    (
                        titles.get(w.heading, w.heading),
                        w.text,
                        s.people.name(w.contributor_id),
                    )
                    for w in confidential
                ),
                (1.4, 4, 1.4),
            ),
        ]
    blocks.append(Notice("End of the CONFIDENTIAL professionals-only section.", Tone.CONFIDENTIAL))
    return blocks
