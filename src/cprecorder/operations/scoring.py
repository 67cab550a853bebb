"""Scaling: each person's 0-10 score of a danger statement and of overall safety."""

from __future__ import annotations

from ..actor import Actor
from ..conference_lock import lock_conference, lock_conference_of
from ..conflicts import saved_revisions
from ..errors import NotFoundError, ValidationError
from ..lifecycle import refuse_if_signed_off
from ..model import DangerScore, DangerStatement, Operation, Person, SafetyScore
from ..model.assessment import check_scale
from ..store import Store
from .change import Change


def set_danger_score(
    store: Store,
    *,
    actor: Actor,
    statement_id: int,
    person_id: int,
    score: int | None,
    reason: str | None = None,
) -> Change:
    check_scale(score, "A danger statement score")
    with store.write(actor, Operation.DANGER_SCORE) as session:
        lock_conference_of(session, DangerStatement, statement_id)
        statement = session.get(DangerStatement, statement_id)
        person = session.get(Person, person_id)
        if statement is None or person is None:
            raise NotFoundError("That danger statement or person no longer exists.")
        refuse_if_signed_off(statement.conference)
        if person.conference_id != statement.conference_id:
            raise ValidationError(f"{person.name} is not part of this conference.")
        entry = next((s for s in statement.scores if s.person_id == person_id), None)
        if entry is None:
            entry = DangerScore(person=person)
            statement.scores.append(entry)
        entry.score = score
        if reason is not None:
            entry.reason = reason
        return Change(
            statement.conference_id,
            Operation.DANGER_SCORE,
            "danger_statement",
            statement_id,
            ("scores",),
            revisions=saved_revisions(session),
        )


def set_safety_score(
    store: Store,
    *,
    actor: Actor,
    conference_id: int,
    person_id: int,
    score: int | None,
    reason: str | None = None,
    one_point_up: str | None = None,
) -> Change:
    check_scale(score, "A safety scale score")
    with store.write(actor, Operation.SAFETY_SCORE) as session:
        lock_conference(session, conference_id)
        person = session.get(Person, person_id)
        if person is None or person.conference_id != conference_id:
            raise ValidationError("That person is not part of this conference.")
        conference = person.conference
        refuse_if_signed_off(conference)
        entry = next((s for s in conference.safety_scores if s.person_id == person_id), None)
        if entry is None:
            entry = SafetyScore(person=person)
            conference.safety_scores.append(entry)
        entry.score = score
        if reason is not None:
            entry.reason = reason
        if one_point_up is not None:
            entry.one_point_up = one_point_up
        revisions = saved_revisions(session)
        return Change(
            conference_id, Operation.SAFETY_SCORE, "safety_score", entry.id, revisions=revisions
        )
