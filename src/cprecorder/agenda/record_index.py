"""Where each part of the record is shown, for Ctrl+F and for reopening where work stopped."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import String, Text

from ..model import Conference
from ..model.base import Base
from ..model.registry import columns, editable_fields, entity_name
from .places import CONFERENCE_FIELD_PANE, ENTITY_PANE


@dataclass(frozen=True)
class TextPlace:
    pane: str
    entity: str
    entity_id: int
    field: str
    text: str
    confidential: bool


def _items(conference: Conference) -> Iterator[Base]:
    yield conference
    for child in conference.children:
        yield child
        if child.decision is not None:
            yield child.decision
        if child.childrens_plan is not None:
            yield child.childrens_plan
    for person in conference.people:
        yield person
        yield from person.relationships
    yield from conference.worries
    for statement in conference.danger_statements:
        yield statement
        yield from statement.scores
    for attr in (
        "safety_scores",
        "agency_views",
        "dissents",
        "plan_items",
        "timeline",
        "plan_network",
        "plan_rules",
        "demonstration_methods",
        "actions",
        "core_group_meetings",
        "professionals_only",
    ):
        yield from getattr(conference, attr)


def text_places(conference: Conference) -> list[TextPlace]:
    """Every piece of typed text in the record, with the pane that shows it."""
    places: list[TextPlace] = []
    for item in _items(conference):
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
            confidential = name == "professionals_only_note" or bool(
                getattr(item, "confidential", False)
            )
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
