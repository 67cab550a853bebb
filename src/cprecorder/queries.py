"""Reading the record: the list of conferences and a whole conference at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from .errors import NotFoundError
from .model import (
    Action,
    AgencyView,
    Child,
    ChildDecision,
    ChildRelationship,
    Conference,
    ConferenceKind,
    CoreGroupMember,
    DangerScore,
    DangerStatement,
    Dissent,
    Person,
    PlanNetworkMember,
    RecordStatus,
    SafetyScore,
    WorryItem,
)


@dataclass(frozen=True)
class ConferenceSummary:
    """One line of the start view and of ``cprecorder list``."""

    id: int
    family_name: str
    children: str
    kind: ConferenceKind
    scheduled_at: dt.datetime
    status: RecordStatus


def list_conferences(
    session: Session, search: str = "", limit: int | None = None
) -> list[ConferenceSummary]:
    """Newest first; ``search`` matches the family name or any child's name.

    A withdrawn conference (created by mistake) is never listed.
    """
    names = (
        select(
            Child.conference_id,
            func.aggregate_strings(func.trim(Child.first_name + " " + Child.last_name), ", ").label(
                "names"
            ),
        )
        .group_by(Child.conference_id)
        .subquery()
    )
    query = (
        select(
            Conference.id,
            Conference.family_name,
            names.c.names,
            Conference.kind,
            Conference.scheduled_at,
            Conference.status,
        )
        .outerjoin(names, names.c.conference_id == Conference.id)
        .where(Conference.status != RecordStatus.WITHDRAWN)
        .order_by(Conference.scheduled_at.desc(), Conference.id.desc())
    )
    text = search.strip()
    if text:
        pattern = f"%{text.replace('%', '').replace('_', '')}%"
        matching_children = select(Child.conference_id).where(
            or_(
                Child.first_name.ilike(pattern),
                Child.last_name.ilike(pattern),
                (Child.first_name + " " + Child.last_name).ilike(pattern),
            )
        )
        query = query.where(
            or_(Conference.family_name.ilike(pattern), Conference.id.in_(matching_children))
        )
    if limit is not None:
        query = query.limit(limit)
    return [
        ConferenceSummary(
            row.id, row.family_name, row.names or "", row.kind, row.scheduled_at, row.status
        )
        for row in session.execute(query)
    ]


def load_conference(session: Session, conference_id: int) -> Conference:
    """A whole conference, every list loaded, ready to show or export."""
    conference = session.scalars(
        select(Conference)
        .where(Conference.id == conference_id)
        .options(
            selectinload(Conference.children)
            .selectinload(Child.decision)
            .selectinload(ChildDecision.categories),
            selectinload(Conference.children).selectinload(Child.childrens_plan),
            selectinload(Conference.people).selectinload(Person.relationships),
            selectinload(Conference.children).selectinload(Child.lead_social_worker),
            selectinload(Conference.people)
            .selectinload(Person.relationships)
            .selectinload(ChildRelationship.child),
            selectinload(Conference.worries).selectinload(WorryItem.contributor),
            selectinload(Conference.danger_statements)
            .selectinload(DangerStatement.scores)
            .selectinload(DangerScore.person),
            selectinload(Conference.safety_scores).selectinload(SafetyScore.person),
            selectinload(Conference.agency_views).selectinload(AgencyView.person),
            selectinload(Conference.agency_views).selectinload(AgencyView.about),
            selectinload(Conference.dissents).selectinload(Dissent.person),
            selectinload(Conference.dissents).selectinload(Dissent.about),
            selectinload(Conference.plan_items),
            selectinload(Conference.timeline),
            selectinload(Conference.plan_network).selectinload(PlanNetworkMember.person),
            selectinload(Conference.plan_rules),
            selectinload(Conference.demonstration_methods),
            selectinload(Conference.actions).selectinload(Action.owner),
            selectinload(Conference.core_group_members).selectinload(CoreGroupMember.person),
            selectinload(Conference.core_group_meetings),
            selectinload(Conference.professionals_only),
            selectinload(Conference.addenda),
            selectinload(Conference.case),
            selectinload(Conference.previous_conference),
        )
    ).one_or_none()
    if conference is None:
        raise NotFoundError(f"There is no conference {conference_id}.")
    return conference
