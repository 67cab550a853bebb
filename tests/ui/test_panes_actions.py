"""Actions: typed fast with Enter, owner and date picked with the keyboard, gaps marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTextEdit, QToolButton
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, settled
from cprecorder.agenda import completeness as marks
from cprecorder.model import NAMED_IN_AN_ACTION, ActionFor, ActionStatus, Conference, PersonKind
from cprecorder.operations.action_owner import named_in_an_action
from cprecorder.queries import load_conference
from cprecorder.review import review_record
from cprecorder.store import Store
from cprecorder.ui.panes.actions import ActionsPane
from cprecorder.ui.panes.widgets.action_table import NO_DATE, NO_OWNER, ActionRow
from cprecorder.ui.recording.conference_view import ConferenceView
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.widgets.dates import DateEntry


def row_of(window: MainWindow, action_id: int) -> ActionRow:
    assert window.view is not None
    pane = window.view.panes["actions"]
    assert isinstance(pane, ActionsPane)
    for group in pane.groups:
        if action_id in group.rows:
            return group.rows[action_id]
    raise AssertionError(f"action {action_id} is not shown")


@pytest.fixture
def actions_shown(qtbot: QtBot, demo_window: MainWindow) -> ConferenceView:
    """The demo conference open at its actions."""
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "actions")
    return view


def fresh(store: Store, conference_id: int) -> Conference:
    with store.read() as session:
        return load_conference(session, conference_id)


def test_actions_typed_with_enter_owner_and_date_by_keyboard(
    qtbot: QtBot,
    demo_window: MainWindow,
    actions_shown: ConferenceView,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    view = actions_shown
    pane = view.panes["actions"]
    family = [a for a in view.conference.actions if a.for_whom is ActionFor.FAMILY]
    what = pane.fields[("action", family[-1].id, "what")].as_widget()
    assert isinstance(what, QTextEdit)
    qtbot.waitUntil(what.isVisible, timeout=2000)
    what.setFocus()
    what.moveCursor(what.textCursor().MoveOperation.End)

    typed = [
        ("Dean to book his first Calmer Choices session.", "Dean", "15012027"),
        ("Nana to keep the spare key for Kerry.", "Marg", "08122026"),
    ]
    for words, who, when in typed:
        qtbot.keyClick(settled(qtbot), Qt.Key.Key_Return)  # Enter adds the next action
        field = settled(qtbot)
        assert isinstance(field, QTextEdit) and field.property("field_key").endswith(":what")
        qtbot.keyClicks(field, words)
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        owner = settled(qtbot)
        assert isinstance(owner, QComboBox)
        qtbot.keyClicks(owner, who)
        qtbot.keyClick(owner, Qt.Key.Key_Tab)
        due = settled(qtbot)
        assert isinstance(due, DateEntry)
        qtbot.keyClicks(due, when)
        qtbot.keyClick(due, Qt.Key.Key_Tab)
        field.setFocus()
    wait_saved(demo_window)

    conference = fresh(store, demo_id)
    people = {p.id: p.name for p in conference.people}
    got = [
        (a.what, people.get(a.owner_id or 0), a.due_on, a.status)
        for a in conference.actions
        if a.for_whom is ActionFor.FAMILY
    ]
    assert got == [
        (
            "Write the family safety plan with Nana.",
            "Kerry Ashdown",
            family[0].due_on,
            ActionStatus.OPEN,
        ),
        (
            "Dean to book his first Calmer Choices session.",
            "Dean Ashdown",
            dt.date(2027, 1, 15),
            ActionStatus.OPEN,
        ),
        (
            "Nana to keep the spare key for Kerry.",
            "Margaret Pryce",
            dt.date(2026, 12, 8),
            ActionStatus.OPEN,
        ),
    ]


def test_an_action_with_no_owner_or_date_is_marked_until_filled(
    qtbot: QtBot,
    demo_window: MainWindow,
    actions_shown: ConferenceView,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    view = actions_shown
    item = view.agenda.item("actions")
    assert item is not None
    assert marks.actions(item, view.conference) == (3, 4)
    gap = next(a for a in view.conference.actions if a.what.startswith("Book a health review"))
    row = row_of(demo_window, gap.id)
    assert row.owner.property("warn") is True and row.owner.toolTip() == NO_OWNER
    assert row.due.property("warn") is True and row.due.toolTip() == NO_DATE
    assert row.mark.isVisible() and NO_OWNER in row.mark.text()
    complete = next(a for a in view.conference.actions if a.owner_id and a.due_on)
    assert row_of(demo_window, complete.id).mark.isHidden()

    row.owner.setFocus()
    qtbot.keyClicks(row.owner, "Tom")
    qtbot.keyClick(row.owner, Qt.Key.Key_Tab)  # the name completed in the box is given
    wait_saved(demo_window)
    assert row.owner.property("warn") is False
    assert row.mark.text() == f"⚠ {NO_DATE}"
    row.due.setFocus()
    qtbot.keyClicks(row.due, "1/2/27")  # 1 February: day first, always
    qtbot.keyClick(row.due, Qt.Key.Key_Tab)
    wait_saved(demo_window)
    assert row.due.property("warn") is False and row.mark.isHidden()

    conference = fresh(store, demo_id)
    saved = next(a for a in conference.actions if a.id == gap.id)
    assert saved.due_on == dt.date(2027, 2, 1)
    assert marks.actions(item, conference) == (4, 4)


def test_an_overdue_action_is_marked_with_the_rule(
    qtbot: QtBot,
    demo_window: MainWindow,
    actions_shown: ConferenceView,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    view = actions_shown
    action = view.conference.actions[0]
    row = row_of(demo_window, action.id)
    assert "Overdue" not in row.mark.text()
    row.due.setFocus()
    qtbot.keyClicks(row.due, "01022020")  # long past
    qtbot.keyClick(row.due, Qt.Key.Key_Return)
    wait_saved(demo_window)
    assert "Overdue" in row.mark.text()
    assert row.due.property("warn") is True
    assert "was due by 1 February 2020 and is still open" in row.due.toolTip()
    pane = view.panes["actions"]
    assert isinstance(pane, ActionsPane)
    assert "1 overdue" in pane.summary.text()

    row.status.setFocus()
    qtbot.keyClicks(row.status, "D")  # Done: no longer overdue
    wait_saved(demo_window)
    assert row.mark.isHidden() and row.due.property("warn") is False
    saved = next(a for a in fresh(store, demo_id).actions if a.id == action.id)
    assert (saved.status, saved.due_on) == (ActionStatus.DONE, dt.date(2020, 2, 1))


def test_an_action_moves_to_the_other_group(
    qtbot: QtBot,
    demo_window: MainWindow,
    actions_shown: ConferenceView,
    store: Store,
    demo_id: int,
) -> None:
    view = actions_shown
    action = view.conference.actions[0]
    assert action.for_whom is ActionFor.PROFESSIONALS
    row = row_of(demo_window, action.id)
    assert isinstance(row.mover, QToolButton)
    assert row.mover.accessibleName() == "Move to the actions for family and network"
    qtbot.mouseClick(row.mover, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: action.id in _family_rows(demo_window), timeout=2000)
    saved = next(a for a in fresh(store, demo_id).actions if a.id == action.id)
    assert saved.for_whom is ActionFor.FAMILY


def _family_rows(window: MainWindow) -> set[int]:
    assert window.view is not None
    pane = window.view.panes["actions"]
    assert isinstance(pane, ActionsPane)
    return {i for g in pane.groups if g.for_whom is ActionFor.FAMILY for i in g.rows}


def test_rows_wrap_on_a_narrow_or_zoomed_pane(
    qtbot: QtBot, demo_window: MainWindow, actions_shown: ConferenceView
) -> None:
    view = actions_shown
    pane = view.panes["actions"]
    assert isinstance(pane, ActionsPane)
    group = pane.groups[0]
    qtbot.waitUntil(lambda: all(r.wide for r in group.rows.values()), timeout=2000)
    demo_window.resize(700, 850)
    qtbot.waitUntil(lambda: not any(r.wide for r in group.rows.values()), timeout=2000)
    assert group.heads.isHidden()


def test_anyone_can_own_an_action_and_the_date_typed_next_is_kept(
    qtbot: QtBot,
    demo_window: MainWindow,
    actions_shown: ConferenceView,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    """Issue 10, problem 10: "Paul Whitmore" (an uncle) was thrown away, and the open
    list swallowed the date typed next."""
    view = actions_shown
    family = [a for a in view.conference.actions if a.for_whom is ActionFor.FAMILY]
    owner = view.panes["actions"].fields[("action", family[0].id, "owner_id")].as_widget()
    qtbot.waitUntil(owner.isVisible, timeout=2000)
    owner.setFocus()
    qtbot.keyClick(owner, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(owner, "Paul Whitmore")
    qtbot.keyClick(owner, Qt.Key.Key_Tab)
    due = settled(qtbot)
    assert isinstance(due, DateEntry)
    qtbot.keyClicks(due, "15/1/27")
    qtbot.keyClick(due, Qt.Key.Key_Tab)
    wait_saved(demo_window)

    conference = fresh(store, demo_id)
    action = next(a for a in conference.actions if a.id == family[0].id)
    assert action.owner is not None and action.owner.name == "Paul Whitmore"
    assert action.owner.role == NAMED_IN_AN_ACTION
    assert action.owner.kind is PersonKind.NETWORK
    assert action.due_on == dt.date(2027, 1, 15)
    assert [p.name for p in conference.people].count("Paul Whitmore") == 1
    assert demo_window.status.text() == named_in_an_action("Paul Whitmore")
    notes = [i.sentence for i in review_record(conference) if i.check == "named_in_an_action"]
    assert notes == [named_in_an_action("Paul Whitmore")]


def test_a_name_of_the_conference_is_completed_in_the_box(
    qtbot: QtBot,
    demo_window: MainWindow,
    actions_shown: ConferenceView,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    view = actions_shown
    action = view.conference.actions[0]
    owner = view.panes["actions"].fields[("action", action.id, "owner_id")].as_widget()
    qtbot.waitUntil(owner.isVisible, timeout=2000)
    owner.setFocus()
    people = len(view.conference.people)
    qtbot.keyClick(owner, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(owner, "margaret p")
    qtbot.keyClick(owner, Qt.Key.Key_Tab)
    assert isinstance(settled(qtbot), DateEntry)
    assert isinstance(owner, QComboBox)
    assert owner.currentText().startswith("Margaret Pryce")
    wait_saved(demo_window)
    conference = fresh(store, demo_id)
    saved = next(a for a in conference.actions if a.id == action.id)
    assert saved.owner is not None and saved.owner.name == "Margaret Pryce"
    assert len(conference.people) == people


def test_who_shows_the_start_of_the_name_whole_in_height(
    qtbot: QtBot, demo_window: MainWindow, actions_shown: ConferenceView
) -> None:
    """A name longer than the box showed its end ("ker, Children's social care)") and the
    box's inner field, padded like a field of its own, cut the words' feet off."""
    from PySide6.QtWidgets import QStyle, QStyleOptionFrame

    from cprecorder.ui.panes.widgets.action_table import OwnerField

    view = actions_shown
    pane = view.panes["actions"]
    assert isinstance(pane, ActionsPane)
    owners = [row.owner for group in pane.groups for row in group.rows.values()]
    assert owners and all(isinstance(owner, OwnerField) for owner in owners)
    qtbot.waitUntil(lambda: all(o.line.height() > 0 for o in owners), timeout=2000)
    for owner in owners:
        assert isinstance(owner, OwnerField)
        if owner.currentText():
            assert owner.line.cursorPosition() == 0, owner.currentText()
        option = QStyleOptionFrame()
        owner.line.initStyleOption(option)
        room = (
            owner.line.style()
            .subElementRect(QStyle.SubElement.SE_LineEditContents, option, owner.line)
            .height()
        )
        assert room >= owner.line.fontMetrics().height(), (owner.currentText(), room)


def test_who_ends_a_name_too_long_for_the_box_in_an_ellipsis_at_a_word(
    qtbot: QtBot, demo_window: MainWindow, actions_shown: ConferenceView
) -> None:
    """The Who boxes cut names at their edge in the middle of a word ("Hannah Okafor
    (Social worl"); a name too long for its box now ends in "…" after a whole word, as a
    choice box's does, and shows whole while the cursor is in it."""
    from cprecorder.ui.panes.widgets.action_table import OwnerField

    view = actions_shown
    pane = view.panes["actions"]
    assert isinstance(pane, ActionsPane)
    owners = [row.owner for group in pane.groups for row in group.rows.values()]
    qtbot.waitUntil(lambda: all(o.line.width() > 0 for o in owners), timeout=2000)
    long_ones = [o for o in owners if o.line.words_wider_than_room()]
    assert long_ones, "the demo's names are longer than the Who boxes at this size"
    for owner in long_ones:
        assert isinstance(owner, OwnerField)
        name = owner.currentText()
        shown = owner.line.shown_text()
        kept = shown.removesuffix("…")
        assert shown.endswith("…") and name.startswith(kept), (name, shown)
        assert name[len(kept)] in " ,;:)", f"{shown!r} cuts {name!r} in a word"
        assert owner.line.fontMetrics().horizontalAdvance(shown) <= owner.line.room()
    owner = long_ones[0]
    owner.setFocus()
    qtbot.keyClick(owner, Qt.Key.Key_End)  # the cursor in it: the whole name, to edit
    assert owner.line.shown_text() == owner.currentText()
