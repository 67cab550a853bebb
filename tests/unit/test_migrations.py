"""Alembic: an empty database migrates to head and matches the models exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from cprecorder.errors import StoreVersionError
from cprecorder.migrations import SCHEMA_HEAD, alembic_config, current_revision
from cprecorder.model import Base
from cprecorder.store import Store


def test_schema_head_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD


def test_empty_database_migrates_to_the_models(tmp_path: Path) -> None:
    store = Store.open_sqlite(tmp_path / "fresh.sqlite3")
    assert current_revision(store.engine) == SCHEMA_HEAD
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    store.close()


def test_a_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    Store.open_sqlite(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreVersionError, match="newer version of CP Recorder"):
        Store.open_sqlite(path)
    engine = create_engine(f"sqlite:///{path}")
    assert current_revision(engine) == "9999"
    engine.dispose()


def test_opening_at_head_does_not_load_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "head.sqlite3"
    Store.open_sqlite(path).close()
    code = (
        "import sys\nfrom pathlib import Path\nfrom cprecorder.store import Store\n"
        f"Store.open_sqlite(Path({str(path)!r})).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_server_schema_matches_the_models(pg_server: object) -> None:
    from throwaway_server import ThrowawayServer

    assert isinstance(pg_server, ThrowawayServer)
    with pg_server.database() as name:  # a copy of the template, migrated from empty
        store = Store(pg_server.url(name))
        assert current_revision(store.engine) == SCHEMA_HEAD
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        store.close()
    assert diff == []
