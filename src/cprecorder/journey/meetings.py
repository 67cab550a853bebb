"""The meetings of a family's case, read from the store, in time order."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..errors import NotFoundError
from ..model import (
    Action,
    Case,
    Child,
    ChildDecision,
    Conference,
    DangerStatement,
    RecordStatus,
)


def in_time_order(meetings: Sequence[Conference]) -> list[Conference]:
    return sorted(meetings, key=lambda m: (m.scheduled_at, m.id or 0))


def case_meetings(session: Session, case_id: int) -> list[Conference]:
    """Every meeting of the case with what the journey shows: people, decisions, scores.

    A conference withdrawn (created by mistake) is no meeting of the journey.
    """
    if session.get(Case, case_id) is None:
        raise NotFoundError(f"There is no case {case_id}.")
    meetings = session.scalars(
        select(Conference)
        .where(Conference.case_id == case_id, Conference.status != RecordStatus.WITHDRAWN)
        .options(
            selectinload(Conference.case),
            selectinload(Conference.children)
            .selectinload(Child.decision)
            .selectinload(ChildDecision.categories),
            selectinload(Conference.people),
            selectinload(Conference.danger_statements).selectinload(DangerStatement.scores),
            selectinload(Conference.safety_scores),
            selectinload(Conference.actions).selectinload(Action.owner),
            selectinload(Conference.core_group_meetings),
        )
    ).all()
    return in_time_order(meetings)


def case_of(session: Session, meeting_id: int) -> int:
    case_id = session.scalar(select(Conference.case_id).where(Conference.id == meeting_id))
    if case_id is None:
        raise NotFoundError(f"There is no conference or meeting {meeting_id}.")
    return case_id


def latest_meeting(meetings: Sequence[Conference]) -> Conference:
    return in_time_order(meetings)[-1]


def conferences(meetings: Sequence[Conference]) -> list[Conference]:
    return [m for m in in_time_order(meetings) if m.kind.is_conference]


def conference_before(meetings: Sequence[Conference], meeting: Conference) -> Conference | None:
    """The last conference held before ``meeting`` (a review's previous conference)."""
    earlier = [
        m
        for m in conferences(meetings)
        if (m.scheduled_at, m.id) < (meeting.scheduled_at, meeting.id or 0) and m is not meeting
    ]
    return earlier[-1] if earlier else None


def core_groups_between(
    meetings: Sequence[Conference], start: Conference, end: Conference | None
) -> list[Conference]:
    """Core group meetings after ``start`` and before ``end`` (or since ``start``)."""
    after = (start.scheduled_at, start.id or 0)
    found = []
    for m in in_time_order(meetings):
        key = (m.scheduled_at, m.id or 0)
        if m.kind.is_conference or key <= after:
            continue
        if end is not None and key >= (end.scheduled_at, end.id or 0):
            continue
        found.append(m)
    return found


def meeting_before(meetings: Sequence[Conference], meeting: Conference) -> Conference | None:
    ordered = in_time_order(meetings)
    earlier = [
        m for m in ordered if (m.scheduled_at, m.id or 0) < (meeting.scheduled_at, meeting.id or 0)
    ]
    return earlier[-1] if earlier else None
