"""Alembic migrations, shipped inside the package and run when a store opens.

Alembic is imported only when the schema is behind: opening a store already at
head reads one row and costs nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from ..errors import StoreVersionError

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest revision this version knows. A test checks it is Alembic's head.
SCHEMA_HEAD = "0003"


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
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
