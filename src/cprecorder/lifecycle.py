"""The record's lifecycle, enforced below the UI: draft → in review → signed off.

The check runs on every flush of every session, so no API, command or import can
change a signed-off record; only an addendum (and the audit trail) may be added.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from .errors import RecordLockedError
from .model import Addendum, AuditEntry, Conference, RecordStatus

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
        if status_before_this_change(conference) is RecordStatus.SIGNED_OFF:
            raise RecordLockedError(
                f"The record of the {conference.family_name} family's conference was signed off"
                f" by {conference.signed_off_by or 'the chair'}"
                " and cannot be changed. Add an addendum instead."
            )
