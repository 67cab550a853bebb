"""Reading the record: the list of conferences and a whole conference at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

from sqlalchemy import (
    Integer,
    ScalarSelect,
    Select,
    String,
    column,
    func,
    literal_column,
    select,
    table,
    type_coerce,
    union,
)
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from .errors import NotFoundError
from .model import (
    AgencyView,
    Child,
    ChildDecision,
    Conference,
    ConferenceKind,
    DangerStatement,
    Dissent,
    Person,
    RecordStatus,
)
from .model.registry import WHOLE_NUMBERS


@dataclass(frozen=True)
class ConferenceSummary:
    """One line of the start view and of ``cprecorder list``."""

    id: int
    family_name: str
    children: str
    kind: ConferenceKind
    scheduled_at: dt.datetime
    status: RecordStatus


#: A listed conference as the database gives it: id, family name, children's names,
#: kind, date and status, the last three unconverted (text, or a datetime from a server).
ListedRow = tuple[int, str, str | None, str, Any, str]


class ConferenceList(Sequence[ConferenceSummary]):
    """The rows of a list, as plain column tuples; a row becomes a
    :class:`ConferenceSummary` only when someone looks at it (the start view shows
    a screenful of 10,000)."""

    def __init__(self, rows: list[ListedRow]) -> None:
        self._rows = rows
        self._made: dict[int, ConferenceSummary] = {}

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> ConferenceSummary: ...
    @overload
    def __getitem__(self, index: slice) -> list[ConferenceSummary]: ...
    def __getitem__(self, index: int | slice) -> ConferenceSummary | list[ConferenceSummary]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._rows)))]
        if index < 0:
            index += len(self._rows)
        made = self._made.get(index)
        if made is None:
            ident, family, children, kind, scheduled, status = self._rows[index]
            made = ConferenceSummary(
                ident,
                family,
                children or "",
                ConferenceKind(kind),
                scheduled if isinstance(scheduled, dt.datetime) else _read_datetime(scheduled),
                RecordStatus(status),
            )
            self._made[index] = made
        return made

    @property
    def ids(self) -> list[int]:
        return [row[0] for row in self._rows]


def _read_datetime(stored: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stored)


def list_conferences(
    session: Session, search: str = "", limit: int | None = None
) -> ConferenceList:
    """Newest first; ``search`` matches the family name or any child's name.

    A withdrawn conference (created by mistake) is never listed. The search is
    answered by an index made for it (FTS5 with trigrams on SQLite, ``pg_trgm`` on
    PostgreSQL): a name containing the words searched for, in any case.
    """
    conferences = Conference.__table__.c
    query = (
        select(
            conferences.id,
            conferences.family_name,
            children_names(session.get_bind().dialect.name),
            # Plain text from the database: converted only for a row that is shown.
            type_coerce(conferences.kind, String),
            type_coerce(conferences.scheduled_at, String),
            type_coerce(conferences.status, String),
        )
        .where(conferences.status != RecordStatus.WITHDRAWN.value)
        .order_by(conferences.scheduled_at.desc(), conferences.id.desc())
    )
    text = search.strip().replace("%", "").replace("_", "")
    if text:
        query = query.where(conferences.id.in_(named(session.get_bind().dialect.name, text)))
    if limit is not None:
        query = query.limit(limit)
    return ConferenceList([tuple(row) for row in session.execute(query)])


def children_names(dialect: str) -> ScalarSelect[str]:
    """A conference's children's names in their order, joined by commas."""
    children = Child.__table__.c
    name = func.trim(children.first_name + " " + children.last_name)
    if dialect == "postgresql":
        return (
            select(func.aggregate_strings(name, ", ").aggregate_order_by(children.position))
            .where(children.conference_id == Conference.__table__.c.id)
            .scalar_subquery()
        )
    ordered = (
        select(name.label("name"))
        .where(children.conference_id == Conference.__table__.c.id)
        .order_by(children.position)
        .correlate(Conference.__table__)  # a derived table is not correlated on its own
        .subquery()
    )
    return select(func.group_concat(ordered.c.name, ", ")).scalar_subquery()


def named(dialect: str, text: str) -> Select[tuple[int]]:
    """The ids of conferences whose family name or a child's full name contains ``text``."""
    pattern = f"%{text}%"
    if dialect == "sqlite":
        # The FTS5 table (trigram tokens) kept in step with the names by triggers
        # (migration 0008): a LIKE of three letters or more is answered by its index.
        search = table("conference_search", column("rowid", Integer), column("names", String))
        return select(search.c.rowid).where(search.c.names.like(pattern))
    conferences = Conference.__table__.c
    # Each side is answered by its own trigram index (migration 0008): the child's is on
    # this very expression, so it is written out as the index has it.
    full_name = literal_column(f"children.{CHILD_FULL_NAME}", String)
    return union(
        select(conferences.id).where(conferences.family_name.ilike(pattern)),
        select(Child.__table__.c.conference_id).where(full_name.ilike(pattern)),
    )  # type: ignore[return-value]


#: A child's full name as the search index on a server holds it (migration 0008).
CHILD_FULL_NAME = "first_name || ' ' || last_name"


def load_conference(session: Session, conference_id: int) -> Conference:
    """A whole conference, every list loaded, ready to show or export."""
    if not WHOLE_NUMBERS[0] <= conference_id <= WHOLE_NUMBERS[1]:  # no database holds it
        raise NotFoundError(f"There is no conference {conference_id}.")
    conference = session.scalars(
        select(Conference)
        .where(Conference.id == conference_id)
        .options(
            selectinload(Conference.children)
            .selectinload(Child.decision)
            .selectinload(ChildDecision.categories),
            selectinload(Conference.children).selectinload(Child.childrens_plan),
            selectinload(Conference.people).selectinload(Person.relationships),
            selectinload(Conference.worries),
            selectinload(Conference.danger_statements).selectinload(DangerStatement.scores),
            selectinload(Conference.safety_scores),
            selectinload(Conference.agency_views).selectinload(AgencyView.about),
            selectinload(Conference.dissents).selectinload(Dissent.about),
            selectinload(Conference.plan_items),
            selectinload(Conference.timeline),
            selectinload(Conference.plan_network),
            selectinload(Conference.plan_rules),
            selectinload(Conference.demonstration_methods),
            selectinload(Conference.actions),
            selectinload(Conference.core_group_members),
            selectinload(Conference.core_group_meetings),
            selectinload(Conference.professionals_only),
            selectinload(Conference.addenda),
            selectinload(Conference.case),
            selectinload(Conference.previous_conference),
        )
    ).one_or_none()
    if conference is None:
        raise NotFoundError(f"There is no conference {conference_id}.")
    _point_at_people_and_children(conference)
    return conference


def _point_at_people_and_children(conference: Conference) -> None:
    """Each item's person or child, from the people and children the record has read.

    They were read again, one statement per kind of item (nine of people); here each
    item points at the one already read, as loaded (no change to save). One that is
    not among them (never expected) is read as before, while the session is open.
    """
    people = {person.id: person for person in conference.people}
    children = {child.id: child for child in conference.children}

    def point(items: Sequence[Any], name: str, targets: dict[int, Any]) -> None:
        for item in items:
            key = getattr(item, f"{name}_id")
            if key is None or key in targets:
                set_committed_value(item, name, None if key is None else targets[key])
            else:
                getattr(item, name)

    point(conference.children, "lead_social_worker", people)
    for person in conference.people:
        point(person.relationships, "child", children)
    point(conference.worries, "contributor", people)
    for statement in conference.danger_statements:
        point(statement.scores, "person", people)
    for items in (
        conference.safety_scores,
        conference.agency_views,
        conference.dissents,
        conference.plan_network,
        conference.core_group_members,
    ):
        point(items, "person", people)
    point(conference.actions, "owner", people)
