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


def contributors(pane: WorriesPane) -> tuple[list[str], list[str]]:
    """Who said each item as shown, and those of them cut short by their box."""
    from PySide6.QtWidgets import QApplication, QComboBox

    from cprecorder.ui.widgets.fields import text_room

    QApplication.processEvents()
    shown, cut = [], []
    for combo in pane.findChildren(QComboBox, "contributor"):
        if not combo.isVisibleTo(pane):
            continue
        text = combo.currentText()
        shown.append(text)
        if combo.fontMetrics().horizontalAdvance(text) > text_room(combo):
            cut.append(text)
    return shown, cut


def test_who_said_each_worry_reads_in_full(qtbot: QtBot, demo_window: MainWindow) -> None:
    """Under each worry, who said it: name and role read whole in a 1280-pixel window
    ("Hannah Okafor (Social worker, Children's social c" was cut), in both modes: at the
    presentation zoom what's working well goes under the worries, and back beside them."""
    demo_window.resize(1280, 720)
    for presentation in (False, True, False):
        demo_window.set_presentation(presentation)
        pane = go_to(qtbot, demo_window, "worries", WorriesPane)
        shown, cut = contributors(pane)
        assert "Hannah Okafor (Social worker)" in shown
        assert "Priya Desai (Designated safeguarding lead)" in shown
        assert cut == [], presentation
        assert pane.side_by_side is not presentation
