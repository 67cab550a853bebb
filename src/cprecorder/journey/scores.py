"""Scores over time: each person's safety scale and each danger statement, meeting by meeting.

People, danger statements and meetings are followed by lineage, so "Kerry
Ashdown" at the initial conference and at the review is one line of the chart.
Everything here is what the family's version shows too: names, roles and scores.
Built once from the case's facts (:mod:`cprecorder.journey.facts`), then drawn by
the window and written into the documents as they are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..model import Conference
from .facts import CaseFacts, ScoreFact


@dataclass(frozen=True)
class Point:
    meeting_id: int
    on: dt.date
    #: The meeting's place along the chart (from 0, meetings with scores only).
    column: int
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
    series: list[Series] = field(default_factory=list)


@dataclass(frozen=True)
class Chart:
    """One chart of the case: its title and a line per person."""

    title: str
    series: tuple[Series, ...]


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

    @property
    def dates(self) -> tuple[dt.date, ...]:
        return tuple(on for _, on in self.meetings)

    def charts(self) -> list[Chart]:
        """The safety scale, then each danger statement, each with someone's scores."""
        found = [Chart("The safety scale", tuple(self.safety))]
        found += [Chart(f"Danger statement {s.number}", tuple(s.series)) for s in self.statements]
        return [chart for chart in found if any(line.points for line in chart.series)]


def score_history(case: CaseFacts, until: int | None = None) -> ScoreHistory:
    """Scores from every meeting in time order, up to and including the meeting ``until``."""
    meetings = list(case.meetings)
    if until is not None:
        last = case.meeting(until)
        if last is not None:
            meetings = [m for m in meetings if m.key <= last.key]
    facts: dict[int, list[ScoreFact]] = defaultdict(list)
    for fact in case.scores:
        facts[fact.meeting_id].append(fact)
    scored = [
        (m.id, m.scheduled_at.date())
        for m in meetings
        if any(f.score is not None for f in facts.get(m.id, ()))
    ]
    column = {meeting_id: index for index, (meeting_id, _) in enumerate(scored)}
    safety: dict[str, Series] = {}
    statements: dict[str, StatementSeries] = {}
    lines: dict[tuple[str, str], Series] = {}

    def line(table: dict[str, Series], fact: ScoreFact) -> Series:
        entry = table.get(fact.person)
        if entry is None:
            entry = table[fact.person] = Series(fact.person, fact.label, fact.family)
        entry.label = fact.label  # the latest words for them
        return entry

    for meeting in meetings:
        on = meeting.scheduled_at.date()
        for fact in facts.get(meeting.id, ()):
            if fact.statement:
                chart = statements.get(fact.statement)
                if chart is None:
                    chart = statements[fact.statement] = StatementSeries(fact.statement, 0)
                chart.number = fact.number  # its place at the latest meeting
                if fact.score is None:
                    continue
                series = lines.get((fact.statement, fact.person))
                if series is None:
                    series = lines[(fact.statement, fact.person)] = Series(
                        fact.person, fact.label, fact.family
                    )
                    chart.series.append(series)
                series.label = fact.label
            elif fact.score is not None:
                series = line(safety, fact)
            else:
                continue
            series.points.append(Point(meeting.id, on, column[meeting.id], fact.score))
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


@dataclass(frozen=True)
class LastTimes:
    """Last time's scores, by this meeting's own ids: shown beside today's."""

    safety: dict[int, LastTime]
    #: (danger statement id, person id) → their score last time.
    danger: dict[tuple[int, int], LastTime]


def last_scores(
    case: CaseFacts, meeting_id: int
) -> tuple[dict[str, LastTime], dict[tuple[str, str], LastTime]]:
    """Each person's latest score before the meeting, by lineage: on the safety scale
    (person) and of each danger statement (statement, person)."""
    here = case.meeting(meeting_id)
    if here is None:
        return {}, {}
    when = {m.id: m.scheduled_at.date() for m in case.meetings if m.key < here.key}
    order = {m.id: index for index, m in enumerate(case.meetings)}
    safety: dict[str, LastTime] = {}
    danger: dict[tuple[str, str], LastTime] = {}
    for fact in sorted(
        (f for f in case.scores if f.meeting_id in when and f.score is not None),
        key=lambda f: order[f.meeting_id],
    ):
        assert fact.score is not None
        last = LastTime(fact.score, when[fact.meeting_id])
        if fact.statement:
            danger[(fact.statement, fact.person)] = last
        else:
            safety[fact.person] = last
    return safety, danger


def last_times(case: CaseFacts, meeting: Conference) -> LastTimes:
    """The latest earlier score of each person (and statement) present in ``meeting``."""
    safety, danger = last_scores(case, meeting.id)
    return LastTimes(
        {p.id: safety[p.lineage] for p in meeting.people if p.lineage in safety},
        {
            (s.id, p.id): danger[(s.lineage, p.lineage)]
            for s in meeting.danger_statements
            for p in meeting.people
            if (s.lineage, p.lineage) in danger
        },
    )
