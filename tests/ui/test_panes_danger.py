"""Danger statements: added by keyboard up to the agenda's limit, scaled by each person."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, press, type_here, wait_saved
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import DangerScore, DangerStatement, Person
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.panes.danger import DangerPane
from cprecorder.ui.shell.main_window import MainWindow


def activate(qtbot: QtBot, window: MainWindow) -> None:
    """Keys go to the focused widget only in the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def field(qtbot: QtBot, window: MainWindow, key: tuple[str, int, str]) -> QWidget:
    return go_to(qtbot, window, "danger", DangerPane).fields[key].as_widget()


def score_box(qtbot: QtBot, window: MainWindow, statement: int, person: int) -> QLineEdit:
    """The box where a person's 0-10 score for a danger statement is typed."""
    box = field(qtbot, window, ("danger_statement", statement, f"score-{person}"))
    assert isinstance(box, QLineEdit)
    return box


def statement_ids(store: Store, conference_id: int) -> list[int]:
    with store.read() as session:
        return [s.id for s in load_conference(session, conference_id).danger_statements]


def test_enter_adds_statements_up_to_the_limit_and_the_fifth_is_refused(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    activate(qtbot, demo_window)
    pane = go_to(qtbot, demo_window, "danger", DangerPane)
    assert pane.context.agenda.max_danger_statements == 4
    assert pane.statements.add_button.isVisible()
    first, second = statement_ids(store, demo_id)

    statement = field(qtbot, demo_window, ("danger_statement", second, "statement"))
    qtbot.mouseClick(statement, Qt.MouseButton.LeftButton)
    qtbot.keyClick(statement, Qt.Key.Key_Return)  # adds the third
    type_here(qtbot, "Third worry")
    press(qtbot, Qt.Key.Key_Return)  # adds the fourth
    type_here(qtbot, "Fourth worry")
    wait_saved(qtbot, demo_window)
    pane = go_to(qtbot, demo_window, "danger", DangerPane)
    assert not pane.statements.add_button.isVisible()
    assert pane.limit_note.isVisible()
    assert "allows 4 danger statements" in pane.limit_note.text()

    press(qtbot, Qt.Key.Key_Return)  # the fifth: refused
    assert "allows 4 danger statements" in demo_window.status.text()

    with store.read() as session:
        statements = load_conference(session, demo_id).danger_statements
        assert [s.statement for s in statements][2:] == ["Third worry", "Fourth worry"]
        assert len(statements) == 4
        assert statements[0].id == first


def olu_present(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> tuple[int, int]:
    """A health visitor who came, and the first danger statement, on screen."""
    change = op.add_item(
        store,
        actor=actor,
        conference_id=demo_id,
        entity="person",
        values={"name": "Olu Badmus", "kind": "professional", "attendance": "present"},
    )
    assert change.entity_id is not None
    window.open_conference(demo_id)
    activate(qtbot, window)
    return change.entity_id, statement_ids(store, demo_id)[0]


def test_score_and_reason_typed_for_a_person_are_saved_and_drawn(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    olu, first = olu_present(qtbot, window, store, actor, demo_id)
    pane = go_to(qtbot, window, "danger", DangerPane)
    assert all(m.name != "Olu Badmus" for m in pane.spreads[first].marks)

    score = score_box(qtbot, window, first, olu)
    qtbot.mouseClick(score, Qt.MouseButton.LeftButton)
    qtbot.keyClick(score, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(score, "2")
    qtbot.keyClick(score, Qt.Key.Key_Tab)  # the score is saved on leaving the box
    focused = QApplication.focusWidget()
    assert focused is not None and focused.accessibleName().startswith("Why this score")
    type_here(qtbot, "Not enough change yet")
    wait_saved(qtbot, window)

    pane = go_to(qtbot, window, "danger", DangerPane)
    marks = {m.name: m.score for m in pane.spreads[first].marks}
    assert marks["Olu Badmus"] == 2
    assert "Olu Badmus 2" in pane.spreads[first].accessibleDescription()
    with store.read() as session:
        entry = session.query(DangerScore).filter_by(danger_statement_id=first, person_id=olu).one()
        assert (entry.score, entry.reason) == (2, "Not enough change yet")


def test_a_reason_before_any_score_creates_the_row(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    olu = op.add_item(
        store,
        actor=actor,
        conference_id=demo_id,
        entity="person",
        values={"name": "Olu Badmus", "kind": "network", "attendance": "present"},
    ).entity_id
    window.open_conference(demo_id)
    activate(qtbot, window)
    second = statement_ids(store, demo_id)[1]
    reason = field(qtbot, window, ("danger_statement", second, f"reason-{olu}"))
    qtbot.mouseClick(reason, Qt.MouseButton.LeftButton)
    type_here(qtbot, "I see them every day")
    wait_saved(qtbot, window)
    with store.read() as session:
        statement = session.get(DangerStatement, second)
        assert statement is not None
        entry = next(s for s in statement.scores if s.person_id == olu)
        assert (entry.score, entry.reason) == (None, "I see them every day")


def test_nobody_present_lists_everyone_and_says_so(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    with store.read() as session:
        conference = load_conference(session, demo_id)
        people = [p.id for p in conference.people]
        statement = conference.danger_statements[0].id
    for pid in people:
        op.update(
            store, actor=actor, entity="person", entity_id=pid, values={"attendance": "invited"}
        )
    window.open_conference(demo_id)
    pane = go_to(qtbot, window, "danger", DangerPane)
    assert pane.everyone_listed
    assert set(pane.grids[statement].score_fields) == set(people)
    with store.read() as session:
        assert session.query(Person).filter_by(conference_id=demo_id).count() == len(people)


def test_the_first_digit_counts_ten_works_and_eleven_is_refused_in_words(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    olu, first = olu_present(qtbot, window, store, actor, demo_id)

    def saved() -> int | None:
        with store.read() as session:
            entry = (
                session.query(DangerScore).filter_by(danger_statement_id=first, person_id=olu).one()
            )
            return entry.score

    score = score_box(qtbot, window, first, olu)
    score.setFocus()
    assert score.text() == "–"  # no score yet
    qtbot.keyClicks(score, "7")  # the first digit always counts
    assert score.text() == "7"
    qtbot.keyClick(score, Qt.Key.Key_Tab)
    wait_saved(qtbot, window)
    assert saved() == 7

    score = score_box(qtbot, window, first, olu)
    score.setFocus()
    qtbot.keyClicks(score, "10")  # the score is selected on arrival: 10 replaces it
    assert score.text() == "10"
    qtbot.keyClick(score, Qt.Key.Key_Return)
    wait_saved(qtbot, window)
    assert saved() == 10

    score = score_box(qtbot, window, first, olu)
    score.setFocus()
    qtbot.keyClicks(score, "11")  # 1, then 11 is refused: the box keeps 1, and says why
    assert score.text() == "1"
    assert "11 is not kept, the score stays 1" in window.status.text()
    qtbot.keyClick(score, Qt.Key.Key_Tab)
    wait_saved(qtbot, window)
    assert saved() == 1
