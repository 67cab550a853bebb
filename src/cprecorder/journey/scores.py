"""Scores over time: each person's safety scale and each danger statement, meeting by meeting.

People, danger statements and meetings are followed by lineage, so "Kerry
Ashdown" at the initial conference and at the review is one line of the chart.
Everything here is what the family's version shows too: names, roles and scores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Conference, Person, PersonKind
from .meetings import in_time_order


@dataclass(frozen=True)
class Point:
    meeting_id: int
    on: dt.date
    score: int


@dataclass
class Series:
    """One person's scores over time."""

    lineage: str
    label: str
    family: bool
    points: list[Point] = field(default_factory=list)


@dataclass
class StatementSeries:
    """One danger statement (by lineage) and everyone's scores of it over time."""

    lineage: str
    number: int
    statement: str
    series: list[Series] = field(default_factory=list)


@dataclass
class ScoreHistory:
    """The charts of a case: the overall safety scale, and each danger statement."""

    meetings: list[tuple[int, dt.date]]
    safety: list[Series]
    statements: list[StatementSeries]

    @property
    def empty(self) -> bool:
        return not any(s.points for s in self.safety) and not any(
            s.points for st in self.statements for s in st.series
        )


def person_label(person: Person) -> str:
    extra = person.role or person.agency
    return f"{person.name} ({extra})" if extra and person.name else person.name or extra


def score_history(meetings: Sequence[Conference], until: Conference | None = None) -> ScoreHistory:
    """Scores from every meeting in time order, up to and including ``until``."""
    ordered = in_time_order(meetings)
    if until is not None:
        ordered = [
            m for m in ordered if (m.scheduled_at, m.id or 0) <= (until.scheduled_at, until.id or 0)
        ]
    safety: dict[str, Series] = {}
    statements: dict[str, StatementSeries] = {}
    scored: list[tuple[int, dt.date]] = []

    def line(table: dict[str, Series], person: Person) -> Series:
        entry = table.get(person.lineage)
        if entry is None:
            entry = table[person.lineage] = Series(
                person.lineage, person_label(person), person.kind is not PersonKind.PROFESSIONAL
            )
        entry.label = person_label(person)  # the latest words for them
        return entry

    for meeting in ordered:
        people = {p.id: p for p in meeting.people}
        on = meeting.scheduled_at.date()
        any_score = False
        for entry in meeting.safety_scores:
            person = people.get(entry.person_id)
            if person is None or entry.score is None:
                continue
            line(safety, person).points.append(Point(meeting.id, on, entry.score))
            any_score = True
        for number, statement in enumerate(meeting.danger_statements, start=1):
            chart = statements.get(statement.lineage)
            if chart is None:
                chart = statements[statement.lineage] = StatementSeries(
                    statement.lineage, number, statement.statement
                )
            chart.number, chart.statement = number, statement.statement
            table = {s.lineage: s for s in chart.series}
            for score in statement.scores:
                person = people.get(score.person_id)
                if person is None or score.score is None:
                    continue
                series = line(table, person)
                if series not in chart.series:
                    chart.series.append(series)
                series.points.append(Point(meeting.id, on, score.score))
                any_score = True
        if any_score:
            scored.append((meeting.id, on))
    return ScoreHistory(
        scored,
        [s for s in safety.values() if s.points],
        sorted(statements.values(), key=lambda s: s.number),
    )


@dataclass(frozen=True)
class LastTime:
    """A person's score at the last meeting that scaled, shown beside today's."""

    score: int
    on: dt.date


def last_safety_scores(meetings: Sequence[Conference], meeting: Conference) -> dict[str, LastTime]:
    """Person lineage → their latest safety scale score before ``meeting``."""
    found: dict[str, LastTime] = {}
    for earlier in _before(meetings, meeting):
        people = {p.id: p for p in earlier.people}
        for entry in earlier.safety_scores:
            person = people.get(entry.person_id)
            if person is not None and entry.score is not None:
                found[person.lineage] = LastTime(entry.score, earlier.scheduled_at.date())
    return found


def last_danger_scores(
    meetings: Sequence[Conference], meeting: Conference
) -> dict[tuple[str, str], LastTime]:
    """(statement lineage, person lineage) → the latest score before ``meeting``."""
    found: dict[tuple[str, str], LastTime] = {}
    for earlier in _before(meetings, meeting):
        people = {p.id: p for p in earlier.people}
        for statement in earlier.danger_statements:
            for score in statement.scores:
                person = people.get(score.person_id)
                if person is not None and score.score is not None:
                    found[(statement.lineage, person.lineage)] = LastTime(
                        score.score, earlier.scheduled_at.date()
                    )
    return found


def _before(meetings: Sequence[Conference], meeting: Conference) -> list[Conference]:
    key = (meeting.scheduled_at, meeting.id or 0)
    return [
        m for m in in_time_order(meetings) if m is not meeting and (m.scheduled_at, m.id or 0) < key
    ]


@dataclass(frozen=True)
class LastTimes:
    """Last time's scores, by this meeting's own ids: shown beside today's."""

    safety: dict[int, LastTime]
    #: (danger statement id, person id) → their score last time.
    danger: dict[tuple[int, int], LastTime]


def last_times(meetings: Sequence[Conference], meeting: Conference) -> LastTimes:
    """The latest earlier score of each person (and statement) present in ``meeting``."""
    safety = last_safety_scores(meetings, meeting)
    danger = last_danger_scores(meetings, meeting)
    return LastTimes(
        {p.id: safety[p.lineage] for p in meeting.people if p.lineage in safety},
        {
            (s.id, p.id): danger[(s.lineage, p.lineage)]
            for s in meeting.danger_statements
            for p in meeting.people
            if (s.lineage, p.lineage) in danger
        },
    )
