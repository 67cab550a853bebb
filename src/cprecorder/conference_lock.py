"""One writer at a time per conference, enforced by the database.

Where order matters (the audit chain's next link, a list's positions and limits, the
lifecycle: no save may commit after the sign-off, no sign-off while a save that read
the draft is still open), every operation that changes a conference first takes that
conference's lock, then reads:

* on PostgreSQL a row lock on the conference (``SELECT … FOR UPDATE``), held to the end
  of the transaction; a second writer waits for it, then reads what the first committed;
* on SQLite the store's ``BEGIN IMMEDIATE`` already holds the whole database for writing,
  so the same call only reads the conference.

A safety net (:func:`refuse_unlocked_writes`) refuses a flush that changes a conference
whose lock the session has not taken, so an operation cannot forget it (a signed-off
conference's is refused with the lock's own sentence, as the mapper check would).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ScalarSelect, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from .lifecycle import conference_of, refuse_if_stored_as_signed_off
from .model import (
    ChildDecision,
    ChildRelationship,
    ChildrensPlan,
    Conference,
    DangerScore,
    DecisionCategory,
    Person,
)
from .model.assessment import DangerStatement
from .model.base import Base
from .model.family import Child

#: Parts of the record without a ``conference_id``: the column that leads to their parent.
PARENT: dict[type[Base], tuple[InstrumentedAttribute[int], type[Base]]] = {
    DangerScore: (DangerScore.danger_statement_id, DangerStatement),
    ChildDecision: (ChildDecision.child_id, Child),
    ChildRelationship: (ChildRelationship.person_id, Person),
    ChildrensPlan: (ChildrensPlan.child_id, Child),
    DecisionCategory: (DecisionCategory.decision_id, ChildDecision),
}

LOCKED = "conferences_locked"


def conference_id_query(cls: type[Base], entity_id: Any) -> ScalarSelect[Any]:
    """The conference of one row, as a scalar subquery, however deep the row sits."""
    if cls is Conference:
        return select(Conference.id).where(Conference.id == entity_id).scalar_subquery()
    if cls in PARENT:
        column, parent = PARENT[cls]
        ident: Any = cls.id  # type: ignore[attr-defined]
        return conference_id_query(
            parent, select(column).where(ident == entity_id).scalar_subquery()
        )
    ident = cls.id  # type: ignore[attr-defined]
    owner: Any = cls.conference_id  # type: ignore[attr-defined]
    return select(owner).where(ident == entity_id).scalar_subquery()


def lock_conference(session: Session, conference_id: int) -> Conference | None:
    """Wait for and take the conference's lock, then read it as committed."""
    query = (
        select(Conference)
        .where(Conference.id == conference_id)
        .execution_options(populate_existing=True)
    )
    if session.get_bind().dialect.name != "sqlite":
        query = query.with_for_update(of=Conference)
    conference = session.scalars(query).one_or_none()
    session.info.setdefault(LOCKED, set()).add(conference_id)
    return conference


def lock_conference_of(session: Session, cls: type[Base], entity_id: int) -> int | None:
    """Take the lock of the conference a row belongs to; its id, or None if the row is gone."""
    conference_id = session.execute(select(conference_id_query(cls, entity_id))).scalar()
    if conference_id is None:
        return None
    lock_conference(session, int(conference_id))
    return int(conference_id)


def refuse_unlocked_writes(session: Session, _context: Any, _instances: Any) -> None:
    """A change to an existing conference without its lock is a bug in an operation."""
    if session.get_bind().dialect.name == "sqlite":
        return  # the whole database is held by BEGIN IMMEDIATE
    locked: set[int] = session.info.get(LOCKED, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        conference = conference_of(obj)
        if conference is None or conference.id is None or conference.id in locked:
            continue
        if conference in session.new:
            continue  # a conference being created: nobody else can see it yet
        # A signed-off record is refused in words first: that is what the person meets.
        refuse_if_stored_as_signed_off(session.connection(), conference.id)
        raise RuntimeError(
            f"{type(obj).__name__} of conference {conference.id} changed without the "
            "conference's lock (call lock_conference first)"
        )
