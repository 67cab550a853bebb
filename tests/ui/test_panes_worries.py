"""Worries: one item can be marked professionals-only by keyboard, and the shared screen hides it.

Issue 10, problem 11: there was no way to mark one worry as confidential, though the
README and presentation mode relied on it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QTextEdit
from pytestqt.qtbot import QtBot

from by_keyboard import focused, go_to, press, type_here
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.panes.worries import WorriesPane
from cprecorder.ui.shell.main_window import MainWindow

CtrlShift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_a_worry_marked_professionals_only_by_keyboard_hides_on_the_shared_screen(
    qtbot: QtBot,
    demo_window: MainWindow,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    pane = go_to(qtbot, demo_window, "worries", WorriesPane)
    assert pane.conference is not None
    worry = next(w for w in pane.conference.worries if not w.confidential)
    text = pane.fields[("worry", worry.id, "text")].as_widget()
    assert isinstance(text, QTextEdit)
    toggle = pane.fields[("worry", worry.id, "confidential")].as_widget()
    assert isinstance(toggle, QCheckBox) and not toggle.isChecked()
    text.setFocus()
    press(qtbot, "O", CtrlShift)
    wait_saved(demo_window)
    with store.read() as session:
        saved = next(w for w in load_conference(session, demo_id).worries if w.id == worry.id)
    assert saved.confidential
    # shown as such in the window, and the cursor stays in the words
    assert toggle.isChecked() and toggle.isVisible()
    assert text.property("confidential")
    assert focused() is text
    type_here(qtbot, " (police)")

    press(qtbot, Qt.Key.Key_F5)
    assert demo_window.presentation
    assert not text.isVisible() and not toggle.isVisible()
    other = next(w for w in pane.conference.worries if w.id != worry.id and not w.confidential)
    shared = pane.fields[("worry", other.id, "text")].as_widget()
    assert shared.isVisible()
    assert not focused().property("confidential")  # the cursor left the hidden item
    press(qtbot, Qt.Key.Key_F5)
    assert text.isVisible() and toggle.isVisible()

    text.setFocus()
    press(qtbot, "O", CtrlShift)  # and back again
    wait_saved(demo_window)
    with store.read() as session:
        saved = next(w for w in load_conference(session, demo_id).worries if w.id == worry.id)
    assert not saved.confidential
    assert saved.text.endswith("(police)")
    assert not toggle.isChecked()


def test_who_said_each_worry_reads_in_full(qtbot: QtBot, demo_window: MainWindow) -> None:
    """The name and role under a worry had ten characters' room ("Hannah Okafor (S"): it has
    the line under the words now, so a name always reads whole, and its role with it
    unless the role is longer than the column."""
    from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionComboBox

    pane = go_to(qtbot, demo_window, "worries", WorriesPane)
    QApplication.processEvents()
    combos = pane.findChildren(QComboBox, "contributor")
    assert combos
    cut, whole = [], []
    for combo in combos:
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        room = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            combo,
        )
        text = combo.currentText()
        if combo.fontMetrics().horizontalAdvance(text) <= room.width():
            whole.append(text)
        elif combo.fontMetrics().horizontalAdvance(text.split(" (")[0]) > room.width():
            cut.append(text)
    assert "Hannah Okafor (Social worker, Children's social care)" in whole
    assert "Tom Reyes (Health visitor, Health visiting service)" in whole
    assert cut == []
