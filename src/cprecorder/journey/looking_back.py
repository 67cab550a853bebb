"""What a meeting's documents say of the meetings before it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from .facts import case_facts
from .meetings import case_of
from .scores import ScoreHistory, score_history
from .since import SinceLast, since_last


@dataclass(frozen=True)
class LookingBack:
    """What has changed since the last meeting, and the scores over time up to this one:
    read once for a document, which then reads them with the record."""

    since: SinceLast
    scores: ScoreHistory


def looking_back(session: Session, meeting_id: int) -> LookingBack:
    case = case_facts(session, case_of(session, meeting_id))
    return LookingBack(since_last(session, meeting_id), score_history(case, until=meeting_id))
