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


def test_existing_trails_are_counted_onto_their_conferences(tmp_path: Path) -> None:
    """Upgrading a database written before 0003 sets each conference's head from its trail."""
    from alembic import command

    from cprecorder import operations as op
    from cprecorder.actor import Actor
    from cprecorder.audit import verify_chain
    from cprecorder.demo import add_demo_conference
    from cprecorder.model import Conference, Role

    store = Store.open_sqlite(tmp_path / "old.sqlite3")
    chair = Actor(name="Ruth Calloway", role=Role.CHAIR, os_user="rc")
    signed, draft = add_demo_conference(store, chair), add_demo_conference(store, chair)
    op.hand_over(store, actor=chair, conference_id=signed)
    op.sign_off(store, actor=chair, conference_id=signed, chair_name="Ruth Calloway")
    op.add_addendum(store, actor=chair, conference_id=signed, author="R", reason="r", text="t")

    def heads() -> list[tuple[str, int, str, int]]:
        with store.read() as session:
            return [
                (
                    c.audit_head_hash,
                    c.audit_head_count,
                    c.signed_off_head_hash,
                    c.signed_off_head_count,
                )
                for c in (session.get(Conference, signed), session.get(Conference, draft))
                if c is not None
            ]

    written = heads()
    assert written[0][3] > 0 and written[1][2:] == ("", 0)
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    store.close()
    store = Store.open_sqlite(tmp_path / "old.sqlite3")  # migrates to head again
    assert heads() == written
    with store.read() as session:
        assert verify_chain(session, signed).intact and verify_chain(session, draft).intact
    store.close()
