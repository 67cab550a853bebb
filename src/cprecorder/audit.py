"""The audit trail: every change, who made it and when, chained by SHA-256.

Entries are written by a session hook, so an operation cannot forget them. Each
entry's hash covers its content and the hash of the conference's previous
entry: changing or deleting any row breaks the chain from that row on.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ScalarSelect, event, insert, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, object_session

from .actor import Actor
from .conference_lock import lock_chain
from .lifecycle import conference_of
from .model import AuditEntry, EditingSession, Operation
from .model.base import utcnow

#: Not changes to the record: the trail itself, and who has a conference open.
NOT_AUDITED = (AuditEntry, EditingSession)

HIDDEN_COLUMNS = frozenset({"id", "position", "updated_at", "created_at", "revision"})


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def entry_hash(prev_hash: str, row: dict[str, Any]) -> str:
    payload = json.dumps(
        [
            prev_hash,
            row["conference_id"],
            as_text(row["at"]),
            row["os_user"],
            row["actor"],
            row["role"],
            row["operation"],
            row["target"],
            row["field"],
            row["old_value"],
            row["new_value"],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def describe(obj: Any) -> str:
    key = inspect(type(obj)).primary_key_from_instance(obj)
    return f"{type(obj).__name__}#{key[0] if key and key[0] is not None else '?'}"


def column_values(obj: Any) -> dict[str, str | None]:
    mapper = inspect(type(obj))
    return {
        c.key: as_text(getattr(obj, c.key))
        for c in mapper.column_attrs
        if c.key not in HIDDEN_COLUMNS
    }


def audit_row(
    actor: Actor,
    operation: Operation | None,
    conference_id: int | None,
    target: str,
    field: str,
    old: str | None,
    new: str | None,
    *,
    at: dt.datetime,
) -> dict[str, Any]:
    """One entry of the trail, before it is chained."""
    return {
        "conference_id": conference_id,
        "at": at,
        "os_user": actor.os_user,
        "login": "",  # the database login, set by the team server's trigger
        "actor": actor.name,
        "role": actor.role.value,
        # The stored name of the operation (``Operation.stored``), "" for none.
        "operation": str(operation or ""),
        "target": target,
        "field": field,
        "old_value": old,
        "new_value": new,
    }


def changes_in(session: Session) -> list[dict[str, Any]]:
    """Field-level changes in this flush, as audit rows without hashes."""
    actor: Actor = session.info.get("actor") or Actor.current()
    operation: Operation | None = session.info.get("operation")
    moved = session.info.get("moved")
    now = utcnow()
    rows: list[dict[str, Any]] = []

    def add(obj: Any, field: str, old: str | None, new: str | None) -> None:
        conference = conference_of(obj)
        conference_id = conference.id if conference is not None else None
        rows.append(
            audit_row(actor, operation, conference_id, describe(obj), field, old, new, at=now)
        )

    for obj in session.new:
        if isinstance(obj, NOT_AUDITED):
            continue
        add(obj, "", None, json.dumps(column_values(obj), ensure_ascii=False, sort_keys=True))
    for obj in session.dirty:
        if isinstance(obj, NOT_AUDITED):
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            if attr.key in HIDDEN_COLUMNS and not (attr.key == "position" and obj is moved):
                continue  # a move is audited as the moved item's new place, once
            history = state.attrs[attr.key].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if as_text(old) == as_text(new):
                continue
            add(obj, attr.key, as_text(old), as_text(new))
    # Deleted rows come from the mapper hook: it also sees orphans removed by cascade,
    # which never appear in ``session.deleted``.
    for obj, conference_id in session.info.pop("audit_deleted", []):
        add(obj, "", json.dumps(column_values(obj), ensure_ascii=False, sort_keys=True), None)
        rows[-1]["conference_id"] = conference_id
    return rows


#: For rows without a conference_id column: which parent table holds it.
PARENT_OF = (
    ("danger_statement_id", "danger_statements"),
    ("person_id", "people"),
    ("child_id", "children"),
)


def deleted_row(_mapper: Any, connection: Connection, target: Any) -> None:
    """Note every deleted row (orphans included) with its conference, for the trail."""
    if isinstance(target, NOT_AUDITED):
        return
    session = object_session(target)
    if session is None:
        return
    conference_id = getattr(target, "conference_id", None)
    if conference_id is None:
        conference = conference_of(target)
        conference_id = conference.id if conference is not None else None
    if conference_id is None:
        for column, table in PARENT_OF:
            parent = getattr(target, column, None)
            if parent is not None:
                conference_id = connection.execute(
                    text(f"SELECT conference_id FROM {table} WHERE id = :id"), {"id": parent}
                ).scalar()
                break
    if conference_id is None and getattr(target, "decision_id", None) is not None:
        conference_id = connection.execute(
            text(
                "SELECT c.conference_id FROM child_decisions d JOIN children c "
                "ON c.id = d.child_id WHERE d.id = :id"
            ),
            {"id": target.decision_id},
        ).scalar()
    session.info.setdefault("audit_deleted", []).append((target, conference_id))


def write_note(
    session: Session,
    *,
    conference_id: int,
    operation: Operation,
    target: str,
    old_value: str | None = None,
    new_value: str | None = None,
) -> None:
    """An entry for something that changes no audited row (a released hold)."""
    actor: Actor = session.info.get("actor") or Actor.current()
    row = audit_row(actor, operation, conference_id, target, "", old_value, new_value, at=utcnow())
    write_chained(session.connection(), [row])


def write_audit(session: Session, _context: Any) -> None:
    """After the flush, new items have ids and the old values are still in history."""
    rows = changes_in(session)
    if rows:
        write_chained(session.connection(), rows)


def last_hash(connection: Connection, conference_id: int | None) -> str:
    if conference_id is not None:
        return connection.execute(select(newest_hash(conference_id))).scalar() or ""
    found = connection.execute(
        select(AuditEntry.hash)
        .where(AuditEntry.conference_id.is_(None))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).scalar()
    return found or ""


def newest_hash(conference_id: Any) -> ScalarSelect[str]:
    """The hash of a conference's newest entry (the chain's next link), as a subquery."""
    return (
        select(AuditEntry.hash)
        .where(AuditEntry.conference_id == conference_id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def chain(rows: list[dict[str, Any]], head: str) -> list[dict[str, Any]]:
    """Link rows of one conference after the entry whose hash is ``head``, in order."""
    for row in rows:
        row["prev_hash"] = head
        row["hash"] = head = entry_hash(head, row)
    return rows


def write_chained(connection: Connection, rows: list[dict[str, Any]]) -> None:
    by_conference: dict[int | None, list[dict[str, Any]]] = {}
    for row in rows:
        by_conference.setdefault(row["conference_id"], []).append(row)
    for key, own in by_conference.items():
        lock_chain(connection, key)  # the next link is read by one writer at a time
        chain(own, last_hash(connection, key))
    connection.execute(insert(AuditEntry), rows)


@dataclass(frozen=True)
class ChainReport:
    """What Verify found: intact, or the first entry where the chain breaks."""

    entries: int
    broken_at: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None

    def sentence(self) -> str:
        if self.intact:
            return f"The audit trail is intact: {self.entries} entries, every link checked."
        return f"The audit trail is broken at entry {self.broken_at}: {self.problem}"


def verify_chain(session: Session, conference_id: int) -> ChainReport:
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.conference_id == conference_id).order_by(AuditEntry.id)
    ).all()
    prev = ""
    for count, entry in enumerate(entries, start=1):
        row = {
            c: getattr(entry, c)
            for c in (
                "conference_id",
                "at",
                "os_user",
                "actor",
                "role",
                "operation",
                "target",
                "field",
                "old_value",
                "new_value",
            )
        }
        if entry.prev_hash != prev:
            return ChainReport(
                count,
                entry.id,
                "it does not follow the entry before it (an entry was removed or reordered).",
            )
        if entry_hash(prev, row) != entry.hash:
            return ChainReport(
                count,
                entry.id,
                "its content does not match its hash (the entry was changed after it was written).",
            )
        prev = entry.hash
    return ChainReport(len(entries))


def listen_for_deletes() -> None:
    """Hook :func:`deleted_row` to every table once (mapper events are global)."""
    from .model import Base

    if not event.contains(Base, "after_delete", deleted_row):
        event.listen(Base, "after_delete", deleted_row, propagate=True)
