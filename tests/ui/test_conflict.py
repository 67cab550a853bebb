"""Someone else saved the same words first: the window keeps yours and lets you choose."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QTextEdit
from pytestqt.qtbot import QtBot

from by_keyboard import answering, go_to, open_window
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import Conference
from cprecorder.store import Store
from cprecorder.ui.recording.conference_view import ConferenceView


def summary_field(view: ConferenceView, conference_id: int) -> QTextEdit:
    field = view.panes["summary"].fields[("conference", conference_id, "chair_summary")]
    widget = field.as_widget()
    assert isinstance(widget, QTextEdit)
    return widget


def test_a_stale_save_is_refused_and_the_person_chooses(
    qtbot: QtBot, store: Store, actor: Actor, chair: Actor, demo_id: int, tmp_path: Path
) -> None:
    """Each choice in turn, in one window: someone else saves first every time."""
    window = open_window(qtbot, store, actor, tmp_path / "w.ini")
    assert window.open_conference(demo_id) and window.view is not None
    view = window.view
    go_to(qtbot, window, "summary")
    dana = Actor(name="Dana Okafor", role=chair.role, os_user="dokafor")
    for button in ("Keep theirs", "Keep yours", "Put both"):
        theirs, mine = f"Dana's words ({button}).", f"Minute-taker's words ({button})."
        kept = {"Keep theirs": theirs, "Keep yours": mine}.get(button, f"{theirs}\n\n{mine}")
        # Meanwhile someone else (another program on the same database) saves the summary.
        op.update(
            store,
            actor=dana,
            entity="conference",
            entity_id=demo_id,
            values={"chair_summary": theirs},
        )
        field = summary_field(view, demo_id)
        field.setFocus()
        field.selectAll()
        seen: list[str] = []

        def choose(box: QMessageBox, button: str = button, seen: list[str] = seen) -> None:
            seen.append(box.text())
            chosen = next(b for b in box.findChildren(QPushButton) if b.text() == button)
            chosen.setFocus()
            qtbot.keyClick(chosen, Qt.Key.Key_Space)

        with answering(QMessageBox, choose):
            qtbot.keyClicks(field, mine)
            view.recorder.flush()
            qtbot.waitUntil(lambda seen=seen: bool(seen), timeout=5000)  # type: ignore[misc]
        assert seen[0].startswith("Dana Okafor changed this at "), button
        assert theirs in seen[0] and f"Your words:\n\n{mine}" in seen[0]
        with store.read() as session:
            saved = session.get(Conference, demo_id)
            assert saved is not None and saved.chair_summary == kept, button
        assert summary_field(view, demo_id).toPlainText() == kept
