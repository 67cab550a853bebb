"""The exported record's section for the agenda item ``safety_scale``."""

from __future__ import annotations

from ..blocks import Block, Paragraph, Scale, Table
from .base import SectionContext, trimmed


def section(s: SectionContext) -> list[Block]:
    scores = s.c.safety_scores
    if not scores:
        return []
    marked = [m.score for m in scores if m.score is not None]
    blocks: list[Block] = [
        Paragraph(
            "Everyone scaled the children's safety from 0 (no safety) to 10 "
            "(safe enough to close the case)."
            + (f" Scores ran from {min(marked)} to {max(marked)}." if marked else "")
        ),
        Scale(s.marks([(m.person_id, m.score, m.reason) for m in scores])),
    ]
    rows = []
    for mark in scores:
        name, role = s.people.with_role(mark.person_id)
        score = "" if mark.score is None else str(mark.score)
        rows.append((name, role, score, mark.reason, mark.one_point_up))
    blocks.append(
        trimmed(
            Table(
                ("Name", "Role and agency", "Score", "Why", "What would move it one point up"),
                tuple(rows),
                (2.4, 3, 1.1, 3.5, 3.5),
            )
        )
    )
    return blocks
