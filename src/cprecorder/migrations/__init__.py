"""Alembic migrations, shipped inside the package and run when a store opens.

Alembic is imported only when the schema is behind: opening a store already at
head reads one row and costs nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from ..errors import StoreVersionError

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest revision this version knows. A test checks it is Alembic's head.
SCHEMA_HEAD = "0007"


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


def upgrade_to_head(engine: Engine) -> None:
    revision = current_revision(engine)
    if revision == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config()
    known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
    if revision is not None and revision not in known:
        raise StoreVersionError(
            "This database was written by a newer version of CP Recorder "
            f"(schema {revision}). Install the newer version to open it; "
            "nothing has been changed."
        )
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # A migration that rebuilds a table (SQLite's way to drop a column) drops the
            # old one; with foreign keys on, that first deletes its rows and everything
            # that cascades from them. Off for the upgrade (outside the transaction, as
            # SQLite asks), checked before commit, and on again afterwards.
            _raw_pragma(conn, "PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise StoreVersionError(
                            "The database could not be upgraded: "
                            f"{len(broken)} rows point to rows that do not exist. "
                            "Nothing has been changed."
                        )
        finally:
            if sqlite:
                _raw_pragma(conn, "PRAGMA foreign_keys = ON")


def _raw_pragma(conn: Connection, statement: str) -> None:
    """Run a PRAGMA on the driver's connection, outside any transaction."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(statement)
    finally:
        cursor.close()
