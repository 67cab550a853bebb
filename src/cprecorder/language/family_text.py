"""The text of a record that the family reads, and the jargon in it.

The family reads every part of the record that
:func:`cprecorder.sharing.family_may_see` allows; the rest is left out here. Each
finding names its place in the record (an entity name from
:data:`cprecorder.model.registry.ENTITIES`, the item's id and the field) so the
chair's review can list them and take the chair straight to the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import String, Text

from ..model import Conference
from ..model.base import Base
from ..model.registry import CONFERENCE_LISTS, NOT_EDITABLE, columns, entity_name
from ..sharing import family_may_see
from .jargon import JargonHit, JargonList, default_jargon

#: Text columns that hold keys or names of the system, not words anyone wrote.
NOT_WORDS = frozenset(
    {"heading", "nation", "agenda_key", "pictures", "category", "handed_over_by", "signed_off_by"}
)


@dataclass(frozen=True)
class TextPlace:
    """Where a piece of text lives: ``getattr(<item entity/id>, field)``."""

    entity: str
    item_id: int
    field: str


@dataclass(frozen=True)
class JargonFinding:
    place: TextPlace
    hit: JargonHit


def _text_fields(cls: type[Base]) -> list[str]:
    found = []
    for key, prop in columns(cls).items():
        if key in NOT_EDITABLE or key in NOT_WORDS:
            continue
        if isinstance(prop.columns[0].type, String | Text):
            found.append(key)
    return found


def _items(conference: Conference) -> Iterator[Base]:
    """Every part of the record the family may read, in the order of the agenda."""
    yield conference
    for name, attribute in CONFERENCE_LISTS.items():
        for item in getattr(conference, attribute):
            if not family_may_see(item):
                continue
            yield item
            if name == "child":
                if item.decision is not None:
                    yield item.decision
                if item.childrens_plan is not None:
                    yield item.childrens_plan
            elif name == "person":
                yield from item.relationships
            elif name == "danger_statement":
                yield from item.scores


def family_text(conference: Conference) -> Iterator[tuple[TextPlace, str]]:
    """Each non-empty text field the family reads, with its place."""
    fields_of: dict[type[Base], list[str]] = {}
    for item in _items(conference):
        cls = type(item)
        if cls not in fields_of:
            fields_of[cls] = _text_fields(cls)
        entity = entity_name(item)
        for field in fields_of[cls]:
            if not family_may_see(item, field):
                continue
            value = getattr(item, field)
            if isinstance(value, str) and value.strip():
                yield TextPlace(entity, int(getattr(item, "id")), field), value  # noqa: B009


def jargon_in_record(
    conference: Conference, jargon: JargonList | None = None
) -> list[JargonFinding]:
    """Every piece of jargon in text the family will read, in the order of the record."""
    terms = jargon if jargon is not None else default_jargon()
    return [
        JargonFinding(place, hit)
        for place, text in family_text(conference)
        for hit in terms.find(text)
    ]
