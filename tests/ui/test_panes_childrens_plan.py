"""The children's plan: one per child, started from the agreed plan, words and pictures."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTextEdit, QToolButton
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, settled
from cprecorder.actor import Actor
from cprecorder.agenda import completeness as marks
from cprecorder.errors import ValidationError
from cprecorder.export.childrens_plan import WORDED_PARTS, plan_written
from cprecorder.model import Operation
from cprecorder.operations import create_childrens_plan, update
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.panes.widgets.picture_choice import PictureChoice
from cprecorder.ui.shell.main_window import MainWindow


def write_leos_plan(qtbot: QtBot, window: MainWindow) -> None:
    """The children's plan shown, and the demo's Leo's plan started with a click."""
    pane = go_to(qtbot, window, "childrens_plan")
    start = next(b for b in pane.findChildren(QPushButton) if b.text() == "Write Leo's plan")
    qtbot.waitUntil(lambda: start.isVisible() and start.height() > 0, timeout=2000)
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)


def test_create_the_plan_type_words_toggle_a_picture(
    qtbot: QtBot,
    demo_window: MainWindow,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    view = demo_window.view
    assert view is not None
    item = view.agenda.item("childrens_plan")
    assert item is not None
    assert marks.childrens_plan(item, view.conference) == (1, 2)
    leo = next(c for c in view.conference.children if c.first_name == "Leo")
    assert leo.childrens_plan is None
    write_leos_plan(qtbot, demo_window)

    worries = settled(qtbot)  # the new plan opens at its first part
    assert isinstance(worries, QTextEdit)
    assert worries.property("field_key").endswith(":worries")
    pane = view.panes["childrens_plan"]
    plan_id = int(str(worries.property("field_key")).split(":")[1])
    happen = pane.fields[("childrens_plan", plan_id, "what_will_happen")].as_widget()
    assert isinstance(happen, QTextEdit)
    # Started from the plan agreed today, in words written to the child, not a blank page.
    assert "The grown-ups have made a plan to help keep you safe" in happen.toPlainText()
    assert "If an argument starts" not in happen.toPlainText()

    worries.selectAll()
    qtbot.keyClicks(worries, "Mum and Dean shout sometimes. It is not your fault, Leo.")
    qtbot.keyClick(worries, Qt.Key.Key_Tab)
    pictures = pane.fields[("childrens_plan", plan_id, "pictures")].as_widget()
    assert isinstance(pictures, PictureChoice)
    sun = pictures.buttons["sun"]
    assert sun.accessibleName() == "Picture: Good days"
    sun_before = sun.isChecked()
    sun.setFocus()
    qtbot.keyClick(sun, Qt.Key.Key_Space)  # toggle "Good days"
    assert sun.isChecked() is not sun_before
    school = pictures.buttons["school"]
    assert isinstance(school, QToolButton) and not school.isChecked()
    qtbot.mouseClick(school, Qt.MouseButton.LeftButton)
    wait_saved(demo_window)

    ease = [
        label.text()
        for label in pane.findChildren(QLabel)
        if label.text().startswith("Reading age about") and label.isVisibleTo(pane)
    ]
    assert len(ease) == 2  # one figure on screen for each child's words (a body replaced by
    # a rebuild is hidden at once and deleted when the window is idle)

    with store.read() as session:
        conference = load_conference(session, demo_id)
    plan = next(c for c in conference.children if c.first_name == "Leo").childrens_plan
    assert plan is not None and plan.id == plan_id
    assert plan.worries == "Mum and Dean shout sometimes. It is not your fault, Leo."
    assert "The grown-ups have made a plan" in plan.what_will_happen
    chosen = set(plan.picture_keys)
    assert {"school"} <= chosen
    assert ("sun" in chosen) is not sun_before
    assert marks.childrens_plan(item, conference) == (2, 2)


def test_a_second_plan_for_a_child_is_refused(store: Store, actor: Actor, demo_id: int) -> None:
    with store.read() as session:
        conference = load_conference(session, demo_id)
    maisie = next(c for c in conference.children if c.first_name == "Maisie")
    leo = next(c for c in conference.children if c.first_name == "Leo")
    with pytest.raises(ValidationError, match="Maisie Ashdown already has a children's plan"):
        create_childrens_plan(store, actor=actor, child_id=maisie.id)
    change = create_childrens_plan(
        store, actor=actor, child_id=leo.id, values={"if_unsafe": "Shout for Nana."}
    )
    assert change.entity == "childrens_plan" and change.operation is Operation.CHILDRENS_PLAN
    with pytest.raises(ValidationError, match="no part called 'colour'"):
        create_childrens_plan(store, actor=actor, child_id=leo.id, values={"colour": "red"})
    with store.read() as session:
        again = load_conference(session, demo_id)
    plan = next(c for c in again.children if c.first_name == "Leo").childrens_plan
    assert plan is not None and plan.if_unsafe == "Shout for Nana."
    assert plan.safety_people  # the other parts start from the agreed plan


def test_a_plan_still_as_it_was_started_follows_the_childs_corrected_name(
    qtbot: QtBot,
    demo_window: MainWindow,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    """The plan is started with words written to the child by name; the name corrected
    under Family and network ("Leo" was "Leon") left the plan saying "Leo" to Leon."""
    view = demo_window.view
    assert view is not None
    write_leos_plan(qtbot, demo_window)
    settled(qtbot)
    leo = next(c for c in view.conference.children if c.first_name == "Leo")
    plan = leo.childrens_plan
    assert plan is not None and re.search(r"\bLeo\b", plan.worries + plan.what_will_happen)

    family = go_to(qtbot, demo_window, "family")
    name = family.fields[("child", leo.id, "first_name")].as_widget()
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_End)
    qtbot.keyClicks(name, "n")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    wait_saved(demo_window)

    pane = go_to(qtbot, demo_window, "childrens_plan")
    shown = " ".join(
        pane.fields[("childrens_plan", plan.id, part)].text_for_search() for part in WORDED_PARTS
    )
    assert re.search(r"\bLeon\b", shown) and not re.search(r"\bLeo\b", shown)
    with store.read() as session:
        saved = next(c for c in load_conference(session, demo_id).children if c.id == leo.id)
    assert saved.childrens_plan is not None
    assert not plan_written(saved)  # still the words it was started with, for Leon
    assert (
        saved.childrens_plan.worries
        == pane.fields[("childrens_plan", plan.id, "worries")].text_for_search()
    )


def test_a_plan_someone_wrote_in_never_changes_with_the_name(
    store: Store, actor: Actor, demo_id: int
) -> None:
    with store.read() as session:
        leo = next(c for c in load_conference(session, demo_id).children if c.first_name == "Leo")
    create_childrens_plan(store, actor=actor, child_id=leo.id)
    with store.read() as session:
        child = next(c for c in load_conference(session, demo_id).children if c.id == leo.id)
        plan = child.childrens_plan
        assert plan is not None
        started = (plan.id, plan.worries, plan.safety_people)
    update(
        store,
        actor=actor,
        entity="childrens_plan",
        entity_id=started[0],
        values={"worries": "Mum and Dean shout sometimes. It is not your fault, Leo."},
    )
    update(store, actor=actor, entity="child", entity_id=leo.id, values={"first_name": "Leon"})
    with store.read() as session:
        child = next(c for c in load_conference(session, demo_id).children if c.id == leo.id)
    assert child.first_name == "Leon" and child.childrens_plan is not None
    assert child.childrens_plan.worries.endswith("It is not your fault, Leo.")
    assert child.childrens_plan.safety_people == started[2]  # the whole plan is theirs


def test_hard_words_are_flagged_for_the_reading_age(
    qtbot: QtBot,
    demo_window: MainWindow,
    demo_id: int,
) -> None:
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "childrens_plan")
    pane = view.panes["childrens_plan"]
    maisie = next(c for c in view.conference.children if c.first_name == "Maisie")
    assert maisie.childrens_plan is not None
    field = pane.fields[("childrens_plan", maisie.childrens_plan.id, "worries")].as_widget()
    assert isinstance(field, QTextEdit)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(
        field,
        "Professionals identified considerable intergenerational domestic abuse, "
        "necessitating multi-agency safeguarding interventions and comprehensive "
        "therapeutic assessment of attachment difficulties.",
    )
    figure = next(
        label
        for label in pane.findChildren(QLabel)
        if label.text().startswith("Reading age about") and label.isVisible()
    )
    assert "shorter sentences" in figure.text() and figure.property("kind") == "bad"


def test_each_heading_stands_above_the_childs_words_on_a_small_shared_screen(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """At 1280×720 in presentation mode "Why the grown-ups are worried" beside the words
    took half the width, leaving the child's words a narrow column of three words a line."""
    from cprecorder.ui.widgets.fields import ChildsWords

    pane = go_to(qtbot, demo_window, "childrens_plan")
    demo_window.resize(1280, 720)
    qtbot.keyClick(settled(qtbot), Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: demo_window.presentation)
    words = pane.findChildren(ChildsWords)
    assert words
    for field in words:
        heading = next(label for label in pane.findChildren(QLabel) if label.buddy() is field)
        above = heading.mapTo(pane, heading.rect().bottomLeft()).y()
        assert above <= field.mapTo(pane, field.rect().topLeft()).y(), heading.text()
        section = heading.parentWidget()
        assert section is not None and field.width() >= section.width() * 0.8


def test_a_removed_childs_plan_is_gone_from_the_pane_switched_to_as_an_edit_is_saved(
    qtbot: QtBot, demo_window: MainWindow, wait_saved: Callable[[MainWindow], None]
) -> None:
    """A child removed, then an interpreter's language typed (shown in other panes too:
    every pane but the one on screen is out of date) and the children's plan chosen:
    the switch saves the language as the plan's pane becomes the current one. It was
    taken off the panes out of date, so shown as it was, with the removed child's plan,
    where words typed could never be saved (seed 932354)."""
    view = demo_window.view
    assert view is not None
    [(child, plan_id), *_] = [
        (c, c.childrens_plan.id) for c in view.conference.children if c.childrens_plan
    ]
    go_to(qtbot, demo_window, "childrens_plan")  # built, then out of date
    family = go_to(qtbot, demo_window, "family")
    family.fields[("child", child.id, "first_name")].as_widget().setFocus()
    qtbot.keyClick(settled(qtbot), Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert view.record.part("childrens_plan", plan_id) is None
    before = go_to(qtbot, demo_window, "before")
    language = before.fields[("conference", view.conference.id, "interpreter_language")]
    language.as_widget().setFocus()
    qtbot.keyClicks(settled(qtbot), "Polish")
    # Ctrl+PgUp from the first item goes round to the last, the children's plan.
    qtbot.keyClick(settled(qtbot), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert view.current_key() == "childrens_plan"
    plans = view.panes["childrens_plan"]
    assert not [key for key in plans.fields if key[:2] == ("childrens_plan", plan_id)]
    wait_saved(demo_window)
