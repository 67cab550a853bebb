"""A family's journey: every meeting of the case, what it decided, and what is due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..dates import long_date
from ..model import ConferenceKind, PlanType, RecordStatus
from ..rules.core_groups import DueNext, JourneyFlag, check_journey, due_next
from ..rules.nation import NationRules
from .facts import CaseFacts, MeetingFacts, case_facts, conference_before
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
class ChildPlan:
    """Where a child's plan stands after the latest conference that decided it."""

    lineage: str
    name: str
    plan: PlanType | None
    #: When the child protection plan started; ``None`` when not known (a record made
    #: before the date was kept, whose earlier conferences are not in the store).
    started_on: dt.date | None
    previous_plans: int | None

    @property
    def words(self) -> str:
        """ "Maisie Ashdown: child protection plan since 24 November 2026"."""
        if self.plan is None:
            return f"{self.name}: no plan decided yet"
        if self.plan is not PlanType.CHILD_PROTECTION:
            return f"{self.name}: {self.plan.label.lower()}"
        since = (
            f"since {long_date(self.started_on)}"
            if self.started_on is not None
            else "start date unknown"
        )
        words = f"{self.name}: child protection plan {since}"
        if self.previous_plans:
            many = "s" if self.previous_plans != 1 else ""
            words += f" ({self.previous_plans} plan{many} before)"
        return words


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
    plans: tuple[ChildPlan, ...]


def plans_before(
    meetings: Sequence[MeetingFacts], meeting: MeetingFacts
) -> dict[str, PlanType | None]:
    """Child lineage → the plan decided for them at the last conference before ``meeting``."""
    previous = conference_before(meetings, meeting.key)
    if previous is None:
        return {}
    return {child.lineage: child.plan_type for child in previous.children}


def outcomes_of(
    meetings: Sequence[MeetingFacts], meeting: MeetingFacts
) -> tuple[ChildOutcome, ...]:
    if not meeting.kind.is_conference:
        return ()
    before = plans_before(meetings, meeting)
    return tuple(
        ChildOutcome(
            child.lineage,
            child.name,
            outcome(child, before.get(child.lineage)),
            outcome_words(child, before.get(child.lineage), meeting.nation),
        )
        for child in meeting.children
    )


def child_plans(meetings: Sequence[MeetingFacts]) -> tuple[ChildPlan, ...]:
    """Each child of the latest meeting: their plan at the latest conference that decided
    one, and when a child protection plan started (carried to the latest meeting)."""
    if not meetings:
        return ()
    decided: dict[str, PlanType] = {}
    for meeting in meetings:
        if meeting.kind.is_conference:
            for child in meeting.children:
                if child.plan_type is not None:
                    decided[child.lineage] = child.plan_type
    return tuple(
        ChildPlan(
            child.lineage,
            child.name,
            decided.get(child.lineage),
            child.cp_plan_started_on,
            child.previous_cp_plans,
        )
        for child in meetings[-1].children
    )


def journey_of(
    case: CaseFacts,
    rules: NationRules | None = None,
    *,
    today: dt.date | None = None,
) -> Journey:
    meetings = case.meetings
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
    return Journey(
        case.id,
        case.family_name,
        case.reference,
        tuple(child.name for child in meetings[-1].children) if meetings else (),
        entries,
        tuple(flags),
        due_next(meetings, rules, today=today),
        score_history(case),
        child_plans(meetings),
    )


def load_journey(
    session: Session,
    case_id: int,
    rules: NationRules | None = None,
    *,
    today: dt.date | None = None,
) -> Journey:
    return journey_of(case_facts(session, case_id), rules, today=today)
