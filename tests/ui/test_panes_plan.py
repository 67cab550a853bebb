"""The plan pane: immediate safety and bottom lines typed as lists, and the timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from by_keyboard import focused, go_to, settled
from cprecorder.actor import Actor
from cprecorder.agenda import completeness as marks
from cprecorder.model import ConferenceKind, PlanSection
from cprecorder.operations import create_conference
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.shell.main_window import MainWindow


def button(pane: QWidget, name: str) -> QPushButton:
    found = [b for b in pane.findChildren(QPushButton) if b.accessibleName() == name]
    assert found, name
    return found[0]


def test_immediate_safety_typed_with_enter_and_reordered(
    qtbot: QtBot,
    demo_window: MainWindow,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "plan")
    pane = view.panes["plan"]
    last = [i for i in view.conference.plan_items if i.section is PlanSection.IMMEDIATE_SAFETY][-1]
    field = pane.fields[("plan_item", last.id, "text")].as_widget()
    assert isinstance(field, QTextEdit)
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)

    qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter adds the next step after this one
    first_new = focused()
    assert isinstance(first_new, QTextEdit) and first_new is not field
    qtbot.keyClicks(first_new, "Nana will collect the children from school.")
    qtbot.keyClick(first_new, Qt.Key.Key_Return)
    second_new = focused()
    assert isinstance(second_new, QTextEdit)
    qtbot.keyClicks(second_new, "Kerry will ring Hannah every Friday.")
    qtbot.keyClick(second_new, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    moved = focused()
    assert isinstance(moved, QTextEdit)
    assert moved.toPlainText() == "Kerry will ring Hannah every Friday."
    wait_saved(demo_window)

    with store.read() as session:
        conference = load_conference(session, demo_id)
    immediate = [i.text for i in conference.plan_items if i.section is PlanSection.IMMEDIATE_SAFETY]
    assert immediate == [
        "If an argument starts, Kerry will take the children to Nana's.",
        "Dean will not drink at home while the children are awake.",
        "Kerry will ring Hannah every Friday.",
        "Nana will collect the children from school.",
    ]
    bottom = [i.text for i in conference.plan_items if i.section is PlanSection.BOTTOM_LINE]
    assert bottom == ["There must be no more fighting in front of the children."]


def test_an_empty_plan_is_started_from_the_add_buttons(
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
    window.open_conference(change.conference_id)
    view = window.view
    assert view is not None
    go_to(qtbot, window, "plan")
    pane = view.panes["plan"]
    assert marks.plan(view.agenda.items[0], view.conference) == (0, 3)

    qtbot.mouseClick(button(pane, "Add a bottom line"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(focused(), "Dean must not come to the house when he has been drinking.")
    qtbot.mouseClick(button(view.panes["plan"], "Add to the timeline"), Qt.MouseButton.LeftButton)
    what = settled(qtbot)
    qtbot.keyClicks(what, "Dean to start the Calmer Choices course.")
    qtbot.keyClick(what, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "15012027")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    wait_saved(window)

    with store.read() as session:
        conference = load_conference(session, change.conference_id)
    assert [(i.section, i.text) for i in conference.plan_items] == [
        (PlanSection.BOTTOM_LINE, "Dean must not come to the house when he has been drinking.")
    ]
    assert [(t.what, t.by_when) for t in conference.timeline] == [
        ("Dean to start the Calmer Choices course.", dt.date(2027, 1, 15))
    ]
    assert marks.plan(view.agenda.items[0], conference) == (2, 3)
