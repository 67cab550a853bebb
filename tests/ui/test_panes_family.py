"""Family and network: children, people, relationships, attendance and quoracy by keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, press, type_here, wait_saved
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.agenda import completeness as marks
from cprecorder.model import Attendance, ConferenceKind, PersonKind
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.panes.family import FamilyPane
from cprecorder.ui.shell.main_window import MainWindow


def widget(qtbot: QtBot, window: MainWindow, key: tuple[str, int, str]) -> QWidget:
    return go_to(qtbot, window, "family", FamilyPane).fields[key].as_widget()


def open_pane(qtbot: QtBot, window: MainWindow, conference_id: int) -> FamilyPane:
    window.open_conference(conference_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    return go_to(qtbot, window, "family", FamilyPane)


@pytest.fixture
def empty_id(store: Store, actor: Actor) -> int:
    """A new conference with nothing recorded yet."""
    change = op.create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name="Fenwick",
        scheduled_at=dt.datetime(2026, 12, 2, 10, 0),
        chair="Ruth Calloway",
    )
    return change.conference_id


def click_add(qtbot: QtBot, window: MainWindow, label: str) -> None:
    buttons = [
        b
        for b in go_to(qtbot, window, "family", FamilyPane).findChildren(QWidget, "editButton")
        if b.accessibleName() == label
    ]
    assert len(buttons) == 1, label
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)


def choose(qtbot: QtBot, combo: QWidget, text: str) -> None:
    """Pick a choice with the keyboard: focus the box and type the start of its words."""
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    qtbot.keyClicks(combo, text)
    assert combo.currentText().startswith(text)


def add_professional(qtbot: QtBot, window: MainWindow, name: str, role: str, agency: str) -> None:
    click_add(qtbot, window, "Add a professional")
    type_here(qtbot, name)  # the new row opens with the cursor in the name
    press(qtbot, Qt.Key.Key_Tab)  # family, network or professional
    press(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, role)
    press(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, agency)
    wait_saved(qtbot, window)


def test_children_people_attendance_and_quoracy(
    qtbot: QtBot, window: MainWindow, store: Store, empty_id: int
) -> None:
    pane = open_pane(qtbot, window, empty_id)
    assert pane.conference is not None
    assert marks.family(pane.context.item, pane.conference) == (0, 3)

    click_add(qtbot, window, "Add a child")
    type_here(qtbot, "Ruby")
    press(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, "Fenwick")
    wait_saved(qtbot, window)

    click_add(qtbot, window, "Add a family or network member")
    type_here(qtbot, "Carla Fenwick")
    press(qtbot, Qt.Key.Key_Tab)  # family or network
    press(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, "Mother")
    press(qtbot, Qt.Key.Key_Tab)  # the relationship to Ruby: the first letter links them
    type_here(qtbot, "Mum")
    wait_saved(qtbot, window)

    add_professional(qtbot, window, "Asha Patel", "Social worker", "Children's social care")
    add_professional(qtbot, window, "Ben Hollis", "Health visitor", "Health visiting")
    add_professional(qtbot, window, "Cath Moss", "Teacher", "School")

    with store.read() as session:
        people = {p.name: p for p in load_conference(session, empty_id).people}
    assert set(people) == {"Carla Fenwick", "Asha Patel", "Ben Hollis", "Cath Moss"}

    pane = go_to(qtbot, window, "family", FamilyPane)
    assert pane.quoracy.text().endswith(
        "Not quorate: no agency besides children's social care is present"
    )
    assert pane.quoracy.property("kind") == "bad"
    assert pane.reason.isVisible()

    for name in ("Carla Fenwick", "Asha Patel", "Ben Hollis"):
        choose(qtbot, widget(qtbot, window, ("person", people[name].id, "attendance")), "Pr")
    pane = go_to(qtbot, window, "family", FamilyPane)
    assert pane.quoracy.text().endswith(
        "Not quorate: only one agency besides children's social care (Health visiting)"
    )
    qtbot.mouseClick(pane.reason, Qt.MouseButton.LeftButton)
    type_here(qtbot, "The school nurse was ill")

    choose(qtbot, widget(qtbot, window, ("person", people["Cath Moss"].id, "attendance")), "Pr")
    pane = go_to(qtbot, window, "family", FamilyPane)
    assert pane.quoracy.text().endswith("Quorate: Health visiting, School")  # before any save
    assert pane.quoracy.property("kind") == "good"
    assert pane.reason.isVisible()  # it holds words, so it stays on screen
    wait_saved(qtbot, window)

    with store.read() as session:
        conference = load_conference(session, empty_id)
        [ruby] = conference.children
        assert (ruby.first_name, ruby.last_name) == ("Ruby", "Fenwick")
        people = {p.name: p for p in conference.people}
        carla = people["Carla Fenwick"]
        assert (carla.kind, carla.role) == (PersonKind.FAMILY, "Mother")
        assert [(r.child_id, r.relationship_to_child) for r in carla.relationships] == [
            (ruby.id, "Mum")
        ]
        assert people["Ben Hollis"].agency == "Health visiting"
        assert all(p.attendance is Attendance.PRESENT for p in conference.people)
        assert conference.inquorate_reason == "The school nurse was ill"
    assert marks.family(go_to(qtbot, window, "family", FamilyPane).context.item, conference) == (
        3,
        3,
    )


def test_late_and_missing_reports_are_marked(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    pane = go_to(qtbot, demo_window, "family", FamilyPane)
    with store.read() as session:
        people = {p.name: p.id for p in load_conference(session, demo_id).people}
    marks = {
        name: pane.report_marks[pid].text()
        for name, pid in people.items()
        if pid in pane.report_marks
    }
    assert marks["Tom Reyes"] == "Late: 21 Nov"  # due 20 November, two working days before
    assert marks["Hannah Okafor"] == ""
    assert "Kerry Ashdown" not in marks  # family members send no report

    # The GP's report is now expected, and nothing has come: marked at once.
    expected = widget(qtbot, demo_window, ("person", people["Dr Ellen Marsh"], "report_expected"))
    expected.setFocus()
    qtbot.keyClick(expected, Qt.Key.Key_Space)
    assert go_to(qtbot, demo_window, "family", FamilyPane).report_marks[
        people["Dr Ellen Marsh"]
    ].text() == ("Report not received")
    wait_saved(qtbot, demo_window)
    with store.read() as session:
        gp = next(p for p in load_conference(session, demo_id).people if p.name == "Dr Ellen Marsh")
        assert gp.report_expected


def test_an_unborn_child_has_an_expected_date_instead(
    qtbot: QtBot, window: MainWindow, store: Store, empty_id: int
) -> None:
    open_pane(qtbot, window, empty_id)
    click_add(qtbot, window, "Add a child")
    with store.read() as session:
        child_id = load_conference(session, empty_id).children[0].id
    born = widget(qtbot, window, ("child", child_id, "date_of_birth"))
    expected = widget(qtbot, window, ("child", child_id, "expected_on"))
    assert born.isVisible() and not expected.isVisible()
    unborn = widget(qtbot, window, ("child", child_id, "unborn"))
    unborn.setFocus()
    qtbot.keyClick(unborn, Qt.Key.Key_Space)
    assert expected.isVisible() and not born.isVisible()
    wait_saved(qtbot, window)
    with store.read() as session:
        assert load_conference(session, empty_id).children[0].unborn
