"""What has changed since the last meeting: actions, safety goals, core groups held.

A core group meeting asks how far each action still open at the last meeting got.
A review conference looks back to the last conference: every action carried since
(open at that conference, or agreed at a core group in between) with its progress,
saying which core group finished an action that is finished already; how far each
safety goal has been reached; and the core group meetings held since, with their
dates. Read with a few set-based queries of the columns it needs; everything here is
what the family's version may show.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..dates import long_date
from ..model import (
    Action,
    ActionProgress,
    ActionStatus,
    Attendance,
    DangerStatement,
    GoalProgress,
    Person,
    RecordStatus,
)
from .facts import MeetingFacts, before, conference_before, meetings_of_cases
from .meetings import case_of


@dataclass(frozen=True)
class HeldMeeting:
    meeting_id: int
    on: dt.date
    status: RecordStatus
    present: int


@dataclass(frozen=True)
class FinishedAt:
    """A carried action finished at a core group between the conferences."""

    meeting_id: int
    on: dt.date
    progress: ActionProgress | None
    note: str

    @property
    def words(self) -> str:
        """ "Done at the core group on 2 December 2026"."""
        what = self.progress.label if self.progress is not None else "Finished"
        return f"{what} at the core group on {long_date(self.on)}"


@dataclass(frozen=True)
class CarriedAction:
    """An action of this meeting carried from before; ``finished_at`` the core group
    that finished it, when one did (then it is not asked about again)."""

    action_id: int
    finished_at: FinishedAt | None = None


@dataclass(frozen=True)
class SinceLast:
    """The "what has changed" of one meeting, read against the meetings before it."""

    #: The meeting it started from, and the last conference before it.
    previous_meeting: MeetingFacts | None
    previous_conference: MeetingFacts | None
    #: This meeting's actions carried from before, in its order.
    actions: tuple[CarriedAction, ...]
    #: This meeting's danger statements carried from the last conference (their ids).
    goals: tuple[int, ...]
    core_groups: tuple[HeldMeeting, ...]

    @property
    def empty(self) -> bool:
        return self.previous_meeting is None


@dataclass(frozen=True)
class _ActionAt:
    meeting_id: int
    id: int
    lineage: str
    status: ActionStatus
    progress: ActionProgress | None
    note: str


def since_last(session: Session, meeting_id: int) -> SinceLast:
    """What has changed since the last meeting (and, for a review, the last conference)."""
    case_id = case_of(session, meeting_id)
    meetings = meetings_of_cases(session, [case_id]).get(case_id, [])
    here = next((m for m in meetings if m.id == meeting_id), None)
    if here is None:  # withdrawn: no meeting of the journey
        return SinceLast(None, None, (), (), ())
    earlier = before(meetings, here.key)
    previous = earlier[-1] if earlier else None
    if previous is None:
        return SinceLast(None, None, (), (), ())
    last_conference = conference_before(meetings, here.key)
    looks_back = here.kind.is_conference and last_conference is not None
    between = (
        [m for m in earlier if m.key > last_conference.key and not m.kind.is_conference]
        if looks_back and last_conference is not None
        else []
    )
    start = last_conference if looks_back and last_conference is not None else previous
    actions = _actions(session, [start.id, *(m.id for m in between), previous.id, here.id])
    carried = {a.lineage for a in actions[start.id] if a.status is ActionStatus.OPEN}
    finished: dict[str, FinishedAt] = {}
    known = {a.lineage for a in actions[start.id]}
    for meeting in between:
        for action in actions[meeting.id]:
            if action.lineage not in known:  # agreed at this core group
                known.add(action.lineage)
                carried.add(action.lineage)
            if action.status is ActionStatus.OPEN:
                finished.pop(action.lineage, None)
            elif action.lineage in carried and action.lineage not in finished:
                finished[action.lineage] = FinishedAt(
                    meeting.id, meeting.scheduled_at.date(), action.progress, action.note
                )
    return SinceLast(
        previous,
        last_conference,
        tuple(
            CarriedAction(a.id, finished.get(a.lineage))
            for a in actions[here.id]
            if a.lineage in carried
        ),
        _goals(session, last_conference, here) if looks_back else (),
        _held(session, between),
    )


def _actions(session: Session, meeting_ids: Sequence[int]) -> dict[int, list[_ActionAt]]:
    found: dict[int, list[_ActionAt]] = defaultdict(list)
    for row in session.execute(
        select(
            Action.conference_id,
            Action.id,
            Action.lineage,
            Action.status,
            Action.progress,
            Action.progress_note,
        )
        .where(Action.conference_id.in_(set(meeting_ids)))
        .order_by(Action.conference_id, Action.position)
    ):
        found[row.conference_id].append(_ActionAt(*row))
    return found


def _goals(
    session: Session, last_conference: MeetingFacts | None, here: MeetingFacts
) -> tuple[int, ...]:
    """This meeting's danger statements that the last conference had too."""
    if last_conference is None:
        return ()
    rows = session.execute(
        select(DangerStatement.conference_id, DangerStatement.id, DangerStatement.lineage)
        .where(DangerStatement.conference_id.in_((last_conference.id, here.id)))
        .order_by(DangerStatement.position)
    ).all()
    before_ = {row.lineage for row in rows if row.conference_id == last_conference.id}
    return tuple(row.id for row in rows if row.conference_id == here.id and row.lineage in before_)


def _held(session: Session, groups: Sequence[MeetingFacts]) -> tuple[HeldMeeting, ...]:
    """The core groups held, each with how many were there."""
    if not groups:
        return ()
    present: dict[int, int] = {
        meeting_id: count
        for meeting_id, count in session.execute(
            select(Person.conference_id, func.count())
            .where(
                Person.conference_id.in_([m.id for m in groups]),
                Person.attendance == Attendance.PRESENT,
            )
            .group_by(Person.conference_id)
        )
    }
    return tuple(
        HeldMeeting(m.id, m.scheduled_at.date(), m.status, present.get(m.id, 0)) for m in groups
    )


def progress_words(progress: ActionProgress | GoalProgress | None) -> str:
    return progress.label if progress is not None else "Not yet asked"
