"""The record's lifecycle, enforced below the UI: draft → in review → signed off.

The check runs on every flush of every session, so no API, command or import can
change a signed-off record; only an addendum (and the audit trail) may be added.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from .errors import RecordLockedError
from .model import Addendum, AuditEntry, Conference, RecordStatus, Role

ALLOWED_AFTER_SIGN_OFF = (Addendum, AuditEntry)


def conference_of(obj: Any) -> Conference | None:
    finder = getattr(obj, "conference_of", None)
    if finder is None:
        return None
    try:
        conference: Conference | None = finder()
    except AttributeError:  # an item not attached to a record yet
        return None
    return conference


def status_before_this_change(conference: Conference) -> RecordStatus:
    """The status as it was committed, so signing off itself is allowed."""
    history = inspect(conference).attrs.status.history
    if history.deleted:
        old = history.deleted[0]
        return RecordStatus(old) if old is not None else RecordStatus.DRAFT
    return conference.status or RecordStatus.DRAFT


def refuse_changes_to_signed_off(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, ALLOWED_AFTER_SIGN_OFF):
            continue
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        conference = conference_of(obj)
        if conference is None:
            continue
        state = inspect(conference)
        if state.transient or state.pending:
            continue
        refused = locked(
            status_before_this_change(conference), conference.family_name, conference.signed_off_by
        )
        if refused is not None:
            raise refused


def locked(status: RecordStatus, family_name: str, signed_off_by: str) -> RecordLockedError | None:
    """Why a conference in this status cannot be changed; None while it can."""
    if status is RecordStatus.WITHDRAWN:
        return RecordLockedError(
            f"The {family_name} family's conference was withdrawn and cannot be changed."
        )
    if status is RecordStatus.SIGNED_OFF:
        return RecordLockedError(
            f"The record of the {family_name} family's conference was signed off"
            f" by {signed_off_by or 'the chair'} and cannot be changed. Add an addendum instead."
        )
    return None


# Who may move a record along, and back: each answers with the reason it is not
# offered (a sentence for the person), or None when it is. The window greys out
# what is refused and says why; the operations refuse the same things.


def hand_over_refusal(status: RecordStatus) -> str | None:
    """A draft can be handed to the chair, by whoever has been recording it."""
    if status is RecordStatus.DRAFT:
        return None
    if status is RecordStatus.IN_REVIEW:
        return "The record is already with the chair."
    if status is RecordStatus.WITHDRAWN:
        return "This conference was withdrawn."
    return "The record is signed off."


def take_back_refusal(
    status: RecordStatus, role: Role, *, chair_has_changed_it: bool
) -> str | None:
    """The minute-taker may take a hand-over back until the chair changes something."""
    if status is not RecordStatus.IN_REVIEW:
        return "Only a record handed to the chair can be taken back."
    if role is not Role.MINUTE_TAKER:
        return "Only the minute-taker can take a hand-over back."
    if chair_has_changed_it:
        return "The chair has already changed the record, so the hand-over stands."
    return None


def withdraw_refusal(status: RecordStatus) -> str | None:
    """A conference created by mistake may be withdrawn, never once signed off."""
    if status is RecordStatus.SIGNED_OFF:
        return "A signed-off record cannot be withdrawn; add an addendum instead."
    if status is RecordStatus.WITHDRAWN:
        return "This conference is already withdrawn."
    return None
