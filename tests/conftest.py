"""Shared fixtures: every test gets its own data folder and a real SQLite store."""

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
def store(data_dir: Path) -> Iterator[Store]:
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
