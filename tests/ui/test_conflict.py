"""Someone else saved the same words first: the window keeps yours and lets you choose."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QTextEdit
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from by_keyboard import answering, focused, go_to, open_dialog, open_window, press, type_here
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import Conference
from cprecorder.model.confidential import ProfessionalsOnlyNote
from cprecorder.store import Store
from cprecorder.ui.recording.conference_view import ConferenceView
from cprecorder.ui.recording.recorder import AUTOSAVE_MS, MAX_UNSAVED_MS
from cprecorder.ui.shell.main_window import MainWindow

DANA = "Dana Okafor"


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
            press_when_readable(qtbot, box, button)

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


def someone_else_saves(
    store: Store, chair: Actor, entity: str, entity_id: int, values: dict[str, str]
) -> None:
    """Another program on the same database saves the same words first."""
    dana = Actor(name=DANA, role=chair.role, os_user="dokafor")
    op.update(store, actor=dana, entity=entity, entity_id=entity_id, values=values)


def press_when_readable(qtbot: QtBot, box: QMessageBox, words: str) -> None:
    """The button with ``words``, pressed with Space once the question takes keys."""
    chosen = next(b for b in box.findChildren(QPushButton) if b.text() == words)
    qtbot.waitUntil(chosen.isEnabled, timeout=5000)
    chosen.setFocus()
    qtbot.keyClick(chosen, Qt.Key.Key_Space)


def summary_saved(store: Store, demo_id: int) -> str | None:
    with store.read() as session:
        saved = session.get(Conference, demo_id)
        assert saved is not None
        return saved.chair_summary


def open_on_summary(
    qtbot: QtBot, store: Store, actor: Actor, demo_id: int, tmp_path: Path
) -> tuple[MainWindow, QTextEdit]:
    window = open_window(qtbot, store, actor, tmp_path / "w.ini")
    assert window.open_conference(demo_id) and window.view is not None
    go_to(qtbot, window, "summary")
    field = summary_field(window.view, demo_id)
    field.setFocus()
    field.selectAll()
    return window, field


def test_closing_the_conference_waits_for_the_answer_to_someone_else_changed_this(
    qtbot: QtBot, store: Store, actor: Actor, chair: Actor, demo_id: int, tmp_path: Path
) -> None:
    """Ctrl+O (back to the list) right after typing saves, finds the conflict and asks:
    the conference stays open until the person chooses, then closes."""
    window, field = open_on_summary(qtbot, store, actor, demo_id, tmp_path)
    view = window.view
    someone_else_saves(store, chair, "conference", demo_id, {"chair_summary": "Dana's words."})
    mine = "Minute-taker's words, typed just before leaving."
    still_open: list[bool] = []

    def keep_mine(box: QMessageBox) -> None:
        still_open.append(window.view is view and box.isVisible())
        press_when_readable(qtbot, box, "Keep yours")

    with answering(QMessageBox, keep_mine):
        qtbot.keyClicks(field, mine)
        press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # before the autosave
        qtbot.waitUntil(lambda: window.view is None, timeout=5000)
    assert still_open == [True]
    assert summary_saved(store, demo_id) == mine
    assert window.stack.currentWidget() is window.start


def asked_while_typing(
    qtbot: QtBot, store: Store, actor: Actor, chair: Actor, demo_id: int, tmp_path: Path
) -> tuple[MainWindow, QTextEdit, QMessageBox]:
    """Dana saves the summary first; the minute-taker types on until the autosave finds
    it and "Someone else changed this" comes up."""
    window, field = open_on_summary(qtbot, store, actor, demo_id, tmp_path)
    someone_else_saves(store, chair, "conference", demo_id, {"chair_summary": THEIRS})
    type_here(qtbot, MINE)
    qtbot.waitUntil(lambda: open_dialog(QMessageBox) is not None, timeout=5000)
    box = open_dialog(QMessageBox)
    assert box is not None
    return window, field, box


THEIRS, MINE, ON = "Dana's words.", "Minute-taker's words", " and more words"


def type_on(qtbot: QtBot, window: MainWindow, field: QTextEdit) -> None:
    """Typed on without a pause, eyes on the family, as the question comes up; then
    long enough for the autosave, which must not ask a second time."""
    type_here(qtbot, ON)
    assert field.toPlainText() == MINE + ON, "keys typed on under the question were lost"
    assert QApplication.activeWindow() is window
    qtbot.wait(AUTOSAVE_MS + MAX_UNSAVED_MS)
    asked = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert len([w for w in asked if w.isVisible()]) == 1


def test_keys_typed_on_under_the_question_go_into_the_field_and_keep_yours_saves_them(
    qtbot: QtBot, store: Store, actor: Actor, chair: Actor, demo_id: int, tmp_path: Path
) -> None:
    """The autosave finds the conflict while the person types on: the words typed next
    (a Space among them) go on into the field, answer nothing, and Keep yours saves them
    all."""
    window, field, box = asked_while_typing(qtbot, store, actor, chair, demo_id, tmp_path)
    type_on(qtbot, window, field)
    assert isValid(box) and box.isVisible(), "a key typed on answered the question unread"
    assert summary_saved(store, demo_id) == THEIRS
    press_when_readable(qtbot, box, "Keep yours")
    qtbot.waitUntil(lambda: summary_saved(store, demo_id) == MINE + ON, timeout=5000)


def test_put_both_keeps_theirs_and_every_word_typed_under_the_question(
    qtbot: QtBot, store: Store, actor: Actor, chair: Actor, demo_id: int, tmp_path: Path
) -> None:
    window, field, box = asked_while_typing(qtbot, store, actor, chair, demo_id, tmp_path)
    type_on(qtbot, window, field)
    press_when_readable(qtbot, box, "Put both")
    both = f"{THEIRS}\n\n{MINE}{ON}"
    qtbot.waitUntil(lambda: summary_saved(store, demo_id) == both, timeout=5000)
    view = window.view
    assert view is not None
    qtbot.waitUntil(lambda: summary_field(view, demo_id).toPlainText() == both)


def test_keep_theirs_replaces_the_words_typed_under_the_question_with_theirs(
    qtbot: QtBot, store: Store, actor: Actor, chair: Actor, demo_id: int, tmp_path: Path
) -> None:
    """The question says so: Keep theirs replaces the words, typed-on ones too."""
    window, field, box = asked_while_typing(qtbot, store, actor, chair, demo_id, tmp_path)
    assert "Keep theirs replaces your words" in box.text()
    type_on(qtbot, window, field)
    press_when_readable(qtbot, box, "Keep theirs")
    view = window.view
    assert view is not None
    qtbot.waitUntil(lambda: summary_field(view, demo_id).toPlainText() == THEIRS)
    assert summary_saved(store, demo_id) == THEIRS
    assert not view.recorder.has_pending()


def test_while_presenting_a_professionals_only_conflict_shows_no_words(
    qtbot: QtBot, store: Store, actor: Actor, chair: Actor, demo_id: int, tmp_path: Path
) -> None:
    """F5 with a professionals-only note just typed: the question about it, on the
    shared screen, names the note but not what either person wrote."""
    note = op.add_item(
        store, actor=actor, conference_id=demo_id, entity="professionals_only_note", values={}
    )
    assert note.entity_id is not None
    window = open_window(qtbot, store, actor, tmp_path / "w.ini")
    assert window.open_conference(demo_id) and window.view is not None
    pane = go_to(qtbot, window, "professionals_only")
    text = pane.fields[("professionals_only_note", note.entity_id, "text")].as_widget()
    theirs, mine = "Police check pending on the uncle.", "Health visitor's concern"
    someone_else_saves(store, chair, "professionals_only_note", note.entity_id, {"text": theirs})
    text.setFocus()
    seen: list[str] = []

    def keep_mine(box: QMessageBox) -> None:
        seen.append(box.text())
        press_when_readable(qtbot, box, "Keep yours")

    with answering(QMessageBox, keep_mine):
        qtbot.keyClicks(text, mine)
        press(qtbot, Qt.Key.Key_F5)  # the screen is shared with the family
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert window.presentation
    assert "professionals-only" in seen[0]
    assert theirs not in seen[0] and mine not in seen[0] and "Police" not in seen[0]
    with store.read() as session:
        saved = session.get(ProfessionalsOnlyNote, note.entity_id)
        assert saved is not None and saved.text == mine


def test_f6_takes_the_keyboard_to_the_question_and_enter_answers_it(
    qtbot: QtBot, store: Store, actor: Actor, chair: Actor, demo_id: int, tmp_path: Path
) -> None:
    """Without a mouse: the status names the key, F6 switches to the question with the
    cursor on Put both, Enter answers it, and the cursor is back in the field."""
    window, field, box = asked_while_typing(qtbot, store, actor, chair, demo_id, tmp_path)
    type_on(qtbot, window, field)
    view = window.view
    assert view is not None
    assert "F6 to answer" in view.header.save_state.text()
    press(qtbot, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=2000)
    put_both = box.defaultButton()
    assert put_both.text() == "Put both"
    qtbot.waitUntil(lambda: focused() is put_both, timeout=5000)
    press(qtbot, Qt.Key.Key_Return)
    both = f"{THEIRS}\n\n{MINE}{ON}"
    qtbot.waitUntil(lambda: summary_saved(store, demo_id) == both, timeout=5000)
    assert not isValid(box) or not box.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.waitUntil(lambda: focused() is summary_field(view, demo_id), timeout=5000)
    assert "F6 to answer" not in view.header.save_state.text()
