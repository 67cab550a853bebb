"""The conference decision: plan, categories and reasons per child; views and dissent."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, press, type_here, wait_saved
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.agenda import completeness as marks
from cprecorder.model import ConferenceKind, PlanType
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.panes.decision import DecisionPane
from cprecorder.ui.shell.main_window import MainWindow


def widget(qtbot: QtBot, window: MainWindow, key: tuple[str, int, str]) -> QWidget:
    """The field with this key, or the field bound to the row it created."""
    pane = go_to(qtbot, window, "decision", DecisionPane)
    return pane.fields[pane.aliases.get(key, key)].as_widget()


@pytest.fixture
def ruby(store: Store, actor: Actor) -> tuple[int, int]:
    """A new conference about one child, with a school nurse invited: (conference, child)."""
    conference_id = op.create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name="Fenwick",
        scheduled_at=dt.datetime(2026, 12, 2, 10, 0),
        children=["Ruby Fenwick"],
    ).conference_id
    op.add_item(
        store,
        actor=actor,
        conference_id=conference_id,
        entity="person",
        values={"name": "Nia Ford", "kind": "professional", "role": "School nurse"},
    )
    with store.read() as session:
        return conference_id, load_conference(session, conference_id).children[0].id


def open_pane(qtbot: QtBot, window: MainWindow, conference_id: int) -> DecisionPane:
    window.open_conference(conference_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    return go_to(qtbot, window, "decision", DecisionPane)


def test_plan_category_and_reasons_then_no_plan_hides_categories(
    qtbot: QtBot, window: MainWindow, store: Store, ruby: tuple[int, int]
) -> None:
    conference_id, child = ruby
    pane = open_pane(qtbot, window, conference_id)
    assert not pane.category_boxes[child].isVisible()

    plan = widget(qtbot, window, ("child", child, "decision_plan_type"))
    plan.setFocus()
    qtbot.keyClick(plan, "C")  # the first choice starting with C: a child protection plan
    pane = go_to(qtbot, window, "decision", DecisionPane)
    assert pane.category_boxes[child].isVisible()
    assert pane.fields[("child", child, "decision_plan_type")].as_widget().hasFocus()

    neglect = widget(qtbot, window, ("child", child, "category-neglect"))
    neglect.setFocus()
    qtbot.keyClick(neglect, Qt.Key.Key_Space)
    reasons = widget(qtbot, window, ("child", child, "decision_reasons"))
    reasons.setFocus()
    type_here(qtbot, "Ruby is often left alone")
    wait_saved(qtbot, window)
    with store.read() as session:
        decision = load_conference(session, conference_id).children[0].decision
        assert decision is not None
        assert decision.plan_type is PlanType.CHILD_PROTECTION
        assert decision.category_keys == ["neglect"]
        assert decision.reasons == "Ruby is often left alone"

    plan = widget(qtbot, window, ("child", child, "decision_plan_type"))
    plan.setFocus()
    qtbot.keyClick(plan, "N")  # from here, the next choice starting with N: no plan
    pane = go_to(qtbot, window, "decision", DecisionPane)
    assert not pane.category_boxes[child].isVisible()
    with store.read() as session:
        decision = load_conference(session, conference_id).children[0].decision
        assert decision is not None
        assert decision.plan_type is PlanType.NO_PLAN
        assert decision.category_keys == []
        assert decision.reasons == "Ruby is often left alone"
    assert pane.conference is not None
    assert marks.decision(pane.context.item, pane.conference) == (2, 2)


def test_agency_view_and_dissent_are_recorded(
    qtbot: QtBot, window: MainWindow, store: Store, ruby: tuple[int, int]
) -> None:
    conference_id, _child = ruby
    open_pane(qtbot, window, conference_id)
    for label in ("Add an agency's view", "Record a dissent"):
        [button] = [
            b
            for b in go_to(qtbot, window, "decision", DecisionPane).body.findChildren(
                QWidget, "editButton"
            )
            if b.accessibleName() == label
        ]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        # the new row opens with the cursor in its words; Tab goes on to who said them
        if label == "Add an agency's view":
            type_here(qtbot, "Ruby needs a plan")
        else:
            type_here(qtbot, "A child in need plan would do")
        press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, "N")  # who: the first professional starting with N
        # With one child there is nothing to choose: a view is about Ruby.
        if label == "Add an agency's view":
            press(qtbot, Qt.Key.Key_Tab)
            press(qtbot, "C")  # recommends: the first plan starting with C
        wait_saved(qtbot, window)

    with store.read() as session:
        conference = load_conference(session, conference_id)
        nia = conference.people[0].id
        [view] = conference.agency_views
        assert (view.person_id, view.child_id, view.recommendation, view.view) == (
            nia,
            None,
            PlanType.CHILD_PROTECTION,
            "Ruby needs a plan",
        )
        [dissent] = conference.dissents
        assert (dissent.person_id, dissent.reasons) == (nia, "A child in need plan would do")


def test_a_dissent_about_two_of_three_children(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor
) -> None:
    from cprecorder.demo_marlowe import add_marlowe_conference

    conference_id = add_marlowe_conference(store, actor)
    open_pane(qtbot, window, conference_id)
    pane = go_to(qtbot, window, "decision", DecisionPane)
    with store.read() as session:
        conference = load_conference(session, conference_id)
        dissent = conference.dissents[0]
        isla, rory, baby = (child.id for child in conference.children)

    def chip(child_id: int) -> QWidget:
        return widget(qtbot, window, ("dissent", dissent.id, f"child-{child_id}"))

    # About Isla and Rory: their chips ticked, the baby's not.
    assert [chip(i).isChecked() for i in (isla, rory, baby)] == [True, True, False]  # type: ignore[attr-defined]
    chip(rory).setFocus()
    press(qtbot, Qt.Key.Key_Space)  # Rory off: about Isla only
    wait_saved(qtbot, window)
    with store.read() as session:
        assert load_conference(session, conference_id).dissents[0].child_ids == [isla]
    chip(baby).setFocus()
    press(qtbot, Qt.Key.Key_Space)
    wait_saved(qtbot, window)
    with store.read() as session:
        assert load_conference(session, conference_id).dissents[0].child_ids == [isla, baby]
    assert pane is go_to(qtbot, window, "decision", DecisionPane)
