"""The list of cases: each family, its children, and what is due next by when."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from ..model import Case, Child, ChildDecision, Conference, RecordStatus
from ..rules.core_groups import DueNext, due_next
from ..rules.nation import NationRules
from .meetings import in_time_order


@dataclass(frozen=True)
class CaseSummary:
    """One line of the start view's cases and of ``cprecorder list --cases``."""

    id: int
    family_name: str
    reference: str
    children: str
    meetings: int
    latest_meeting_id: int
    latest_on: dt.datetime
    due: DueNext | None


def list_cases(
    session: Session,
    search: str = "",
    rules: NationRules | None = None,
    *,
    today: dt.date | None = None,
    limit: int | None = None,
) -> list[CaseSummary]:
    """Cases with the latest meeting first; ``search`` matches family, reference or a child."""
    newest = func.max(Conference.scheduled_at)
    query = (
        select(Case.id)
        .join(Conference, Conference.case_id == Case.id)
        .where(Conference.status != RecordStatus.WITHDRAWN)
        .group_by(Case.id)
        .order_by(newest.desc(), Case.id.desc())
    )
    text = search.strip()
    if text:
        pattern = f"%{text.replace('%', '').replace('_', '')}%"
        children = (
            select(Conference.case_id)
            .join(Child, Child.conference_id == Conference.id)
            .where(
                or_(
                    Child.first_name.ilike(pattern),
                    Child.last_name.ilike(pattern),
                    (Child.first_name + " " + Child.last_name).ilike(pattern),
                )
            )
        )
        query = query.where(
            or_(
                Case.family_name.ilike(pattern),
                Case.reference.ilike(pattern),
                Case.id.in_(children),
            )
        )
    if limit is not None:  # the newest cases only: the rest are read when searched for
        query = query.limit(limit)
    case_ids = list(session.scalars(query))
    if not case_ids:
        return []
    meetings = session.scalars(
        select(Conference)
        .where(Conference.case_id.in_(case_ids), Conference.status != RecordStatus.WITHDRAWN)
        .options(
            selectinload(Conference.case),
            selectinload(Conference.children)
            .selectinload(Child.decision)
            .selectinload(ChildDecision.categories),
        )
    ).all()
    by_case: dict[int, list[Conference]] = defaultdict(list)
    for meeting in meetings:
        by_case[meeting.case_id].append(meeting)
    found = []
    for case_id, own in by_case.items():
        ordered = in_time_order(own)
        latest = ordered[-1]
        found.append(
            CaseSummary(
                case_id,
                latest.case.family_name or latest.family_name,
                latest.case.reference,
                ", ".join(child.name for child in latest.children),
                len(ordered),
                latest.id,
                latest.scheduled_at,
                due_next(ordered, rules, today=today),
            )
        )
    found.sort(key=lambda c: (c.latest_on, c.id), reverse=True)
    return found
