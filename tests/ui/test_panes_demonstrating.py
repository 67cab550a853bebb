"""Showing the plan works: the children's version ticked, a way of showing it added."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QPushButton, QTextEdit
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, settled
from cprecorder.actor import Actor
from cprecorder.agenda import completeness as marks
from cprecorder.model import ConferenceKind, DemonstrationMethodKind
from cprecorder.operations import create_conference
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.shell.main_window import MainWindow


def test_tick_the_boxes_and_add_a_way_of_showing_it(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    actor: Actor,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    change = create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name="Brindle",
        scheduled_at=dt.datetime(2026, 11, 24, 10, 0),
        children=["Ivy Brindle"],
    )
    cid = change.conference_id
    window.open_conference(cid)
    view = window.view
    assert view is not None
    go_to(qtbot, window, "demonstrating")
    pane = view.panes["demonstrating"]
    item = view.agenda.item("demonstrating")
    assert item is not None
    assert marks.demonstrating(item, view.conference) == (0, 3)

    made = pane.fields[("conference", cid, "childrens_version_made")].as_widget()
    shared = pane.fields[("conference", cid, "childrens_version_shared")].as_widget()
    assert isinstance(made, QCheckBox) and isinstance(shared, QCheckBox)
    # Click on the words (the box is as wide as the pane; the empty end does nothing).
    qtbot.mouseClick(made, Qt.MouseButton.LeftButton, pos=QPoint(40, made.height() // 2))
    shared.setFocus()
    qtbot.keyClick(shared, Qt.Key.Key_Space)
    add = next(
        b
        for b in pane.findChildren(QPushButton)
        if b.accessibleName() == "Add a way of showing the plan working"
    )
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    how = settled(qtbot)
    assert isinstance(how, QComboBox)
    assert how.currentText() == "Safety journal"  # the first way not yet used
    qtbot.keyClicks(how, "W")
    assert how.currentText() == "WhatsApp group"
    qtbot.keyClick(how, Qt.Key.Key_Tab)
    details = settled(qtbot)
    assert isinstance(details, QTextEdit)
    assert "Who is in the group" in details.placeholderText()
    qtbot.keyClicks(details, "Ivy's mum, her aunt and the social worker.")
    wait_saved(window)

    with store.read() as session:
        conference = load_conference(session, cid)
    assert conference.childrens_version_made is True
    assert conference.childrens_version_shared is True
    assert [(m.method, m.details) for m in conference.demonstration_methods] == [
        (DemonstrationMethodKind.WHATSAPP_GROUP, "Ivy's mum, her aunt and the social worker.")
    ]
    assert marks.demonstrating(item, conference) == (3, 3)
