"""Every part of a loaded record, and where its text is shown.

For Ctrl+F, for reopening where work stopped, for the audit trail's names and for
applying a saved change to the record on screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import String, Text

from ..model import Conference
from ..model.base import Base
from ..model.registry import ENTITIES, columns, editable_fields, entity_name
from ..sharing import family_may_see
from .items import CONFERENCE_FIELD_PANE, ENTITY_PANE

#: The classes of the parts that have a name in the registry.
NAMED = frozenset(ENTITIES.values())


@dataclass(frozen=True)
class TextPlace:
    pane: str
    entity: str
    entity_id: int
    field: str
    text: str
    confidential: bool


def record_parts(conference: Conference) -> Iterator[Base]:
    """Every part of a loaded record, the conference first, each once."""
    yield conference
    for child in conference.children:
        yield child
        if child.decision is not None:
            yield child.decision
            yield from child.decision.categories
        if child.childrens_plan is not None:
            yield child.childrens_plan
    for person in conference.people:
        yield person
        yield from person.relationships
    for statement in conference.danger_statements:
        yield statement
        yield from statement.scores
    for attr in (
        "worries",
        "safety_scores",
        "agency_views",
        "dissents",
        "plan_items",
        "timeline",
        "plan_network",
        "plan_rules",
        "demonstration_methods",
        "actions",
        "core_group_members",
        "core_group_meetings",
        "professionals_only",
        "addenda",
    ):
        yield from getattr(conference, attr)


def text_places(conference: Conference) -> list[TextPlace]:
    """Every piece of typed text in the record, with the pane that shows it."""
    places: list[TextPlace] = []
    for item in record_parts(conference):
        if type(item) not in NAMED:
            continue  # a part with no text of its own to find (a category, an addendum)
        name = entity_name(item)
        cols = columns(type(item))
        for field in editable_fields(type(item)):
            if not isinstance(cols[field].columns[0].type, String | Text):
                continue
            text = getattr(item, field)
            if not isinstance(text, str) or not text:
                continue
            pane = (
                CONFERENCE_FIELD_PANE.get(field, "")
                if name == "conference"
                else ENTITY_PANE.get(name, "")
            )
            if not pane:
                continue
            confidential = not family_may_see(item, field)
            places.append(
                TextPlace(
                    pane,
                    name,
                    int(getattr(item, "id")),  # noqa: B009 - every table has an id
                    field,
                    text,
                    confidential,
                )
            )
    return places


def free_text_only(entity: str, fields: tuple[str, ...] | list[str]) -> bool:
    """Whether every field is free text (a ``Text`` column), shown only where it is typed.

    Names, roles, agencies, attendance, dates and choices are shown in other panes too
    (as labels, choices, scorers, due dates); free text is not.
    """
    table = ENTITIES[entity].__table__ if entity in ENTITIES else None
    if table is None:
        return False
    for field in fields:
        column = table.columns.get(field)
        if column is None or not isinstance(column.type, Text):
            return False
    return True
