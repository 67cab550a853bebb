"""The meetings of a family's case: which case a meeting belongs to, and their order."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFoundError
from ..model import Conference


def case_of(session: Session, meeting_id: int) -> int:
    case_id = session.scalar(select(Conference.case_id).where(Conference.id == meeting_id))
    if case_id is None:
        raise NotFoundError(f"There is no conference or meeting {meeting_id}.")
    return case_id
