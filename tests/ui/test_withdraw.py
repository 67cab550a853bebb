"""Withdrawing a conference created by mistake, from the start view, by keyboard.

Issue 10, problem 11: there was no way to withdraw a conference created by
mistake. It is asked why, audited, kept with its trail, gone from every list,
and never offered once the record is signed off.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from by_keyboard import answering, cursor_shows_in, focused, press
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.audit import verify_chain
from cprecorder.model import AuditEntry, ConferenceKind, RecordStatus
from cprecorder.queries import list_conferences, load_conference
from cprecorder.store import Store
from cprecorder.ui.dialogs.withdraw import WithdrawDialog
from cprecorder.ui.shell.main_window import MainWindow


def a_mistake(store: Store, actor: Actor) -> int:
    change = op.create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name="Ashdwon",
        scheduled_at=dt.datetime(2026, 12, 6, 10, 0),
        children=["Maisie Ashdwon"],
    )
    return change.conference_id


def choose(window: MainWindow, conference_id: int) -> None:
    window.show_start()
    start = window.start
    row = next(i for i, c in enumerate(start.model.rows) if c.id == conference_id)
    start.table.selectRow(row)
    start.table.setFocus()


def test_a_conference_made_by_mistake_is_withdrawn_with_a_reason(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    mistake = a_mistake(store, actor)
    choose(window, mistake)
    assert window.start.withdraw_button.isEnabled()

    def answer(dialog: WithdrawDialog) -> None:
        assert not dialog.withdraw_button.isEnabled()  # not without a reason
        qtbot.keyClicks(focused(), "Created twice by mistake: the family name is misspelt")
        press(qtbot, Qt.Key.Key_Return)

    with answering(WithdrawDialog, answer):
        press(qtbot, Qt.Key.Key_Delete)
    assert [c.id for c in window.start.model.rows] == [demo_id]
    assert focused() is window.start.table
    assert "withdrawn" in window.status.text()
    assert "conference of 6 December 2026 is withdrawn" in window.status.text()
    with store.read() as session:
        assert [c.id for c in list_conferences(session, "Ashdwon")] == []
        conference = load_conference(session, mistake)
        assert conference.status is RecordStatus.WITHDRAWN
        assert conference.withdrawn_by == actor.name
        assert conference.withdrawal_reason.startswith("Created twice")
        audited = session.scalars(
            select(AuditEntry).where(
                AuditEntry.conference_id == mistake, AuditEntry.operation == "withdraw"
            )
        ).all()
        assert audited
        assert verify_chain(session, mistake).intact


def test_cancel_keeps_the_conference(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    mistake = a_mistake(store, actor)
    choose(window, mistake)
    with answering(WithdrawDialog, lambda _d: press(qtbot, Qt.Key.Key_Escape)):
        window.start.withdraw_button.click()
    assert {c.id for c in window.start.model.rows} == {demo_id, mistake}


def test_the_start_view_writes_dates_as_the_rest_of_the_app(
    window: MainWindow, store: Store, actor: Actor
) -> None:
    mistake = a_mistake(store, actor)
    choose(window, mistake)
    table = window.start.table
    row = table.currentIndex().row()
    date_column = window.start.model.HEADERS.index("Date")
    shown = table.model().index(row, date_column).data()
    assert shown == "Sun 6 Dec 2026, 10:00"  # as the conference's own header writes it


def test_never_offered_once_signed_off(
    qtbot: QtBot, window: MainWindow, store: Store, chair: Actor, demo_id: int
) -> None:
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name=chair.name)
    choose(window, demo_id)
    assert not window.start.withdraw_button.isEnabled()
    press(qtbot, Qt.Key.Key_Delete)  # nothing opens: exec() would wait here
    qtbot.wait(50)
    with store.read() as session:
        assert load_conference(session, demo_id).status is RecordStatus.SIGNED_OFF


def test_withdraw_cancelled_leaves_the_cursor_on_the_conference(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor
) -> None:
    a_mistake(store, actor)
    window.show_start()
    press(qtbot, Qt.Key.Key_Return)  # from the search into the list
    table = window.start.table
    assert focused() is table
    with answering(WithdrawDialog, lambda _d: press(qtbot, Qt.Key.Key_Escape)):
        press(qtbot, Qt.Key.Key_Delete)
    cursor_shows_in(qtbot, window, table)


def test_the_last_conference_withdrawn_leaves_the_cursor_in_the_search(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor
) -> None:
    """An empty list has nothing to open: the cursor goes where the next search is typed."""
    a_mistake(store, actor)
    window.show_start()
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is window.start.table

    def withdrawn(_dialog: WithdrawDialog) -> None:
        qtbot.keyClicks(focused(), "Created twice by mistake")
        press(qtbot, Qt.Key.Key_Return)

    with answering(WithdrawDialog, withdrawn):
        press(qtbot, Qt.Key.Key_Delete)
    assert len(window.start.model.rows) == 0
    cursor_shows_in(qtbot, window, window.start.search)
    assert "withdrawn" in window.status.text()
