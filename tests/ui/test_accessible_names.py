"""Every button and field has an accessible name: what a screen reader says of it.

The "Changes since the meeting…" button of the review had none, and so a screen reader
read its words with the mnemonic's ampersand and the ellipsis, or nothing. Each view of
the window is walked with every part of it built, and each control the keyboard reaches
must have a name of its own. (The dialogs are checked in ``test_dialogs.py``.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from by_keyboard import press, unnamed_controls
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.window_actions import ActionId


def test_every_button_and_field_of_the_window_has_an_accessible_name(
    qtbot: QtBot, window: MainWindow, demo_id: int
) -> None:
    window.start.refresh()
    assert unnamed_controls(window.start) == [], "on the start view"
    window.open_conference(demo_id)
    view = window.view
    assert view is not None
    for key in view.keys:  # every pane built, as each is once it has been shown
        view.show_pane(key)
    window.actions_[ActionId.REVIEW].trigger()
    assert unnamed_controls(window) == [], "in the record and its review"
    press(qtbot, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.journey_view is not None, timeout=3000)
    assert window.journey_view is not None
    assert unnamed_controls(window.journey_view) == [], "in the family's journey"
