"""A family's journey: every meeting of the case, what it decided, and what is due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..model import Case, Conference, ConferenceKind, PlanType, RecordStatus
from ..rules.core_groups import DueNext, JourneyFlag, check_journey, due_next
from ..rules.nation import NationRules
from .meetings import case_meetings, conference_before
from .outcome import Outcome, outcome, outcome_words
from .scores import ScoreHistory, score_history


@dataclass(frozen=True)
class ChildOutcome:
    lineage: str
    name: str
    outcome: Outcome
    words: str


@dataclass(frozen=True)
class JourneyEntry:
    """One meeting of the case as the journey lists it."""

    meeting_id: int
    kind: ConferenceKind
    on: dt.datetime
    chair: str
    status: RecordStatus
    outcomes: tuple[ChildOutcome, ...]
    flags: tuple[JourneyFlag, ...]

    @property
    def outcome_line(self) -> str:
        return "; ".join(f"{o.name}: {o.words}" for o in self.outcomes)


@dataclass(frozen=True)
class Journey:
    case_id: int
    family_name: str
    reference: str
    children: tuple[str, ...]
    entries: tuple[JourneyEntry, ...]
    flags: tuple[JourneyFlag, ...]
    due: DueNext | None
    scores: ScoreHistory
    meetings: tuple[Conference, ...]


def plans_before(meetings: Sequence[Conference], meeting: Conference) -> dict[str, PlanType | None]:
    """Child lineage → the plan decided for them at the last conference before ``meeting``."""
    previous = conference_before(meetings, meeting)
    if previous is None:
        return {}
    return {
        child.lineage: child.decision.plan_type if child.decision is not None else None
        for child in previous.children
    }


def outcomes_of(meetings: Sequence[Conference], meeting: Conference) -> tuple[ChildOutcome, ...]:
    if not meeting.kind.is_conference:
        return ()
    before = plans_before(meetings, meeting)
    nation = meeting.nation or "england"
    return tuple(
        ChildOutcome(
            child.lineage,
            child.name,
            outcome(child, before.get(child.lineage)),
            outcome_words(child, before.get(child.lineage), nation),
        )
        for child in meeting.children
    )


def journey_of(
    case: Case,
    meetings: Sequence[Conference],
    rules: NationRules | None = None,
    *,
    today: dt.date | None = None,
) -> Journey:
    flags = check_journey(meetings, rules, today=today)
    entries = tuple(
        JourneyEntry(
            m.id,
            m.kind,
            m.scheduled_at,
            m.chair,
            m.status,
            outcomes_of(meetings, m),
            tuple(f for f in flags if f.meeting_id == m.id),
        )
        for m in meetings
    )
    latest = meetings[-1] if meetings else None
    return Journey(
        case.id,
        case.family_name,
        case.reference,
        tuple(child.name for child in latest.children) if latest is not None else (),
        entries,
        tuple(flags),
        due_next(meetings, rules, today=today),
        score_history(meetings),
        tuple(meetings),
    )


def load_journey(
    session: Session,
    case_id: int,
    rules: NationRules | None = None,
    *,
    today: dt.date | None = None,
) -> Journey:
    meetings = case_meetings(session, case_id)
    case = session.get(Case, case_id)
    assert case is not None  # case_meetings refuses a case that does not exist
    return journey_of(case, meetings, rules, today=today)
