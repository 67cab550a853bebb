"""The dates a conference sets going, and the dates in its record that break a rule.

:func:`due_dates` works out when things are due from the conference date and the
rules (the nation's, with the authority's settings laid over them, see
:mod:`cprecorder.rules.authority`). :func:`check_dates` compares what was
recorded with those dates. A date outside a limit is never refused: the chair
may have good reason (a member's leave, a family's wish), so it is kept and
flagged in words the chair can act on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from ..dates import long_date
from ..model import (
    ActionStatus,
    Attendance,
    Conference,
    ConferenceKind,
    Person,
    PersonKind,
)
from .nation import NationRules, load_rules
from .working_days import add_months, add_working_days, working_days_before

#: The first core group is proposed this many working days after the conference
#: (or on the latest allowed day, if the rules allow fewer). See
#: :attr:`Timescales.first_core_group_proposed` for why not the latest day.
PROPOSED_CORE_GROUP_WORKING_DAYS = 5


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass(frozen=True)
class Timescales:
    """When things are due for one conference, by the rules in force.

    ``first_core_group_proposed`` is the conference date plus
    :data:`PROPOSED_CORE_GROUP_WORKING_DAYS` working days rather than the latest
    allowed: a date in the middle of the allowed time leaves room to move the
    meeting when a member is ill or on leave without breaking the 10-day rule,
    and the actions are fresh a week after the conference.
    """

    conference_on: dt.date
    reports_due_on: dt.date
    reports_due_working_days: int
    first_core_group_latest: dt.date
    first_core_group_proposed: dt.date
    first_core_group_working_days: int
    review_due_by: dt.date
    #: The date offered for the review conference: the last working day on or
    #: before :attr:`review_due_by` (a deadline on a Sunday is met on the Friday).
    review_proposed: dt.date
    review_months: int
    review_counted_from: str
    record_sent_by: dt.date
    record_sent_working_days: int
    #: For an initial conference with a recorded strategy discussion (the national
    #: dataset's target date); otherwise ``None``.
    initial_target_on: dt.date | None
    initial_target_working_days: int


class HeldMeeting(Protocol):
    """What the due dates are worked out from: a conference record, or the journey's
    facts of a meeting (:class:`cprecorder.journey.facts.MeetingFacts`)."""

    @property
    def kind(self) -> ConferenceKind: ...
    @property
    def scheduled_at(self) -> dt.datetime: ...
    @property
    def nation(self) -> str: ...
    @property
    def strategy_discussion_on(self) -> dt.date | None: ...


def rules_of(conference: HeldMeeting, rules: NationRules | None) -> NationRules:
    return rules if rules is not None else load_rules(conference.nation or "england")


def due_dates(conference: HeldMeeting, rules: NationRules | None = None) -> Timescales:
    """Every due date of a conference; ``rules`` default to its nation's, unchanged."""
    rules = rules_of(conference, rules)
    nation = rules.nation
    held_on = conference.scheduled_at.date()
    kind = conference.kind

    reports_days = rules.deadline(
        "reports_before_review_working_days"
        if kind is ConferenceKind.REVIEW
        else "reports_before_initial_working_days"
    )
    core_days = rules.deadline("first_core_group_working_days")
    if kind is ConferenceKind.REVIEW:
        months, counted_from = rules.deadline("review_after_review_months"), "review"
    elif kind is ConferenceKind.PRE_BIRTH:
        months, counted_from = rules.deadline("pre_birth_review_months"), "pre-birth"
    else:
        # A transfer-in conference starts the clock as an initial one does.
        months = rules.deadline("review_after_initial_months")
        counted_from = "transfer-in" if kind is ConferenceKind.TRANSFER_IN else "initial"
    record_days = rules.deadline("record_sent_working_days")
    target_days = rules.deadline("initial_after_strategy_working_days")

    latest = add_working_days(held_on, core_days, nation)
    proposed = add_working_days(held_on, min(PROPOSED_CORE_GROUP_WORKING_DAYS, core_days), nation)
    review_due_by = add_months(held_on, months)
    target = None
    if kind is ConferenceKind.INITIAL and conference.strategy_discussion_on is not None:
        target = add_working_days(conference.strategy_discussion_on, target_days, nation)
    return Timescales(
        conference_on=held_on,
        reports_due_on=working_days_before(held_on, reports_days, nation),
        reports_due_working_days=reports_days,
        first_core_group_latest=latest,
        first_core_group_proposed=proposed,
        first_core_group_working_days=core_days,
        review_due_by=review_due_by,
        review_proposed=working_days_before(review_due_by, 0, nation),
        review_months=months,
        review_counted_from=counted_from,
        record_sent_by=add_working_days(held_on, record_days, nation),
        record_sent_working_days=record_days,
        initial_target_on=target,
        initial_target_working_days=target_days,
    )


@dataclass(frozen=True)
class DateFlag:
    """One date in the record that breaks a rule, in words.

    ``item``, ``item_id`` and ``field`` name the place in the record (an entity
    name from :data:`cprecorder.model.registry.ENTITIES`, its id and the field)
    so a review screen can link to it; ``rule`` is a stable key for filtering.
    """

    item: str
    item_id: int | None
    field: str
    rule: str
    message: str


def report_expected(person: Person) -> bool:
    """A professional who was asked for a report, or who sent one instead of coming."""
    return person.kind is PersonKind.PROFESSIONAL and (
        person.report_expected or person.attendance is Attendance.REPORT_ONLY
    )


def check_dates(
    conference: Conference,
    rules: NationRules | None = None,
    *,
    today: dt.date | None = None,
) -> list[DateFlag]:
    """Every recorded date outside its limit, in the order of the agenda."""
    today = today or dt.date.today()
    due = due_dates(conference, rules)
    flags: list[DateFlag] = []

    strategy_on = conference.strategy_discussion_on
    if (
        due.initial_target_on is not None
        and strategy_on is not None
        and due.conference_on > due.initial_target_on
    ):
        flags.append(
            DateFlag(
                "conference",
                conference.id,
                "scheduled_at",
                "initial_within_working_days",
                f"The initial conference on {long_date(due.conference_on)} is after "
                f"{long_date(due.initial_target_on)}, the latest date allowed "
                f"({_plural(due.initial_target_working_days, 'working day')} after the "
                f"strategy discussion on {long_date(strategy_on)}).",
            )
        )

    reports_rule = f"{_plural(due.reports_due_working_days, 'working day')} before the conference"
    for person in conference.people:
        if not report_expected(person):
            continue
        who = person.label or "A professional"
        received = person.report_received_on
        if received is None:
            if today > due.reports_due_on:
                flags.append(
                    DateFlag(
                        "person",
                        person.id,
                        "report_received_on",
                        "report_missing",
                        f"The report from {who} has not been received; it was due by "
                        f"{long_date(due.reports_due_on)} ({reports_rule}).",
                    )
                )
        elif received > due.reports_due_on:
            flags.append(
                DateFlag(
                    "person",
                    person.id,
                    "report_received_on",
                    "report_late",
                    f"The report from {who} arrived on {long_date(received)}, after "
                    f"{long_date(due.reports_due_on)}, the date reports were due ({reports_rule}).",
                )
            )

    for action in conference.actions:
        if (
            action.status is ActionStatus.OPEN
            and action.due_on is not None
            and action.due_on < today
        ):
            what = action.what.strip() or "An action"
            flags.append(
                DateFlag(
                    "action",
                    action.id,
                    "due_on",
                    "action_overdue",
                    f"{_quoted(what)} was due by {long_date(action.due_on)} and is still open.",
                )
            )

    dated = [m for m in conference.core_group_meetings if m.meets_on is not None]
    if dated:
        first = min(dated, key=lambda m: (m.meets_on, m.position))
        assert first.meets_on is not None
        if first.meets_on > due.first_core_group_latest:
            flags.append(
                DateFlag(
                    "core_group_meeting",
                    first.id,
                    "meets_on",
                    "first_core_group_within_working_days",
                    f"The first core group is after {long_date(due.first_core_group_latest)}, "
                    "the latest date allowed "
                    f"({_plural(due.first_core_group_working_days, 'working day')} after "
                    "the conference).",
                )
            )
        elif first.meets_on < due.conference_on:
            flags.append(
                DateFlag(
                    "core_group_meeting",
                    first.id,
                    "meets_on",
                    "first_core_group_before_conference",
                    f"The first core group on {long_date(first.meets_on)} is before the "
                    f"conference on {long_date(due.conference_on)}.",
                )
            )

    review_on = conference.review_conference_on
    if review_on is not None and review_on > due.review_due_by:
        flags.append(
            DateFlag(
                "conference",
                conference.id,
                "review_conference_on",
                "review_within_months",
                f"The review conference on {long_date(review_on)} is after "
                f"{long_date(due.review_due_by)}, the latest date allowed "
                f"({_plural(due.review_months, 'month')} after {_counted_from(due)}).",
            )
        )
    return flags


def _counted_from(due: Timescales) -> str:
    return {
        "review": "this review conference",
        "pre-birth": "the pre-birth conference",
        "transfer-in": "the transfer-in conference",
    }.get(due.review_counted_from, "the initial conference")


def _quoted(what: str) -> str:
    """An action's words in a sentence, cut short if long."""
    short = what if len(what) <= 80 else what[:77].rstrip() + "…"
    return f"The action “{short.rstrip('.')}”"


def review_due_words(conference: Conference) -> str:
    """ "Review due by …" from the authority's rules, or the review date if it is set;
    "" when the rules cannot be read."""
    from ..errors import KnownError
    from .authority import load_authority_settings

    if conference.review_conference_on is not None:
        return f"Review conference {long_date(conference.review_conference_on)}"
    try:
        rules = load_authority_settings().rules(conference.nation)
        return f"Review due by {long_date(due_dates(conference, rules).review_due_by)}"
    except KnownError:
        return ""
