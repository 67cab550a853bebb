"""The audit trail in words: who changed what, when, from what to what.

The trail itself (:mod:`cprecorder.audit`) stores "Child#3", "lead_social_worker_id",
"5" → "7". A chair reading it needs "Leo Ashdown · Lead social worker · Hannah
Okafor → Tom Reyes". :func:`read_entry` turns one entry into those words, using
the loaded record for names; :func:`changes_since_hand_over` lists what changed
after the minute-taker handed the record to the chair, one line per field.

Autosave writes a typed paragraph as many small entries; for the chair's list,
a run of entries by the same person on the same field is shown as one change,
from the value before the first to the value after the last.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Enum as SAEnum
from sqlalchemy import select
from sqlalchemy.orm import Session

from .agenda import load_agenda
from .agenda.record_index import record_parts
from .dates import clock_time, local_moment, long_date
from .errors import KnownError
from .model import AuditEntry, Conference, Operation, Role, Scope
from .model.base import STAMPED, LabelledEnum
from .model.operation import STARTING
from .model.registry import ENTITIES, LIFECYCLE_FIELDS, PERSON_FIELDS, columns
from .sharing import family_may_see, part_may_be_seen

#: The part an operation starts: its entry reads as the operation ("Started a children's
#: plan"), not as a part added.
STARTED_PART: dict[Operation, str] = {
    **{operation: "Conference" for operation in STARTING},
    Operation.CHILDRENS_PLAN: "ChildrensPlan",
    Operation.ADDENDUM: "Addendum",
}

#: What people call a field, where its name does not say it well enough.
FIELD_WORDS: dict[str, str] = {
    "plan_changes": "Changes to the plan agreed",
    "cp_plan_started_on": "Child protection plan started on",
    "previous_cp_plans": "Child protection plans before this one",
    "initial_categories": "Categories when the plan started",
    "goal_progress": "How far the safety goal has been reached",
    "goal_progress_note": "Note on the safety goal",
    "progress": "Progress since the last meeting",
    "progress_note": "Note on the progress",
    "first_name": "First name",
    "last_name": "Last name",
    "date_of_birth": "Date of birth",
    "expected_on": "Expected date of birth",
    "lead_social_worker_id": "Lead social worker",
    "views": "Child's views",
    "participation": "How the child took part",
    "participation_notes": "Notes on how the child took part",
    "kind": "Family, network or professional",
    "attendance": "Attendance",
    "joined_by": "Joined by",
    "report_expected": "Report asked for",
    "report_received_on": "Report received on",
    "report_shared_with_family": "Report shared with the family",
    "relationship_to_child": "Relationship to the child",
    "contributor_id": "Said by",
    "confidential": "Professionals only",
    "statement": "Danger statement",
    "safety_goal": "Safety goal",
    "goal_timescale": "How long for",
    "person_id": "Person",
    "score": "Score",
    "reason": "Reason",
    "one_point_up": "What would move it one point up",
    "plan_type": "Plan",
    "reasons": "Reasons",
    "recommendation": "Recommendation",
    "view": "View",
    "category": "Category",
    "section": "Part of the plan",
    "text": "Text",
    "what": "What needs to happen",
    "by_when": "By when",
    "part": "Their part in the plan",
    "behaviour": "Concerning behaviour",
    "working_well": "What is working well",
    "triggers": "Stressors and triggers",
    "red_flags": "Red flags",
    "contingency": "Who will do what",
    "method": "How",
    "details": "Details",
    "owner_id": "Who does it",
    "due_on": "By when",
    "for_whom": "For",
    "status": "Status",
    "meets_on": "Meets on",
    "notes": "Notes",
    "source": "Where the information came from",
    "worries": "Worries",
    "safety_people": "Safety people",
    "what_will_happen": "What will happen",
    "if_unsafe": "If I feel unsafe",
    "who_to_talk_to": "Who to talk to",
    "pictures": "Pictures",
    "scheduled_at": "Date and time",
    "how_held": "How the conference was held",
    "chair": "Chair",
    "minute_taker": "Minute-taker",
    "pre_meeting_at": "When the chair met the parents",
    "pre_meeting_notes": "Before the meeting",
    "interpreter_language": "Interpreter's language",
    "equality_notes": "Equality and access",
    "observers": "Observers",
    "inquorate_reason": "Reason for going ahead inquorate",
    "reason_for_conference": "What has brought us here",
    "parents_views": "Parents' views",
    "parents_agree_reports": "Parents agree the reports are factually correct",
    "parents_disagreement": "What the parents disagree with",
    "childrens_version_made": "Children's version made",
    "childrens_version_shared": "Children's version shared with the child",
    "review_conference_on": "Review conference date",
    "chair_summary": "Chair's summary",
    "decision_statement": "Decision statement",
    "strategy_discussion_on": "Strategy discussion on",
    "author": "Author",
    "position": "Place in the list",
    "handed_over_at": "Handed over at",
    "signed_off_at": "Signed off at",
    "signed_off_by": "Signed off by",
    "family_name": "Family name",
    "reference": "Case reference",
}

#: What was exported besides the Word documents (whose words are DocumentKind's).
OTHER_DOCUMENTS = {
    "calendar": "Calendar of the dates (.ics)",
    "dump": "The whole record as JSON",
}

#: The main words of an item, shown when it was added or removed.
MAIN_FIELDS = ("name", "first_name", "statement", "what", "text", "behaviour", "author", "part")

NOTHING = "—"

_TARGET = re.compile(r"^(?P<cls>[A-Za-z]+)#(?P<id>\d+|\?)$")
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


@dataclass(frozen=True)
class ReadableEntry:
    """One entry of the audit trail, in words (values are full; shorten to show)."""

    entry_id: int
    #: When, in UTC as stored; :func:`cprecorder.dates.local_moment` gives the time to show.
    at: dt.datetime
    who: str
    role: str
    os_user: str
    #: "Changed", "Added", "Removed", "Signed off", …
    action: str
    #: The part of the record: "Action “Book a health review for Leo”".
    what: str
    #: The field in words, or "" for a whole item added or removed.
    field: str
    old: str
    new: str
    #: How many trail entries this line stands for (autosave writes many).
    edits: int = 1
    #: When the first of those entries was written.
    first_at: dt.datetime | None = None
    target: str = ""
    raw_field: str = ""
    #: Whether the family may see it (:func:`cprecorder.sharing.family_may_see`).
    for_the_family: bool = True
    #: The team server's login that wrote it ("" on a SQLite store, where the name and
    #: role are what the person said and the computer's account is ``os_user``).
    login: str = ""

    @property
    def who_with_role(self) -> str:
        """The name and role as given, and the server's login where there is one."""
        shown = f"{self.who} ({self.role})" if self.role else self.who
        return f"{shown}, login {self.login}" if self.login else shown


def when_text(at: dt.datetime) -> str:
    """ "25 Nov 2026, 14:05:09", local time."""
    shown = local_moment(at)
    return f"{shown.day} {shown:%b %Y, %H:%M:%S}"


def shorten(text: str, limit: int = 80) -> str:
    """One line, cut at a word with an ellipsis: for tables and lists."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut.rstrip(" ,.;:") + "…"


def role_label(role: str) -> str:
    try:
        return Role(role).label
    except ValueError:
        return role.replace("_", " ").capitalize()


def field_label(field: str) -> str:
    if not field:
        return ""
    return FIELD_WORDS.get(field, field.replace("_", " ").capitalize())


def audit_entries(session: Session, conference_id: int) -> list[AuditEntry]:
    """The conference's trail, oldest first (the order of the hash chain)."""
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.conference_id == conference_id)
            .order_by(AuditEntry.id)
        )
    )


class _Words:
    """Names for the items of one loaded record, looked up by entity and id."""

    def __init__(self, conference: Conference | None) -> None:
        self.c = conference
        self.by_key: dict[tuple[str, int], Any] = {}
        self.people: dict[int, str] = {}
        self.headings: dict[str, str] = {}
        if conference is None:
            return
        self.people = {p.id: p.name or "a person with no name" for p in conference.people}
        try:
            agenda = load_agenda(conference.agenda_key)
            self.headings = {h.key: h.title for h in agenda.headings}
        except KnownError:
            self.headings = {}
        self._index(conference)

    def _index(self, c: Conference) -> None:
        for part in record_parts(c):
            self.by_key[(type(part).__name__, int(getattr(part, "id")))] = part  # noqa: B009

    def person(self, value: Any) -> str:
        try:
            return self.people.get(int(value), f"person {value} (since removed)")
        except (TypeError, ValueError):
            return str(value)

    def child_name(self, child_id: Any) -> str:
        if self.c is not None:
            for child in self.c.children:
                if child.id == child_id:
                    return child.name
        return "a child"

    def item(self, cls_name: str, item_id: int | None, payload: dict[str, Any]) -> str:
        """The item in words; ``payload`` holds its values when it no longer exists."""
        obj = self.by_key.get((cls_name, item_id)) if item_id is not None else None

        def value(name: str) -> Any:
            if obj is not None:
                return getattr(obj, name, None)
            return payload.get(name)

        def quoted(name: str) -> str:
            text = value(name)
            return f" “{shorten(str(text), 50)}”" if text else ""

        if cls_name == "Conference":
            return "The conference"
        if cls_name == "Case":
            return "The family's case"
        if cls_name == "Child":
            name = f"{value('first_name') or ''} {value('last_name') or ''}".strip()
            return f"Child: {name or 'a child with no name yet'}"
        if cls_name == "Person":
            return f"Person: {value('name') or 'a person with no name yet'}"
        if cls_name == "ChildRelationship":
            return f"{self.person(value('person_id'))} and {self.child_name(value('child_id'))}"
        if cls_name == "WorryItem":
            heading = str(value("heading") or "")
            title = self.headings.get(heading, heading.replace("_", " ").capitalize())
            return f"{title}:{quoted('text')}" if title else f"Worry{quoted('text')}"
        if cls_name == "DangerStatement":
            return f"Danger statement {self._number('DangerStatement', item_id)}".rstrip()
        if cls_name == "DangerScore":
            statement = self._number("DangerStatement", value("danger_statement_id"))
            return f"Danger statement {statement} — {self.person(value('person_id'))}'s score"
        if cls_name == "SafetyScore":
            return f"Safety scale — {self.person(value('person_id'))}"
        if cls_name == "ChildDecision":
            return f"Decision for {self.child_name(value('child_id'))}"
        if cls_name == "DecisionCategory":
            return "Category of a child protection plan"
        if cls_name in ("AgencyView", "Dissent", "PlanNetworkMember", "CoreGroupMember"):
            words = {
                "AgencyView": "Agency view",
                "Dissent": "Dissent",
                "PlanNetworkMember": "Safety network",
                "CoreGroupMember": "Core group member",
            }[cls_name]
            person = value("person_id")
            return f"{words} — {self.person(person)}" if person is not None else words
        if cls_name == "PlanItem":
            section = value("section")
            label = _enum_label("plan_item", "section", section) if section else "Plan"
            return f"{label}:{quoted('text')}"
        if cls_name == "TimelineItem":
            return f"Timeline:{quoted('what')}"
        if cls_name == "PlanRule":
            return f"Plan rule:{quoted('behaviour')}"
        if cls_name == "DemonstrationMethod":
            method = value("method")
            label = _enum_label("demonstration_method", "method", method) if method else ""
            return f"Showing the plan working — {label}".rstrip(" —")
        if cls_name == "Action":
            return f"Action{quoted('what')}"
        if cls_name == "CoreGroupMeeting":
            meets = value("meets_on")
            return f"Core group meeting {_date_words(meets)}" if meets else "Core group meeting"
        if cls_name == "ProfessionalsOnlyNote":
            return "Professionals-only note"
        if cls_name == "ChildrensPlan":
            return f"{self.child_name(value('child_id'))}'s own plan"
        if cls_name == "Addendum":
            return f"Addendum by {value('author') or 'someone'}"
        return _CAMEL.sub(" ", cls_name).capitalize()

    def _number(self, cls_name: str, item_id: Any) -> str:
        if self.c is None or cls_name != "DangerStatement":
            return ""
        ids = [s.id for s in self.c.danger_statements]
        try:
            return str(ids.index(int(item_id)) + 1)
        except (TypeError, ValueError):
            return "(since removed)"

    def value(self, cls_name: str, field: str, text: str | None) -> str:
        """A stored value in words: names for ids, labels for choices, dates as written."""
        if text is None or text == "":
            return NOTHING
        if field in PERSON_FIELDS:
            return self.person(text)
        if field == "position" and text.isdigit():
            return f"{int(text) + 1}{_ordinal(int(text) + 1)}"
        if field == "child_id":
            return self.child_name(int(text)) if text.isdigit() else text
        entity = _entity_of(cls_name)
        if entity is not None and field:
            label = _enum_label(entity, field, text)
            if label is not None:
                return label
            kind = _column_kind(entity, field)
            if kind == "bool":
                return "Yes" if text in ("True", "1", "true") else "No"
            if kind == "date":
                return _date_words(text)
            if kind == "datetime":
                try:
                    moment = dt.datetime.fromisoformat(text)
                except ValueError:
                    return text
                if field in STAMPED:
                    moment = local_moment(moment)
                return f"{long_date(moment.date())}, {clock_time(moment)}"
        return text

    def payload_summary(self, cls_name: str, payload: dict[str, Any]) -> str:
        for name in MAIN_FIELDS:
            text = payload.get(name)
            if isinstance(text, str) and text.strip():
                return text
        return ""


def _entity_of(cls_name: str) -> str | None:
    for name, cls in ENTITIES.items():
        if cls.__name__ == cls_name:
            return name
    return None


def _column_kind(entity: str, field: str) -> str:
    props = columns(ENTITIES[entity])
    if field not in props:
        return ""
    try:
        python_type = props[field].columns[0].type.python_type
    except NotImplementedError:
        return ""
    if python_type is bool:
        return "bool"
    if python_type is dt.datetime:
        return "datetime"
    if python_type is dt.date:
        return "date"
    return ""


def _enum_label(entity: str, field: str, value: Any) -> str | None:
    props = columns(ENTITIES[entity])
    if field not in props:
        return None
    col_type = props[field].columns[0].type
    if not isinstance(col_type, SAEnum) or col_type.enum_class is None:
        return None
    kind: type[enum.Enum] = col_type.enum_class
    try:
        member = kind(value)
    except ValueError:
        return str(value)
    return member.label if isinstance(member, LabelledEnum) else str(member.value)


def _ordinal(number: int) -> str:
    """The letters after a place in a list: 1st, 2nd, 3rd, 4th, 11th, 21st."""
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _date_words(value: Any) -> str:
    if isinstance(value, dt.date):
        return long_date(value)
    try:
        return long_date(dt.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _payload(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def read_entry(
    entry: AuditEntry, conference: Conference | None, *, words: _Words | None = None
) -> ReadableEntry:
    """One audit entry in words, names looked up in ``conference`` (as loaded now)."""
    if entry.operation == Operation.EXPORT.stored:  # which document went to which file
        return _entry_in_words(
            entry,
            Operation.EXPORT.words,
            document_words(entry.field),
            "",
            NOTHING,
            entry.new_value or NOTHING,
        )
    words = words or _Words(conference)
    match = _TARGET.match(entry.target or "")
    cls_name = match.group("cls") if match else (entry.target or "")
    item_id = int(match.group("id")) if match and match.group("id").isdigit() else None
    added = not entry.field and entry.old_value is None and entry.new_value is not None
    removed = not entry.field and entry.new_value is None and entry.old_value is not None
    payload = _payload(entry.new_value if added else entry.old_value if removed else None)
    what = words.item(cls_name, item_id, payload)
    part = words.by_key.get((cls_name, item_id)) if item_id is not None else None
    if part is not None:
        for_the_family = family_may_see(part, entry.field)
    else:  # removed since: known by its kind and the values kept in its entry
        marked = str(payload.get("confidential")) in ("True", "true", "1")
        for_the_family = part_may_be_seen(_entity_of(cls_name) or "", confidential=marked)
    operation = Operation.read(entry.operation)
    if added or removed:
        action = Operation.ADD.words if added else Operation.REMOVE.words
        if added and (
            operation is Operation.RESTORE
            or (operation is not None and STARTED_PART.get(operation) == cls_name)
        ):
            action = operation.words
        summary = words.payload_summary(cls_name, payload)
        old, new = (NOTHING, summary or "(added)") if added else (summary or "(removed)", NOTHING)
    else:
        # A field changed by adding, removing or importing a part reads as a change.
        plain = (Operation.ADD, Operation.REMOVE, Operation.RESTORE, Operation.IMPORT)
        action = (
            Operation.UPDATE.words if operation is None or operation in plain else operation.words
        )
        old = words.value(cls_name, entry.field, entry.old_value)
        new = words.value(cls_name, entry.field, entry.new_value)
    return _entry_in_words(
        entry, action, what, field_label(entry.field), old, new, for_the_family=for_the_family
    )


def _entry_in_words(
    entry: AuditEntry,
    action: str,
    what: str,
    field: str,
    old: str,
    new: str,
    *,
    for_the_family: bool = True,
) -> ReadableEntry:
    return ReadableEntry(
        entry_id=entry.id,
        at=entry.at,
        who=entry.actor or entry.os_user or "someone",
        role=role_label(entry.role),
        os_user=entry.os_user,
        action=action,
        what=what,
        field=field,
        old=old,
        new=new,
        first_at=entry.at,
        target=entry.target,
        raw_field=entry.field,
        for_the_family=for_the_family,
        login=entry.login,
    )


def document_words(document: str) -> str:
    from .export import DocumentKind

    try:
        return DocumentKind(document).label
    except ValueError:
        return OTHER_DOCUMENTS.get(document, document)


def exports(session: Session, conference_id: int) -> list[ReadableEntry]:
    """Every document exported from the conference, newest first."""
    found = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.conference_id == conference_id,
            AuditEntry.operation == Operation.EXPORT.stored,
        )
        .order_by(AuditEntry.id.desc())
    )
    return [read_entry(entry, None) for entry in found]


def readable_trail(session: Session, conference: Conference) -> list[ReadableEntry]:
    """Every entry of the conference's trail, in words, oldest first."""
    words = _Words(conference)
    return [read_entry(e, conference, words=words) for e in audit_entries(session, conference.id)]


def hand_over_entry(session: Session, conference_id: int) -> AuditEntry | None:
    """The trail's entry for the last hand-over to the chair, if there was one."""
    return session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.conference_id == conference_id,
            AuditEntry.operation == Operation.HAND_OVER.stored,
        )
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()


def changes_since_hand_over(session: Session, conference: Conference) -> list[ReadableEntry]:
    """What changed after the minute-taker handed over, one line per field changed.

    Empty when the record was never handed over. Lifecycle steps (hand-over,
    sign-off) are not changes to the record's content and are left out; an
    addendum is kept, as it is what a signed-off record may still gain.
    """
    handed = hand_over_entry(session, conference.id)
    if handed is None:
        return []
    words = _Words(conference)
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.conference_id == conference.id, AuditEntry.id > handed.id)
        .order_by(AuditEntry.id)
    )
    lines: list[ReadableEntry] = []
    for entry in entries:
        operation = Operation.read(entry.operation)
        lifecycle = operation is not None and bool(operation.scope & Scope.LIFECYCLE)
        lifecycle = lifecycle or operation is Operation.EXPORT  # not a change to the record
        if lifecycle or entry.field in LIFECYCLE_FIELDS:
            continue
        line = read_entry(entry, conference, words=words)
        previous = lines[-1] if lines else None
        if (
            previous is not None
            and entry.field
            and previous.raw_field == entry.field
            and previous.target == entry.target
            and previous.who == line.who
            and previous.login == line.login
        ):
            lines[-1] = replace(
                line, old=previous.old, edits=previous.edits + 1, first_at=previous.first_at
            )
            continue
        lines.append(line)
    return [line for line in lines if line.old != line.new or not line.raw_field]
