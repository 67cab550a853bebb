"""Shared fixtures: every test gets its own data folder and a real store.

The store is SQLite unless a test module is marked ``both_backends``: then each of its
tests runs twice, on SQLite and on a fresh database of a real PostgreSQL server that the
test session starts in a temporary folder (see ``throwaway_server.py``).
"""

from __future__ import annotations

import os

# Before anything imports Qt: no test ever needs a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from cprecorder.actor import Actor
from cprecorder.model import Role
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
        server.make_template()
    except ServerUnavailable as exc:
        server.stop()
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect the user's data folder so no test touches real data."""
    folder = tmp_path / "data"
    monkeypatch.setenv("CPRECORDER_DATA_DIR", str(folder))
    monkeypatch.delenv("CPRECORDER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return folder


@pytest.fixture
def store(data_dir: Path, backend: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    if backend == "postgresql":
        server: ThrowawayServer = request.getfixturevalue("pg_server")
        with server.database() as name:
            opened = Store(server.url(name))
            yield opened
            opened.close()
        return
    opened = Store.open_sqlite(data_dir / "cprecorder.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def actor() -> Actor:
    return Actor(name="Gemma Stiles", role=Role.MINUTE_TAKER, os_user="gstiles")


@pytest.fixture
def chair() -> Actor:
    return Actor(name="Ruth Calloway", role=Role.CHAIR, os_user="rcalloway")


@pytest.fixture
def demo_id(store: Store, actor: Actor) -> int:
    from cprecorder.demo import add_demo_conference

    return add_demo_conference(store, actor)
