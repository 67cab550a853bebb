"""The list of cases: each family, its children, and what is due next by when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..model import Case, Child, Conference, RecordStatus
from ..rules.core_groups import DueNext, due_next
from ..rules.nation import NationRules
from .facts import meetings_of_cases


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
    names = {
        row.id: (row.family_name, row.reference)
        for row in session.execute(
            select(Case.id, Case.family_name, Case.reference).where(Case.id.in_(case_ids))
        )
    }
    found = []
    for case_id, ordered in meetings_of_cases(session, case_ids).items():
        latest = ordered[-1]
        found.append(
            CaseSummary(
                case_id,
                *names[case_id],
                ", ".join(child.name for child in latest.children),
                len(ordered),
                latest.id,
                latest.scheduled_at,
                due_next(ordered, rules, today=today),
            )
        )
    found.sort(key=lambda c: (c.latest_on, c.id), reverse=True)
    return found
