"""Declarative base, naming convention and the vocabularies of the record."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime

from sqlalchemy import MetaData, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every table; constraint names are stable so migrations can find them."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Revised:
    """A part of the record people edit: ``revision`` counts its saved changes.

    A save says which revision it was based on; one based on an older revision is
    refused (see ``cprecorder.conflicts``), so nobody's words are silently overwritten.
    """

    revision: Mapped[int] = mapped_column(default=0, server_default=text("0"))


def utcnow() -> datetime:
    """Timestamps are stored in UTC and shown in local time."""
    return datetime.now(UTC).replace(tzinfo=None)


#: The fields the app stamps with :func:`utcnow` (UTC); every other date and time in the
#: record is as people typed it, on their own clock.
STAMPED = frozenset(
    {"at", "created_at", "updated_at", "handed_over_at", "signed_off_at", "withdrawn_at"}
)


def new_uid() -> str:
    """A stable identity that outlives database ids: cases, meetings and lineages.

    The copies of one person, child, danger statement or action in the meetings
    of a case share a lineage, so the journey can follow them from meeting to meeting.
    """
    return uuid.uuid4().hex


class LabelledEnum(enum.StrEnum):
    """A vocabulary whose members carry the words shown to people."""

    @property
    def label(self) -> str:
        # Keyed by vocabulary and value: members of different vocabularies with the
        # same value ("family") are equal strings and would share one dict entry.
        return _LABELS.get((type(self), self.value), self.value.replace("_", " ").capitalize())


class ConferenceKind(LabelledEnum):
    INITIAL = "initial"
    REVIEW = "review"
    TRANSFER_IN = "transfer_in"
    PRE_BIRTH = "pre_birth"
    #: A core group meeting between conferences: a meeting of the case, recorded
    #: with its own short agenda, never a conference.
    CORE_GROUP = "core_group"

    @property
    def is_conference(self) -> bool:
        return self is not ConferenceKind.CORE_GROUP


class HowHeld(LabelledEnum):
    TEAMS = "teams"
    IN_PERSON = "in_person"
    HYBRID = "hybrid"
    PHONE = "phone"


class RecordStatus(LabelledEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    SIGNED_OFF = "signed_off"
    #: Created by mistake: kept with its audit trail, hidden from every list.
    WITHDRAWN = "withdrawn"


class PersonKind(LabelledEnum):
    FAMILY = "family"
    NETWORK = "network"
    PROFESSIONAL = "professional"


class Attendance(LabelledEnum):
    INVITED = "invited"
    PRESENT = "present"
    APOLOGIES = "apologies"
    REPORT_ONLY = "report_only"
    DID_NOT_ATTEND = "did_not_attend"
    #: Part of the plan or the network, but not asked to this meeting.
    NOT_INVITED = "not_invited"


class Household(LabelledEnum):
    """Where a person lives, as against the children."""

    WITH_THE_CHILDREN = "with_the_children"
    ELSEWHERE = "elsewhere"


class JoinedBy(LabelledEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"


class ParticipationCode(LabelledEnum):
    """The national codes for how a child took part in their conference."""

    PN0 = "PN0"
    PN1 = "PN1"
    PN2 = "PN2"
    PN3 = "PN3"
    PN4 = "PN4"
    PN5 = "PN5"
    PN6 = "PN6"
    PN7 = "PN7"

    @property
    def plain_label(self) -> str:
        """The code in everyday words, without the code: what the family reads."""
        return PARTICIPATION_IN_PLAIN_WORDS[self]


class PlanType(LabelledEnum):
    CHILD_PROTECTION = "child_protection"
    CHILD_IN_NEED = "child_in_need"
    TEAM_AROUND_THE_CHILD = "team_around_the_child"
    NO_PLAN = "no_plan"


class PlanSection(LabelledEnum):
    IMMEDIATE_SAFETY = "immediate_safety"
    BOTTOM_LINE = "bottom_line"


class ActionFor(LabelledEnum):
    PROFESSIONALS = "professionals"
    FAMILY = "family"


class ActionStatus(LabelledEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class ActionProgress(LabelledEnum):
    """How far a carried action got since the last meeting."""

    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not_done"
    NO_LONGER_NEEDED = "no_longer_needed"


class GoalProgress(LabelledEnum):
    """How far a safety goal has been reached since the last conference."""

    REACHED = "reached"
    PARTLY = "partly"
    NOT_YET = "not_yet"


class DemonstrationMethodKind(LabelledEnum):
    SAFETY_JOURNAL = "safety_journal"
    WHATSAPP_GROUP = "whatsapp_group"
    FACEBOOK_GROUP = "facebook_group"
    OTHER = "other"


class Role(LabelledEnum):
    """Who is using the app; decides what is offered and is written into the audit."""

    MINUTE_TAKER = "minute_taker"
    CHAIR = "chair"
    SOCIAL_WORKER = "social_worker"
    OTHER = "other"


#: Pairs, not a dict: members of different vocabularies can be equal strings.
LABEL_PAIRS: tuple[tuple[enum.Enum, str], ...] = (
    (ConferenceKind.INITIAL, "Initial conference"),
    (ConferenceKind.REVIEW, "Review conference"),
    (ConferenceKind.TRANSFER_IN, "Transfer-in conference"),
    (ConferenceKind.PRE_BIRTH, "Pre-birth conference"),
    (ConferenceKind.CORE_GROUP, "Core group meeting"),
    (HowHeld.TEAMS, "Microsoft Teams"),
    (HowHeld.IN_PERSON, "In person"),
    (HowHeld.HYBRID, "In person and online"),
    (HowHeld.PHONE, "By phone"),
    (RecordStatus.DRAFT, "Draft"),
    (RecordStatus.IN_REVIEW, "With the chair for review"),
    (RecordStatus.SIGNED_OFF, "Signed off"),
    (RecordStatus.WITHDRAWN, "Withdrawn"),
    (PersonKind.FAMILY, "Family"),
    (PersonKind.NETWORK, "Network"),
    (PersonKind.PROFESSIONAL, "Professional"),
    (Attendance.INVITED, "Invited"),
    (Attendance.PRESENT, "Present"),
    (Attendance.APOLOGIES, "Sent apologies"),
    (Attendance.REPORT_ONLY, "Sent a report only"),
    (Attendance.DID_NOT_ATTEND, "Did not attend"),
    (Attendance.NOT_INVITED, "Not invited"),
    (Household.WITH_THE_CHILDREN, "Lives with the children"),
    (Household.ELSEWHERE, "Lives elsewhere"),
    (JoinedBy.IN_PERSON, "In person"),
    (JoinedBy.VIDEO, "Video"),
    (JoinedBy.PHONE, "Phone"),
    (ParticipationCode.PN0, "PN0 – under 4"),
    (ParticipationCode.PN1, "PN1 – attends and speaks for themselves"),
    (ParticipationCode.PN2, "PN2 – attends, an advocate speaks for them"),
    (ParticipationCode.PN3, "PN3 – attends, conveys views non-verbally"),
    (ParticipationCode.PN4, "PN4 – attends without contributing"),
    (ParticipationCode.PN5, "PN5 – absent, briefs an advocate"),
    (ParticipationCode.PN6, "PN6 – absent, conveys views another way"),
    (ParticipationCode.PN7, "PN7 – absent, views not conveyed"),
    (PlanType.CHILD_PROTECTION, "Child protection plan"),
    (PlanType.CHILD_IN_NEED, "Child in need plan"),
    (PlanType.TEAM_AROUND_THE_CHILD, "Team around the child"),
    (PlanType.NO_PLAN, "No plan"),
    (PlanSection.IMMEDIATE_SAFETY, "Immediate safety"),
    (PlanSection.BOTTOM_LINE, "Bottom line"),
    (ActionFor.PROFESSIONALS, "Professionals"),
    (ActionFor.FAMILY, "Family and network"),
    (ActionStatus.OPEN, "Open"),
    (ActionStatus.DONE, "Done"),
    (ActionStatus.CANCELLED, "Cancelled"),
    (ActionProgress.DONE, "Done"),
    (ActionProgress.PARTLY, "Partly done"),
    (ActionProgress.NOT_DONE, "Not done"),
    (ActionProgress.NO_LONGER_NEEDED, "No longer needed"),
    (GoalProgress.REACHED, "Reached"),
    (GoalProgress.PARTLY, "Partly reached"),
    (GoalProgress.NOT_YET, "Not yet reached"),
    (DemonstrationMethodKind.SAFETY_JOURNAL, "Safety journal"),
    (DemonstrationMethodKind.WHATSAPP_GROUP, "WhatsApp group"),
    (DemonstrationMethodKind.FACEBOOK_GROUP, "Facebook group"),
    (DemonstrationMethodKind.OTHER, "Other"),
    (Role.MINUTE_TAKER, "Minute-taker"),
    (Role.CHAIR, "Chair"),
    (Role.SOCIAL_WORKER, "Social worker"),
    (Role.OTHER, "Other"),
)

#: How a child took part, for the family's documents and the shared window: the
#: national codes and "advocate" are professionals' words.
PARTICIPATION_IN_PLAIN_WORDS: dict[ParticipationCode, str] = {
    ParticipationCode.PN0: "Too young to take part (under 4)",
    ParticipationCode.PN1: "Came to the meeting and spoke for themselves",
    ParticipationCode.PN2: "Came to the meeting, and someone spoke for them",
    ParticipationCode.PN3: "Came to the meeting and showed their views without words",
    ParticipationCode.PN4: "Came to the meeting but did not join in",
    ParticipationCode.PN5: "Was not at the meeting, and told someone what to say for them",
    ParticipationCode.PN6: "Was not at the meeting, and shared their views another way",
    ParticipationCode.PN7: "Was not at the meeting, and their views were not shared",
}

_LABELS: dict[tuple[type[enum.Enum], str], str] = {
    (type(member), member.value): words for member, words in LABEL_PAIRS
}
