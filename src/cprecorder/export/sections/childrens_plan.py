"""The exported record's section for the agenda item ``childrens_plan``."""

from __future__ import annotations

from ..blocks import Block, Fields, Heading, Paragraph
from ..childrens_plan import has_a_childrens_plan, plan_written
from ..wording import joined
from .base import SectionContext


def section(s: SectionContext) -> list[Block]:
    blocks: list[Block] = []
    named: list[str] = []
    for child in s.c.children:
        plan = child.childrens_plan
        if plan is None or not has_a_childrens_plan(child):
            continue
        fields = Fields(
            (
                ("Why people are worried", plan.worries),
                ("My safety people", plan.safety_people),
                ("What will happen", plan.what_will_happen),
                ("If I feel unsafe", plan.if_unsafe),
                ("Who I can talk to", plan.who_to_talk_to),
            )
        )
        if not any(v for _, v in fields.pairs):
            continue
        name = child.first_name or child.name
        named.append(name)
        blocks += [Heading(f"{name}'s plan", 2), fields]
        if not plan_written(child):
            blocks.append(
                Paragraph(
                    f"These are the words {name}'s plan was started with; it has not yet "
                    f"been written for {name}."
                )
            )
    if blocks:
        blocks.insert(0, Paragraph(f"The words of the children's plan for {joined(named)}."))
    return blocks
