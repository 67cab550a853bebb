"""The Record menu's review, sign-off, addendum and audit trail.

What is offered (anyone may review a record and read its audit trail; only a chair
signs off, and only until the record is signed off; an addendum only after) is
decided with every other action by :func:`..shell.window_actions.offered`. This
module does what they do: sign-off and addenda go through the open record, like
every other change, so the window, the review and the menus hear of them in the
same order.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from ... import operations as op
from ...backup import backup_on_sign_off
from ...errors import KnownError
from ...model import RecordStatus, Role
from ...queries import load_conference
from ...review import review_record
from ..dialogs.addendum import AddendumDialog
from ..dialogs.form import open_over
from ..dialogs.sign_off import SignOffDialog
from ..shell.window_actions import ActionId
from .audit_trail import AuditDialog
from .dock import ReviewDock, rules_for

if TYPE_CHECKING:
    from ..recording.conference_view import ConferenceView
    from ..shell.main_window import MainWindow

log = logging.getLogger(__name__)


class RecordActions(QObject):
    """Wires the review, sign-off, addendum and audit actions of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("recordActions")
        self.window = window
        self.view: ConferenceView | None = None
        self.dock: ReviewDock | None = None
        self.audit: AuditDialog | None = None
        actions = window.actions_
        actions[ActionId.REVIEW].triggered.connect(self.toggle_review)
        actions[ActionId.SIGN_OFF].triggered.connect(self.sign_off)
        actions[ActionId.ADDENDUM].triggered.connect(self.add_addendum)
        actions[ActionId.AUDIT].triggered.connect(self.show_audit)
        window.actions_changed.connect(self.follow)
        self.follow()

    def follow(self) -> None:
        """Follow the open conference; the review's Sign off button as the menu offers it."""
        view = self.window.view
        if view is not self.view:
            self.view = view
            if self.dock is not None:
                self.dock.attach(view)
                if view is None:
                    self.dock.hide()
            if self.audit is not None:
                self.audit.close()
                self.audit = None
        if self.dock is not None:
            sign = self.window.actions_[ActionId.SIGN_OFF]
            self.dock.panel.sign_off.setEnabled(sign.isEnabled())
            signed = view is not None and view.conference.status is RecordStatus.SIGNED_OFF
            self.dock.panel.sign_off.setVisible(self.window.actor.role is Role.CHAIR and not signed)

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
            self.follow()
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
        open_over(dialog)

    def _sign(self, view: ConferenceView, chair_name: str) -> str | None:
        """Sign off (the record's panes lock), take a backup; a refusal is returned as words."""
        outcome = view.record.attempt(
            op.sign_off, initiator=self, conference_id=view.conference_id, chair_name=chair_name
        )
        if isinstance(outcome, str):
            return outcome
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
        open_over(dialog)

    def _add(self, view: ConferenceView, author: str, reason: str, text: str) -> str | None:
        outcome = view.record.attempt(
            op.add_addendum,
            initiator=self,
            conference_id=view.conference_id,
            author=author,
            reason=reason,
            text=text,
        )
        if isinstance(outcome, str):
            return outcome
        self.window.show_message(f"Addendum by {author} added to the record.")
        if self.audit is not None:
            self.audit.load()
        return None

    # -- audit trail ----------------------------------------------------------
    def show_audit(self) -> None:
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
        # The window gets the keys back, in the field the person was typing in: a
        # closed window's keys otherwise went nowhere.
        self.window.restore_focus()


def connect_record_actions(window: MainWindow) -> RecordActions:
    """Wire the Record menu's review, sign-off, addendum and audit actions."""
    return RecordActions(window)


__all__ = ["RecordActions", "connect_record_actions"]
