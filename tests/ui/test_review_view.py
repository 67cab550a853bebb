"""The review panel: gaps listed, each item takes the chair to its field, filling clears it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

import by_keyboard
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import Conference, PlanType
from cprecorder.queries import load_conference
from cprecorder.review import ReviewItem, review_record
from cprecorder.store import Store
from cprecorder.ui.review.dock import HEADING, ITEM_ROLE, KIND_ROLE, ReviewDock, ReviewModel
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.widgets.dates import DateEntry


def fresh(store: Store, conference_id: int) -> Conference:
    with store.read() as session:
        return load_conference(session, conference_id)


@pytest.fixture
def chair_window(
    qtbot: QtBot, store: Store, chair: Actor, demo_id: int, tmp_path: Path
) -> Iterator[MainWindow]:
    window = by_keyboard.open_window(qtbot, store, chair, tmp_path / "review.ini")
    window.resize(1500, 900)  # the review docked beside the record
    yield window
    window.close()


def open_review(qtbot: QtBot, window: MainWindow) -> ReviewDock:
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dock = window.findChild(ReviewDock)
    assert dock is not None
    qtbot.waitUntil(dock.isVisible, timeout=2000)
    qtbot.waitUntil(dock.panel.list.hasFocus, timeout=2000)
    return dock


def shown_items(dock: ReviewDock) -> list[ReviewItem]:
    model = dock.panel.model
    return [
        model.index(row).data(ITEM_ROLE)
        for row in range(model.rowCount())
        if model.index(row).data(KIND_ROLE) != HEADING
    ]


def choose(qtbot: QtBot, dock: ReviewDock, item: ReviewItem, *, click: bool) -> None:
    """Pick an item as a person would: a click on it, or the arrow keys then Enter."""
    view = dock.panel.list
    row = next(r for r, (_kind, value) in enumerate(dock.panel.model.rows) if value == item)
    index = dock.panel.model.index(row)
    if click:
        view.scrollTo(index)
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
        )
        return
    qtbot.keyClick(view, Qt.Key.Key_Home)
    while view.currentIndex().row() != row:
        before = view.currentIndex().row()
        qtbot.keyClick(view, Qt.Key.Key_Down)
        assert view.currentIndex().row() != before, "the arrow keys did not reach the item"
    qtbot.keyClick(view, Qt.Key.Key_Return)


def focused_key() -> str:
    widget = QApplication.focusWidget()
    while widget is not None and not widget.property("field_key"):
        widget = widget.parentWidget()
    return str(widget.property("field_key")) if widget is not None else ""


def focus_is(key: str) -> Callable[[], bool]:
    return lambda: focused_key() == key


def fewer_than(dock: ReviewDock, count: int) -> Callable[[], bool]:
    """Whether fewer than ``count`` blocking items are left in the review list."""
    return lambda: len(dock.panel.blocking()) < count


def make_gaps(store: Store, conference_id: int, actor: Actor) -> None:
    """Leo with no decision, Maisie with no lead social worker, no review date, no goal."""
    conference = fresh(store, conference_id)
    maisie, leo = conference.children
    op.set_decision(
        store, actor=actor, conference_id=conference_id, child_id=leo.id, plan_type=None
    )
    op.update(
        store,
        actor=actor,
        entity="child",
        entity_id=maisie.id,
        values={"lead_social_worker_id": None},
    )
    op.update(
        store,
        actor=actor,
        entity="conference",
        entity_id=conference_id,
        values={"review_conference_on": None},
    )
    op.update(
        store,
        actor=actor,
        entity="danger_statement",
        entity_id=conference.danger_statements[1].id,
        values={"safety_goal": ""},
    )


def test_every_blocking_item_is_listed_and_takes_the_chair_to_its_field(
    qtbot: QtBot, chair_window: MainWindow, store: Store, demo_id: int, actor: Actor
) -> None:
    make_gaps(store, demo_id, actor)
    chair_window.open_conference(demo_id)
    dock = open_review(qtbot, chair_window)
    expected = [i for i in review_record(fresh(store, demo_id)) if i.blocking]
    assert {i.check for i in expected} == {
        "decision_missing",
        "lead_social_worker_missing",
        "review_conference_missing",
        "safety_goal_missing",
        "action_owner_missing",
        "action_date_missing",
    }
    listed = shown_items(dock)
    assert [i.sentence for i in listed if i.blocking] == [i.sentence for i in expected]
    assert "6 things must be fixed" in dock.panel.status.text()
    # Blocking items come first, under their own heading.
    assert dock.panel.model.rows[0] == (HEADING, "Must be fixed before sign-off (6)")

    view = chair_window.view
    assert view is not None
    for number, item in enumerate(expected):
        if number:  # back to the list, as the chair would
            qtbot.keyClick(chair_window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
            qtbot.waitUntil(dock.panel.list.hasFocus, timeout=2000)
        choose(qtbot, dock, item, click=number % 2 == 1)
        key = ":".join(str(part) for part in item.target)
        qtbot.waitUntil(focus_is(key), timeout=2000)
        shown = view.current_key()
        assert item.target in view.panes[shown].fields
        widget = QApplication.focusWidget()
        assert widget is not None and widget.isVisible()


def test_filling_the_gaps_in_the_real_fields_clears_them_from_the_list(
    qtbot: QtBot, chair_window: MainWindow, store: Store, demo_id: int, actor: Actor
) -> None:
    conference = fresh(store, demo_id)
    statement = conference.danger_statements[1]
    op.update(
        store,
        actor=actor,
        entity="conference",
        entity_id=demo_id,
        values={"review_conference_on": None},
    )
    op.update(
        store,
        actor=actor,
        entity="danger_statement",
        entity_id=statement.id,
        values={"safety_goal": ""},
    )
    chair_window.open_conference(demo_id)
    dock = open_review(qtbot, chair_window)
    assert len(dock.panel.blocking()) == 4

    def typed_into(widget: QWidget) -> None:
        if isinstance(widget, QComboBox):
            qtbot.keyClicks(widget, "Tom")  # the health visitor, by the first letters
        elif isinstance(widget, DateEntry):
            qtbot.keyClicks(widget, "10022027")
        elif isinstance(widget, QTextEdit):
            qtbot.keyClicks(widget, "No shouting in front of the children for six months.")
        else:  # pragma: no cover - a field of a kind this test does not know
            raise AssertionError(f"unexpected field {type(widget).__name__}")
        qtbot.keyClick(widget, Qt.Key.Key_Tab)  # leaving a field saves it

    while dock.panel.blocking():
        item = dock.panel.blocking()[0]
        if not dock.panel.list.hasFocus():  # Ctrl+R takes the cursor back to the list
            qtbot.keyClick(chair_window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
            qtbot.waitUntil(dock.panel.list.hasFocus, timeout=2000)
        choose(qtbot, dock, item, click=False)
        key = ":".join(str(part) for part in item.target)
        qtbot.waitUntil(focus_is(key), timeout=2000)
        before = len(dock.panel.blocking())
        widget = QApplication.focusWidget()
        assert widget is not None
        typed_into(widget)
        qtbot.waitUntil(fewer_than(dock, before), timeout=3000)
        assert item not in dock.panel.items

    assert dock.panel.status.text().startswith("Nothing stops sign-off")
    saved = fresh(store, demo_id)
    assert review_record(saved) and not [i for i in review_record(saved) if i.blocking]
    names = {p.id: p.name for p in saved.people}
    leo_health = next(a for a in saved.actions if a.what.startswith("Book a health"))
    assert names[leo_health.owner_id or 0] == "Tom Reyes"
    assert leo_health.due_on is not None and leo_health.due_on.isoformat() == "2027-02-10"
    assert saved.review_conference_on is not None
    assert saved.danger_statements[1].safety_goal.startswith("No shouting")


def test_a_decision_made_in_the_window_clears_its_item(
    qtbot: QtBot, chair_window: MainWindow, store: Store, demo_id: int, actor: Actor
) -> None:
    leo = fresh(store, demo_id).children[1]
    op.set_decision(store, actor=actor, conference_id=demo_id, child_id=leo.id, plan_type=None)
    chair_window.open_conference(demo_id)
    dock = open_review(qtbot, chair_window)
    item = next(i for i in dock.panel.blocking() if i.check == "decision_missing")
    choose(qtbot, dock, item, click=True)
    qtbot.waitUntil(lambda: focused_key() == f"child:{leo.id}:decision_plan_type", timeout=2000)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    # The choice is saved at once (and the pane rebuilt): one key picks it.
    qtbot.keyClicks(combo, "T")  # "Team around the child", by its first letter
    qtbot.waitUntil(
        lambda: not [i for i in dock.panel.items if i.check == "decision_missing"], timeout=3000
    )
    decision = fresh(store, demo_id).children[1].decision
    assert decision is not None and decision.plan_type is PlanType.TEAM_AROUND_THE_CHILD


def test_the_review_model_is_a_sound_item_model(
    qtmodeltester: object, store: Store, demo_id: int
) -> None:
    model = ReviewModel()
    model.set_items(review_record(fresh(store, demo_id)), None)
    assert model.rowCount() > 3
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_escape_goes_back_to_the_field_and_ctrl_r_to_the_list(
    qtbot: QtBot, chair_window: MainWindow, store: Store, demo_id: int
) -> None:
    chair_window.open_conference(demo_id)
    view = chair_window.view
    assert view is not None
    by_keyboard.go_to(qtbot, chair_window, "summary")
    summary = view.panes["summary"].fields[("conference", demo_id, "chair_summary")]
    summary.as_widget().setFocus()
    qtbot.waitUntil(summary.as_widget().hasFocus, timeout=2000)
    dock = open_review(qtbot, chair_window)
    qtbot.keyClick(dock.panel.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(summary.as_widget().hasFocus, timeout=2000)
    assert dock.isVisible()  # the list stays beside the record
    qtbot.keyClick(chair_window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(dock.panel.list.hasFocus, timeout=2000)
    qtbot.keyClick(chair_window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dock.isVisible(), timeout=2000)
    assert summary.as_widget().hasFocus()
