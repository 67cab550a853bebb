"""Two windows on one conference: the second opens it read-only and says who has it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

import by_keyboard
from by_keyboard import go_to
from cprecorder.actor import Actor
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.shell.main_window import MainWindow


def window_on(qtbot: QtBot, store: Store, actor: Actor, ini: Path, cid: int) -> MainWindow:
    window = by_keyboard.open_window(qtbot, store, actor, ini)
    assert window.open_conference(cid)
    return window


def test_the_second_window_is_read_only_and_says_who_has_it(
    qtbot: QtBot, store: Store, actor: Actor, chair: Actor, demo_id: int, tmp_path: Path
) -> None:
    first = window_on(qtbot, store, actor, tmp_path / "a.ini", demo_id)
    second_store = Store(store.url)
    second = window_on(qtbot, second_store, chair, tmp_path / "b.ini", demo_id)
    assert second.view is not None
    assert second.view.recorder.read_only.startswith("Gemma Stiles has this record open")
    go_to(qtbot, second, "summary")
    pane = second.view.panes["summary"]
    assert pane.lock_label.isVisibleTo(second)
    assert "Gemma Stiles has this record open" in pane.lock_label.text()
    field = pane.fields[("conference", demo_id, "chair_summary")].as_widget()
    assert isinstance(field, QTextEdit)
    field.setFocus()
    qtbot.keyClicks(field, "Overwritten")
    second.view.recorder.flush()
    with store.read() as session:
        assert "Overwritten" not in load_conference(session, demo_id).chair_summary

    # When the first window closes, the next window to open it may edit.
    first.close()
    second.close()
    third = window_on(qtbot, second_store, chair, tmp_path / "c.ini", demo_id)
    assert third.view is not None and third.view.recorder.read_only == ""
    third.close()
    second_store.close()


def test_the_read_only_window_shows_each_saved_change_within_two_seconds(
    qtbot: QtBot, store: Store, actor: Actor, chair: Actor, demo_id: int, tmp_path: Path
) -> None:
    first = window_on(qtbot, store, actor, tmp_path / "a.ini", demo_id)
    second_store = Store(store.url)
    second = window_on(qtbot, second_store, chair, tmp_path / "b.ini", demo_id)
    assert first.view is not None and second.view is not None
    assert second.view.recorder.read_only
    go_to(qtbot, first, "summary")
    go_to(qtbot, second, "summary")
    typed_in = first.view.panes["summary"].fields[("conference", demo_id, "chair_summary")]
    field = typed_in.as_widget()
    assert isinstance(field, QTextEdit)
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, " The chair thanked everyone.")
    assert first.view.recorder.flush()

    def shown() -> str:
        assert second.view is not None
        watched = second.view.panes["summary"].fields[("conference", demo_id, "chair_summary")]
        widget = watched.as_widget()
        assert isinstance(widget, QTextEdit)
        return widget.toPlainText()

    qtbot.waitUntil(lambda: shown().endswith("The chair thanked everyone."), timeout=2000)
    first.close()
    second.close()
    second_store.close()


def test_a_damaged_store_opens_read_only_and_says_how_to_restore(
    qtbot: QtBot, store: Store, actor: Actor, demo_id: int, tmp_path: Path
) -> None:
    """A page of the audit trail scrambled: the record itself still reads, nothing is
    saved, and every pane says the file is damaged and how to restore it."""
    import hashlib

    from cprecorder.store import DAMAGED
    from damage import scramble_root_page

    path = store.path
    assert path is not None
    store.close()
    scramble_root_page(path, "audit_entries")
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    damaged = Store.open_sqlite(path)
    window = window_on(qtbot, damaged, actor, tmp_path / "d.ini", demo_id)
    assert window.view is not None
    assert window.view.recorder.read_only == DAMAGED
    go_to(qtbot, window, "summary")
    pane = window.view.panes["summary"]
    assert pane.lock_label.isVisibleTo(window)
    assert "damaged" in pane.lock_label.text() and "restore" in pane.lock_label.text()
    field = pane.fields[("conference", demo_id, "chair_summary")].as_widget()
    assert isinstance(field, QTextEdit)
    field.setFocus()
    qtbot.keyClicks(field, "Typed into a damaged file")
    window.view.recorder.flush()
    window.close()
    damaged.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
