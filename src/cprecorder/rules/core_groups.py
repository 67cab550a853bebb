"""The rhythm of a child protection plan: core groups between conferences, reviews on time.

Read from the meetings of a case, with the nation's rules (and the authority's
settings laid over them): the first core group within 10 working days of the
initial conference; at least two core groups between one conference and the
next; no more than the authority's interval (6 weeks unless it says otherwise)
between one meeting and the next; the review within 3 months of the initial
conference, 6 of a review. A date outside a rule is flagged in words, never
refused. The rules apply while a child is on a child protection plan.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ..dates import date_in_short_words, long_date, short_date
from ..model import ConferenceKind
from .nation import NationRules
from .timescales import HeldMeeting, due_dates, rules_of


class PlannedMeeting(HeldMeeting, Protocol):
    """What the rules read of each meeting of a case (the journey's facts of it)."""

    @property
    def id(self) -> int: ...
    @property
    def on_child_protection_plan(self) -> bool: ...


@dataclass(frozen=True)
class JourneyFlag:
    """A rule of the plan's rhythm broken, in words, at the meeting it concerns."""

    meeting_id: int
    rule: str
    message: str


@dataclass(frozen=True)
class DueNext:
    """What the case needs next, by when: "Core group due by Tue 8 Dec 2026"."""

    what: str
    by: dt.date
    overdue: bool
    #: The meeting whose rules set the date.
    meeting_id: int

    @property
    def words(self) -> str:
        return f"{self.what} due by {due_date(self.by, self.what)}"


def due_date(day: dt.date, what: str = "") -> str:
    """ "Tue 8 Dec 2026" for a core group (the day of the week matters for a meeting
    soon); "10 Feb 2027" for a review further off. Always with the year."""
    if what.startswith("Core group"):
        return date_in_short_words(day)
    return short_date(day)


def _weeks(rules: NationRules) -> int:
    return rules.deadlines.get("core_group_interval_weeks", 6)


def _between(rules: NationRules) -> int:
    return rules.deadlines.get("core_groups_between_conferences", 2)


def _spans(
    meetings: Sequence[PlannedMeeting],
) -> list[tuple[PlannedMeeting, list[PlannedMeeting], PlannedMeeting | None]]:
    """Each conference, the core groups after it, and the next conference (if any)."""
    spans: list[tuple[PlannedMeeting, list[PlannedMeeting], PlannedMeeting | None]] = []
    for meeting in meetings:
        if meeting.kind.is_conference:
            if spans:
                start, groups, _ = spans[-1]
                spans[-1] = (start, groups, meeting)
            spans.append((meeting, [], None))
        elif spans:
            spans[-1][1].append(meeting)
    return spans


def check_journey(
    meetings: Sequence[PlannedMeeting],
    rules: NationRules | None = None,
    *,
    today: dt.date | None = None,
) -> list[JourneyFlag]:
    """Every rule of the rhythm broken in the case so far, in time order."""
    today = today or dt.date.today()
    flags: list[JourneyFlag] = []
    for start, groups, following in _spans(meetings):
        if not start.on_child_protection_plan:
            continue
        own = rules_of(start, rules)
        due = due_dates(start, own)
        held = [g for g in groups if g.scheduled_at.date() <= today]
        weeks = _weeks(own)
        if start.kind is not ConferenceKind.REVIEW:
            first = held[0].scheduled_at.date() if held else None
            late = first is not None and first > due.first_core_group_latest
            missing = first is None and today > due.first_core_group_latest
            if late or missing:
                where = held[0].id if held else start.id
                when = f"met on {long_date(first)}" if first else "has not met"
                flags.append(
                    JourneyFlag(
                        where,
                        "first_core_group_within_working_days",
                        f"The first core group {when}; it was due by "
                        f"{long_date(due.first_core_group_latest)} "
                        f"({due.first_core_group_working_days} working days after the "
                        f"conference on {long_date(due.conference_on)}).",
                    )
                )
        if following is not None and len(groups) < _between(own):
            flags.append(
                JourneyFlag(
                    following.id,
                    "core_groups_between_conferences",
                    f"{_count(len(groups))} between the conference on "
                    f"{long_date(due.conference_on)} and the one on "
                    f"{long_date(following.scheduled_at.date())}; at least {_between(own)} "
                    "are expected.",
                )
            )
        chain = [start, *held]
        if following is not None:
            chain.append(following)
        for earlier, later in itertools.pairwise(chain):
            if earlier is start and start.kind is not ConferenceKind.REVIEW:
                continue  # the first core group has its own rule
            gap = (later.scheduled_at.date() - earlier.scheduled_at.date()).days
            if gap > weeks * 7:
                flags.append(
                    JourneyFlag(
                        later.id,
                        "core_group_interval",
                        f"{gap // 7} weeks passed between the meetings on "
                        f"{long_date(earlier.scheduled_at.date())} and "
                        f"{long_date(later.scheduled_at.date())}, more than the "
                        f"{weeks} weeks expected.",
                    )
                )
        review_on = following.scheduled_at.date() if following is not None else None
        if (review_on is not None and review_on > due.review_due_by) or (
            review_on is None and today > due.review_due_by
        ):
            flags.append(
                JourneyFlag(
                    following.id if following is not None else start.id,
                    "review_within_months",
                    (
                        f"The review conference on {long_date(review_on)} was after "
                        if review_on is not None
                        else "The review conference has not been held; it was due by "
                    )
                    + f"{long_date(due.review_due_by)} ({due.review_months} months after the "
                    f"conference on {long_date(due.conference_on)}).",
                )
            )
    return flags


def _count(n: int) -> str:
    if n == 0:
        return "No core group met"
    return "Only one core group met" if n == 1 else f"Only {n} core groups met"


def due_next(
    meetings: Sequence[PlannedMeeting],
    rules: NationRules | None = None,
    *,
    today: dt.date | None = None,
) -> DueNext | None:
    """The next meeting the case needs and by when; ``None`` when no plan runs."""
    today = today or dt.date.today()
    spans = _spans(meetings)
    if not spans:
        return None
    start, groups, _ = spans[-1]
    if not start.on_child_protection_plan:
        return None
    own = rules_of(start, rules)
    due = due_dates(start, own)
    review = DueNext("Review conference", due.review_due_by, today > due.review_due_by, start.id)
    if groups:
        last = groups[-1].scheduled_at.date()
        group_by = last + dt.timedelta(weeks=_weeks(own))
    elif start.kind is ConferenceKind.REVIEW:
        group_by = due.conference_on + dt.timedelta(weeks=_weeks(own))
    else:
        group_by = due.first_core_group_latest
    if group_by >= due.review_due_by:
        return review
    return DueNext("Core group", group_by, today > group_by, start.id)
