"""The exported record's section for the agenda item ``decision``."""

from __future__ import annotations

from ...rules.categories import category_word
from ..blocks import Block, Fields, Heading, Paragraph, Table
from ..wording import capitalised, categories, plan_label
from .base import SectionContext, trimmed


def section(s: SectionContext) -> list[Block]:
    c = s.c
    blocks: list[Block] = []
    for child in c.children:
        decision = child.decision
        if decision is None:
            continue
        pairs = [("Decision", plan_label(decision.plan_type))]
        if decision.category_keys:
            pairs.append(
                (
                    category_word(c.nation, len(decision.category_keys)),
                    categories(c, decision.category_keys),
                )
            )
        pairs.append(("Reasons", decision.reasons))
        pairs.append(("Lead social worker", s.people.name(child.lead_social_worker_id)))
        blocks += [Heading(child.name, 2), Fields(tuple(pairs))]
    if c.agency_views:
        rows = []
        for view in c.agency_views:
            name, role = s.people.with_role(view.person_id)
            who = f"{name} ({role})" if role else name
            rows.append(
                (
                    who,
                    capitalised(s.about(view.child_ids)),
                    plan_label(view.recommendation),
                    view.view,
                )
            )
        blocks += [
            Heading("What each agency thought", 2),
            trimmed(
                Table(
                    ("Agency", "About", "Recommended", "View"),
                    tuple(rows),
                    (3.6, 1.8, 2.4, 5.2),
                )
            ),
        ]
    if c.dissents:
        blocks.append(Heading("Dissent", 2))
        for dissent in c.dissents:
            name, role = s.people.with_role(dissent.person_id)
            who = f"{name} ({role})" if role else name or "A professional"
            blocks.append(
                Paragraph(
                    dissent.reasons,
                    lead=f"{who} disagreed with the decision for {s.about(dissent.child_ids)}: ",
                )
            )
    return blocks
