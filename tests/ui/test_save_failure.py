"""A save that fails keeps the text on screen and in the recovery file, says so, and retries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, open_window
from cprecorder import operations
from cprecorder.actor import Actor
from cprecorder.errors import StoreUnavailableError
from cprecorder.queries import load_conference
from cprecorder.recovery import RecoveryJournal
from cprecorder.store import Store
from cprecorder.ui.recording import recorder as recorder_module
from cprecorder.ui.shell.settings import Settings


def test_failed_save_keeps_text_and_retries(
    qtbot: QtBot,
    store: Store,
    actor: Actor,
    settings: Settings,
    demo_id: int,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal = RecoveryJournal(data_dir)
    window = open_window(qtbot, store, actor, settings, journal=journal)
    window.open_conference(demo_id)
    view = window.view
    assert view is not None
    monkeypatch.setattr(recorder_module, "RETRY_MS", 200)
    view.recorder._retry.setInterval(200)
    real_update = operations.update
    failing = {"on": True}

    def update(*args: Any, **kwargs: Any) -> Any:
        if failing["on"]:
            raise StoreUnavailableError("The disk is full, so the record could not be saved.")
        return real_update(*args, **kwargs)

    monkeypatch.setattr(operations, "update", update)  # the recorder calls op.update
    try:
        type_while_failing(qtbot, window, journal, demo_id, failing)
    finally:
        failing["on"] = False
    with store.read() as session:
        assert load_conference(session, demo_id).chair_summary.endswith("Kept safe.")
    window.close()


def type_while_failing(
    qtbot: QtBot, window: Any, journal: RecoveryJournal, demo_id: int, failing: dict[str, bool]
) -> None:
    view = window.view
    go_to(qtbot, window, "summary")
    field = view.panes["summary"].fields[("conference", demo_id, "chair_summary")].as_widget()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, " Kept safe.")
    qtbot.waitUntil(lambda: view.recorder.state == "failed", timeout=3000)
    assert "Not saved" in view.header.save_state.text()
    assert "disk is full" in view.header.save_state.text()
    assert field.toPlainText().endswith("Kept safe.")
    [kept] = journal.pending(demo_id)
    assert kept.text.endswith("Kept safe.")
    failing["on"] = False
    qtbot.waitUntil(lambda: view.recorder.state == "saved", timeout=3000)
    assert view.header.save_state.text().startswith("All changes saved")
    assert journal.pending(demo_id) == []


def test_text_kept_after_a_crash_is_saved_on_reopening(
    qtbot: QtBot, store: Store, actor: Actor, settings: Settings, demo_id: int, data_dir: Path
) -> None:
    journal = RecoveryJournal(data_dir)
    journal.keep(demo_id, "conference", demo_id, "observers", "Typed before the crash.")
    window = open_window(qtbot, store, actor, settings, journal=journal)
    window.open_conference(demo_id)
    assert "recovered" in window.status.text()
    with store.read() as session:
        assert load_conference(session, demo_id).observers == "Typed before the crash."
    assert journal.pending(demo_id) == []
    window.close()


def test_an_edit_to_a_part_someone_else_removed_does_not_hold_back_the_others(
    qtbot: QtBot,
    demo_window: Any,
    store: Store,
    chair: Actor,
    demo_id: int,
    wait_saved: Callable[[Any], None],
) -> None:
    """Words typed into a plan item that another program removes meanwhile cannot be
    saved; the person is told so, and every other edit is still saved (the first one
    that could not be saved held back all the rest, "Not saved" for ever)."""
    view = demo_window.view
    told: list[str] = []
    view.recorder.problem.connect(told.append)
    pane = go_to(qtbot, demo_window, "plan")
    key = next(k for k in pane.fields if k[0] == "plan_item")
    item = pane.fields[key].as_widget()
    item.setFocus()
    qtbot.keyClicks(item, " Typed as it went.")
    dana = Actor(name="Dana Okafor", role=chair.role, os_user="dokafor")
    operations.remove_item(store, actor=dana, entity="plan_item", entity_id=key[1])
    summary = go_to(qtbot, demo_window, "summary")
    field = summary.fields[("conference", demo_id, "chair_summary")].as_widget()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, " Saved all the same.")
    wait_saved(demo_window)
    with store.read() as session:
        assert load_conference(session, demo_id).chair_summary.endswith("Saved all the same.")
    assert "That plan item no longer exists." in told
    assert view.header.save_state.text().startswith("All changes saved")
