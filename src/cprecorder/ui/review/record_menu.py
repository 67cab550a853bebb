"""The Record menu's review, sign-off, addendum and audit trail, offered by role and status.

What is offered follows who is at the keyboard and where the record is in its
life: anyone may review a record and read its audit trail; only a chair is
offered Sign off, and only until the record is signed off; an addendum only
after. The operations refuse the same things whatever the menu offers; the
menu only saves people from trying.

The window enables every record action whenever a conference is open; this
module listens to those actions' ``changed`` signal and puts its own rule back
on top, so it keeps working however the window decides to refresh them.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from ... import operations as op
from ...backup import backup_on_sign_off
from ...errors import KnownError
from ...lifecycle import hand_over_refusal, take_back_refusal
from ...model import RecordStatus, Role
from ...queries import load_conference
from ...review import review_record
from ..dialogs.addendum import AddendumDialog
from ..dialogs.sign_off import SignOffDialog
from ..shell.identity import remember_actor
from ..shell.window_actions import ActionId
from .audit_trail import AuditDialog
from .dock import ReviewDock, rules_for

if TYPE_CHECKING:
    from ..recording.conference_view import ConferenceView
    from ..shell.main_window import MainWindow

log = logging.getLogger(__name__)

RULED = (
    ActionId.REVIEW,
    ActionId.SIGN_OFF,
    ActionId.ADDENDUM,
    ActionId.AUDIT,
    ActionId.HAND_OVER,
    ActionId.TAKE_BACK,
)


class RecordActions(QObject):
    """Wires the review, sign-off, addendum and audit actions of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("recordActions")
        self.window = window
        self.view: ConferenceView | None = None
        self.dock: ReviewDock | None = None
        self.audit: AuditDialog | None = None
        self._syncing = False
        actions = window.actions_
        self.texts = {action_id: actions[action_id].text() for action_id in RULED}
        actions[ActionId.REVIEW].triggered.connect(self.toggle_review)
        actions[ActionId.SIGN_OFF].triggered.connect(self.sign_off)
        actions[ActionId.ADDENDUM].triggered.connect(self.add_addendum)
        actions[ActionId.AUDIT].triggered.connect(self.show_audit)
        # Connected after the window's own handler, so this runs once the person has answered.
        actions[ActionId.WHO_AM_I].triggered.connect(self.sync)
        for action_id in RULED:
            actions[action_id].changed.connect(self.sync)
        self.sync()

    # -- what is offered ------------------------------------------------------
    def offered(self) -> dict[ActionId, tuple[bool, str]]:
        """Each action: offered or not, and the words the menu shows."""
        view = self.window.view
        chair = self.window.actor.role is Role.CHAIR
        signed = view is not None and view.conference.status is RecordStatus.SIGNED_OFF
        sign_text = self.texts[ActionId.SIGN_OFF]
        if view is not None and not chair:
            sign_text = f"{sign_text} (only the chair)"
        elif signed:
            sign_text = "Signed off"
        status = view.conference.status if view is not None else None
        writable = view is not None and not view.recorder.read_only
        role = self.window.actor.role
        return {
            ActionId.HAND_OVER: (
                writable and status is not None and hand_over_refusal(status) is None,
                self.texts[ActionId.HAND_OVER],
            ),
            ActionId.TAKE_BACK: (
                writable
                and status is not None
                and take_back_refusal(status, role, chair_has_changed_it=False) is None,
                self.texts[ActionId.TAKE_BACK],
            ),
            ActionId.REVIEW: (view is not None, self.texts[ActionId.REVIEW]),
            ActionId.AUDIT: (view is not None, self.texts[ActionId.AUDIT]),
            ActionId.SIGN_OFF: (view is not None and chair and not signed, sign_text),
            ActionId.ADDENDUM: (
                signed,
                self.texts[ActionId.ADDENDUM]
                if signed or view is None
                else f"{self.texts[ActionId.ADDENDUM]} (after sign-off)",
            ),
        }

    def sync(self) -> None:
        """Follow the open conference and put this module's rules on the actions."""
        if self._syncing:
            return
        self._syncing = True
        try:
            self._role_as_vocabulary()
            self._follow(self.window.view)
            view = self.window.view
            for action_id, (enabled, text) in self.offered().items():
                action = self.window.actions_[action_id]
                if action.text() != text:
                    action.setText(text)
                if action.isEnabled() != enabled:
                    action.setEnabled(enabled)
            if self.dock is not None:
                sign = self.window.actions_[ActionId.SIGN_OFF]
                self.dock.panel.sign_off.setEnabled(sign.isEnabled())
                signed = view is not None and view.conference.status is RecordStatus.SIGNED_OFF
                self.dock.panel.sign_off.setVisible(
                    self.window.actor.role is Role.CHAIR and not signed
                )
        finally:
            self._syncing = False

    def _role_as_vocabulary(self) -> None:
        """Make sure the person's role is a :class:`Role`, not its text.

        A combo box hands back a ``StrEnum`` stored as item data as plain text;
        an actor made from it would never be a chair to ``is Role.CHAIR`` (nor to
        the sign-off operation) and its audit entries could not be written. The
        window's actor and its recorder's are put right here.
        """
        actor = self.window.actor
        if isinstance(actor.role, Role):
            return
        try:
            role = Role(str(actor.role))
        except ValueError:
            role = Role.OTHER
        fixed = dataclasses.replace(actor, role=role)
        self.window.actor = fixed
        view = self.window.view
        if view is not None:  # the window gives its recorder the same actor
            view.recorder.actor = fixed
        remember_actor(self.window.settings, fixed)

    def _follow(self, view: ConferenceView | None) -> None:
        if view is self.view:
            return
        self.view = view
        if view is not None:
            view.recorder.changed.connect(self.sync)
        if self.dock is not None:
            self.dock.attach(view)
            if view is None:
                self.dock.hide()
        if self.audit is not None:
            self.audit.close()
            self.audit = None

    # -- review ---------------------------------------------------------------
    def review_dock(self) -> ReviewDock:
        if self.dock is None:
            self.dock = ReviewDock(self.window)
            self.dock.panel.sign_off_requested.connect(
                self.window.actions_[ActionId.SIGN_OFF].trigger
            )
            self.dock.panel.changes_requested.connect(self.show_changes)
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self.window.resizeDocks([self.dock], [420], Qt.Orientation.Horizontal)
            self.dock.hide()
            self.sync()
        return self.dock

    def show_review(self) -> None:
        """Open the review beside the record, with the cursor in its list."""
        view = self.window.view
        if view is None:
            return
        dock = self.review_dock()
        view.recorder.flush()
        dock.attach(view)
        dock.remember_focus()
        dock.show()
        dock.raise_()
        dock.refresh()
        dock.panel.focus_list()

    def toggle_review(self) -> None:
        """Ctrl+R shows the review and puts the cursor in it; again, hides it."""
        self.sync()
        view = self.window.view
        if view is None:
            return
        dock = self.review_dock()
        if dock.isVisible() and dock.panel.list.hasFocus():
            dock.hide()
            dock.return_focus()
            return
        self.show_review()

    # -- sign-off -------------------------------------------------------------
    def sign_off(self) -> None:
        self.sync()
        view = self.window.view
        if view is None:
            return
        view.recorder.flush()
        with self.window.store.read() as session:
            conference = load_conference(session, view.conference_id)
        items = review_record(conference, rules=rules_for(conference))
        dialog = SignOffDialog(
            self.window,
            self.window.actor,
            conference,
            items,
            submit=lambda name: self._sign(view, name),
            show_review=self.show_review,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.window.restore_focus())
        dialog.open()

    def _sign(self, view: ConferenceView, chair_name: str) -> str | None:
        """Sign off, lock every pane, take a backup; a refusal is returned as words."""
        if not view.recorder.flush():
            return "Some changes are not saved yet, so the record cannot be signed off yet."
        try:
            change = op.sign_off(
                self.window.store,
                actor=self.window.actor,
                conference_id=view.conference_id,
                chair_name=chair_name,
            )
        except KnownError as exc:
            return str(exc)
        # Tell the window what changed, as the recorder does: it reloads the record.
        view.recorder.changed.emit(change)
        view.apply_lock_everywhere()
        self.sync()
        message = f"Signed off by {chair_name}. The record is now locked."
        try:
            made = backup_on_sign_off(self.window.store)
        except (KnownError, OSError) as exc:
            log.warning("no backup at sign-off: %s", exc)
            message += f" A backup could not be made: {exc}"
        else:
            if made is not None:
                message += " A backup copy was made."
        self.window.show_message(message)
        return None

    # -- addendum -------------------------------------------------------------
    def add_addendum(self) -> None:
        self.sync()
        view = self.window.view
        if view is None:
            return
        with self.window.store.read() as session:
            conference = load_conference(session, view.conference_id)
        dialog = AddendumDialog(
            self.window,
            self.window.actor,
            conference,
            submit=lambda author, reason, text: self._add(view, author, reason, text),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.window.restore_focus())
        dialog.open()

    def _add(self, view: ConferenceView, author: str, reason: str, text: str) -> str | None:
        try:
            change = op.add_addendum(
                self.window.store,
                actor=self.window.actor,
                conference_id=view.conference_id,
                author=author,
                reason=reason,
                text=text,
            )
        except KnownError as exc:
            return str(exc)
        view.recorder.changed.emit(change)
        self.window.show_message(f"Addendum by {author} added to the record.")
        if self.audit is not None:
            self.audit.load()
        return None

    # -- audit trail ----------------------------------------------------------
    def show_audit(self) -> None:
        self.sync()
        view = self.window.view
        if view is None:
            return
        view.recorder.flush()
        if self.audit is not None and self.audit.conference_id == view.conference_id:
            self.audit.presentation = self.window.presentation
            self.audit.load()
        else:
            self.audit = AuditDialog(
                self.window,
                self.window.store,
                view.conference_id,
                presentation=self.window.presentation,
            )
            self.audit.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.audit.finished.connect(self._audit_closed)
        self.audit.show()
        self.audit.raise_()
        self.audit.activateWindow()

    def show_changes(self) -> None:
        """The audit trail opened on what changed since the hand-over."""
        self.show_audit()
        if self.audit is not None:
            self.audit.tabs.setCurrentIndex(0)

    def _audit_closed(self, _result: int) -> None:
        self.audit = None


def connect_record_actions(window: MainWindow) -> RecordActions:
    """Wire the Record menu's review, sign-off, addendum and audit actions."""
    return RecordActions(window)


__all__ = ["RecordActions", "connect_record_actions"]
