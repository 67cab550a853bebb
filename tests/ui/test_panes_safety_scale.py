"""The safety scale: each person's score and words saved, and drawn on the line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, press, type_here, wait_saved
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import SafetyScore
from cprecorder.store import Store
from cprecorder.ui.panes.safety_scale import SafetyScalePane
from cprecorder.ui.shell.main_window import MainWindow


def open_pane(qtbot: QtBot, window: MainWindow, conference_id: int) -> SafetyScalePane:
    window.open_conference(conference_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    return go_to(qtbot, window, "safety_scale", SafetyScalePane)


def widget(qtbot: QtBot, window: MainWindow, key: tuple[str, int, str]) -> QWidget:
    return go_to(qtbot, window, "safety_scale", SafetyScalePane).fields[key].as_widget()


def add_present(
    store: Store,
    actor: Actor,
    conference_id: int,
    name: str,
    kind: str,
    attendance: str = "present",
) -> int:
    change = op.add_item(
        store,
        actor=actor,
        conference_id=conference_id,
        entity="person",
        values={"name": name, "kind": kind, "attendance": attendance},
    )
    assert change.entity_id is not None
    return change.entity_id


def test_score_reason_and_one_point_up_are_saved_and_marked_on_the_line(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    olu = add_present(store, actor, demo_id, "Olu Badmus", "professional")
    pane = open_pane(qtbot, window, demo_id)
    before = {m.name: m.score for m in pane.line.marks}
    assert before["Kerry Ashdown"] == 6 and "Olu Badmus" not in before

    score = widget(qtbot, window, ("person", olu, "safety_score"))
    qtbot.mouseClick(score, Qt.MouseButton.LeftButton)
    qtbot.keyClick(score, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(score, "8")
    qtbot.keyClick(score, Qt.Key.Key_Tab)
    type_here(qtbot, "The plan is working")
    press(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, "A month with no shouting")
    wait_saved(qtbot, window)

    line = go_to(qtbot, window, "safety_scale", SafetyScalePane).line
    marks = {m.name: m for m in line.marks}
    assert marks["Olu Badmus"].score == 8 and not marks["Olu Badmus"].family
    assert marks["Kerry Ashdown"].family
    assert len(line.marks) == len(before) + 1
    assert "Olu Badmus 8" in line.accessibleDescription()
    with store.read() as session:
        entry = session.query(SafetyScore).filter_by(person_id=olu).one()
        assert (entry.score, entry.reason, entry.one_point_up) == (
            8,
            "The plan is working",
            "A month with no shouting",
        )


def test_what_would_move_it_up_can_come_before_the_score(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    aunt = add_present(store, actor, demo_id, "Jo Pryce", "family")
    open_pane(qtbot, window, demo_id)
    words = widget(qtbot, window, ("person", aunt, "safety_one_point_up"))
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    type_here(qtbot, "Dean stops drinking")
    wait_saved(qtbot, window)
    assert all(
        m.name != "Jo Pryce"
        for m in go_to(qtbot, window, "safety_scale", SafetyScalePane).line.marks
    )  # no score yet
    with store.read() as session:
        entry = session.query(SafetyScore).filter_by(person_id=aunt).one()
        assert (entry.score, entry.reason, entry.one_point_up) == (None, "", "Dean stops drinking")


def test_marks_at_the_same_score_are_stacked_in_their_own_rows(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    line = go_to(qtbot, demo_window, "safety_scale", SafetyScalePane).line
    threes = [m.name for m in line.marks if m.score == 3]
    assert threes == ["Hannah Okafor", "Priya Desai"]
    line.resize(900, line.heightForWidth(900))
    # one row per person, so a crowded scale grows taller instead of overlapping
    assert line.heightForWidth(900) > len(line.marks) * line.row_height()
    assert not line.grab().isNull()


def test_an_agency_that_sent_a_report_only_can_have_its_score_recorded(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    """Every agency scales the child's safety; one not at the meeting does so in its report.
    Someone who sent apologies without a report is not asked."""
    school = add_present(store, actor, demo_id, "Ann Cole", "professional", "report_only")
    pane = open_pane(qtbot, window, demo_id)
    assert ("person", school, "safety_score") in pane.fields
    assert pane.conference is not None
    sophie = next(p for p in pane.conference.people if p.name == "Sophie Lane")  # apologies
    assert ("person", sophie.id, "safety_score") not in pane.fields
    score = widget(qtbot, window, ("person", school, "safety_score"))
    qtbot.mouseClick(score, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(score, "7")
    qtbot.keyClick(score, Qt.Key.Key_Tab)
    wait_saved(qtbot, window)
    with store.read() as session:
        assert session.query(SafetyScore).filter_by(person_id=school).one().score == 7
