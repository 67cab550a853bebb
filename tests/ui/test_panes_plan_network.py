"""Who is in the plan: a person and their part, picked and typed with the keyboard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton, QTextEdit
from pytestqt.qtbot import QtBot

from by_keyboard import focused, go_to, settled
from cprecorder.agenda import completeness as marks
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.shell.main_window import MainWindow


def test_add_a_person_and_their_part(
    qtbot: QtBot,
    demo_window: MainWindow,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "plan_network")
    pane = view.panes["plan_network"]
    add = next(
        b
        for b in pane.findChildren(QPushButton)
        if b.accessibleName() == "Add someone to the safety network"
    )
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    who = settled(qtbot)
    assert isinstance(who, QComboBox)
    assert who.currentData() is None and who.property("warn") is True  # no one chosen yet
    qtbot.keyClicks(who, "Sophie")
    assert who.property("warn") is False
    qtbot.keyClick(who, Qt.Key.Key_Tab)
    part = settled(qtbot)
    assert isinstance(part, QTextEdit)
    qtbot.keyClicks(part, "Takes Maisie to school on Mondays.")
    wait_saved(demo_window)

    with store.read() as session:
        conference = load_conference(session, demo_id)
    sophie = next(p for p in conference.people if p.name == "Sophie Lane")
    last = conference.plan_network[-1]
    assert (last.person_id, last.part) == (sophie.id, "Takes Maisie to school on Mondays.")
    item = view.agenda.item("plan_network")
    assert item is not None
    assert marks.plan_network(item, conference) == (3, 3)


def test_a_member_without_a_part_is_not_complete(demo_window: MainWindow) -> None:
    view = demo_window.view
    assert view is not None
    item = view.agenda.item("plan_network")
    assert item is not None
    view.conference.plan_network[0].part = "  "
    assert marks.plan_network(item, view.conference) == (1, 2)


def test_a_name_too_long_for_its_box_ends_in_an_ellipsis_not_mid_word(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Presentation mode at 1440 px: "Priya Desai (Designated safeguarding lead, …)" is
    wider than the Who box; it was cut at the edge in the middle of a word."""
    from cprecorder.ui.widgets.fields import ChoiceField, text_room

    go_to(qtbot, demo_window, "plan_network")
    demo_window.resize(1440, 900)
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: demo_window.presentation)
    view = demo_window.view
    assert view is not None
    boxes = view.panes["plan_network"].findChildren(ChoiceField)
    long_ones = [
        b for b in boxes if b.fontMetrics().horizontalAdvance(b.currentText()) > text_room(b)
    ]
    assert long_ones  # the demo's names are longer than the box at this size
    for box in long_ones:
        shown = box.shown_text()
        assert shown.endswith("…") and box.currentText().startswith(shown[:-1])
        assert box.fontMetrics().horizontalAdvance(shown) <= text_room(box)
