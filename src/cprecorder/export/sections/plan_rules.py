"""The exported record's section for the agenda item ``plan_rules``."""

from __future__ import annotations

from ..blocks import Block, Fields, Heading
from .base import SectionContext


def section(s: SectionContext) -> list[Block]:
    blocks: list[Block] = []
    for rule in s.c.plan_rules:
        blocks += [
            Heading(rule.behaviour or "Plan rule", 2),
            Fields(
                (
                    ("What is working well", rule.working_well),
                    ("Stressors and triggers", rule.triggers),
                    ("Red flags", rule.red_flags),
                    ("Who will do what", rule.contingency),
                )
            ),
        ]
    return blocks
