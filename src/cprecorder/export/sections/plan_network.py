"""The exported record's section for the agenda item ``plan_network``."""

from __future__ import annotations

from ..blocks import Block, Table
from ..wording import role_and_agency
from .base import SectionContext


def section(s: SectionContext) -> list[Block]:
    rows = []
    for member in s.c.plan_network:
        person = s.people.get(member.person_id)
        if person is None:
            rows.append(("", "", member.part))
            continue
        relation = s.relation(person)
        rows.append((person.name, relation or role_and_agency(person), member.part))
    if not rows:
        return []
    return [Table(("Name", "Who they are", "Their part in the plan"), tuple(rows), (2.5, 3, 6))]
