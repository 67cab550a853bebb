"""The store: where it lives, how SQLite is opened, and who may read the files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from cprecorder.errors import StoreUnavailableError
from cprecorder.paths import resolve_data_dir, resolve_db_url
from cprecorder.store import Store


def test_sqlite_is_opened_for_durability(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA secure_delete")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_folder_and_files_are_private(store: Store, data_dir: Path) -> None:
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for path in data_dir.iterdir():
        if path.name.startswith("cprecorder.sqlite3"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_data_dir_and_db_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CPRECORDER_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(None) == tmp_path / "env"
    assert resolve_data_dir(tmp_path / "arg") == tmp_path / "arg"
    folder = resolve_data_dir(None)
    assert resolve_db_url(None, folder) == f"sqlite:///{folder / 'cprecorder.sqlite3'}"
    monkeypatch.setenv("CPRECORDER_DB", "postgresql://team@db/cp")
    assert resolve_db_url(None, folder) == "postgresql://team@db/cp"
    existing = tmp_path / "y.db"
    existing.write_bytes(b"")
    assert resolve_db_url(str(existing), folder) == f"sqlite:///{existing}"
    # A path that names no file is refused, never made into a new database quietly.
    with pytest.raises(StoreUnavailableError, match=r"no database file /x/y\.db"):
        resolve_db_url("/x/y.db", folder)
    assert resolve_db_url("sqlite:////x/y.db", folder) == "sqlite:////x/y.db"


def test_write_takes_the_lock_at_once(store: Store, actor: object) -> None:
    from cprecorder.actor import Actor

    assert isinstance(actor, Actor)
    with store.write(actor, None) as session:
        # BEGIN IMMEDIATE holds the reserved lock before the first write.
        other = Store(store.url, migrate=False)
        with other.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA busy_timeout = 0")
            with pytest.raises(Exception, match="locked"):
                conn.exec_driver_sql("BEGIN IMMEDIATE")
        other.close()
        session.execute(text("SELECT 1"))


def test_a_missing_server_fails_the_tests_instead_of_skipping_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from throwaway_server import ServerUnavailable, ThrowawayServer

    monkeypatch.setenv("CPRECORDER_TEST_PG_BINDIR", str(tmp_path))
    with pytest.raises(ServerUnavailable, match="install-system-deps"):
        ThrowawayServer()


def test_the_server_store_is_a_real_postgresql(pg_server: object) -> None:
    from throwaway_server import ThrowawayServer

    assert isinstance(pg_server, ThrowawayServer)
    with pg_server.database() as name:
        opened = Store(pg_server.url(name))
        try:
            assert not opened.is_sqlite
            with opened.engine.connect() as conn:
                assert conn.execute(text("SHOW server_version_num")).scalar_one() >= "150000"
            assert "conferences" in inspect(opened.engine).get_table_names()
        finally:
            opened.close()
