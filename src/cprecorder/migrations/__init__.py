"""Alembic migrations, shipped inside the package and run when a store opens.

Alembic is imported only when the schema is behind: opening a store already at
head reads one row and costs nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from ..errors import StoreUnavailableError, StoreVersionError

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest revision this version knows. A test checks it is Alembic's head.
SCHEMA_HEAD = "0010"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "cprecorder:migrations")
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return str(value) if value is not None else None


def refuse_newer(revision: str | None) -> None:
    """A database at a schema this version does not know was written by a newer one."""
    from alembic.script import ScriptDirectory

    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision is not None and revision not in known:
        raise StoreVersionError(
            "This database was written by a newer version of CP Recorder "
            f"(schema {revision}). Install the newer version to open it; "
            "nothing has been changed."
        )


def upgrade_to_head(engine: Engine) -> None:
    revision = current_revision(engine)
    if revision == SCHEMA_HEAD:
        return
    from alembic import command

    from . import search

    config = alembic_config()
    refuse_newer(revision)
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # SQLite rebuilds a table to alter it (Alembic's batch mode): with foreign
            # keys on, dropping the old table would cascade-delete every row that
            # refers to it. Off for the migration (outside the transaction, as SQLite
            # requires), checked before commit, and back on for everyone after.
            _foreign_keys(conn, on=False)
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                search.keep_in_step(conn)  # a table rebuilt by a migration lost its triggers
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StoreUnavailableError(
                        "The database could not be upgraded: its links between records do "
                        "not hold. Nothing has been changed."
                    )
        finally:
            if sqlite:
                _foreign_keys(conn, on=True)


def _foreign_keys(conn: Connection, *, on: bool) -> None:
    """Set SQLite's foreign_keys on the raw connection, outside any transaction."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")
    finally:
        cursor.close()
