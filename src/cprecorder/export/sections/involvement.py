"""The exported record's section for the agenda item ``involvement``."""

from __future__ import annotations

from ...model import Child, PersonKind
from ..blocks import Block, Fields, Heading, Paragraph
from ..wording import long_date, yes_no
from .base import Audience, SectionContext


def section(s: SectionContext) -> list[Block]:
    c = s.c
    blocks: list[Block] = []
    for child in c.children:
        if child.unborn:
            blocks += unborn_involvement(s, child)
            continue
        part: list[Block] = []
        if child.views:
            part.append(Paragraph(child.views, quote=True))
        part.append(
            Fields(
                (
                    ("How they took part", participation(s, child)),
                    ("Notes", child.participation_notes),
                )
            )
        )
        if child.views or child.participation or child.participation_notes:
            blocks += [Heading(f"{child.name}'s views", 2), *part]
    blocks += parents_views(s)
    return blocks


def participation(s: SectionContext, child: Child) -> str:
    """The national code for the professionals; the family reads it in plain words."""
    if child.participation is None:
        return ""
    if s.audience is Audience.FAMILY:
        return child.participation.plain_label
    return child.participation.label


def unborn_involvement(s: SectionContext, child: Child) -> list[Block]:
    """An unborn child has no views to record: the expected date and the parents' plans."""
    pairs = (
        ("Expected", long_date(child.expected_on) or "Date not yet known"),
        ("The parents' plans", child.parents_plans),
        ("Notes", child.participation_notes),
    )
    return [Heading(child.name, 2), Fields(pairs)]


def parents_views(s: SectionContext) -> list[Block]:
    """Each parent's or carer's own views, and whether they agree the reports are right."""
    c = s.c
    blocks: list[Block] = []
    for person in c.people:
        if person.kind is PersonKind.PROFESSIONAL:
            continue
        if not (person.views or person.agrees_reports is not None or person.disagrees_with):
            continue
        relation = s.relation(person, mid_sentence=True)
        blocks.append(Heading(f"{person.name}'s views" + (f" ({relation})" if relation else ""), 2))
        if person.views:
            blocks.append(Paragraph(person.views, quote=True))
        blocks.append(
            Fields(
                (
                    ("Agrees the reports are factually correct", yes_no(person.agrees_reports)),
                    ("What they disagree with", person.disagrees_with),
                )
            )
        )
    if c.parents_views or c.parents_agree_reports is not None or c.parents_disagreement:
        # Recorded for both parents together, as records made before per-parent views were.
        blocks += [
            Heading("The parents' views, together", 2),
            Paragraph(c.parents_views) if c.parents_views else Paragraph("Not recorded."),
            Fields(
                (
                    (
                        "Parents agree the reports are factually correct",
                        yes_no(c.parents_agree_reports),
                    ),
                    ("What they disagree with", c.parents_disagreement),
                )
            ),
        ]
    return blocks
