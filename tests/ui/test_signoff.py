"""Sign-off by the chair locks every pane; an addendum is the only change after it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

import by_keyboard
from by_keyboard import press
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.backup import list_backups
from cprecorder.dates import moment_in_words
from cprecorder.interchange import conference_to_dict
from cprecorder.model import AuditEntry, Conference, RecordStatus
from cprecorder.operations import NotPermittedError
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.dialogs.addendum import AddendumDialog
from cprecorder.ui.dialogs.sign_off import SignOffDialog
from cprecorder.ui.review.dock import ReviewDock
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.window_actions import ActionId


def fresh(store: Store, conference_id: int) -> Conference:
    with store.read() as session:
        return load_conference(session, conference_id)


def whole_record(store: Store, conference_id: int) -> dict[str, object]:
    """Everything in the record, in its JSON form, to compare before and after."""
    return conference_to_dict(fresh(store, conference_id))


def audit_count(store: Store, conference_id: int) -> int:
    with store.read() as session:
        return len(
            session.scalars(
                select(AuditEntry.id).where(AuditEntry.conference_id == conference_id)
            ).all()
        )


def open_window(qtbot: QtBot, store: Store, who: Actor, tmp_path: Path) -> MainWindow:
    return by_keyboard.open_window(qtbot, store, who, tmp_path / f"{who.os_user}.ini")


@pytest.fixture
def chair_window(
    qtbot: QtBot, store: Store, chair: Actor, demo_id: int, tmp_path: Path
) -> Iterator[MainWindow]:
    window = open_window(qtbot, store, chair, tmp_path)
    yield window
    window.close()


def fill_the_gaps(store: Store, conference_id: int, actor: Actor) -> None:
    """The demo's one action without a person or a date gets both."""
    conference = fresh(store, conference_id)
    action = next(a for a in conference.actions if a.owner_id is None)
    tom = next(p.id for p in conference.people if p.name == "Tom Reyes")
    op.update(
        store,
        actor=actor,
        entity="action",
        entity_id=action.id,
        values={"owner_id": tom, "due_on": "2026-12-04"},
    )


def sign_off_dialog(qtbot: QtBot, window: MainWindow) -> SignOffDialog:
    action = window.actions_[ActionId.SIGN_OFF]
    assert action.isEnabled()
    action.trigger()
    dialog = window.findChild(SignOffDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_sign_off_locks_every_pane_and_typing_changes_nothing(
    qtbot: QtBot, chair_window: MainWindow, store: Store, demo_id: int, actor: Actor
) -> None:
    fill_the_gaps(store, demo_id, actor)
    op.hand_over(store, actor=actor, conference_id=demo_id)
    chair_window.open_conference(demo_id)
    dialog = sign_off_dialog(qtbot, chair_window)
    assert dialog.chair_name.text() == "Ruth Calloway"
    assert not dialog.sign_button.isEnabled()  # not until the chair confirms
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Space)
    assert dialog.sign_button.isEnabled()
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)

    signed = fresh(store, demo_id)
    assert signed.status is RecordStatus.SIGNED_OFF
    assert signed.signed_off_by == "Ruth Calloway" and signed.signed_off_at is not None
    assert store.path is not None
    assert [b.reason for b in list_backups(store.path)] == ["sign-off"]
    assert "Signed off by Ruth Calloway" in chair_window.status.text()
    assert not chair_window.actions_[ActionId.SIGN_OFF].isEnabled()
    assert chair_window.actions_[ActionId.ADDENDUM].isEnabled()

    before = whole_record(store, demo_id)
    entries = audit_count(store, demo_id)
    view = chair_window.view
    assert view is not None
    tried = 0
    for key in view.keys:
        by_keyboard.go_to(qtbot, chair_window, key)
        pane = view.panes[key]
        qtbot.waitUntil(pane.isVisible, timeout=2000)
        assert pane.locked
        assert pane.lock_label.isVisible()
        assert "signed off by Ruth Calloway" in pane.lock_label.text()
        for field in list(pane.fields.values()):
            widget = field.as_widget()
            if not isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
                continue
            if not widget.isVisible():
                continue
            text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            widget.setFocus()
            qtbot.keyClicks(widget, "changed after sign-off")
            qtbot.keyClick(widget, Qt.Key.Key_Tab)
            after = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            assert after == text, f"{field.key} took typing after sign-off"
            tried += 1
    assert tried > 40  # every pane's text fields were tried
    assert not view.recorder.has_pending()
    assert whole_record(store, demo_id) == before
    assert audit_count(store, demo_id) == entries


@pytest.mark.usefixtures("clock_ahead_of_utc")
def test_the_lock_banner_and_the_review_give_the_sign_off_time_on_the_local_clock(
    qtbot: QtBot, chair_window: MainWindow, store: Store, demo_id: int
) -> None:
    """The banner over every pane said the sign-off time in UTC, the review beside it in
    local time: an hour apart all summer."""
    op.sign_off(store, actor=chair_window.actor, conference_id=demo_id, chair_name="Ruth Calloway")
    signed = fresh(store, demo_id).signed_off_at
    assert signed is not None
    local = moment_in_words(signed + dt.timedelta(hours=1))
    chair_window.open_conference(demo_id)
    view = chair_window.view
    assert view is not None
    banner = view.panes[view.current_key()].lock_label
    assert f"signed off by Ruth Calloway on {local} " in banner.text()
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # the review
    review = chair_window.findChild(ReviewDock)
    assert review is not None and review.isVisible()
    assert f"Signed off by Ruth Calloway on {local}." in review.panel.status.text()


def test_sign_off_is_refused_while_blocking_items_remain(
    qtbot: QtBot, chair_window: MainWindow, store: Store, demo_id: int
) -> None:
    chair_window.open_conference(demo_id)
    dialog = sign_off_dialog(qtbot, chair_window)
    assert dialog.refusal.isVisible()
    listed = dialog.refusal.text()
    assert "2 things must be fixed" in listed
    assert "“Book a health review for Leo” has nobody to do it" in listed
    assert "has no date to be done by" in listed
    assert not dialog.confirm.isEnabled()
    assert not dialog.sign_button.isEnabled()
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    dialog.accept()  # even asked directly, it does not sign off
    assert dialog.isVisible()
    assert fresh(store, demo_id).status is RecordStatus.DRAFT
    # Warnings do not stop sign-off; they are listed for the chair to weigh.
    title = dialog.findChild(type(dialog.refusal), "warningTitle")
    assert title is not None and "You can sign off with" in title.text()
    # From the dialog, straight to the review list.
    qtbot.mouseClick(dialog.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    from cprecorder.ui.review.dock import ReviewDock

    dock = chair_window.findChild(ReviewDock)
    assert dock is not None and dock.isVisible()


def test_a_minute_taker_is_not_offered_sign_off_and_the_operation_refuses(
    qtbot: QtBot, store: Store, actor: Actor, demo_id: int, tmp_path: Path
) -> None:
    fill_the_gaps(store, demo_id, actor)
    window = open_window(qtbot, store, actor, tmp_path)
    try:
        window.open_conference(demo_id)
        sign = window.actions_[ActionId.SIGN_OFF]
        assert not sign.isEnabled()
        assert "only the chair" in sign.text()
        assert window.actions_[ActionId.REVIEW].isEnabled()  # the minute-taker can check
        # Whatever refreshes the window's actions, sign-off stays off for a minute-taker.
        window.close_conference()
        window.open_conference(demo_id)
        assert not window.actions_[ActionId.SIGN_OFF].isEnabled()
        sign.trigger()
        assert window.findChild(SignOffDialog) is None
        qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        from cprecorder.ui.review.dock import ReviewDock

        dock = window.findChild(ReviewDock)
        assert dock is not None and dock.isVisible()
        assert not dock.panel.sign_off.isVisible()
        with pytest.raises(NotPermittedError, match="Only the conference chair"):
            op.sign_off(store, actor=actor, conference_id=demo_id, chair_name=actor.name)
        assert fresh(store, demo_id).status is RecordStatus.DRAFT
    finally:
        window.close()


def test_an_addendum_after_sign_off_is_kept_shown_and_audited(
    qtbot: QtBot,
    chair_window: MainWindow,
    store: Store,
    demo_id: int,
    actor: Actor,
    chair: Actor,
) -> None:
    chair_window.open_conference(demo_id)
    assert not chair_window.actions_[ActionId.ADDENDUM].isEnabled()  # only after sign-off
    chair_window.close_conference()
    fill_the_gaps(store, demo_id, actor)
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    chair_window.open_conference(demo_id)
    action = chair_window.actions_[ActionId.ADDENDUM]
    assert action.isEnabled()

    def add(reason: str, text: str) -> AddendumDialog:
        action.trigger()
        dialog = next(d for d in chair_window.findChildren(AddendumDialog) if d.isVisible())
        qtbot.waitExposed(dialog)
        assert dialog.author.text() == "Ruth Calloway"
        assert not dialog.add_button.isEnabled()
        qtbot.keyClicks(dialog.reason, reason)
        qtbot.keyClicks(dialog.text, text)
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
        return dialog

    add("The first core group date was wrong", "The first core group is on 2 December 2026.")
    saved = fresh(store, demo_id)
    assert [(a.author, a.reason, a.text) for a in saved.addenda] == [
        (
            "Ruth Calloway",
            "The first core group date was wrong",
            "The first core group is on 2 December 2026.",
        )
    ]
    assert saved.status is RecordStatus.SIGNED_OFF
    with store.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(
                AuditEntry.conference_id == demo_id,
                AuditEntry.target == f"Addendum#{saved.addenda[0].id}",
            )
        ).one()
    assert (entry.operation, entry.actor, entry.role) == ("add_addendum", "Ruth Calloway", "chair")
    assert "2 December 2026" in (entry.new_value or "")

    # The next addendum's dialog shows the one already made.
    action.trigger()
    dialog = next(d for d in chair_window.findChildren(AddendumDialog) if d.isVisible())
    texts = [w.text() for w in dialog.findChildren(type(dialog.problem))]
    assert "The first core group is on 2 December 2026." in texts
    assert "Why: The first core group date was wrong" in texts
    dialog.reject()


def test_a_refused_sign_off_keeps_the_dialog_open_with_the_reason(
    qtbot: QtBot, chair_window: MainWindow, store: Store, demo_id: int, actor: Actor, chair: Actor
) -> None:
    fill_the_gaps(store, demo_id, actor)
    chair_window.open_conference(demo_id)
    dialog = sign_off_dialog(qtbot, chair_window)
    # Someone else signs it off meanwhile (another computer, the command line).
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Space)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem.text() == "This record is already signed off."
    assert QApplication.activeModalWidget() in (dialog, None)


def test_saying_you_are_the_chair_offers_sign_off(
    qtbot: QtBot, store: Store, actor: Actor, demo_id: int, tmp_path: Path
) -> None:
    from cprecorder.model import Role
    from cprecorder.ui.shell.identity import IdentityDialog

    window = open_window(qtbot, store, actor, tmp_path)
    try:
        window.open_conference(demo_id)
        sign = window.actions_[ActionId.SIGN_OFF]
        assert not sign.isEnabled()

        def say_chair(dialog: IdentityDialog) -> None:
            dialog.role.setFocus()
            qtbot.keyClicks(dialog.role, "Ch")  # "Chair", by its first letters
            qtbot.mouseClick(
                dialog.buttons.button(dialog.buttons.StandardButton.Ok),
                Qt.MouseButton.LeftButton,
            )

        with by_keyboard.answering(IdentityDialog, say_chair):
            window.actions_[ActionId.WHO_AM_I].trigger()  # File → Who is using CP Recorder…
        assert window.actor.role is Role.CHAIR
        assert window.view is not None and window.view.recorder.actor.role is Role.CHAIR
        assert sign.isEnabled()
        assert "only the chair" not in sign.text()
    finally:
        window.close()
