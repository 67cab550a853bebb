"""Core group and review: the proposed first date, the latest allowed, flags, members."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from by_keyboard import focused, go_to, press
from cprecorder.actor import Actor
from cprecorder.agenda import completeness as marks
from cprecorder.model import ConferenceKind
from cprecorder.operations import create_conference
from cprecorder.queries import load_conference
from cprecorder.rules.timescales import due_dates
from cprecorder.store import Store
from cprecorder.ui.panes.core_group import CoreGroupPane, day_words
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.widgets.dates import DateEntry


def buttons(pane: CoreGroupPane, starts: str) -> list[QPushButton]:
    return [b for b in pane.findChildren(QPushButton) if b.accessibleName().startswith(starts)]


def test_the_proposed_date_becomes_the_first_meeting(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor
) -> None:
    change = create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name="Brindle",
        scheduled_at=dt.datetime(2026, 12, 17, 10, 0),  # Christmas falls in the ten days
        children=["Ivy Brindle"],
    )
    cid = change.conference_id
    window.open_conference(cid)
    pane = go_to(qtbot, window, "core_group", CoreGroupPane)
    assert window.view is not None
    due = due_dates(window.view.conference)
    assert due.first_core_group_latest == dt.date(2027, 1, 5)  # bank holidays skipped
    latest = [label.text() for label in pane.findChildren(QLabel)]
    assert any(day_words(due.first_core_group_latest) in text for text in latest)

    (use,) = buttons(pane, "Use ")[:1]
    assert day_words(due.first_core_group_proposed) in use.text()
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)

    with store.read() as session:
        conference = load_conference(session, cid)
    assert [m.meets_on for m in conference.core_group_meetings] == [due.first_core_group_proposed]
    item = window.view.agenda.item("core_group")
    assert item is not None
    assert marks.core_group(item, conference) == (1, 3)
    pane = go_to(qtbot, window, "core_group", CoreGroupPane)
    assert pane.proposal is not None and pane.proposal.isHidden()  # a good date is set


def test_a_date_beyond_the_limit_is_kept_and_flagged(
    qtbot: QtBot,
    demo_window: MainWindow,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    pane = go_to(qtbot, demo_window, "core_group", CoreGroupPane)
    assert pane.meeting_flag is not None and pane.review_flag is not None
    assert pane.meeting_flag.isHidden() and pane.review_flag.isHidden()
    first = pane.first_date
    assert isinstance(first, DateEntry)
    qtbot.waitUntil(first.isVisible, timeout=2000)
    first.setFocus()
    qtbot.keyClicks(first, "18122026")  # after 8 December, the latest allowed
    qtbot.keyClick(first, Qt.Key.Key_Tab)  # read on leaving the field (or Enter)
    wait_saved(demo_window)
    assert pane.meeting_flag.isVisible()
    assert "after 8 December 2026, the latest date allowed" in pane.meeting_flag.text()
    assert "10 working days after the conference" in pane.meeting_flag.text()
    assert pane.proposal is not None and pane.proposal.isVisible()

    review = pane.review_date
    assert review is not None
    review.setFocus()
    qtbot.keyClicks(review, "1/4/27")
    qtbot.keyClick(review, Qt.Key.Key_Tab)
    wait_saved(demo_window)
    assert "after 24 February 2027, the latest date allowed" in pane.review_flag.text()
    assert "3 months after the initial conference" in pane.review_flag.text()

    with store.read() as session:
        conference = load_conference(session, demo_id)
    assert conference.core_group_meetings[0].meets_on == dt.date(2026, 12, 18)  # kept
    assert conference.review_conference_on == dt.date(2027, 4, 1)

    qtbot.mouseClick(buttons(pane, "Use ")[0], Qt.MouseButton.LeftButton)  # the proposal
    wait_saved(demo_window)
    assert pane.meeting_flag.isHidden()
    with store.read() as session:
        conference = load_conference(session, demo_id)
    assert conference.core_group_meetings[0].meets_on == dt.date(2026, 12, 1)


def test_members_removed_and_everyone_present_added(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    pane = go_to(qtbot, demo_window, "core_group", CoreGroupPane)
    (remove,) = buttons(pane, "Remove Tom Reyes")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    with store.read() as session:
        members = load_conference(session, demo_id).core_group_members
    assert len(members) == 5
    pane = go_to(qtbot, demo_window, "core_group", CoreGroupPane)

    def everyone_buttons() -> list[QPushButton]:
        return [b for b in pane.findChildren(QPushButton) if "everyone" in b.text()]

    # The rebuilt page is on screen and the old one gone, as when a person clicks next.
    qtbot.waitUntil(
        lambda: (
            len(everyone_buttons()) == 1
            and everyone_buttons()[0].isVisible()
            and everyone_buttons()[0].height() > 0
        ),
        timeout=2000,
    )
    (everyone,) = everyone_buttons()
    assert "(1)" in everyone.text()  # Tom is present and no longer a member
    qtbot.mouseClick(everyone, Qt.MouseButton.LeftButton)
    with store.read() as session:
        conference = load_conference(session, demo_id)
    names = {p.id: p.name for p in conference.people}
    assert sorted(names[m.person_id] for m in conference.core_group_members) == sorted(
        [
            "Kerry Ashdown",
            "Dean Ashdown",
            "Margaret Pryce",
            "Hannah Okafor",
            "Priya Desai",
            "Tom Reyes",
        ]
    )


def test_after_adding_a_member_the_cursor_is_back_on_the_button_for_the_next(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    pane = go_to(qtbot, demo_window, "core_group", CoreGroupPane)
    (remove,) = buttons(pane, "Remove Tom Reyes")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)  # someone to add back
    pane = go_to(qtbot, demo_window, "core_group", CoreGroupPane)
    pane.add_choice.setFocus()
    qtbot.keyClicks(pane.add_choice, "Tom")  # the person, by the first letters of the name
    press(qtbot, Qt.Key.Key_Tab)
    button = focused()
    assert isinstance(button, QPushButton) and button.text() == "&Add to the core group"
    press(qtbot, Qt.Key.Key_Space)
    with store.read() as session:
        conference = load_conference(session, demo_id)
    tom = next(p.id for p in conference.people if p.name == "Tom Reyes")
    assert tom in {m.person_id for m in conference.core_group_members}
    # The member has no field to type in: the cursor goes back where the person was,
    # not to the first date of the pane, so the next press adds the next person.
    qtbot.waitUntil(lambda: focused().isVisible(), timeout=2000)
    button = focused()
    assert isinstance(button, QPushButton) and button.text() == "&Add to the core group"
    assert go_to(qtbot, demo_window, "core_group", CoreGroupPane).isAncestorOf(focused())


def shown_in_full(pane: CoreGroupPane, widget: QWidget) -> bool:
    """Whether the widget is on screen within the pane's scrolled page."""
    viewport = pane.scroller.viewport()
    return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


def test_coming_to_the_pane_the_cursor_is_where_the_next_words_go(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    """The first meeting's date (or, with none, the proposed date), scrolled into view;
    never the review date at the bottom."""
    window.resize(1280, 720)
    cid = create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name="Brindle",
        scheduled_at=dt.datetime(2026, 11, 17, 10, 0),
        children=["Ivy Brindle"],
    ).conference_id
    for meeting in (cid, demo_id):
        window.open_conference(meeting)
        view = window.view
        assert view is not None
        qtbot.waitUntil(lambda: focused().isVisible(), timeout=2000)
        for _ in range(view.keys.index("core_group") - view.keys.index(view.current_key())):
            press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        assert view.current_key() == "core_group"
        pane = view.panes["core_group"]
        assert isinstance(pane, CoreGroupPane)
        if meeting == cid:  # no meeting yet: the proposal, and Space takes it
            assert focused() is pane.use_first
            assert shown_in_full(pane, focused())
            press(qtbot, Qt.Key.Key_Space)
            pane = go_to(qtbot, window, "core_group", CoreGroupPane)
        qtbot.waitUntil(lambda: focused() is pane.first_date, timeout=2000)  # noqa: B023
        assert shown_in_full(pane, focused())
        assert pane.review_date is not None and not pane.review_date.hasFocus()
    with store.read() as session:
        assert [m.meets_on for m in load_conference(session, cid).core_group_meetings] == [
            due_dates(load_conference(session, cid)).first_core_group_proposed
        ]
