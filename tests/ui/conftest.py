"""A real main window over a real temporary store, driven like a person would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

import by_keyboard
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import PlanType
from cprecorder.queries import load_conference
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


@pytest.fixture
def review_id(store: Store, chair: Actor, demo_id: int) -> int:
    """A review of the demo conference, held with no core group between (a rule of the
    plan's rhythm broken, in a long sentence), deciding for each child."""
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    review = op.start_review(store, actor=chair, conference_id=demo_id).conference_id
    with store.read() as session:
        children = load_conference(session, review).children
    decided: tuple[tuple[PlanType, list[str], str], ...] = (
        (PlanType.CHILD_IN_NEED, [], "Maisie is safer at home."),
        (PlanType.CHILD_PROTECTION, ["neglect"], "Leo's health appointments are missed."),
    )
    for child, (plan, categories, why) in zip(children, decided, strict=True):
        op.set_decision(
            store,
            actor=chair,
            conference_id=review,
            child_id=child.id,
            plan_type=plan,
            categories=categories,
            reasons=why,
        )
    return review
