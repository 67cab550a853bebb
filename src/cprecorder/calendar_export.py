"""The dates a conference sets, as a calendar file (.ics) for Outlook or any calendar.

Core group meetings, the review conference and the deadline of each open action
become all-day events, so the social worker and the chair can put them in
their diaries in one go. Nothing from the professionals-only section goes in:
an invitation may be forwarded to the family, so each event carries only what
the family's version of the record also shows.

Each event has a stable UID made from the conference and item ids, so
importing the file again after a date has moved updates the event instead of
adding a second one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

import icalendar

from .dates import long_date
from .errors import KnownError
from .export.family_words import FamilyWords
from .language.plain_words import PlainWording, plain_text
from .model import ActionStatus, Conference

PRODUCT_ID = "-//CP Recorder//cprecorder//EN"

#: RFC 5545 allows no control character in text but the tab (a line break is written
#: escaped); C1 controls go too, since no calendar shows them.
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


class CalendarError(KnownError):
    """A date that no calendar can hold."""


def calendar_text(text: str) -> str:
    """Text as a calendar may hold it: line breaks kept (as one kind), controls removed."""
    lines = _LINE_BREAKS.sub("\n", text).split("\n")
    return "\n".join(_CONTROLS.sub("", line) for line in lines)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: dt.date
    summary: str
    description: str


def _family(conference: Conference) -> str:
    name = conference.family_name.strip()
    return f"{name} family" if name else "the family"


def calendar_events(
    conference: Conference, words: FamilyWords | None = None
) -> Iterator[CalendarEvent]:
    """The events for one conference, in date order, in plain words.

    An invitation may reach the family, so jargon is handled as in the family's
    documents (``words``; the authority's setting when not given): replaced by
    plain words, or left as written and explained. A term that is explained (and
    one that cannot be replaced, such as "core group") is explained at the end of
    the event's description.
    """
    words = words if words is not None else FamilyWords.in_force()
    for event in _events(conference):
        wording = PlainWording()
        summary = plain_text(event.summary, words.jargon, words.handling, wording)
        description = plain_text(event.description, words.jargon, words.handling, wording)
        explained = [f"{e.term[:1].upper()}{e.term[1:]}: {e.meaning}." for e in wording.explained]
        yield CalendarEvent(
            event.uid, event.day, summary, "\n".join(p for p in (description, *explained) if p)
        )


def _events(conference: Conference) -> Iterator[CalendarEvent]:
    family = _family(conference)
    events: list[CalendarEvent] = []
    dated = sorted(
        (m for m in conference.core_group_meetings if m.meets_on is not None),
        key=lambda m: (m.meets_on, m.position),
    )
    if not conference.kind.is_conference:
        events.append(
            CalendarEvent(
                uid=f"conference-{conference.id}-meeting@cprecorder",
                day=conference.scheduled_at.date(),
                summary=f"Core group meeting – {family}",
                description="",
            )
        )
    for number, meeting in enumerate(dated, 1):
        assert meeting.meets_on is not None
        first = number == 1 and conference.kind.is_conference
        which = "First core group meeting" if first else "Core group meeting"
        events.append(
            CalendarEvent(
                uid=f"conference-{conference.id}-core-group-{meeting.id}@cprecorder",
                day=meeting.meets_on,
                summary=f"{which} – {family}",
                description=meeting.notes.strip(),
            )
        )
    if conference.review_conference_on is not None:
        events.append(
            CalendarEvent(
                uid=f"conference-{conference.id}-review@cprecorder",
                day=conference.review_conference_on,
                summary=f"Review conference – {family}",
                description="",
            )
        )
    for action in conference.actions:
        if action.due_on is None or action.status is not ActionStatus.OPEN:
            continue
        who = action.owner.name if action.owner is not None else ""
        lines = [action.what.strip()]
        if who:
            lines.append(f"Who: {who}")
        events.append(
            CalendarEvent(
                uid=f"conference-{conference.id}-action-{action.id}@cprecorder",
                day=action.due_on,
                summary=f"Action due – {family}",
                description="\n".join(line for line in lines if line),
            )
        )
    events.sort(key=lambda e: e.day)
    yield from events


def conference_calendar(
    conference: Conference, *, stamp: dt.datetime | None = None, words: FamilyWords | None = None
) -> bytes:
    """The .ics file for a conference: all-day events, UTF-8, CRLF lines as RFC 5545 asks.

    Its words follow the authority's jargon setting, as the family's documents do."""
    stamp = stamp or dt.datetime.now(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for item in calendar_events(conference, words):
        if item.day >= dt.date.max:  # the day after it is the event's end
            raise CalendarError(
                f"{calendar_text(item.summary)} is dated {long_date(item.day)}, which no calendar"
                " can hold; correct the date in the record first. Nothing was written."
            )
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("summary", calendar_text(item.summary))
        if item.description:
            event.add("description", calendar_text(item.description))
        event.add("transp", "TRANSPARENT")  # an all-day reminder does not block the diary
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
