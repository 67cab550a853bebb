"""Record a whole conference with the keyboard alone, close, reopen, sign off, export.

A person starts at the start view, presses Ctrl+N, fills the new-conference
dialog, then walks every agenda item with Ctrl+PgDn, Tabbing through each pane:
in every text field they type a unique phrase; on every "+ Add" button they press
Space once and type into the new item. After closing the window, a fresh store
session must hold every phrase typed.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLineEdit,
    QTextEdit,
)
from pytestqt.qtbot import QtBot

from by_keyboard import answering, focused, type_here
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.export import DocumentKind, export_document
from cprecorder.interchange import conference_to_dict
from cprecorder.model import RecordStatus, Role
from cprecorder.queries import list_conferences, load_conference
from cprecorder.store import Store
from cprecorder.ui.shell.app import create_main_window
from cprecorder.ui.shell.settings import Settings
from cprecorder.ui.shell.start_view import NewConferenceDialog

MAX_TABS_PER_PANE = 80


def fill_new_conference_dialog(qtbot: QtBot) -> None:
    assert focused().accessibleName() == "Family name"  # the dialog puts the cursor there
    qtbot.keyClicks(focused(), "Quarrington")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Poppy Quarrington")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "Alfie Quarrington")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # kind
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # the date, typed as people type it
    qtbot.keyClicks(focused(), "6/12/26")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # the time
    qtbot.keyClicks(focused(), "2pm")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # how held
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Chair Ivo Marsh")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def walk_pane(qtbot: QtBot, window: object, key: str, typed: list[str]) -> None:
    """Tab through one pane, typing a phrase into each empty text field, adding items."""
    view = window.view  # type: ignore[attr-defined]
    pane = view.panes[key]
    first = pane.first_field()
    if first is not None:
        first.setFocus()
    else:
        pane.setFocus()
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    pressed: set[str] = set()
    visited: set[int] = set()
    for _step in range(MAX_TABS_PER_PANE):
        widget = focused()
        if not pane.isAncestorOf(widget):
            break
        marker = id(widget)
        words_go_here = not (widget.property("dateField") or widget.property("scoreBox"))
        if isinstance(widget, QTextEdit | QLineEdit) and not widget.isReadOnly() and words_go_here:
            text = widget.toPlainText() if isinstance(widget, QTextEdit) else widget.text()
            if not text.strip() and marker not in visited:
                phrase = f"{key} words {len(typed) + 1}"
                type_here(qtbot, phrase)
                typed.append(phrase)
        elif (
            isinstance(widget, QAbstractButton)
            and widget.objectName() == "editButton"
            and widget.text() not in pressed
        ):
            pressed.add(widget.text())
            qtbot.keyClick(widget, Qt.Key.Key_Space)
            qtbot.wait(20)
            pane = view.panes[key]  # rebuilt; the new item has the focus
            continue
        visited.add(marker)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def test_record_a_whole_conference_by_keyboard(
    qtbot: QtBot, store: Store, actor: Actor, tmp_path: Path
) -> None:
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = create_main_window(store, actor, settings, reopen=False)
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)

    with answering(NewConferenceDialog, lambda _dialog: fill_new_conference_dialog(qtbot)):
        qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    view = window.view
    assert view is not None
    window.activateWindow()  # the dialog has closed: the window takes the keyboard back
    assert view.conference.family_name == "Quarrington"
    assert [c.name for c in view.conference.children] == ["Poppy Quarrington", "Alfie Quarrington"]
    assert view.conference.scheduled_at == dt.datetime(2026, 12, 6, 14, 0)  # day first
    assert view.conference.chair == "Chair Ivo Marsh"

    typed: list[str] = []
    seen = []
    for _ in range(len(view.keys)):
        key = view.current_key()
        seen.append(key)
        walk_pane(qtbot, window, key, typed)
        qtbot.keyClick(focused(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert seen == view.keys
    assert len(typed) >= 30, typed
    conference_id = view.conference_id
    window.close()

    with store.read() as session:
        [summary] = list_conferences(session, "quarrington")
        record = json.dumps(
            conference_to_dict(load_conference(session, summary.id)), ensure_ascii=False
        )
    missing = [phrase for phrase in typed if phrase not in record]
    assert missing == []

    # The chair signs off; the social worker exports the family's version.
    chair = Actor("Ivo Marsh", Role.CHAIR, "imarsh")
    op.sign_off(store, actor=chair, conference_id=conference_id, chair_name="Ivo Marsh")
    with store.read() as session:
        conference = load_conference(session, conference_id)
        assert conference.status is RecordStatus.SIGNED_OFF
    target = tmp_path / "family.docx"
    export_document(conference, DocumentKind.FAMILY, target)
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    body = text + "\n".join(
        cell.text
        for table in docx.Document(str(target)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Quarrington" in body
    family_phrases = [p for p in typed if not p.startswith("professionals_only")]
    assert any(p in body for p in family_phrases)
    assert not any(p in body for p in typed if p.startswith("professionals_only"))
