"""Who is in the plan: a person and their part, picked and typed with the keyboard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton, QTextEdit
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, settled
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
