"""The index the start view searches by family or child name, kept in step by the database.

* SQLite: an FTS5 table with trigram tokens, ``conference_search`` (its rowid is the
  conference's id, its text the family name and each child's full name, one a line),
  kept in step by triggers on ``conferences`` and ``children``. A ``LIKE '%ash%'`` of
  three letters or more is answered by its index instead of reading every row.
* PostgreSQL: ``pg_trgm`` GIN indexes on the family name and on each child's full name
  (``first_name || ' ' || last_name``), which answer ``ILIKE '%ash%'`` the same way.

The models do not describe these (SQLAlchemy has no FTS5 table, and an expression index
is not compared): :func:`modelled` leaves them out when a migrated schema is compared
with the models. SQLite drops a table's triggers when a migration rebuilds the table
(Alembic's batch mode), so :func:`keep_in_step` runs after every upgrade: it puts back
any trigger that is missing and then fills the index afresh.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

SQLITE_TABLE = "conference_search"
#: The trigram indexes on a server.
SERVER_INDEXES = ("ix_conferences_family_name_trgm", "ix_children_full_name_trgm")


def _names_of(conference: str) -> str:
    """SQL for one conference's searchable text: family name, then each child's full name."""
    return (
        f"INSERT INTO {SQLITE_TABLE} (rowid, names) SELECT c.id, c.family_name || "
        "coalesce((SELECT char(10) || group_concat(ch.first_name || ' ' || ch.last_name, "
        f"char(10)) FROM children ch WHERE ch.conference_id = c.id), '') "
        f"FROM conferences c WHERE c.id = {conference};"
    )


def _refresh(conference: str) -> str:
    return f"DELETE FROM {SQLITE_TABLE} WHERE rowid = {conference}; {_names_of(conference)}"


SQLITE_TRIGGERS = {
    "conference_search_conference_added": (
        f"AFTER INSERT ON conferences BEGIN {_refresh('NEW.id')} END"
    ),
    "conference_search_conference_renamed": (
        f"AFTER UPDATE OF family_name ON conferences BEGIN {_refresh('NEW.id')} END"
    ),
    "conference_search_conference_removed": (
        f"AFTER DELETE ON conferences BEGIN DELETE FROM {SQLITE_TABLE} WHERE rowid = OLD.id; END"
    ),
    "conference_search_child_added": (
        f"AFTER INSERT ON children BEGIN {_refresh('NEW.conference_id')} END"
    ),
    "conference_search_child_renamed": (
        "AFTER UPDATE OF first_name, last_name, conference_id ON children BEGIN "
        f"{_refresh('OLD.conference_id')} {_refresh('NEW.conference_id')} END"
    ),
    "conference_search_child_removed": (
        f"AFTER DELETE ON children BEGIN {_refresh('OLD.conference_id')} END"
    ),
}


def create(connection: Connection) -> None:
    """Make the search index for this database (a migration calls it once)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} "
            "USING fts5(names, tokenize = 'trigram')"
        )
        keep_in_step(connection, refill=True)
        return
    # A trusted extension since PostgreSQL 13: the database's owner may create it.
    connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    connection.execute(
        text(
            f"CREATE INDEX IF NOT EXISTS {SERVER_INDEXES[0]} ON conferences "
            "USING gin (family_name gin_trgm_ops)"
        )
    )
    connection.execute(
        text(
            f"CREATE INDEX IF NOT EXISTS {SERVER_INDEXES[1]} ON children "
            "USING gin ((first_name || ' ' || last_name) gin_trgm_ops)"
        )
    )


def drop(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        drop_triggers(connection)
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {SQLITE_TABLE}")
        return
    for name in SERVER_INDEXES:
        connection.execute(text(f"DROP INDEX IF EXISTS {name}"))


def drop_triggers(connection: Connection) -> None:
    """On SQLite, before a migration rebuilds ``children`` or ``conferences`` (batch mode):
    a trigger on one names the other, and SQLite refuses to rename a rebuilt table while
    a trigger names a table that is not there. :func:`keep_in_step` puts them back."""
    if connection.dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def keep_in_step(connection: Connection, *, refill: bool = False) -> None:
    """On SQLite: every trigger in place; the index filled afresh if one was missing."""
    if connection.dialect.name != "sqlite":
        return
    if not connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (SQLITE_TABLE,)
    ).first():
        return  # before the migration that makes it
    present = set(
        connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .scalars()
        .all()
    )
    for name, body in SQLITE_TRIGGERS.items():
        if name not in present:
            connection.exec_driver_sql(f"CREATE TRIGGER {name} {body}")
            refill = True
    if refill:
        connection.exec_driver_sql(f"DELETE FROM {SQLITE_TABLE}")
        connection.exec_driver_sql(_names_of("c.id"))  # every conference


def modelled(name: str | None, type_: str, _parent: Any) -> bool:
    """For comparing a migrated schema with the models: leave out the search index."""
    if type_ == "table" and name is not None and name.startswith(SQLITE_TABLE):
        return False
    return not (type_ == "index" and name in SERVER_INDEXES)
