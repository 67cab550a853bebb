"""The exported record's section for the agenda item ``danger``."""

from __future__ import annotations

from collections.abc import Sequence

from ..blocks import Block, Heading, Paragraph, Scale, Table
from .base import SectionContext, trimmed


def section(s: SectionContext) -> list[Block]:
    blocks: list[Block] = []
    for number, statement in enumerate(s.c.danger_statements, start=1):
        blocks += [
            Heading(f"Danger statement {number}", 2),
            Paragraph(statement.statement),
            Paragraph(statement.safety_goal, lead="Safety goal: "),
        ]
        if statement.goal_timescale:
            blocks.append(Paragraph(statement.goal_timescale, lead="For how long: "))
        scores = [(s.person_id, s.score, s.reason) for s in statement.scores]
        if scores:
            blocks += [
                Heading(f"Scaling of danger statement {number}", 3),
                Scale(s.marks(scores)),
                scores_table(s, scores),
            ]
    return blocks


def scores_table(s: SectionContext, scores: Sequence[tuple[int | None, int | None, str]]) -> Table:
    rows = []
    for person_id, score, reason in scores:
        name, role = s.people.with_role(person_id)
        rows.append((name, role, "" if score is None else str(score), reason))
    return trimmed(
        Table(("Name", "Role and agency", "Score", "Why"), tuple(rows), (2.6, 3.6, 1.2, 5.6))
    )
