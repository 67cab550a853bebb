"""Hand-over (and taking it back), sign-off, addenda and withdrawal: the only ways a
record's status changes."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..conference_lock import lock_conference
from ..errors import KnownError, NotFoundError, RecordLockedError, ValidationError
from ..lifecycle import (
    hand_over_refusal,
    refuse_if_signed_off,
    take_back_refusal,
    withdraw_refusal,
)
from ..model import Addendum, AuditEntry, Conference, Operation, RecordStatus, Role
from ..model.base import utcnow
from ..store import Store
from .change import Change


class NotPermittedError(KnownError):
    """The person's role does not offer this step."""


def hand_over(store: Store, *, actor: Actor, conference_id: int) -> Change:
    """The minute-taker hands the draft to the chair for review."""
    with store.write(actor, Operation.HAND_OVER) as session:
        conference = _conference(session, conference_id)
        refuse_if_signed_off(conference)
        refused = hand_over_refusal(conference.status)
        if refused:
            raise ValidationError(refused)
        conference.status = RecordStatus.IN_REVIEW
        conference.handed_over_at = utcnow()
        conference.handed_over_by = actor.name
        return Change(conference_id, Operation.HAND_OVER, "conference", conference_id, ("status",))


def chair_has_changed_it(session: Session, conference: Conference) -> bool:
    """Whether the chair has changed anything since the last hand-over."""
    handed = session.scalar(
        select(AuditEntry.id)
        .where(
            AuditEntry.conference_id == conference.id,
            AuditEntry.operation == Operation.HAND_OVER.stored,
        )
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    if handed is None:
        return False
    return bool(
        session.scalar(
            select(
                exists().where(
                    AuditEntry.conference_id == conference.id,
                    AuditEntry.id > handed,
                    AuditEntry.role == Role.CHAIR.value,
                )
            )
        )
    )


def take_back(store: Store, *, actor: Actor, conference_id: int) -> Change:
    """The minute-taker takes the hand-over back, until the chair has changed something."""
    with store.write(actor, Operation.TAKE_BACK) as session:
        conference = _conference(session, conference_id)
        refuse_if_signed_off(conference)
        refused = take_back_refusal(
            conference.status,
            actor.role,
            chair_has_changed_it=chair_has_changed_it(session, conference),
        )
        if refused:
            raise NotPermittedError(refused)
        conference.status = RecordStatus.DRAFT
        conference.handed_over_at = None
        conference.handed_over_by = ""
        return Change(conference_id, Operation.TAKE_BACK, "conference", conference_id, ("status",))


def withdraw(store: Store, *, actor: Actor, conference_id: int, reason: str) -> Change:
    """A conference created by mistake leaves every list; its record and trail are kept."""
    if not reason.strip():
        raise ValidationError("Say why the conference is withdrawn.")
    with store.write(actor, Operation.WITHDRAW) as session:
        conference = _conference(session, conference_id)
        refused = withdraw_refusal(conference.status)
        if refused and conference.status is RecordStatus.SIGNED_OFF:
            raise RecordLockedError(refused)
        if refused:
            raise NotPermittedError(refused)
        conference.keep_case_details()  # first: reading the case flushes what is set
        conference.status = RecordStatus.WITHDRAWN
        conference.withdrawn_at = utcnow()
        conference.withdrawn_by = actor.name
        conference.withdrawal_reason = reason.strip()
        return Change(conference_id, Operation.WITHDRAW, "conference", conference_id, ("status",))


def sign_off(store: Store, *, actor: Actor, conference_id: int, chair_name: str) -> Change:
    """The chair signs the record off; from then on it is locked."""
    if actor.role is not Role.CHAIR:
        raise NotPermittedError("Only the conference chair can sign off the record.")
    if not chair_name.strip():
        raise ValidationError("Type your name to sign off the record.")
    with store.write(actor, Operation.SIGN_OFF) as session:
        conference = _conference(session, conference_id)
        if conference.status is RecordStatus.SIGNED_OFF:
            raise RecordLockedError("This record is already signed off.")
        refuse_if_signed_off(conference)  # withdrawn
        conference.keep_case_details()  # first: reading the case flushes what is set
        conference.status = RecordStatus.SIGNED_OFF
        conference.signed_off_at = utcnow()
        conference.signed_off_by = chair_name.strip()
        return Change(conference_id, Operation.SIGN_OFF, "conference", conference_id, ("status",))


def add_addendum(
    store: Store, *, actor: Actor, conference_id: int, author: str, reason: str, text: str
) -> Change:
    """After sign-off, a named person may add to the record, saying why."""
    if not author.strip() or not reason.strip() or not text.strip():
        raise ValidationError("An addendum needs the author's name, a reason and the text.")
    with store.write(actor, Operation.ADDENDUM) as session:
        conference = _conference(session, conference_id)
        if conference.status is not RecordStatus.SIGNED_OFF:
            raise ValidationError(
                "An addendum is for a signed-off record; until then, change the record itself."
            )
        addendum = Addendum(author=author.strip(), reason=reason.strip(), text=text)
        conference.addenda.append(addendum)
        session.flush()
        return Change(conference_id, Operation.ADDENDUM, "addendum", addendum.id)


def _conference(session: Session, conference_id: int) -> Conference:
    conference = lock_conference(session, conference_id)
    if conference is None:
        raise NotFoundError(f"There is no conference {conference_id}.")
    return conference
