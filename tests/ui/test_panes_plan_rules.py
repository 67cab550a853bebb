"""Plan rules: a card per concerning behaviour, filled in reading order with Tab."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTextEdit
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, settled
from cprecorder.agenda import completeness as marks
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.shell.main_window import MainWindow

WORDS = {
    "behaviour": "Dean drinking at home",
    "working_well": "Dean has not had a drink at home for two weeks.",
    "triggers": "Payday; watching football with friends.",
    "red_flags": "Cans in the recycling; Dean sleeping in the day.",
    "contingency": "Kerry rings Nana, who collects the children.",
}


def test_fill_a_rule_card_with_the_keyboard(
    qtbot: QtBot,
    demo_window: MainWindow,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "plan_rules")
    pane = view.panes["plan_rules"]
    item = view.agenda.item("plan_rules")
    assert item is not None
    assert marks.plan_rules(item, view.conference) == (1, 1)
    first = view.conference.plan_rules[0]
    behaviour = pane.fields[("plan_rule", first.id, "behaviour")].as_widget()
    assert isinstance(behaviour, QTextEdit)
    behaviour.setFocus()
    behaviour.moveCursor(behaviour.textCursor().MoveOperation.End)
    qtbot.keyClick(behaviour, Qt.Key.Key_Return)  # Enter in the behaviour adds the next card

    for field, words in WORDS.items():
        typing = settled(qtbot)
        assert isinstance(typing, QTextEdit)
        assert typing.property("field_key").endswith(f":{field}")
        qtbot.keyClicks(typing, words)
        qtbot.keyClick(typing, Qt.Key.Key_Tab)
    wait_saved(demo_window)

    with store.read() as session:
        conference = load_conference(session, demo_id)
    assert len(conference.plan_rules) == 2
    rule = conference.plan_rules[1]
    assert {f: getattr(rule, f) for f in WORDS} == WORDS
    assert marks.plan_rules(item, conference) == (2, 2)


def test_an_empty_card_is_counted_as_missing(qtbot: QtBot, demo_window: MainWindow) -> None:
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "plan_rules")
    add = next(
        b
        for b in view.panes["plan_rules"].findChildren(QPushButton)
        if b.accessibleName() == "Add a rule for another behaviour"
    )
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    item = view.agenda.item("plan_rules")
    assert item is not None
    assert marks.plan_rules(item, view.conference) == (1, 2)
