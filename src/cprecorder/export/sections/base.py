"""What every section of the exported record is written from: one conference, for one reader."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence

from ...agenda import load_agenda
from ...agenda.agenda import Agenda, AgendaFormatError
from ...journey.looking_back import LookingBack
from ...model import Conference, Person
from ...rules.authority import rules_in_force
from ...rules.nation import NationRules
from ...rules.timescales import Timescales, due_dates
from ..blocks import Block, ScaleMark, Table
from ..wording import People, about_children, relation_to_children


class Audience(enum.Enum):
    PROFESSIONALS = "professionals"
    FAMILY = "family"


class SectionContext:
    """The conference, who reads it, and what every section looks up in it."""

    def __init__(
        self,
        conference: Conference,
        audience: Audience,
        looking_back: LookingBack | None = None,
        rules: NationRules | None = None,
    ) -> None:
        self.c = conference
        self.audience = audience
        #: What the meetings before it say (what has changed since, scores over time).
        self.looking_back = looking_back
        self.rules = rules if rules is not None else rules_in_force(conference)
        self.due: Timescales = due_dates(conference, self.rules)
        self.people = People(conference)
        try:
            self.agenda: Agenda | None = load_agenda(conference.agenda_key)
        except AgendaFormatError:
            self.agenda = None

    def relation(self, person: Person, *, mid_sentence: bool = False) -> str:
        """``Grandmother``; ``Father of Isla``; ``Mother of Maisie; father of Leo``
        (``mother of Maisie; father of Leo`` mid-sentence)."""
        return relation_to_children(person, self.c, mid_sentence=mid_sentence)

    def about(self, child_ids: list[int]) -> str:
        """Which children an agency view or a dissent is about, in a sentence."""
        return about_children(self.c, child_ids)

    def marks(self, scores: Sequence[tuple[int | None, int | None, str]]) -> tuple[ScaleMark, ...]:
        """Each person's mark on a 0–10 scale, from (person, score, reason)."""
        return tuple(
            ScaleMark(score, self.people.name(person_id, "Unknown"))
            for person_id, score, _ in scores
            if score is not None
        )


#: A section: the blocks one agenda item writes (empty: nothing recorded for it).
Section = Callable[[SectionContext], list[Block]]


def trimmed(table: Table) -> Table:
    """The table without columns nobody filled in (the name column always stays)."""
    keep = [0] + [
        index
        for index in range(1, len(table.header))
        if any(index < len(row) and row[index].strip() for row in table.rows)
    ]
    if len(keep) == len(table.header):
        return table
    return Table(
        tuple(table.header[i] for i in keep),
        tuple(tuple(row[i] for i in keep) for row in table.rows),
        tuple(table.widths[i] for i in keep) if table.widths else (),
    )
