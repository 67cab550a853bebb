"""What the journey reads of a case's meetings: a few columns, in a few set-based queries.

The journey, the list of cases, the rules of the plan's rhythm, the scores over
time and last time's scores need each meeting's kind, date, chair and status, what
was decided for each child, and everyone's scores: never whole records. Each query
here reads one kind of row for every meeting asked about at once (the meetings; the
children with their decisions; the categories; the scores with who gave them), so
the cost follows the rows the journey shows, not the size of the records.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import BindParameter, bindparam, select
from sqlalchemy.orm import Session

from ..errors import NotFoundError
from ..model import (
    Case,
    Child,
    ChildDecision,
    Conference,
    ConferenceKind,
    DangerScore,
    DangerStatement,
    DecisionCategory,
    Person,
    PersonKind,
    PlanType,
    RecordStatus,
    SafetyScore,
)


@dataclass(frozen=True)
class ChildAt:
    """A child as one meeting knew them, and what it decided for them."""

    id: int
    lineage: str
    name: str
    plan_type: PlanType | None
    category_keys: tuple[str, ...]
    initial_category_keys: tuple[str, ...]
    cp_plan_started_on: dt.date | None
    previous_cp_plans: int | None


@dataclass(frozen=True)
class MeetingFacts:
    """One meeting of a case as the journey shows it."""

    id: int
    case_id: int
    kind: ConferenceKind
    scheduled_at: dt.datetime
    chair: str
    status: RecordStatus
    nation: str
    strategy_discussion_on: dt.date | None
    children: tuple[ChildAt, ...]

    @property
    def on_child_protection_plan(self) -> bool:
        return any(child.plan_type is PlanType.CHILD_PROTECTION for child in self.children)

    @property
    def key(self) -> tuple[dt.datetime, int]:
        """Its place in time: the date, then the order the meetings were made in."""
        return (self.scheduled_at, self.id)


@dataclass(frozen=True)
class ScoreFact:
    """One score given at a meeting: on the safety scale, or of a danger statement."""

    meeting_id: int
    #: The danger statement's lineage and place (from 1) at that meeting; "" and 0
    #: for the overall safety scale.
    statement: str
    number: int
    #: Who gave it: their lineage, their name with role or agency, family or not.
    person: str
    label: str
    family: bool
    #: ``None`` for a danger statement nobody scored at that meeting.
    score: int | None


@dataclass(frozen=True)
class CaseFacts:
    """A case, its meetings in time order, and every score given at them."""

    id: int
    family_name: str
    reference: str
    meetings: tuple[MeetingFacts, ...]
    scores: tuple[ScoreFact, ...]

    def meeting(self, meeting_id: int) -> MeetingFacts | None:
        return next((m for m in self.meetings if m.id == meeting_id), None)


def person_label(name: str, role: str, agency: str) -> str:
    """ "Kerry Ashdown (Mother)": the name with the role, else the agency."""
    extra = role or agency
    return f"{name} ({extra})" if extra and name else name or extra


def child_name(first: str, last: str, unborn: bool) -> str:
    """As :attr:`cprecorder.model.Child.name` says it."""
    full = f"{first} {last}".strip()
    return full or ("Unborn baby" if unborn else "Unnamed child")


#: The cases asked about: every statement below reads the rows of their meetings.
CASES: BindParameter[list[int]] = bindparam("cases", expanding=True)

#: The meetings of the cases that are meetings of their journey (never a withdrawn one).
OF_THE_CASES = (Conference.case_id.in_(CASES), Conference.status != RecordStatus.WITHDRAWN)

# The statements are built once: SQLAlchemy then only binds the case ids to each.
MEETINGS = (
    select(
        Conference.id,
        Conference.case_id,
        Conference.kind,
        Conference.scheduled_at,
        Conference.chair,
        Conference.status,
        Conference.nation,
        Conference.strategy_discussion_on,
    )
    .where(*OF_THE_CASES)
    .order_by(Conference.scheduled_at, Conference.id)
)
CHILDREN = (
    select(
        Child.conference_id,
        Child.id,
        Child.lineage,
        Child.first_name,
        Child.last_name,
        Child.unborn,
        Child.initial_categories,
        Child.cp_plan_started_on,
        Child.previous_cp_plans,
        ChildDecision.id.label("decision_id"),
        ChildDecision.plan_type,
    )
    .join(Conference, Conference.id == Child.conference_id)
    .outerjoin(ChildDecision, ChildDecision.child_id == Child.id)
    .where(*OF_THE_CASES)
    .order_by(Child.conference_id, Child.position)
)
CATEGORIES = (
    select(DecisionCategory.decision_id, DecisionCategory.category)
    .join(ChildDecision, ChildDecision.id == DecisionCategory.decision_id)
    .join(Child, Child.id == ChildDecision.child_id)
    .join(Conference, Conference.id == Child.conference_id)
    .where(*OF_THE_CASES)
    .order_by(DecisionCategory.decision_id, DecisionCategory.position)
)
SAFETY_SCORES = (
    select(
        SafetyScore.conference_id,
        SafetyScore.score,
        Person.lineage,
        Person.name,
        Person.role,
        Person.agency,
        Person.kind,
    )
    .join(Conference, Conference.id == SafetyScore.conference_id)
    .join(Person, Person.id == SafetyScore.person_id)
    .where(*OF_THE_CASES, SafetyScore.score.is_not(None))
    .order_by(SafetyScore.conference_id, SafetyScore.position)
)
#: Every danger statement, with a row for each score given (one row, unscored, if none).
DANGER_SCORES = (
    select(
        DangerStatement.conference_id,
        DangerStatement.lineage.label("statement"),
        DangerStatement.position,
        DangerScore.score,
        Person.lineage,
        Person.name,
        Person.role,
        Person.agency,
        Person.kind,
    )
    .join(Conference, Conference.id == DangerStatement.conference_id)
    .outerjoin(
        DangerScore,
        (DangerScore.danger_statement_id == DangerStatement.id) & DangerScore.score.is_not(None),
    )
    .outerjoin(Person, Person.id == DangerScore.person_id)
    .where(*OF_THE_CASES)
    .order_by(DangerStatement.conference_id, DangerStatement.position, DangerScore.position)
)


def _meetings(session: Session, case_ids: list[int]) -> list[MeetingFacts]:
    """The meetings of the cases in time order, each with its children."""
    children = _children(session, case_ids)
    return [
        MeetingFacts(
            row.id,
            row.case_id,
            row.kind,
            row.scheduled_at,
            row.chair,
            row.status,
            row.nation or "england",
            row.strategy_discussion_on,
            tuple(children.get(row.id, ())),
        )
        for row in session.execute(MEETINGS, {"cases": case_ids})
    ]


def _children(session: Session, case_ids: list[int]) -> dict[int, list[ChildAt]]:
    """Meeting id → its children in order, each with the plan decided and its categories."""
    rows = session.execute(CHILDREN, {"cases": case_ids}).all()
    categories: dict[int, list[str]] = defaultdict(list)
    if any(row.decision_id is not None for row in rows):
        for decision_id, key in session.execute(CATEGORIES, {"cases": case_ids}):
            categories[decision_id].append(key)
    found: dict[int, list[ChildAt]] = defaultdict(list)
    for row in rows:
        found[row.conference_id].append(
            ChildAt(
                row.id,
                row.lineage,
                child_name(row.first_name, row.last_name, row.unborn),
                row.plan_type,
                tuple(categories.get(row.decision_id, ())) if row.decision_id else (),
                tuple(key for key in row.initial_categories.split(",") if key),
                row.cp_plan_started_on,
                row.previous_cp_plans,
            )
        )
    return found


def _scores(session: Session, case_ids: list[int]) -> list[ScoreFact]:
    """Every safety scale score and every danger statement (scored or not) of the meetings."""
    found = [
        ScoreFact(
            row.conference_id,
            "",
            0,
            row.lineage,
            person_label(row.name, row.role, row.agency),
            row.kind is not PersonKind.PROFESSIONAL,
            row.score,
        )
        for row in session.execute(SAFETY_SCORES, {"cases": case_ids})
    ]
    for row in session.execute(DANGER_SCORES, {"cases": case_ids}):
        scored = row.score is not None and row.lineage is not None
        found.append(
            ScoreFact(
                row.conference_id,
                row.statement,
                row.position + 1,
                row.lineage if scored else "",
                person_label(row.name, row.role, row.agency) if scored else "",
                scored and row.kind is not PersonKind.PROFESSIONAL,
                row.score if scored else None,
            )
        )
    return found


def case_facts(session: Session, case_id: int) -> CaseFacts:
    """The case, its meetings in time order (withdrawn ones left out) and their scores."""
    case = session.execute(
        select(Case.family_name, Case.reference).where(Case.id == case_id)
    ).one_or_none()
    if case is None:
        raise NotFoundError(f"There is no case {case_id}.")
    return CaseFacts(
        case_id,
        case.family_name,
        case.reference,
        tuple(_meetings(session, [case_id])),
        tuple(_scores(session, [case_id])),
    )


def meetings_of_cases(session: Session, case_ids: Iterable[int]) -> dict[int, list[MeetingFacts]]:
    """Case id → its meetings in time order, for many cases at once (the list of cases)."""
    wanted = list(case_ids)
    if not wanted:
        return {}
    found: dict[int, list[MeetingFacts]] = defaultdict(list)
    for meeting in _meetings(session, wanted):
        found[meeting.case_id].append(meeting)
    return found


def before(meetings: Sequence[MeetingFacts], key: tuple[dt.datetime, int]) -> list[MeetingFacts]:
    """The meetings held before the place ``key`` in time, in time order."""
    return [m for m in meetings if m.key < key]


def conference_before(
    meetings: Sequence[MeetingFacts], key: tuple[dt.datetime, int]
) -> MeetingFacts | None:
    """The last conference before ``key`` (a review's previous conference)."""
    earlier = [m for m in before(meetings, key) if m.kind.is_conference]
    return earlier[-1] if earlier else None
