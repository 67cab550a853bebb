"""What has changed since the last meeting: actions, safety goals, core groups held.

A review conference (and a core group meeting) asks how far each action carried
from the last meeting got, and a review how far each safety goal has been
reached; a review also lists the core group meetings held since the last
conference. Everything here is what the family's version may show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import (
    Action,
    ActionProgress,
    ActionStatus,
    Conference,
    DangerStatement,
    GoalProgress,
    RecordStatus,
)
from .meetings import conference_before, core_groups_between, meeting_before


@dataclass(frozen=True)
class HeldMeeting:
    meeting_id: int
    on: dt.date
    status: RecordStatus
    present: int


@dataclass(frozen=True)
class SinceLast:
    """The "what has changed" of one meeting, read against the meetings before it."""

    #: The meeting it started from, and the last conference before it.
    previous_meeting: Conference | None
    previous_conference: Conference | None
    #: Carried actions that were still open last time, with their progress today.
    actions: list[Action]
    #: Danger statements carried from the last conference, with their goal's progress.
    goals: list[DangerStatement]
    core_groups: list[HeldMeeting]

    @property
    def empty(self) -> bool:
        return self.previous_meeting is None


def since_last(meetings: Sequence[Conference], meeting: Conference) -> SinceLast:
    previous = meeting_before(meetings, meeting)
    last_conference = conference_before(meetings, meeting)
    open_before = (
        {a.lineage for a in previous.actions if a.status is ActionStatus.OPEN}
        if previous is not None
        else set()
    )
    goals_before = (
        {s.lineage for s in last_conference.danger_statements}
        if last_conference is not None and meeting.kind.is_conference
        else set()
    )
    held = (
        [
            HeldMeeting(
                m.id,
                m.scheduled_at.date(),
                m.status,
                sum(1 for p in m.people if p.attendance.value == "present"),
            )
            for m in core_groups_between(meetings, last_conference, meeting)
        ]
        if last_conference is not None and meeting.kind.is_conference
        else []
    )
    return SinceLast(
        previous,
        last_conference,
        [a for a in meeting.actions if a.lineage in open_before],
        [s for s in meeting.danger_statements if s.lineage in goals_before],
        held,
    )


def progress_words(progress: ActionProgress | GoalProgress | None) -> str:
    return progress.label if progress is not None else "Not yet asked"
