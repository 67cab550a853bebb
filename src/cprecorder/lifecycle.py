"""The record's lifecycle, enforced below the UI: draft → in review → signed off (or,
for a conference created by mistake, withdrawn).

The lock is checked on every row the ORM writes (a mapper event on every table),
so it sees what an operation never touched itself: rows removed by cascade or as
orphans, a link removed with its person, a category cleared with its decision.
Each row is traced to its conference in the database, and a row of a signed-off
conference is refused, whatever the route. The autosave's few statements
(:mod:`cprecorder.operations.fields`), which build no ORM object, ask
:func:`refuse_if_locked` themselves, as the operations do before they start; the
database's triggers (:mod:`cprecorder.migrations.lock`) refuse it again below both.
Only an addendum (and the audit trail, and who has the record open) may be added after
sign-off; a withdrawn conference is kept as it was, with nothing added.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection

from .errors import RecordLockedError
from .model import Addendum, AuditEntry, Conference, EditingSession, RecordStatus, Role

#: Rows that may be written for a signed-off conference: not part of the record itself.
ALLOWED_AFTER_SIGN_OFF = (Addendum, AuditEntry, EditingSession)

#: For rows without a conference_id column: the parent table that holds it.
PARENT_OF = (
    ("danger_statement_id", "danger_statements"),
    ("person_id", "people"),
    ("child_id", "children"),
)


def conference_of(obj: Any) -> Conference | None:
    finder = getattr(obj, "conference_of", None)
    if finder is None:
        return None
    try:
        conference: Conference | None = finder()
    except AttributeError:  # an item not attached to a record yet
        return None
    return conference


#: The columns that lead from a row to its conference.
OWNER_KEYS = ("conference_id", "danger_statement_id", "person_id", "child_id", "decision_id")


def conference_id_of_row(connection: Connection, target: Any) -> int | None:
    """The conference a row belongs to, read from its keys (and its parents' rows).

    Works for a row being deleted as an orphan, whose link to its parent object
    is already gone but whose foreign key still holds the parent's id.
    """
    if isinstance(target, Conference):
        return target.id
    keys = {key: getattr(target, key, None) for key in OWNER_KEYS}
    if all(value is None for value in keys.values()):
        conference = conference_of(target)
        return conference.id if conference is not None else None
    return conference_id_of_keys(connection, keys)


def conference_id_of_keys(connection: Connection, keys: dict[str, Any]) -> int | None:
    if keys.get("conference_id") is not None:
        return int(keys["conference_id"])
    for column, table in PARENT_OF:
        parent = keys.get(column)
        if parent is not None:
            found = connection.execute(
                text(f"SELECT conference_id FROM {table} WHERE id = :id"), {"id": parent}
            ).scalar()
            return int(found) if found is not None else None
    if keys.get("decision_id") is not None:
        found = connection.execute(
            text(
                "SELECT c.conference_id FROM child_decisions d JOIN children c "
                "ON c.id = d.child_id WHERE d.id = :id"
            ),
            {"id": keys["decision_id"]},
        ).scalar()
        return int(found) if found is not None else None
    return None


def refuse_if_locked(status: RecordStatus | None, family_name: str, signed_off_by: str) -> None:
    """The lock, the one rule every save keeps (the ORM's operations, the autosave's few
    statements, the mapper check): a withdrawn or signed-off conference takes no change."""
    if status is RecordStatus.WITHDRAWN:
        raise RecordLockedError(
            f"The {family_name} family's conference was withdrawn and cannot be changed."
        )
    if status is RecordStatus.SIGNED_OFF:
        raise RecordLockedError(
            f"The record of the {family_name} family's conference was signed off"
            f" by {signed_off_by or 'the chair'} and cannot be changed. Add an addendum instead."
        )


def refuse_if_signed_off(conference: Conference) -> None:
    """The lock, said before an operation starts (the mapper check is the guarantee)."""
    refuse_if_locked(conference.status, conference.family_name, conference.signed_off_by)


def refuse_if_stored_as_signed_off(connection: Connection, conference_id: int | None) -> None:
    """As committed (or flushed) in the database: the truth, not the session's copy."""
    if conference_id is None:
        return
    row = connection.execute(
        text("SELECT status, family_name, signed_off_by FROM conferences WHERE id = :id"),
        {"id": conference_id},
    ).first()
    if row is not None:
        refuse_if_locked(RecordStatus(row[0]), str(row[1]), str(row[2] or ""))


def _has_column_changes(target: Any) -> bool:
    state = inspect(target)
    return any(state.attrs[attr.key].history.has_changes() for attr in state.mapper.column_attrs)


def _check_insert(_mapper: Any, connection: Connection, target: Any) -> None:
    if isinstance(target, (*ALLOWED_AFTER_SIGN_OFF, Conference)):
        return
    refuse_if_stored_as_signed_off(connection, conference_id_of_row(connection, target))


def _check_update(_mapper: Any, connection: Connection, target: Any) -> None:
    # Called for every object marked dirty, even when only a collection changed
    # (a conference gaining an addendum): only a changed column is a change here.
    if isinstance(target, ALLOWED_AFTER_SIGN_OFF) or not _has_column_changes(target):
        return
    if isinstance(target, Conference):
        # The stored status decides, so signing off is allowed and un-signing is not.
        refuse_if_stored_as_signed_off(connection, target.id)
        return
    # Moved from one parent to another: the conference it leaves must be open too.
    state = inspect(target)
    for key in OWNER_KEYS:
        if key in state.attrs and state.attrs[key].history.deleted:
            old = state.attrs[key].history.deleted[0]
            if old is not None:
                refuse_if_stored_as_signed_off(
                    connection, conference_id_of_keys(connection, {key: old})
                )
    refuse_if_stored_as_signed_off(connection, conference_id_of_row(connection, target))


def _check_delete(_mapper: Any, connection: Connection, target: Any) -> None:
    if isinstance(target, ALLOWED_AFTER_SIGN_OFF):
        return
    refuse_if_stored_as_signed_off(connection, conference_id_of_row(connection, target))


def enforce_the_lock() -> None:
    """Hook the check to every table once (mapper events are global)."""
    from .model import Base

    for name, check in (
        ("before_insert", _check_insert),
        ("before_update", _check_update),
        ("before_delete", _check_delete),
    ):
        if not event.contains(Base, name, check):
            event.listen(Base, name, check, propagate=True)


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
