"""Someone else saved the same words first: the window keeps yours and lets you choose."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QTextEdit
from pytestqt.qtbot import QtBot

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import Conference
from cprecorder.store import Store
from cprecorder.ui.shell.app import create_main_window
from cprecorder.ui.shell.settings import Settings


@pytest.mark.parametrize(
    ("button", "kept"),
    [
        ("Keep theirs", "Dana's words."),
        ("Keep yours", "Minute-taker's words."),
        ("Put both", "Dana's words.\n\nMinute-taker's words."),
    ],
)
def test_a_stale_save_is_refused_and_the_person_chooses(
    qtbot: QtBot,
    store: Store,
    actor: Actor,
    chair: Actor,
    demo_id: int,
    tmp_path: Path,
    button: str,
    kept: str,
) -> None:
    window = create_main_window(
        store, actor, Settings(QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)),
        reopen=False,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_conference(demo_id) and window.view is not None
    view = window.view
    view.show_pane("summary")
    # Meanwhile someone else (another program on the same database) saves the summary.
    op.update(
        store,
        actor=Actor(name="Dana Okafor", role=chair.role, os_user="dokafor"),
        entity="conference",
        entity_id=demo_id,
        values={"chair_summary": "Dana's words."},
    )
    field = view.panes["summary"].fields[("conference", demo_id, "chair_summary")].as_widget()
    assert isinstance(field, QTextEdit)
    field.setFocus()
    field.selectAll()
    seen: list[str] = []

    def choose() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):  # not asked yet: look again shortly
            QTimer.singleShot(20, choose)
            return
        try:
            seen.append(box.text())
            chosen = next(b for b in box.findChildren(QPushButton) if b.text() == button)
            chosen.setFocus()
            qtbot.keyClick(chosen, Qt.Key.Key_Space)
        finally:
            if box.isVisible():
                box.reject()

    QTimer.singleShot(0, choose)
    qtbot.keyClicks(field, "Minute-taker's words.")
    view.recorder.flush()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0].startswith("Dana Okafor changed this at ")
    assert "Dana's words." in seen[0] and "Your words:\n\nMinute-taker's words." in seen[0]
    with store.read() as session:
        saved = session.get(Conference, demo_id)
        assert saved is not None and saved.chair_summary == kept
    shown = view.panes["summary"].fields[("conference", demo_id, "chair_summary")].as_widget()
    assert isinstance(shown, QTextEdit) and shown.toPlainText() == kept
    window.close()
