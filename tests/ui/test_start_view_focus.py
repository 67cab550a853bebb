"""After every dialog or question closed over the start view, the cursor is where the
person types next, in the active window (so it shows): the search field, or the list of
conferences when the person was in it and it still has a conference to open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from by_keyboard import answering, cursor_shows_in, press
from cprecorder.store import Store
from cprecorder.ui.shell.app import Records, show_then_open
from cprecorder.ui.shell.identity import IdentityDialog
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.settings import Settings
from cprecorder.ui.shell.start_view import NewConferenceDialog
from cprecorder.ui.shell.window_actions import ActionId


def test_the_first_start_answered_leaves_the_cursor_in_the_search(
    qtbot: QtBot, store: Store, settings: Settings
) -> None:
    window = show_then_open(settings, lambda: Records(store, None))
    qtbot.addWidget(window)

    def named(dialog: IdentityDialog) -> None:
        qtbot.keyClicks(dialog.name, "Tamsin Hale")
        press(qtbot, Qt.Key.Key_Return)

    with answering(IdentityDialog, named):
        qtbot.waitUntil(lambda: window.attached, timeout=10_000)
    cursor_shows_in(qtbot, window, window.start.search)
    window.close()


def test_who_is_using_it_answered_or_cancelled_gives_the_cursor_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_start()
    search = window.start.search
    with answering(IdentityDialog, lambda _d: press(qtbot, Qt.Key.Key_Escape)):
        window.actions_[ActionId.WHO_AM_I].trigger()
    cursor_shows_in(qtbot, window, search)
    with answering(IdentityDialog, lambda _d: press(qtbot, Qt.Key.Key_Return)):
        window.actions_[ActionId.WHO_AM_I].trigger()
    cursor_shows_in(qtbot, window, search)
    assert "You are" in window.status.text()


def test_a_new_conference_cancelled_gives_the_cursor_back_to_the_search(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_start()
    with answering(NewConferenceDialog, lambda _d: press(qtbot, Qt.Key.Key_Escape)):
        press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    cursor_shows_in(qtbot, window, window.start.search)


def test_who_is_using_it_is_still_said_once_a_conference_is_opened(
    qtbot: QtBot, window: MainWindow, demo_id: int
) -> None:
    """Opening a record clears what was said about the one closed, not who is typing."""
    window.show_start()
    with answering(IdentityDialog, lambda _d: press(qtbot, Qt.Key.Key_Return)):
        window.actions_[ActionId.WHO_AM_I].trigger()
    cursor_shows_in(qtbot, window, window.start.search)
    press(qtbot, Qt.Key.Key_Return)  # from the search into the list
    press(qtbot, Qt.Key.Key_Return)  # and the conference chosen there opened
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    assert window.view is not None and window.view.conference_id == demo_id
    assert window.status.text() == "You are Gemma Stiles, minute-taker."
