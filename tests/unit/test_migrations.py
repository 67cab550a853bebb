"""Alembic: an empty database migrates to head and matches the models exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from cprecorder.errors import StoreVersionError
from cprecorder.migrations import SCHEMA_HEAD, alembic_config, current_revision
from cprecorder.migrations.search import modelled
from cprecorder.model import Base
from cprecorder.queries import list_conferences
from cprecorder.store import Store

#: The search index is the database's own (an FTS5 table, trigram indexes): not modelled.
COMPARED = {"include_name": modelled}


def test_schema_head_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD


def test_empty_database_migrates_to_the_models(tmp_path: Path) -> None:
    store = Store.open_sqlite(tmp_path / "fresh.sqlite3")
    assert current_revision(store.engine) == SCHEMA_HEAD
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts=COMPARED), Base.metadata)
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
        command.downgrade(config, "0004")  # the revision before 0003
    store.close()
    store = Store.open_sqlite(tmp_path / "old.sqlite3")  # migrates to head again
    assert heads() == written
    with store.read() as session:
        assert verify_chain(session, signed).intact and verify_chain(session, draft).intact
    store.close()


def _row(table: sa.Table, **values: object) -> dict[str, object]:
    """Every column a value: the given ones, and a plain one for each required column."""
    plain: dict[type, object] = {
        sa.Boolean: False,
        sa.Integer: 0,
        sa.DateTime: dt.datetime(2026, 1, 5, 10),
        sa.Date: dt.date(2026, 1, 5),
    }
    row: dict[str, object] = {}
    for column in table.columns:
        if column.name in values:
            row[column.name] = values[column.name]
        elif not column.nullable and not column.primary_key:
            row[column.name] = next(
                (v for kind, v in plain.items() if isinstance(column.type, kind)), ""
            )
    return row


#: The plans decided at the conferences before cases: (conference, child) → plan, categories.
PLANS = {
    (1, "Maisie"): ("child_protection", "neglect"),
    (1, "Leo"): ("child_protection", "emotional_abuse"),
    (2, "Maisie"): ("child_in_need",),
    (2, "Leo"): ("child_protection", "neglect"),
    (4, "Maisie"): ("child_protection", "physical_abuse"),
    (5, "Maisie"): ("child_protection", "neglect"),
    (5, "Leo"): ("child_in_need",),
    (6, "Maisie"): ("child_in_need",),
    (6, "Leo"): ("child_protection", "neglect"),
}


def test_a_store_at_the_previous_head_joins_cases(tmp_path: Path) -> None:
    """Each conference joins a case; conferences linked by previous_conference share one,
    and the copies of a child, person, danger statement and action share a lineage."""
    from alembic import command

    path = tmp_path / "before.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
    meta = sa.MetaData()
    meta.reflect(engine)
    t = meta.tables
    with engine.begin() as conn:
        for id_, family, previous, day, kind in (
            (1, "Ashdown", None, dt.datetime(2026, 1, 5, 10), "initial"),
            (2, "Ashdown", 1, dt.datetime(2026, 4, 1, 10), "review"),
            (3, "Brennan", None, dt.datetime(2026, 2, 2, 10), "initial"),
            (4, "Ashdown", 2, dt.datetime(2026, 10, 1, 10), "review"),
            # A review whose earlier conferences were never in this store.
            (5, "Carter", None, dt.datetime(2026, 3, 2, 10), "review"),
            (6, "Carter", 5, dt.datetime(2026, 9, 1, 10), "review"),
        ):
            conn.execute(
                t["conferences"].insert(),
                _row(
                    t["conferences"],
                    id=id_,
                    kind=kind,
                    family_name=family,
                    previous_conference_id=previous,
                    scheduled_at=day,
                    how_held="teams",
                    status="signed_off",
                ),
            )
            for place, name in enumerate(("Maisie", "Leo")):
                child_key = conn.execute(
                    t["children"].insert(),
                    _row(t["children"], conference_id=id_, position=place, first_name=name),
                ).inserted_primary_key
                assert child_key is not None
                child_id = child_key[0]
                plan = PLANS.get((id_, name))
                if plan is None:
                    continue
                decision_key = conn.execute(
                    t["child_decisions"].insert(),
                    _row(t["child_decisions"], child_id=child_id, plan_type=plan[0]),
                ).inserted_primary_key
                assert decision_key is not None
                decision_id = decision_key[0]
                for at, category in enumerate(plan[1:]):
                    conn.execute(
                        t["decision_categories"].insert(),
                        _row(
                            t["decision_categories"],
                            decision_id=decision_id,
                            position=at,
                            category=category,
                        ),
                    )
            conn.execute(
                t["people"].insert(),
                _row(
                    t["people"],
                    conference_id=id_,
                    name="Kerry",
                    kind="family",
                    attendance="present",
                ),
            )
            conn.execute(
                t["danger_statements"].insert(),
                _row(t["danger_statements"], conference_id=id_, statement=f"Worry {id_}"),
            )
            conn.execute(
                t["actions"].insert(),
                _row(
                    t["actions"],
                    conference_id=id_,
                    what="Book a health review.",
                    for_whom="professionals",
                    status="open",
                ),
            )
    engine.dispose()

    store = Store.open_sqlite(path)
    try:
        assert current_revision(store.engine) == SCHEMA_HEAD
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts=COMPARED), Base.metadata)
            assert diff == []
            cases: dict[int, int] = dict(
                conn.execute(sa.text("SELECT id, case_id FROM conferences")).all()
            )
            assert cases[1] == cases[2] == cases[4] != cases[3]
            assert cases[5] == cases[6] not in (cases[1], cases[3])
            names: dict[int, str] = dict(
                conn.execute(sa.text("SELECT id, family_name FROM cases")).all()
            )
            assert names[cases[1]] == "Ashdown" and names[cases[3]] == "Brennan"
            uids = conn.execute(sa.text("SELECT uid FROM conferences")).scalars().all()
            assert len(set(uids)) == 6 and all(len(u) == 32 for u in uids)
            for table in ("children", "people", "danger_statements", "actions"):
                rows = conn.execute(
                    sa.text(f"SELECT conference_id, lineage FROM {table} ORDER BY id")
                ).all()
                by_conference: dict[int, list[str]] = {}
                for conference_id, lineage in rows:
                    by_conference.setdefault(conference_id, []).append(lineage)
                assert by_conference[1] == by_conference[2], table
                assert not set(by_conference[1]) & set(by_conference[3]), table
            # Each child's plan: when it started and its first categories, carried through
            # the case; Maisie's plan stepped down at the review, Leo's continued; Maisie's
            # second plan counts the first.
            plans = {
                (conference_id, name): (dt.date.fromisoformat(on) if on else None, initial, before)
                for conference_id, name, on, initial, before in conn.execute(
                    sa.text(
                        "SELECT conference_id, first_name, cp_plan_started_on,"
                        " initial_categories, previous_cp_plans FROM children"
                    )
                )
            }
            started = dt.date(2026, 1, 5)
            assert plans == {
                (1, "Maisie"): (started, "neglect", None),
                (1, "Leo"): (started, "emotional_abuse", None),
                (2, "Maisie"): (started, "neglect", None),
                (2, "Leo"): (started, "emotional_abuse", None),
                (3, "Maisie"): (None, "", None),
                (3, "Leo"): (None, "", None),
                (4, "Maisie"): (dt.date(2026, 10, 1), "physical_abuse", 1),
                (4, "Leo"): (started, "emotional_abuse", None),
                # First met at a review: a plan running then has no known start, and
                # the plans before are not known; a plan started later has its date.
                (5, "Maisie"): (None, "", None),
                (5, "Leo"): (None, "", None),
                (6, "Maisie"): (None, "", None),
                (6, "Leo"): (dt.date(2026, 9, 1), "neglect", None),
            }
            # Nothing was lost on the way: every row is still there, foreign keys hold.
            assert conn.execute(sa.text("SELECT COUNT(*) FROM children")).scalar() == 12
            assert conn.execute(sa.text("PRAGMA foreign_key_check")).all() == []
            assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
        with store.read() as session:  # the search index holds the names it was given
            assert list_conferences(session, "brenn").ids == [3]
            assert sorted(list_conferences(session, "maisie").ids) == [1, 2, 3, 4, 5, 6]
    finally:
        store.close()


def test_the_server_schema_matches_the_models(pg_server: object) -> None:
    from throwaway_server import ThrowawayServer

    assert isinstance(pg_server, ThrowawayServer)
    with pg_server.database() as name:  # a copy of the template, migrated from empty
        store = Store(pg_server.url(name))
        assert current_revision(store.engine) == SCHEMA_HEAD
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts=COMPARED), Base.metadata)
        store.close()
    assert diff == []


def test_a_record_locked_before_0010_keeps_the_case_details_it_has(tmp_path: Path) -> None:
    """Upgrading to 0010 gives each signed-off conference the case's details as they stand;
    a draft keeps none (it shows the case's own until it is locked)."""
    from alembic import command

    from cprecorder import operations as op
    from cprecorder.actor import Actor
    from cprecorder.demo import add_demo_conference
    from cprecorder.model import Conference, Role

    store = Store.open_sqlite(tmp_path / "old.sqlite3")
    chair = Actor(name="Ruth Calloway", role=Role.CHAIR, os_user="rc")
    signed, draft = add_demo_conference(store, chair), add_demo_conference(store, chair)
    op.set_case_details(store, actor=chair, meeting_id=signed, reference="CP-2026-0117")
    op.sign_off(store, actor=chair, conference_id=signed, chair_name="Ruth Calloway")
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0009")
    store.close()
    store = Store.open_sqlite(tmp_path / "old.sqlite3")  # migrates to head again
    with store.read() as session:
        kept = {
            c.id: (c.locked_case_family_name, c.locked_case_reference)
            for c in (session.get(Conference, signed), session.get(Conference, draft))
            if c is not None
        }
    store.close()
    assert kept == {signed: ("Ashdown", "CP-2026-0117"), draft: ("", "")}
