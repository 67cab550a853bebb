"""Keys typed before a dialog or a question has the keyboard go into it, in order.

Until a dialog is on screen with the keyboard, the X server sends the keys to the window
the person was typing in (the window behind the dialog, or the shared window if that is
where they clicked). Each test sends its keys there, as the live run on a real screen
does (scripts/live_typing.py), and they must act in the dialog as if typed after it came.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from by_keyboard import answering, focused, go_to
from cprecorder import operations
from cprecorder.errors import StoreUnavailableError
from cprecorder.model import Conference, RecordStatus, Role
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.dialogs.addendum import AddendumDialog
from cprecorder.ui.dialogs.export import ExportDialog
from cprecorder.ui.dialogs.form import open_over
from cprecorder.ui.shell.app import Records, install_excepthook, show_then_open
from cprecorder.ui.shell.identity import IdentityDialog
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.settings import Settings, remembered_actor
from cprecorder.ui.shell.start_view import NewConferenceDialog
from cprecorder.ui.shell.window_actions import ActionId

Alt = Qt.KeyboardModifier.AltModifier
Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier


def type_into(qtbot: QtBot, where: QWindow, keys: str) -> None:
    for key in keys:
        qtbot.keyClick(where, key)


def keyboard_still_behind(qtbot: QtBot, window: QWidget) -> None:
    """As on a real screen while a dialog comes up: the window behind it is still the
    active one (Qt tries only the active window's shortcuts and mnemonics)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_who_is_using_it_takes_the_keys_typed_before_it_is_on_screen(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """File → Who is using CP Recorder…, and the new name typed on at once."""
    behind = demo_window.windowHandle()

    def typed_ahead(_dialog: IdentityDialog) -> None:
        qtbot.keyClick(behind, Qt.Key.Key_A, Ctrl)  # over the name shown
        type_into(qtbot, behind, "Ruth Calloway")
        qtbot.keyClick(behind, Qt.Key.Key_Tab)
        qtbot.keyClick(behind, Qt.Key.Key_C)  # the role: Chair
        qtbot.keyClick(behind, Qt.Key.Key_Return)

    with answering(IdentityDialog, typed_ahead):
        demo_window.actions_[ActionId.WHO_AM_I].trigger()
    qtbot.waitUntil(lambda: demo_window.actor.name == "Ruth Calloway", timeout=3000)
    assert demo_window.actor.role is Role.CHAIR
    assert "You are Ruth Calloway, chair." in demo_window.status.text()


def test_the_first_start_asks_who_is_using_it_with_what_was_typed_while_it_opened(
    qtbot: QtBot, store: Store, settings: Settings
) -> None:
    """Nobody named yet: the window opens, asks over itself, and the name typed while it
    said "Opening your records…" is in the question; Enter answers it and opens the app."""
    window = show_then_open(settings, lambda: Records(store, None))
    qtbot.addWidget(window)
    behind = window.windowHandle()
    assert behind is not None and window.view is None
    type_into(qtbot, behind, "Gemma")  # while the records open
    seen: list[str] = []

    def typed_ahead(dialog: IdentityDialog) -> None:
        type_into(qtbot, behind, " Stiles")  # the window behind still has the keyboard
        seen.append(dialog.name.text())
        qtbot.keyClick(behind, Qt.Key.Key_Return)

    with answering(IdentityDialog, typed_ahead):
        qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == ["Gemma Stiles"]
    qtbot.waitUntil(lambda: window.attached, timeout=3000)
    assert window.actor.name == "Gemma Stiles"
    remembered = remembered_actor(settings)
    assert remembered is not None and remembered.name == "Gemma Stiles"
    window.close()


def test_the_hand_over_is_answered_by_a_key_typed_before_the_question_is_up(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    behind = demo_window.windowHandle()
    with answering(QMessageBox, lambda _box: qtbot.keyClick(behind, Qt.Key.Key_Y)):
        demo_window.actions_[ActionId.HAND_OVER].trigger()
    qtbot.waitUntil(lambda: "Handed over" in demo_window.status.text(), timeout=3000)
    with store.read() as session:
        assert load_conference(session, demo_id).status is RecordStatus.IN_REVIEW


def test_keep_typing_and_the_words_after_it_land_in_the_dialog(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    """Esc in a dialog holding words asks first; Enter ("Keep typing") and the words
    typed on before that question had the keyboard go back into the dialog, in order."""
    with store.read() as session:
        conference = load_conference(session, demo_id)
    conference.status = RecordStatus.SIGNED_OFF
    dialog = AddendumDialog(demo_window, demo_window.actor, conference, lambda *_a: None)
    open_over(dialog)
    qtbot.waitUntil(lambda: dialog.isAncestorOf(focused()))
    field = focused()
    assert isinstance(field, QLineEdit)  # what the addendum corrects
    qtbot.keyClicks(field, "A date was wrong")
    held = dialog.windowHandle()
    assert held is not None

    def typed_ahead(_box: QMessageBox) -> None:
        qtbot.keyClick(held, Qt.Key.Key_Return)  # Keep typing
        type_into(qtbot, held, " in the plan")

    with answering(QMessageBox, typed_ahead):
        qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert dialog.focusWidget() is field
    assert field.text() == "A date was wrong in the plan"
    dialog.done(0)


def started_typing_ahead(
    qtbot: QtBot, window: MainWindow, typed_ahead: Callable[[QWindow], None]
) -> Conference:
    """Ctrl+N and ``typed_ahead`` at once, into the window behind the dialog: the
    conference it started."""
    behind = window.windowHandle()

    def at_once(_dialog: NewConferenceDialog) -> None:
        keyboard_still_behind(qtbot, window)
        typed_ahead(behind)

    window.setFocus()
    with answering(NewConferenceDialog, at_once):
        qtbot.keyClick(behind, Qt.Key.Key_N, Ctrl)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    assert window.view is not None
    return window.view.conference


def test_keys_typed_before_the_new_conference_dialog_has_the_keyboard_go_into_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    """On the real screen "Fenwick" and a Tab typed on after Ctrl+N were lost: Qt threw
    away every key reaching a window a modal dialog blocks."""

    def typed_ahead(behind: QWindow) -> None:
        type_into(qtbot, behind, "Fenwick")
        qtbot.keyClick(behind, Qt.Key.Key_Tab)
        type_into(qtbot, behind, "Poppy Fenwick")
        qtbot.keyClick(behind, Qt.Key.Key_Backtab, Shift)  # back to the family name
        qtbot.keyClick(behind, Qt.Key.Key_Return)  # Enter there starts the recording

    conference = started_typing_ahead(qtbot, window, typed_ahead)
    assert conference.family_name == "Fenwick"
    assert [child.first_name for child in conference.children] == ["Poppy"]


def test_alt_letters_typed_before_the_dialog_has_the_keyboard_do_what_they_say(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Alt+C, Alt+F, Alt+H typed ahead put the cursor in the chair's, the family's and
    the children's fields, as they would once the dialog had the keyboard."""

    def typed_ahead(behind: QWindow) -> None:
        qtbot.keyClick(behind, Qt.Key.Key_C, Alt)
        type_into(qtbot, behind, "Ivo Marsh")
        qtbot.keyClick(behind, Qt.Key.Key_F, Alt)
        type_into(qtbot, behind, "Fenwick")
        qtbot.keyClick(behind, Qt.Key.Key_H, Alt)
        type_into(qtbot, behind, "Poppy Fenwick")
        qtbot.keyClick(behind, Qt.Key.Key_F, Alt)
        qtbot.keyClick(behind, Qt.Key.Key_Return)  # Enter in the family name starts it

    conference = started_typing_ahead(qtbot, window, typed_ahead)
    assert conference.family_name == "Fenwick"
    assert conference.chair == "Ivo Marsh"
    assert [child.first_name for child in conference.children] == ["Poppy"]


def test_the_shared_window_is_held_while_a_dialog_is_up(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Keys that reach the window shown to the family go into the dialog; a click there
    does nothing behind it."""
    shared = demo_window.open_shared_window()
    qtbot.waitExposed(shared)
    there = shared.windowHandle()
    assert there is not None

    def typed_there(dialog: IdentityDialog) -> None:
        qtbot.keyClick(there, Qt.Key.Key_A, Ctrl)
        type_into(qtbot, there, "Nadia Osei")
        qtbot.mouseClick(there, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
        assert dialog.isVisible() and dialog.name.text() == "Nadia Osei"
        qtbot.keyClick(there, Qt.Key.Key_Return)

    with answering(IdentityDialog, typed_there):
        demo_window.actions_[ActionId.WHO_AM_I].trigger()
    qtbot.waitUntil(lambda: demo_window.actor.name == "Nadia Osei", timeout=3000)
    shared.close()


def test_records_that_cannot_be_opened_are_said_over_the_window_and_enter_closes_it(
    qtbot: QtBot, settings: Settings
) -> None:
    def refused() -> Records:
        raise StoreUnavailableError("The records are on a server that does not answer.")

    window = show_then_open(settings, refused)
    qtbot.addWidget(window)
    behind = window.windowHandle()
    assert behind is not None
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        qtbot.keyClick(behind, Qt.Key.Key_Return)  # typed before the sentence has the keyboard

    with answering(QMessageBox, read):
        qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == ["The records are on a server that does not answer."]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)


def questions_on_screen() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_a_bug_is_told_once_while_its_sentence_is_on_screen(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same bug on every key typed on must not pile one window on another."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(tmp_path / "logs")
    behind = demo_window.windowHandle()
    counted: list[int] = []

    def count(_box: QMessageBox) -> None:
        sys.excepthook(RuntimeError, RuntimeError("again"), None)
        counted.append(
            sum(
                1
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()
            )
        )
        qtbot.keyClick(behind, Qt.Key.Key_Escape)

    with answering(QMessageBox, count):
        sys.excepthook(RuntimeError, RuntimeError("a bug"), None)
    assert counted == [1]
    qtbot.waitUntil(
        lambda: (
            not any(
                isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
            )
        )
    )


def test_close_anyway_is_answered_by_the_key_typed_before_it_is_up(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving fails and nothing is kept for recovery: Ctrl+O asks first, saying the
    changes are lost if it closes. Enter (or N) typed on at once keeps the conference
    open with the words; Y closes it and shows the list."""
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "summary")

    def update(*_args: object, **_kwargs: object) -> object:
        raise StoreUnavailableError("The disk is full, so the record could not be saved.")

    monkeypatch.setattr(operations, "update", update)  # the recorder calls op.update
    qtbot.keyClicks(focused(), " Not saved.")
    behind = demo_window.windowHandle()
    titles: list[str] = []
    said: list[str] = []

    def answer(key: Qt.Key) -> Callable[[QMessageBox], None]:
        def typed_ahead(box: QMessageBox) -> None:
            titles.append(box.windowTitle())
            said.append(box.text())
            keyboard_still_behind(qtbot, demo_window)
            qtbot.keyClick(behind, key)

        return typed_ahead

    for key in (Qt.Key.Key_Return, Qt.Key.Key_N, Qt.Key.Key_Escape):
        with answering(QMessageBox, answer(key)):
            qtbot.keyClick(behind, Qt.Key.Key_O, Ctrl)
        assert demo_window.view is view
    assert said[0] == (
        "Some changes could not be saved, nor kept in the recovery file. "
        "If you close now they are lost. Close anyway?"
    )
    assert focused().toPlainText().endswith(" Not saved.")  # type: ignore[attr-defined]
    with answering(QMessageBox, answer(Qt.Key.Key_Y)):
        qtbot.keyClick(behind, Qt.Key.Key_O, Ctrl)
    qtbot.waitUntil(lambda: demo_window.view is None, timeout=3000)
    assert demo_window.stack.currentWidget() is demo_window.start
    assert titles == ["Not saved yet"] * 4


def test_a_bug_in_a_dialog_closing_for_good_is_told_and_so_is_the_next_one(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dialog deleted once closed whose Enter ran into a bug: the sentence is not
    taken away with the dialog, and a bug after it is told too (not silenced for good).

    On a real screen the dialog is still the active window when its slots run (the
    window manager says otherwise later); the offscreen platform says it at once, so
    the active window is the dialog here for as long as it exists.
    """
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(tmp_path / "logs")
    dialog = QDialog(demo_window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    ok = QPushButton("OK", dialog)
    ok.setDefault(True)
    ok.clicked.connect(dialog.accept)
    active = QApplication.activeWindow
    monkeypatch.setattr(
        QApplication, "activeWindow", lambda: dialog if isValid(dialog) else active()
    )

    def bug() -> None:
        raise RuntimeError("a bug on closing")

    dialog.accepted.connect(bug)
    open_over(dialog)
    qtbot.waitUntil(lambda: active() is dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isValid(dialog))
    qtbot.waitUntil(lambda: len(questions_on_screen()) == 1)
    told = questions_on_screen()[0]
    assert told.windowTitle() == "Something went wrong"
    qtbot.keyClick(told, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not questions_on_screen())
    sys.excepthook(RuntimeError, RuntimeError("a later bug"), None)
    qtbot.waitUntil(lambda: len(questions_on_screen()) == 1)
    qtbot.keyClick(questions_on_screen()[0], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not questions_on_screen())


def test_the_window_behind_runs_no_shortcut_typed_before_the_dialog_has_the_keyboard(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Ctrl+E, then F5, Ctrl+PgDn, Alt+2 and Ctrl+N typed on at once, before the export
    dialog has the keyboard: the window behind stays in its mode on its pane, and the
    keys go to the dialog (none of them is the dialog's), so Esc closes it."""
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "summary")
    behind = demo_window.windowHandle()
    presentation = demo_window.actions_[ActionId.PRESENTATION]
    assert not presentation.isChecked()
    seen: list[str] = []

    def typed_ahead(dialog: ExportDialog) -> None:
        keyboard_still_behind(qtbot, demo_window)
        qtbot.keyClick(behind, Qt.Key.Key_F5)
        qtbot.keyClick(behind, Qt.Key.Key_PageDown, Ctrl)
        qtbot.keyClick(behind, Qt.Key.Key_2, Alt)
        qtbot.keyClick(behind, Qt.Key.Key_N, Ctrl)
        seen.append(view.current_key())
        assert not presentation.isChecked(), "F5 switched the window behind's mode"
        assert dialog.isVisible()
        qtbot.keyClick(behind, Qt.Key.Key_Escape)

    with answering(ExportDialog, typed_ahead):
        qtbot.keyClick(behind, Qt.Key.Key_E, Ctrl)
    assert seen == ["summary"]
    qtbot.waitUntil(
        lambda: (
            not any(
                isinstance(w, ExportDialog) and w.isVisible()
                for w in QApplication.topLevelWidgets()
            )
        )
    )
    assert not presentation.isChecked()
    assert view.current_key() == "summary"
    assert demo_window.view is view
    assert not any(
        isinstance(w, NewConferenceDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
    )
