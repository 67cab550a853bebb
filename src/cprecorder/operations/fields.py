"""Saving fields of one part of the record in as few statements as the database allows.

This is the autosave: a person types, and every second or so the words of one field go
to the database. :func:`cprecorder.operations.update` sends a plain value (words, a date,
a choice, a number) of a part's own row here; a reference to a person or child, and an
agenda heading, take the ORM path, which checks them against the rest of the record.

The same rules hold as on the ORM path, each from the one function both paths call (a
test runs every refusal through both, ``tests/unit/test_save_paths_agree.py``): the
conference's lock first (:mod:`cprecorder.conference_lock`); nothing changed after
sign-off or withdrawal (:func:`cprecorder.lifecycle.refuse_if_locked`), said before the
revision check (:func:`cprecorder.conflicts.refuse_stale`); nothing saved into a store
opened for reading only (:meth:`cprecorder.store.Store.refuse_if_read_only`); one audit
entry for each field that changed (:func:`cprecorder.audit.field_entries`), chained to
the head the conference row keeps and the head moved with it
(:func:`cprecorder.audit.link`, :func:`cprecorder.audit.move_head`); the revision
counted once per save that changes something. What a save sends:

* SQLite, one process's own file: ``BEGIN IMMEDIATE`` (which holds the database, so it
  is the lock); one read of the row, its conference's status and the chain's head; one
  ``UPDATE``; one ``INSERT``; one ``UPDATE`` of the head (folded into the first for a
  conference's own fields); ``COMMIT``.
* PostgreSQL, over the network: the conference's row lock (``SELECT … FOR UPDATE``) and
  the same read, sent together (one round trip: the read runs after the lock is taken,
  so it sees whatever the lock's previous holder committed); one statement that updates
  the row, moves the head and appends to the trail (``WITH … UPDATE … INSERT``);
  ``COMMIT``. Three round trips, as many as a bare ``UPDATE`` and ``COMMIT`` take with
  the driver's ``BEGIN``.

The statements are made by SQLAlchemy once for each part and set of fields, and sent on
the driver's own connection: no ORM object is built and nothing is read twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, closing, contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, Table, bindparam, insert, select, update
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql import ClauseElement, FromClause
from sqlalchemy.sql.compiler import SQLCompiler

from ..actor import Actor
from ..audit import field_entries, head_values, link, move_head, target_of
from ..conference_lock import PARENT, conference_id_query
from ..conflicts import refuse_stale
from ..errors import NotFoundError
from ..lifecycle import refuse_if_locked
from ..model import AuditEntry, Conference, Operation, RecordStatus
from ..model.base import Base, utcnow
from ..model.registry import columns
from ..store import Store
from .change import Change

Processor = Callable[[Any], Any] | None


def save_fields(
    store: Store,
    *,
    actor: Actor,
    entity: str,
    cls: type[Base],
    entity_id: int,
    values: dict[str, Any],
    revision: int | None,
) -> Change:
    """Set checked plain values of one row: the ORM path's rules, in the fewest statements."""
    sql = statements(store.engine.dialect, cls, tuple(values))
    with store.write_directly() as connection, closing(connection.cursor()) as cursor:
        with _together(connection), closing(connection.cursor()) as locking:
            if sql.lock is not None:
                sql.lock.send(locking, {"row": entity_id})
            sql.read.send(cursor, {"row": entity_id})
        found = cursor.fetchone()
        if found is None:
            raise NotFoundError.of_part(entity)
        current, conference_id, status, family_name, signed_off_by, head, count, *old = found
        # Refused even when nothing would change, as on the ORM path: the answer to a
        # save into a signed-off record is always that it is signed off, stale or not.
        refuse_if_locked(RecordStatus(status), family_name, signed_off_by)
        theirs = {
            field: value if read is None else read(value)
            for field, value, read in zip(values, old, sql.reads, strict=True)
        }
        target = target_of(cls, entity_id)
        refuse_stale(
            based_on=revision,
            current=current,
            entity=entity,
            entity_id=entity_id,
            target=target,
            theirs=theirs,
            yours=values,
            trail=lambda: _trail(store),
        )
        at = utcnow()
        # In the order of the row's columns, as the ORM path writes its entries.
        entries = field_entries(
            actor,
            Operation.UPDATE,
            conference_id,
            target,
            ((f, theirs[f], values[f]) for f in columns(cls) if f in values),
            at=at,
        )
        saved = current
        if entries:
            saved = current + 1
            changed = tuple(entry["field"] for entry in entries)
            new = {f"new_{field}": values[field] for field in changed}
            new.update(link(entries, head or "", count))
            new.update(new_revision=saved, row=entity_id, head_conference=conference_id)
            if cls is Conference:
                new["new_updated_at"] = at
            write = statements(store.engine.dialect, cls, changed)
            if write.update_and_append is not None and len(entries) == 1:
                write.update_and_append.send(cursor, {**new, **_entry(entries[0])})
            else:
                write.update.send(cursor, new)
                for entry in entries:
                    write.append.send(cursor, _entry(entry))
                if write.head is not None:
                    write.head.send(cursor, new)
            connection.commit()
        return Change(
            conference_id,
            Operation.UPDATE,
            entity,
            entity_id,
            tuple(values),
            values=values,
            revisions={(entity, entity_id): saved},
        )


@contextmanager
def _trail(store: Store) -> Iterator[Connection]:
    """A connection to read the trail with, for a refusal's "who saved it, when"."""
    with store.read() as session:
        yield session.connection()


def _entry(row: dict[str, Any]) -> dict[str, Any]:
    return {f"entry_{key}": value for key, value in row.items()}


def _together(connection: Any) -> AbstractContextManager[Any]:
    """Small statements sent in one round trip where the driver can (psycopg's pipeline).

    Only the lock and the read go this way: a pipeline carrying megabytes (a long paste)
    can stall both ends (psycopg issue 685), so the write is sent on its own.
    """
    pipeline = getattr(connection, "pipeline", None)
    return pipeline() if pipeline is not None else nullcontext()


@dataclass(frozen=True)
class Statement:
    """A statement as the driver takes it, with SQLAlchemy's conversion of each value."""

    sql: str
    #: The parameters' names in order for a driver that takes them by position (SQLite).
    order: tuple[str, ...] | None
    converts: dict[str, Processor]
    #: Values fixed in the statement itself (a LIMIT).
    fixed: dict[str, Any]

    @classmethod
    def made(cls, statement: ClauseElement, dialect: Dialect, types: dict[str, Any]) -> Statement:
        compiled = statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        converts = {
            name: kind.dialect_impl(dialect).bind_processor(dialect) for name, kind in types.items()
        }
        order = tuple(compiled.positiontup) if compiled.positiontup else None
        fixed = {name: value for name, value in compiled.params.items() if value is not None}
        return cls(compiled.string, order, converts, fixed)

    def send(self, cursor: Any, values: dict[str, Any]) -> None:
        ready = {
            name: value if (convert := self.converts.get(name)) is None else convert(value)
            for name, value in values.items()
        }
        ready.update(self.fixed)
        cursor.execute(self.sql, ready if self.order is None else [ready[n] for n in self.order])


@dataclass(frozen=True)
class Statements:
    """What one part's save sends, for one set of fields."""

    lock: Statement | None
    read: Statement
    #: How each field's stored value is read back (a date from SQLite's text, …).
    reads: Sequence[Processor]
    update: Statement
    append: Statement
    #: The chain's head on the conference row, moved (None when ``update`` is of the
    #: conference itself and moves it there).
    head: Statement | None
    update_and_append: Statement | None


_made: dict[tuple[str, str, type[Base], tuple[str, ...]], Statements] = {}


def statements(dialect: Dialect, cls: type[Base], fields: tuple[str, ...]) -> Statements:
    """Made once for each driver, part and set of fields, then kept."""
    key = (dialect.name, dialect.driver, cls, fields)
    found = _made.get(key)
    if found is None:
        found = _made[key] = _statements(dialect, cls, fields)
    return found


def _statements(dialect: Dialect, cls: type[Base], fields: tuple[str, ...]) -> Statements:
    table: Table = cls.__table__  # type: ignore[assignment]
    audit: Table = AuditEntry.__table__  # type: ignore[assignment]
    server = dialect.name != "sqlite"
    conferences: Table = Conference.__table__  # type: ignore[assignment]
    new_types = {f"new_{field}": table.c[field].type for field in fields}
    new_types["new_head_hash"] = conferences.c.audit_head_hash.type
    new_types["new_head_count"] = conferences.c.audit_head_count.type
    if cls is Conference:
        new_types["new_updated_at"] = table.c.updated_at.type
    changed = (
        update(table)
        .where(table.c.id == bindparam("row"))
        .values(
            {
                **{field: bindparam(f"new_{field}") for field in fields},
                "revision": bindparam("new_revision"),
                **(
                    {"updated_at": bindparam("new_updated_at"), **head_values()}
                    if cls is Conference
                    else {}
                ),
            }
        )
    )
    # The head alone, as every entry moves it: the conference's updated_at is left as it was.
    head = None if cls is Conference else move_head()
    entry_columns = [c for c in audit.columns if c.name != "id"]
    entry_types = {f"entry_{c.name}": c.type for c in entry_columns}
    append = insert(audit).values({c.name: bindparam(f"entry_{c.name}") for c in entry_columns})
    return Statements(
        lock=Statement.made(_lock(cls), dialect, {}) if server else None,
        read=Statement.made(_read(cls, fields), dialect, {}),
        reads=[
            table.c[field].type.dialect_impl(dialect).result_processor(dialect, None)
            for field in fields
        ],
        update=Statement.made(changed, dialect, new_types),
        append=Statement.made(append, dialect, entry_types),
        head=None if head is None else Statement.made(head, dialect, new_types),
        update_and_append=(
            Statement.made(
                append.add_cte(
                    changed.cte("saved"), *(() if head is None else (head.cte("head"),))
                ),
                dialect,
                new_types | entry_types,
            )
            if server
            else None
        ),
    )


def _lock(cls: type[Base]) -> Select[tuple[int]]:
    """The row lock on the conference of the row ``:row`` (PostgreSQL)."""
    conferences = Conference.__table__.c
    return (
        select(conferences.id)
        .where(conferences.id == conference_id_query(cls, bindparam("row")))
        .with_for_update()
    )


def _read(cls: type[Base], fields: tuple[str, ...]) -> Select[Any]:
    """The row's revision, its conference (id, status, names for a refusal), the chain's
    head and the fields' values now, in one statement."""
    table: Table = cls.__table__  # type: ignore[assignment]
    conferences: Table = Conference.__table__  # type: ignore[assignment]
    joined: FromClause = table
    below: type[Base] = cls
    while below in PARENT:  # a part without a conference_id: up through its parents
        column, parent = PARENT[below]
        upper: Table = parent.__table__  # type: ignore[assignment]
        joined = joined.join(upper, upper.c.id == column.expression)
        below = parent
    if below is not Conference:
        owner = below.__table__.c.conference_id
        joined = joined.join(conferences, conferences.c.id == owner)
    return (
        select(
            table.c.revision,
            conferences.c.id,
            conferences.c.status,
            conferences.c.family_name,
            conferences.c.signed_off_by,
            conferences.c.audit_head_hash,
            conferences.c.audit_head_count,
            *(table.c[field] for field in fields),
        )
        .select_from(joined)
        .where(table.c.id == bindparam("row"))
    )
