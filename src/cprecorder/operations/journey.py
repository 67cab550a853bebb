"""Starting the next meeting of a family's case, and recording what has changed since."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from ..actor import Actor
from ..agenda import load_agenda
from ..conference_lock import lock_conference, lock_conference_of
from ..dates import long_date
from ..errors import NotFoundError, ValidationError
from ..journey.carry import carry_forward
from ..journey.facts import MeetingFacts, meetings_of_cases
from ..lifecycle import refuse_if_signed_off
from ..model import (
    Action,
    ActionProgress,
    ActionStatus,
    Case,
    Conference,
    ConferenceKind,
    Operation,
    RecordStatus,
)
from ..queries import load_conference
from ..rules.core_groups import due_next
from ..rules.nation import NationRules
from ..rules.timescales import due_dates, rules_of
from ..store import Store
from .change import Change

#: The agenda a core group meeting is recorded with (``resources/agendas/``).
CORE_GROUP_AGENDA = "core-group"

#: What an action's progress since the last meeting means for its status.
STATUS_AFTER: dict[ActionProgress, ActionStatus] = {
    ActionProgress.DONE: ActionStatus.DONE,
    ActionProgress.PARTLY: ActionStatus.OPEN,
    ActionProgress.NOT_DONE: ActionStatus.OPEN,
    ActionProgress.NO_LONGER_NEEDED: ActionStatus.CANCELLED,
}


def _meeting(session: Session, meeting_id: int) -> Conference:
    meeting = session.get(Conference, meeting_id)
    if meeting is None:
        raise NotFoundError(f"There is no conference or meeting {meeting_id}.")
    return meeting


def _meetings_of(session: Session, case: Case) -> list[MeetingFacts]:
    """The case's meetings in time order: the columns the rules read, not whole records."""
    return meetings_of_cases(session, [case.id]).get(case.id, [])


def proposed_review_at(conference: Conference, rules: NationRules | None = None) -> dt.datetime:
    """The review's date by the rules (3 months after an initial conference, 6 after a
    review; the working day before, when that falls on a weekend or bank holiday), at
    the same time of day."""
    day = due_dates(conference, rules_of(conference, rules)).review_proposed
    return dt.datetime.combine(day, conference.scheduled_at.time())


def review_agenda(agenda_key: str) -> str:
    """The agenda a review is recorded with: the one the agenda names for reviews."""
    agenda = load_agenda(agenda_key)
    return agenda.review or agenda.key


def start_review(
    store: Store,
    *,
    actor: Actor,
    conference_id: int,
    scheduled_at: dt.datetime | None = None,
    rules: NationRules | None = None,
) -> Change:
    """A review conference of a signed-off conference, starting from the case's latest
    meeting (core groups since carry their changes); its date proposed by the rules."""
    with store.write(actor, Operation.START_REVIEW) as session:
        lock_conference(session, conference_id)  # one review started at a time
        conference = _meeting(session, conference_id)
        if not conference.kind.is_conference:
            raise ValidationError(
                "A review starts from a conference; start it from the conference this core "
                "group followed."
            )
        if conference.status is not RecordStatus.SIGNED_OFF:
            raise ValidationError(
                "The review starts from a signed-off record: the chair signs this "
                "conference off first."
            )
        meetings = _meetings_of(session, conference.case)
        later = [
            m
            for m in meetings
            if m.kind.is_conference
            and m.id != conference.id
            and m.key > (conference.scheduled_at, conference.id)
        ]
        if later:
            raise ValidationError(
                f"The review of this conference is already started: the "
                f"{later[0].kind.label.lower()} on {long_date(later[0].scheduled_at.date())} "
                f"(number {later[0].id})."
            )
        when = scheduled_at or proposed_review_at(conference, rules)
        if when <= conference.scheduled_at:
            raise ValidationError("The review conference comes after the conference it reviews.")
        review = Conference(
            kind=ConferenceKind.REVIEW,
            family_name=conference.case.family_name or conference.family_name,
            scheduled_at=when,
            chair=conference.chair,
            minute_taker=conference.minute_taker,
            agenda_key=review_agenda(conference.agenda_key),
        )
        return _started(session, review, meetings[-1].id, Operation.START_REVIEW)


def _started(session: Session, meeting: Conference, source_id: int, operation: Operation) -> Change:
    """The new meeting joins the case of ``source_id``, its latest meeting, and starts from it."""
    source = load_conference(session, source_id)  # every list at once, not row by row
    session.add(meeting)
    with session.no_autoflush:
        meeting.case = source.case
        meeting.previous_conference = source
        carry_forward(source, meeting)
    session.flush()
    return Change(meeting.id, operation, "conference", meeting.id)


def proposed_core_group_at(
    latest: Conference,
    meetings: Sequence[MeetingFacts],
    rules: NationRules | None = None,
    today: dt.date | None = None,
) -> dt.datetime:
    """The next core group after ``latest``, the latest of ``meetings``: the first date
    planned there still to come, else the rules' date."""
    planned = sorted(
        m.meets_on
        for m in latest.core_group_meetings
        if m.meets_on is not None and m.meets_on > latest.scheduled_at.date()
    )
    if planned:
        day = planned[0]
    else:
        due = due_next(meetings, rules, today=today)
        day = due.by if due is not None else latest.scheduled_at.date() + dt.timedelta(weeks=6)
        if latest.kind.is_conference and latest.kind is not ConferenceKind.REVIEW:
            day = due_dates(latest, rules_of(latest, rules)).first_core_group_proposed
    return dt.datetime.combine(day, latest.scheduled_at.time())


def start_core_group(
    store: Store,
    *,
    actor: Actor,
    meeting_id: int,
    scheduled_at: dt.datetime | None = None,
    rules: NationRules | None = None,
) -> Change:
    """A core group meeting of the case, starting from its latest meeting (conference or
    core group): the people, the plan and the actions, with what was agreed since."""
    with store.write(actor, Operation.START_CORE_GROUP) as session:
        meetings = _meetings_of(session, _meeting(session, meeting_id).case)
        if not any(m.kind.is_conference for m in meetings):
            raise ValidationError("A core group follows a conference; record the conference first.")
        source = _meeting(session, meetings[-1].id)
        when = scheduled_at or proposed_core_group_at(source, meetings, rules)
        if when < source.scheduled_at:
            raise ValidationError(
                "A core group meeting starts from the latest meeting of the case, so it "
                f"comes after {long_date(source.scheduled_at.date())}."
            )
        meeting = Conference(
            kind=ConferenceKind.CORE_GROUP,
            family_name=source.case.family_name or source.family_name,
            scheduled_at=when,
            minute_taker=source.minute_taker,
            agenda_key=CORE_GROUP_AGENDA,
            review_conference_on=source.review_conference_on,
        )
        return _started(session, meeting, source.id, Operation.START_CORE_GROUP)


def set_action_progress(
    store: Store,
    *,
    actor: Actor,
    action_id: int,
    progress: ActionProgress | None,
    note: str | None = None,
) -> Change:
    """How far a carried action got since the last meeting; its status follows
    (done: done; no longer needed: cancelled; partly or not done: still open)."""
    with store.write(actor, Operation.ACTION_PROGRESS) as session:
        lock_conference_of(session, Action, action_id)
        action = session.get(Action, action_id)
        if action is None:
            raise NotFoundError("That action no longer exists.")
        refuse_if_signed_off(action.conference_of())
        action.progress = progress
        if progress is not None:
            action.status = STATUS_AFTER[progress]
        if note is not None:
            action.progress_note = note
        return Change(
            action.conference_id,
            Operation.ACTION_PROGRESS,
            "action",
            action_id,
            ("progress", "status", "progress_note"),
            values={
                "progress": action.progress,
                "status": action.status,
                "progress_note": action.progress_note,
            },
        )


def set_case_details(
    store: Store,
    *,
    actor: Actor,
    meeting_id: int,
    family_name: str | None = None,
    reference: str | None = None,
) -> Change:
    """The case's family name and the authority's reference, from any of its meetings.

    The case belongs to no one meeting: its audit entries go into the trail of the
    meeting they were made from, where that meeting's changes show them.
    """
    with store.write(actor, Operation.CASE_DETAILS) as session:
        lock_conference(session, meeting_id)
        session.info["made_in"] = meeting_id
        case = _meeting(session, meeting_id).case
        if family_name is not None:
            if not family_name.strip():
                raise ValidationError("A case needs the family's name.")
            case.family_name = family_name.strip()[:200]
        if reference is not None:
            if len(reference.strip()) > 100:
                raise ValidationError("A case reference is at most 100 characters.")
            case.reference = reference.strip()
        return Change(meeting_id, Operation.CASE_DETAILS, "case", case.id)
