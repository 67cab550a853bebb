"""What an operation reports: which part of which conference changed, and when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..model.base import utcnow


@dataclass(frozen=True)
class Change:
    """Every screen receives this after an operation and decides whether to refresh."""

    conference_id: int
    operation: str
    entity: str = ""
    entity_id: int | None = None
    fields: tuple[str, ...] = ()
    saved_at: dt.datetime = field(default_factory=utcnow)
    #: For a removal: the values needed to put the item back (undo).
    removed: dict[str, Any] | None = None
    #: For an update: the values saved, so a screen can show them without reading again.
    values: dict[str, Any] = field(default_factory=dict)
    #: The revision each row written now has, by (entity, id): the next save is based on it.
    revisions: dict[tuple[str, int], int] = field(default_factory=dict)
