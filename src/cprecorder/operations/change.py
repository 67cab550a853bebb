"""What an operation reports: which part of which conference changed, how, and when.

The operation is one member of :class:`cprecorder.model.Operation`, the same name
the audit trail stores and the chair reads. The window hands the report to every
screen (through one dispatcher, in a fixed order); each decides from it whether
and how to refresh.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..model import Operation, Scope
from ..model.base import utcnow

#: Parts of the record whose changes change who is in the conference or their names.
PEOPLE_ENTITIES = frozenset({"person", "child", "child_relationship"})
#: Fields of the conference that name people (the header, the words never flagged).
PEOPLE_FIELDS = frozenset({"family_name", "chair", "minute_taker"})
#: Fields of a person or child whose words label them wherever they are shown.
NAME_FIELDS = frozenset({"name", "role", "agency", "first_name", "last_name"})


@dataclass(frozen=True)
class Change:
    """Every screen receives this after an operation and decides whether to refresh."""

    conference_id: int
    operation: Operation
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
    #: For an update: other parts it wrote, by (entity, id), with their new values (a
    #: children's plan that follows its child's corrected name).
    also: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    #: What the change touches beyond its own fields; worked out from the operation,
    #: the part and the fields when not given.
    scope: Scope = Scope.NONE
    #: The screen object (a pane, a field, a dialog) that asked for the change, so it can
    #: skip refreshing for its own edit. Set by the window; the core never sets it.
    initiator: object | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        scope = self.scope | self.operation.scope
        if self.entity in PEOPLE_ENTITIES or (
            self.entity == "conference" and PEOPLE_FIELDS.intersection(self.fields)
        ):
            scope |= Scope.PEOPLE
        object.__setattr__(self, "scope", scope)

    @property
    def structure(self) -> bool:
        """Parts were added, removed or reordered: a list showing them is out of date."""
        return bool(self.scope & Scope.STRUCTURE)

    @property
    def people(self) -> bool:
        """Who is in the conference, or what they are called, may have changed."""
        return bool(self.scope & Scope.PEOPLE)

    @property
    def lifecycle(self) -> bool:
        """The record's status changed: what may be done with it, and by whom."""
        return bool(self.scope & Scope.LIFECYCLE)
