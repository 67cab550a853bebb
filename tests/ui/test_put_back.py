"""Ctrl+Alt+Z puts a removed item back whole: the words in the parts that went with it too."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTextEdit
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, press, settled
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.shell.main_window import MainWindow

Ctrl = Qt.KeyboardModifier.ControlModifier
Alt = Qt.KeyboardModifier.AltModifier


def test_a_child_put_back_has_their_plan_words_again(
    qtbot: QtBot,
    demo_window: MainWindow,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    go_to(qtbot, demo_window, "childrens_plan")
    worries = settled(qtbot)  # Maisie's plan, its first part
    assert isinstance(worries, QTextEdit)
    assert worries.property("field_key").endswith(":worries")
    qtbot.keyClicks(worries, " Nanna Maureen will come every Sunday.")

    press(qtbot, Qt.Key.Key_2, Alt)  # Family and network: the cursor in Maisie's first name
    first_name = settled(qtbot)
    assert isinstance(first_name, QLineEdit) and first_name.text() == "Maisie"
    press(qtbot, Qt.Key.Key_Delete, Ctrl)  # removed by mistake...
    press(qtbot, Qt.Key.Key_Z, Ctrl | Alt)  # ...and put back
    wait_saved(demo_window)

    with store.read() as session:
        maisie = next(
            c for c in load_conference(session, demo_id).children if c.first_name == "Maisie"
        )
        assert maisie.childrens_plan is not None
        assert "Nanna Maureen will come every Sunday." in maisie.childrens_plan.worries
        assert maisie.decision is not None  # the conference's decision for her, too
