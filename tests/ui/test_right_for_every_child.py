"""The window's fields for every child and every parent, typed with the keyboard
(the Marlowe case: three children, one not born yet)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, wait_saved
from cprecorder.actor import Actor
from cprecorder.demo_marlowe import add_marlowe_conference
from cprecorder.model import Attendance, Household
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.panes.family import FamilyPane
from cprecorder.ui.shell.main_window import MainWindow


@pytest.fixture
def marlowe(window: MainWindow, store: Store, actor: Actor) -> int:
    conference_id = add_marlowe_conference(store, actor)
    window.open_conference(conference_id)
    return conference_id


@pytest.fixture
def marlowe_unwritten(window: MainWindow, store: Store, actor: Actor) -> int:
    """The Marlowe case before Bethan wrote Rory's plan for him."""
    conference_id = add_marlowe_conference(store, actor, rorys_plan_written=False)
    window.open_conference(conference_id)
    return conference_id


def field(qtbot: QtBot, window: MainWindow, key: str, place: tuple[str, int, str]) -> QWidget:
    return go_to(qtbot, window, key).fields[place].as_widget()


def labels(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def test_household_known_as_not_named_and_not_invited(
    qtbot: QtBot, window: MainWindow, store: Store, marlowe: int
) -> None:
    with store.read() as session:
        conference = load_conference(session, marlowe)
        kelly = conference.people[4]
        callum = conference.people[2]
        baby = conference.children[2]
        grace = conference.people[6]  # the health visitor: her report came a day late
    unnamed = field(qtbot, window, "family", ("child", baby.id, "not_yet_named"))
    assert unnamed.isChecked()  # type: ignore[attr-defined]
    # A switch as wide as its words (a chip), never stretched to look like a field to type in.
    unborn = field(qtbot, window, "family", ("child", baby.id, "unborn"))
    first_name = field(qtbot, window, "family", ("child", baby.id, "first_name"))
    for switch in (unborn, unnamed):
        assert switch.width() <= switch.sizeHint().width() < first_name.width()
    family = go_to(qtbot, window, "family", FamilyPane)
    assert family.report_marks[grace.id].text() == "Late: 9 Dec"  # no leading zero
    attendance = field(qtbot, window, "family", ("person", kelly.id, "attendance"))
    assert isinstance(attendance, QComboBox)
    assert attendance.currentText() == "Not invited"
    household = field(qtbot, window, "family", ("person", callum.id, "household"))
    assert isinstance(household, QComboBox)
    household.setFocus()
    qtbot.keyClicks(household, "Lives w")
    known = field(qtbot, window, "family", ("person", callum.id, "known_as"))
    retype(qtbot, known, "Daddy Callum")
    wait_saved(qtbot, window)
    with store.read() as session:
        callum = load_conference(session, marlowe).people[2]
        assert callum.household is Household.WITH_THE_CHILDREN
        assert callum.known_as == "Daddy Callum"
        assert load_conference(session, marlowe).people[4].attendance is Attendance.NOT_INVITED


def test_an_unborn_child_is_asked_about_the_birth_and_each_parent_has_views(
    qtbot: QtBot, window: MainWindow, store: Store, marlowe: int
) -> None:
    with store.read() as session:
        conference = load_conference(session, marlowe)
        baby = conference.children[2]
        chloe, jason = conference.people[0], conference.people[1]
    shown = go_to(qtbot, window, "involvement")
    words = " ".join(labels(shown))
    assert "Unborn baby Marlowe (not yet named)" in words
    assert "own words" not in " ".join(
        field.as_widget().accessibleName()
        for key, field in shown.fields.items()
        if key[:2] == ("child", baby.id)
    )
    assert ("child", baby.id, "views") not in shown.fields
    plans = field(qtbot, window, "involvement", ("child", baby.id, "parents_plans"))
    plans.setFocus()
    qtbot.keyClick(plans, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(plans, " Jason will take two weeks off.")
    agrees = field(qtbot, window, "involvement", ("person", jason.id, "agrees_reports"))
    assert isinstance(agrees, QComboBox)
    agrees.setFocus()
    qtbot.keyClicks(agrees, "No")
    disagree = field(qtbot, window, "involvement", ("person", jason.id, "disagrees_with"))
    assert disagree.isVisible()
    retype(qtbot, disagree, "The police report has the wrong date.")
    wait_saved(qtbot, window)
    with store.read() as session:
        conference = load_conference(session, marlowe)
        assert conference.children[2].parents_plans.endswith("Jason will take two weeks off.")
        jason_now = conference.people[1]
        assert jason_now.agrees_reports is False
        assert jason_now.disagrees_with == "The police report has the wrong date."
        assert conference.people[0].agrees_reports is chloe.agrees_reports is False


def test_strategy_discussion_and_the_childrens_version(
    qtbot: QtBot, window: MainWindow, store: Store, marlowe: int
) -> None:
    strategy = field(qtbot, window, "before", ("conference", marlowe, "strategy_discussion_on"))
    before = go_to(qtbot, window, "before")
    assert "Within the 15 working days" in " ".join(labels(before))
    retype(qtbot, strategy, "9/11/2026")  # a fortnight earlier, typed as people type it
    qtbot.keyClick(strategy, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any("latest date allowed" in t for t in labels(before)),
        timeout=2000,
    )
    made_with = field(
        qtbot, window, "demonstrating", ("conference", marlowe, "childrens_version_made_with")
    )
    retype(qtbot, made_with, "Isla and Bethan")
    wait_saved(qtbot, window)
    with store.read() as session:
        conference = load_conference(session, marlowe)
        assert conference.strategy_discussion_on == dt.date(2026, 11, 9)
        assert conference.childrens_version_made_with == "Isla and Bethan"


def test_the_childrens_plan_pane_leaves_out_the_unborn_baby_and_says_what_is_unwritten(
    qtbot: QtBot, window: MainWindow, marlowe_unwritten: int
) -> None:
    shown = go_to(qtbot, window, "childrens_plan")
    words = " ".join(labels(shown))
    assert "Unborn baby Marlowe (not yet named) is not born yet, so has no children's plan" in words
    assert "Not yet written for Rory" in words
    assert "Not yet written for Isla" not in words
    buttons = [b.text() for b in shown.findChildren(QPushButton) if b.isVisible()]
    assert not any("Baby" in text or "baby" in text for text in buttons)


def test_the_export_dialog_says_what_to_check_before_sending(
    qtbot: QtBot, window: MainWindow, marlowe_unwritten: int
) -> None:
    from cprecorder.export import DocumentKind
    from cprecorder.ui.dialogs.export import ExportDialog

    assert window.view is not None
    dialog = ExportDialog(window, window.view)
    qtbot.addWidget(dialog)
    children = [dialog.child.itemText(i) for i in range(dialog.child.count())]
    assert not any("Unborn" in name for name in children)
    dialog.set_kind(DocumentKind.FAMILY)
    assert "terms of jargon replaced by plain words" in dialog.notes.text()
    assert "reading age of 12 or under" in dialog.reading.text()
    dialog.set_kind(DocumentKind.CHILDREN)
    notes = dialog.notes.text()
    assert "not born yet, so has no children's plan" in notes
    assert "Rory's plan has not been written for Rory yet" in notes
    assert "reading age of 7 to 9" in dialog.reading.text()
    dialog.set_kind(DocumentKind.RECORD)
    assert not dialog.notes.isVisible()
