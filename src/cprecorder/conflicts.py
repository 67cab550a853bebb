"""Optimistic concurrency: a save based on words someone else has since changed is refused.

Every part of the record a person edits carries a ``revision`` that goes up by one each
time one of its fields is saved with a new value (moving an item up or down is not a
change of its words and leaves it alone). A save says which revision it was based on;
if the row has moved on, the save is refused with :class:`EditConflictError`, which
carries both versions and who made the other change, so the window (or the command
line) can offer: keep theirs, keep yours, or put both. Nothing is overwritten silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from .dates import clock_time, local_moment
from .errors import KnownError
from .model import AuditEntry
from .model.base import Base, Revised
from .model.conference import Conference

#: Columns whose change is not a change of what a person wrote.
NOT_WORDS = frozenset({"id", "position", "updated_at", "created_at", "revision"})
#: Where a session keeps the revisions it saved: (entity, id) → revision.
SAVED = "revisions_saved"


class EditConflictError(KnownError):
    """Someone else saved this part of the record after the words being saved were read."""

    def __init__(
        self,
        *,
        entity: str,
        entity_id: int,
        theirs: dict[str, Any],
        yours: dict[str, Any],
        by: str,
        at: dt.datetime | None,
        revision: int,
    ) -> None:
        self.entity = entity
        self.entity_id = entity_id
        self.theirs = theirs
        self.yours = yours
        self.by = by or "Someone else"
        self.at = at
        #: The row's revision now: a save based on it (keep yours, put both) goes through.
        self.revision = revision
        when = f" at {clock_time(local_moment(at))}" if at is not None else ""
        super().__init__(
            f"{self.by} changed this{when} while you were writing, so your words were not "
            "saved over theirs. Keep theirs, keep yours, or put both together."
        )

    def both(self, yours: dict[str, Any] | None = None) -> dict[str, Any]:
        """Theirs, then yours (``yours`` when given: the words as they are now, typed on
        after the save was refused), for each text field; yours for anything else."""
        merged: dict[str, Any] = {}
        for field, mine in (self.yours if yours is None else yours).items():
            other = self.theirs.get(field)
            if isinstance(mine, str) and isinstance(other, str) and other.strip():
                merged[field] = mine if other.strip() == mine.strip() else f"{other}\n\n{mine}"
            else:
                merged[field] = mine
        return merged


def words_changed(obj: Any) -> bool:
    """Whether a flush will save a new value in any field a person writes."""
    from .audit import differs, old_and_new

    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        if attr.key in NOT_WORDS:
            continue
        history = state.attrs[attr.key].history
        if history.has_changes() and differs(*old_and_new(history)):
            return True
    return False


def count_revisions(session: Session, _context: Any, _instances: Any) -> None:
    """Before a flush: each edited row's revision goes up once per saved change."""
    for obj in session.dirty:
        if isinstance(obj, Revised | Conference) and words_changed(obj):
            obj.revision = (obj.revision or 0) + 1


def note_revisions(session: Session, _context: Any) -> None:
    """After a flush: remember the revision of every row written, for the operation's report."""
    from .model.registry import entity_name

    saved: dict[tuple[str, int], int] = session.info.setdefault(SAVED, {})
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Revised | Conference) and isinstance(obj, Base):
            ident: Any = getattr(obj, "id", None)
            if ident is not None:
                saved[(entity_name(obj), int(ident))] = obj.revision or 0


def saved_revisions(session: Session) -> dict[tuple[str, int], int]:
    """Flush, then the revisions this unit of work has saved so far."""
    session.flush()
    return dict(session.info.get(SAVED, {}))


def revisions_in(session: Session) -> dict[tuple[str, int], int]:
    """The revision of every part of the record loaded in this session (a window's start)."""
    from .model.registry import ENTITIES, entity_name

    kinds = tuple(ENTITIES.values())
    return {
        (entity_name(obj), int(getattr(obj, "id", 0))): int(getattr(obj, "revision", 0) or 0)
        for obj in session.identity_map.values()
        if isinstance(obj, kinds)
    }


def check_revision(
    session: Session, obj: Base, *, entity: str, revision: int | None, values: dict[str, Any]
) -> None:
    """Refuse ``values`` if they were based on an older revision than the row has now."""
    from .audit import describe

    refuse_stale(
        based_on=revision,
        current=getattr(obj, "revision", None),
        entity=entity,
        entity_id=int(obj.id),  # type: ignore[attr-defined]
        target=describe(obj),
        theirs={field: getattr(obj, field) for field in values},
        yours=values,
        trail=lambda: nullcontext(session.connection()),
    )


def refuse_stale(
    *,
    based_on: int | None,
    current: int | None,
    entity: str,
    entity_id: int,
    target: str,
    theirs: dict[str, Any],
    yours: dict[str, Any],
    trail: Callable[[], AbstractContextManager[Connection]],
) -> None:
    """The revision rule, the one every save keeps (the ORM's unit of work and the
    autosave's few statements): values based on an older revision than ``current`` are
    refused, unless the row already holds exactly them (then there is nothing to choose
    between). ``trail`` gives a connection to read who saved last, only when refused."""
    if based_on is None or current is None or based_on == current:
        return
    if all(theirs[field] == value for field, value in yours.items()):
        return
    with trail() as connection:
        last = connection.execute(
            select(AuditEntry.actor, AuditEntry.login, AuditEntry.os_user, AuditEntry.at)
            .where(AuditEntry.target == target, AuditEntry.field.in_(list(yours)))
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).first()
    raise EditConflictError(
        entity=entity,
        entity_id=entity_id,
        theirs=theirs,
        yours=dict(yours),
        by=(last.actor or last.login or last.os_user) if last is not None else "",
        at=last.at if last is not None else None,
        revision=current,
    )
