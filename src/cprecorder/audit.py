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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BindParameter,
    Update,
    bindparam,
    column,
    event,
    insert,
    inspect,
    select,
    table,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, object_session

from .actor import Actor
from .lifecycle import conference_id_of_row, conference_of
from .model import AuditEntry, Conference, EditingSession, Operation, RecordStatus
from .model.base import utcnow
from .model.conference import AUDIT_HEAD_COLUMNS, LOCKED_CASE_COLUMNS, short_fingerprint

#: Not changes to the record: the trail itself, and who has a conference open.
NOT_AUDITED = (AuditEntry, EditingSession)

HIDDEN_COLUMNS = (
    frozenset({"id", "position", "updated_at", "created_at", "revision"})
    | AUDIT_HEAD_COLUMNS
    | LOCKED_CASE_COLUMNS
)


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


def differs(old: Any, new: Any) -> bool:
    """Whether a field's new value is a change: the one test the trail and the revision
    use, whichever path saves (the values as the trail writes them)."""
    return as_text(old) != as_text(new)


def old_and_new(history: Any) -> tuple[Any, Any]:
    """A column's value before and after, from its history in the session."""
    return (
        history.deleted[0] if history.deleted else None,
        history.added[0] if history.added else None,
    )


def target_of(cls: type, ident: Any) -> str:
    """How the trail names a part of the record: ``Child#12``."""
    return f"{cls.__name__}#{ident if ident is not None else '?'}"


def describe(obj: Any) -> str:
    key = inspect(type(obj)).primary_key_from_instance(obj)
    return target_of(type(obj), key[0] if key else None)


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


def field_entries(
    actor: Actor,
    operation: Operation | None,
    conference_id: int | None,
    target: str,
    changes: Iterable[tuple[str, Any, Any]],
    *,
    at: dt.datetime,
) -> list[dict[str, Any]]:
    """The entries for ``(field, old, new)`` of one part of the record, one for each field
    that :func:`differs`, in the order given, before they are chained: whichever path saves
    (the ORM's flush, the autosave's statements) writes these."""
    return [
        audit_row(actor, operation, conference_id, target, field, as_text(old), as_text(new), at=at)
        for field, old, new in changes
        if differs(old, new)
    ]


def changes_in(session: Session) -> list[dict[str, Any]]:
    """Field-level changes in this flush, as audit rows without hashes."""
    actor: Actor = session.info.get("actor") or Actor.current()
    operation: Operation | None = session.info.get("operation")
    moved = session.info.get("moved")
    # A part above every meeting (the family's case) is audited in the meeting it was
    # changed from, which the operation names: by its id, or the meeting itself when the
    # case is made with it (its id is known once flushed, as now).
    named = session.info.get("made_in")
    made_in: int | None = named.id if isinstance(named, Conference) else named
    now = utcnow()
    rows: list[dict[str, Any]] = []

    def add(obj: Any, field: str, old: str | None, new: str | None) -> None:
        conference = conference_of(obj)
        conference_id = conference.id if conference is not None else made_in
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
            old, new = old_and_new(history)
            if differs(old, new):  # the test the autosave's field_entries makes too
                add(obj, attr.key, as_text(old), as_text(new))
    # Deleted rows come from the mapper hook: it also sees orphans removed by cascade,
    # which never appear in ``session.deleted``.
    for obj, conference_id in session.info.pop("audit_deleted", []):
        add(obj, "", json.dumps(column_values(obj), ensure_ascii=False, sort_keys=True), None)
        rows[-1]["conference_id"] = conference_id
    return rows


def deleted_row(_mapper: Any, connection: Connection, target: Any) -> None:
    """Note every deleted row (orphans included) with its conference, for the trail."""
    if isinstance(target, NOT_AUDITED):
        return
    session = object_session(target)
    if session is None:
        return
    conference_id = conference_id_of_row(connection, target)
    session.info.setdefault("audit_deleted", []).append((target, conference_id))


def write_note(
    session: Session,
    *,
    conference_id: int,
    operation: Operation,
    target: str,
    field: str = "",
    old_value: str | None = None,
    new_value: str | None = None,
) -> None:
    """An entry for something that changes no audited row (a released hold, an export)."""
    actor: Actor = session.info.get("actor") or Actor.current()
    row = audit_row(
        actor, operation, conference_id, target, field, old_value, new_value, at=utcnow()
    )
    write_chained(session.connection(), [row])


def write_audit(session: Session, _context: Any) -> None:
    """After the flush, new items have ids and the old values are still in history."""
    rows = changes_in(session)
    if rows:
        write_chained(session.connection(), rows)


def chain_head(connection: Connection, conference_id: int | None) -> tuple[str, int]:
    """The newest entry's hash and the number of entries, as the conference row keeps them.

    Read with ``FOR UPDATE`` where the database has it (PostgreSQL), so the next link is
    read by one writer at a time; SQLite's ``BEGIN IMMEDIATE`` already makes them take turns.
    """
    if conference_id is not None:
        row = connection.execute(
            select(Conference.audit_head_hash, Conference.audit_head_count)
            .where(Conference.id == conference_id)
            .with_for_update()
        ).first()
        if row is not None:
            return str(row[0] or ""), int(row[1] or 0)
    found = connection.execute(
        select(AuditEntry.hash)
        .where(AuditEntry.conference_id.is_(None))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).scalar()
    return found or "", 0


#: The conference row's chain head as the trail moves it: these columns only (no
#: updated_at is stamped, and a data officer's login may set just the head).
_HEAD = table(
    "conferences",
    column("id"),
    *(column(name) for name in sorted(AUDIT_HEAD_COLUMNS)),
)


def head_values(*, signs_off: bool = False) -> dict[str, BindParameter[Any]]:
    """The head's columns set from ``:new_head_hash`` and ``:new_head_count`` (and, at the
    sign-off, the head the record was signed at)."""
    moved: dict[str, BindParameter[Any]] = {
        "audit_head_hash": bindparam("new_head_hash"),
        "audit_head_count": bindparam("new_head_count"),
    }
    if signs_off:
        moved["signed_off_head_hash"] = bindparam("new_head_hash")
        moved["signed_off_head_count"] = bindparam("new_head_count")
    return moved


def move_head(*, signs_off: bool = False) -> Update:
    """The one statement that moves conference ``:head_conference``'s chain head."""
    return (
        update(_HEAD)
        .where(_HEAD.c.id == bindparam("head_conference"))
        .values(head_values(signs_off=signs_off))
    )


def link(rows: list[dict[str, Any]], head: str, count: int) -> dict[str, Any]:
    """Chain one conference's new rows after its head (``count`` entries so far): the
    head's new values, as :func:`move_head` and :func:`head_values` take them."""
    chain(rows, head)
    return {"new_head_hash": rows[-1]["hash"], "new_head_count": count + len(rows)}


def _signs_off(row: dict[str, Any]) -> bool:
    return bool(
        row["target"] == f"Conference#{row['conference_id']}"
        and row["field"] == "status"
        and row["new_value"] == RecordStatus.SIGNED_OFF.value
    )


def chain(rows: list[dict[str, Any]], head: str) -> list[dict[str, Any]]:
    """Link rows of one conference after the entry whose hash is ``head``, in order."""
    for row in rows:
        row["prev_hash"] = head
        row["hash"] = head = entry_hash(head, row)
    return rows


def write_chained(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Chain the rows onto their conferences' heads, and move the heads, in one transaction."""
    by_conference: dict[int | None, list[dict[str, Any]]] = {}
    for row in rows:
        by_conference.setdefault(row["conference_id"], []).append(row)
    moved: list[tuple[int, dict[str, Any], bool]] = []
    for key, own in by_conference.items():
        head, count = chain_head(connection, key)
        to = link(own, head, count)
        if key is not None:
            moved.append((key, to, any(map(_signs_off, own))))
    connection.execute(insert(AuditEntry), rows)
    for key, to, signs_off in moved:
        connection.execute(move_head(signs_off=signs_off), {**to, "head_conference": key})


@dataclass(frozen=True)
class ChainReport:
    """What Verify found: intact, or where the chain breaks and how."""

    entries: int
    broken_at: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return not self.problem

    def sentence(self) -> str:
        if self.intact:
            return (
                f"The audit trail is intact: {self.entries} entries, every link checked, "
                "and the newest is the one the record itself counts."
            )
        if self.broken_at is None:
            return f"The audit trail is broken: {self.problem}"
        return f"The audit trail is broken at entry {self.broken_at}: {self.problem}"


CHAINED_FIELDS = (
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


def verify_chain(session: Session, conference_id: int) -> ChainReport:
    """Every link, then the end: the trail's newest entry must be the head the conference
    row keeps, so cutting entries off the end is found as surely as changing one.
    """
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.conference_id == conference_id).order_by(AuditEntry.id)
    ).all()
    prev = ""
    for count, entry in enumerate(entries, start=1):
        row = {c: getattr(entry, c) for c in CHAINED_FIELDS}
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
    head = session.execute(
        select(Conference.audit_head_hash, Conference.audit_head_count).where(
            Conference.id == conference_id
        )
    ).first()
    if head is None:
        return ChainReport(len(entries))
    head_hash, head_count = str(head[0] or ""), int(head[1] or 0)
    if head_count > len(entries):
        missing = head_count - len(entries)
        return ChainReport(
            len(entries),
            None,
            f"the record counts {head_count} entries but only {len(entries)} are left: the "
            f"newest {missing} {'was' if missing == 1 else 'were'} removed.",
        )
    if head_count < len(entries):
        return ChainReport(
            len(entries),
            entries[head_count].id,
            f"the record counts {head_count} entries but there are {len(entries)}: entries "
            "were added outside CP Recorder.",
        )
    if head_hash != prev:
        return ChainReport(
            len(entries),
            entries[-1].id if entries else None,
            "the newest entry is not the one the record counts (the end of the trail was "
            "replaced).",
        )
    return ChainReport(len(entries))


@dataclass(frozen=True)
class DocumentCheck:
    """Whether a document sent out still agrees with the trail here."""

    matches: bool
    sentence: str


def check_fingerprint(
    session: Session, conference_id: int, head_hash: str, count: int
) -> DocumentCheck:
    """Compare the head printed on a document with the same entry of the trail here.

    A trail rewritten to hide a change (every hash recomputed) is intact on its own, but
    its entry at the document's count no longer has the document's hash.
    """
    report = verify_chain(session, conference_id)
    if not report.intact:
        return DocumentCheck(
            False, f"This record's trail cannot vouch for the document. {report.sentence()}"
        )
    shown = short_fingerprint(head_hash, count)
    entries = session.scalars(
        select(AuditEntry.hash)
        .where(AuditEntry.conference_id == conference_id)
        .order_by(AuditEntry.id)
    ).all()
    if not 1 <= count <= len(entries):
        return DocumentCheck(
            False,
            f"The document does not match this record: its audit fingerprint {shown} names "
            f"entry {count}, but the trail here has {len(entries)} entries. It is from "
            "another record, or this record's trail has been rewritten.",
        )
    if entries[count - 1] != head_hash:
        return DocumentCheck(
            False,
            f"The document does not match this record: it was exported with audit fingerprint "
            f"{shown}, but entry {count} of the trail here is "
            f"{short_fingerprint(entries[count - 1], count)}. The trail has been rewritten since "
            "the document was sent, or the document is from another record.",
        )
    return DocumentCheck(
        True,
        f"The document matches this record: its audit fingerprint {shown} is entry {count} "
        "of the trail here, and the trail is intact.",
    )


def listen_for_deletes() -> None:
    """Hook :func:`deleted_row` to every table once (mapper events are global)."""
    from .model import Base

    if not event.contains(Base, "after_delete", deleted_row):
        event.listen(Base, "after_delete", deleted_row, propagate=True)
