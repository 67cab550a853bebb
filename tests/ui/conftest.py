"""A real main window over a real temporary store, driven like a person would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

import by_keyboard
from cprecorder.actor import Actor
from cprecorder.store import Store
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot: QtBot, store: Store, actor: Actor, settings: Settings) -> Iterator[MainWindow]:
    """The main window at the start view."""
    main = by_keyboard.open_window(qtbot, store, actor, settings)
    yield main
    main.close()


@pytest.fixture
def demo_window(window: MainWindow, demo_id: int) -> MainWindow:
    """The main window with the demo conference open."""
    window.open_conference(demo_id)
    return window


@pytest.fixture
def wait_saved(qtbot: QtBot) -> Callable[[MainWindow], None]:
    """Autosave runs within a second of the last keystroke: wait for it, do not flush."""

    def wait(main: MainWindow) -> None:
        assert main.view is not None
        by_keyboard.wait_saved(qtbot, main)

    return wait
