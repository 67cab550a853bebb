"""Shared fixtures: every test gets its own data folder and a real store.

The store is SQLite unless a test module is marked ``both_backends``: then each of its
tests runs twice, on SQLite and on a fresh database of a real PostgreSQL server that the
test session starts in a temporary folder (see ``throwaway_server.py``).
"""

from __future__ import annotations

import os
import shutil

# Before anything imports Qt: no test ever needs a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from cprecorder.actor import Actor
from cprecorder.model import Role
from cprecorder.paths import make_private_dir
from cprecorder.store import Store
from throwaway_server import ServerUnavailable, ThrowawayServer

BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_backends"
    ):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the test's store is on: SQLite unless parametrised."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[ThrowawayServer]:
    """The session's PostgreSQL server; its absence fails the tests that need it."""
    try:
        server = ThrowawayServer()
    except ServerUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        server.start()
        server.make_template(demo_by=demo_actor())
    except ServerUnavailable as exc:
        server.stop()
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def team_db(pg_server: ThrowawayServer) -> Iterator[str]:
    """A database on the server, set up by server init, with a login per role
    (``team_logins.PEOPLE``)."""
    from cprecorder.team_server import add_person, init_server
    from team_logins import PEOPLE

    with pg_server.database() as name:
        admin = pg_server.url(name)
        init_server(admin, lambda _line: None)
        for login, role in PEOPLE.items():
            add_person(admin, login, role, lambda _line: None)
        yield name


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect the user's data folder so no test touches real data."""
    folder = tmp_path / "data"
    monkeypatch.setenv("CPRECORDER_DATA_DIR", str(folder))
    monkeypatch.delenv("CPRECORDER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return folder


@pytest.fixture(autouse=True)
def no_log_file_left_open() -> Iterator[None]:
    """A command run in a test opens the log file in that test's data folder; close it."""
    import logging

    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == "cprecorder-log-file"]:
        root.removeHandler(handler)
        handler.close()


@pytest.fixture
def store(data_dir: Path, backend: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    # A test that asks for the demo conference gets a database that already holds it
    # (made once per session by the fixture's own actor), not one that adds it again.
    seeded = "demo_id" in request.fixturenames
    request.node.stash[DEMO_SEEDED] = seeded
    if backend == "postgresql":
        server: ThrowawayServer = request.getfixturevalue("pg_server")
        with server.database(demo=seeded) as name:
            opened = Store(server.url(name))
            yield opened
            opened.close()
        return
    path = data_dir / "cprecorder.sqlite3"
    if not data_dir.exists():
        make_private_dir(data_dir)
    made: dict[str, Path] = request.getfixturevalue("sqlite_templates")
    shutil.copyfile(made["demo" if seeded else "empty"], path)
    opened = Store.open_sqlite(path)
    yield opened
    opened.close()


DEMO_SEEDED = pytest.StashKey[bool]()
DEMO_ID = 1


def demo_actor() -> Actor:
    return Actor(name="Gemma Stiles", role=Role.MINUTE_TAKER, os_user="gstiles")


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """SQLite databases migrated once (one empty, one with the demo conference), copied
    for each test: the migration and the demo are not paid again by every test."""
    from cprecorder.demo import add_demo_conference

    folder = tmp_path_factory.mktemp("templates")
    made = {"empty": folder / "empty.sqlite3", "demo": folder / "demo.sqlite3"}
    Store.open_sqlite(made["empty"]).close()  # closing folds the log into the file
    shutil.copyfile(made["empty"], made["demo"])
    seeded = Store.open_sqlite(made["demo"])
    assert add_demo_conference(seeded, demo_actor()) == DEMO_ID
    seeded.close()
    return made


@pytest.fixture
def actor() -> Actor:
    return demo_actor()


@pytest.fixture
def clock_ahead_of_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's clock one hour ahead of UTC (British Summer Time all year), so that
    a moment shown in UTC instead of local time is seen to be an hour out."""
    import time

    monkeypatch.setenv("TZ", "BST-1")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def chair() -> Actor:
    return Actor(name="Ruth Calloway", role=Role.CHAIR, os_user="rcalloway")


@pytest.fixture
def demo_id(store: Store, actor: Actor, request: pytest.FixtureRequest) -> int:
    from cprecorder.demo import add_demo_conference

    if request.node.stash.get(DEMO_SEEDED, False) and actor == demo_actor():
        return DEMO_ID
    return add_demo_conference(store, actor)
