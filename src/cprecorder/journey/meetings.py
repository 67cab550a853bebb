"""The meetings of a family's case: which case a meeting belongs to, and their order."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFoundError
from ..model import Conference


def in_time_order(meetings: Sequence[Conference]) -> list[Conference]:
    return sorted(meetings, key=lambda m: (m.scheduled_at, m.id or 0))


def case_of(session: Session, meeting_id: int) -> int:
    case_id = session.scalar(select(Conference.case_id).where(Conference.id == meeting_id))
    if case_id is None:
        raise NotFoundError(f"There is no conference or meeting {meeting_id}.")
    return case_id
