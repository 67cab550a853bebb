"""Hand-over, sign-off and addenda: the only ways a record's status changes."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..actor import Actor
from ..errors import KnownError, NotFoundError, RecordLockedError, ValidationError
from ..lifecycle import refuse_if_signed_off
from ..model import Addendum, Conference, RecordStatus, Role
from ..model.base import utcnow
from ..store import Store
from .change import Change


class NotPermittedError(KnownError):
    """The person's role does not offer this step."""


def hand_over(store: Store, *, actor: Actor, conference_id: int) -> Change:
    """The minute-taker hands the draft to the chair for review."""
    with store.write(actor, "hand_over") as session:
        conference = _conference(session, conference_id)
        refuse_if_signed_off(conference)
        if conference.status is not RecordStatus.DRAFT:
            raise ValidationError("Only a draft record can be handed to the chair.")
        conference.status = RecordStatus.IN_REVIEW
        conference.handed_over_at = utcnow()
        conference.handed_over_by = actor.name
        return Change(conference_id, "hand_over", "conference", conference_id, ("status",))


def sign_off(store: Store, *, actor: Actor, conference_id: int, chair_name: str) -> Change:
    """The chair signs the record off; from then on it is locked."""
    if actor.role is not Role.CHAIR:
        raise NotPermittedError("Only the conference chair can sign off the record.")
    if not chair_name.strip():
        raise ValidationError("Type your name to sign off the record.")
    with store.write(actor, "sign_off") as session:
        conference = _conference(session, conference_id)
        if conference.status is RecordStatus.SIGNED_OFF:
            raise RecordLockedError("This record is already signed off.")
        conference.status = RecordStatus.SIGNED_OFF
        conference.signed_off_at = utcnow()
        conference.signed_off_by = chair_name.strip()
        return Change(conference_id, "sign_off", "conference", conference_id, ("status",))


def add_addendum(
    store: Store, *, actor: Actor, conference_id: int, author: str, reason: str, text: str
) -> Change:
    """After sign-off, a named person may add to the record, saying why."""
    if not author.strip() or not reason.strip() or not text.strip():
        raise ValidationError("An addendum needs the author's name, a reason and the text.")
    with store.write(actor, "add_addendum") as session:
        conference = _conference(session, conference_id)
        if conference.status is not RecordStatus.SIGNED_OFF:
            raise ValidationError(
                "An addendum is for a signed-off record; until then, change the record itself."
            )
        addendum = Addendum(author=author.strip(), reason=reason.strip(), text=text)
        conference.addenda.append(addendum)
        session.flush()
        return Change(conference_id, "add_addendum", "addendum", addendum.id)


def _conference(session: Session, conference_id: int) -> Conference:
    conference = session.get(Conference, conference_id)
    if conference is None:
        raise NotFoundError(f"There is no conference {conference_id}.")
    return conference
