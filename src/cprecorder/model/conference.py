"""The conference: the root of every record, and its lifecycle."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, ConferenceKind, HowHeld, RecordStatus, new_uid, utcnow
from .columns import vocabulary

if TYPE_CHECKING:
    from .assessment import DangerStatement, SafetyScore, WorryItem
    from .case import Case
    from .confidential import ProfessionalsOnlyNote
    from .decision import AgencyView, Dissent
    from .family import Child, Person
    from .plan import (
        Action,
        CoreGroupMeeting,
        CoreGroupMember,
        DemonstrationMethod,
        PlanItem,
        PlanNetworkMember,
        PlanRule,
        TimelineItem,
    )


#: The audit chain's head kept on the conference row: written by the trail, never edited,
#: never exported as part of the record, and the only columns that change after sign-off.
AUDIT_HEAD_COLUMNS = frozenset(
    {"audit_head_hash", "audit_head_count", "signed_off_head_hash", "signed_off_head_count"}
)


#: The case's details as a locked record keeps them: a copy made at sign-off (or
#: withdrawal), not a change anyone types, so the trail and the file leave them out.
LOCKED_CASE_COLUMNS = frozenset({"locked_case_family_name", "locked_case_reference"})


class Conference(Base):
    """One Child Protection Conference and everything recorded at it."""

    __tablename__ = "conferences"
    #: The start view lists the newest first: read in this order, not sorted each time.
    __table_args__ = (Index("ix_conferences_scheduled_at", "scheduled_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable across stores: the JSON form links meetings by it.
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[ConferenceKind] = mapped_column(vocabulary(ConferenceKind))
    family_name: Mapped[str] = mapped_column(String(200))
    scheduled_at: Mapped[datetime]
    how_held: Mapped[HowHeld] = mapped_column(vocabulary(HowHeld), default=HowHeld.TEAMS)
    chair: Mapped[str] = mapped_column(String(200), default="")
    minute_taker: Mapped[str] = mapped_column(String(200), default="")
    authority: Mapped[str] = mapped_column(String(200), default="")
    nation: Mapped[str] = mapped_column(String(40), default="england")
    agenda_key: Mapped[str] = mapped_column(String(80), default="signs-of-safety")
    previous_conference_id: Mapped[int | None] = mapped_column(
        ForeignKey("conferences.id", ondelete="SET NULL")
    )
    status: Mapped[RecordStatus] = mapped_column(
        vocabulary(RecordStatus), default=RecordStatus.DRAFT
    )
    strategy_discussion_on: Mapped[date | None]

    # Before the meeting, equality and access
    pre_meeting_at: Mapped[datetime | None]
    pre_meeting_notes: Mapped[str] = mapped_column(Text, default="")
    interpreter_language: Mapped[str] = mapped_column(String(100), default="")
    equality_notes: Mapped[str] = mapped_column(Text, default="")
    observers: Mapped[str] = mapped_column(Text, default="")

    # 1. Family and network: quoracy
    inquorate_reason: Mapped[str] = mapped_column(Text, default="")

    # 2. What has got us to this point
    reason_for_conference: Mapped[str] = mapped_column(Text, default="")

    # 3. Parents' involvement
    parents_views: Mapped[str] = mapped_column(Text, default="")
    parents_agree_reports: Mapped[bool | None]
    parents_disagreement: Mapped[str] = mapped_column(Text, default="")

    # What has changed since the last meeting: the changes to the plan agreed there
    plan_changes: Mapped[str] = mapped_column(Text, default="")

    # 10. Recording and demonstrating the plan
    childrens_version_made: Mapped[bool] = mapped_column(default=False)
    childrens_version_shared: Mapped[bool] = mapped_column(default=False)
    #: Who made the children's version with the social worker (the child, a carer, …).
    childrens_version_made_with: Mapped[str] = mapped_column(String(400), default="")
    childrens_version_shared_on: Mapped[date | None]

    # 12. Core group and review
    review_conference_on: Mapped[date | None]

    # Chair's summary
    chair_summary: Mapped[str] = mapped_column(Text, default="")
    decision_statement: Mapped[str] = mapped_column(Text, default="")

    # Lifecycle
    handed_over_at: Mapped[datetime | None]
    handed_over_by: Mapped[str] = mapped_column(String(200), default="")
    signed_off_at: Mapped[datetime | None]
    signed_off_by: Mapped[str] = mapped_column(String(200), default="")
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by: Mapped[str] = mapped_column(String(200), default="")
    withdrawal_reason: Mapped[str] = mapped_column(Text, default="")
    # The case's family name and reference as the record was signed off (or withdrawn)
    # with them: the case may be renamed or its reference corrected later, for the
    # meetings to come, and the locked record still shows what it was signed with.
    locked_case_family_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    locked_case_reference: Mapped[str] = mapped_column(String(100), default="", server_default="")
    # The head of the conference's audit chain (its newest entry's hash, and how many
    # entries), written in the same transaction as the entries; see cprecorder.audit.
    audit_head_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    audit_head_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The head as it stood at sign-off: the fingerprint printed on every document.
    signed_off_head_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    signed_off_head_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    revision: Mapped[int] = mapped_column(Integer, default=0)

    previous_conference: Mapped[Conference | None] = relationship(remote_side=[id])
    case: Mapped[Case] = relationship(back_populates="meetings")

    children: Mapped[list[Child]] = relationship(
        back_populates="conference",
        order_by="Child.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    people: Mapped[list[Person]] = relationship(
        back_populates="conference",
        order_by="Person.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        foreign_keys="Person.conference_id",
    )
    worries: Mapped[list[WorryItem]] = relationship(
        back_populates="conference",
        order_by="WorryItem.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    danger_statements: Mapped[list[DangerStatement]] = relationship(
        back_populates="conference",
        order_by="DangerStatement.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    safety_scores: Mapped[list[SafetyScore]] = relationship(
        back_populates="conference",
        order_by="SafetyScore.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    agency_views: Mapped[list[AgencyView]] = relationship(
        back_populates="conference",
        order_by="AgencyView.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    dissents: Mapped[list[Dissent]] = relationship(
        back_populates="conference",
        order_by="Dissent.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    plan_items: Mapped[list[PlanItem]] = relationship(
        back_populates="conference",
        order_by="PlanItem.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    timeline: Mapped[list[TimelineItem]] = relationship(
        back_populates="conference",
        order_by="TimelineItem.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    plan_network: Mapped[list[PlanNetworkMember]] = relationship(
        back_populates="conference",
        order_by="PlanNetworkMember.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    plan_rules: Mapped[list[PlanRule]] = relationship(
        back_populates="conference",
        order_by="PlanRule.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    demonstration_methods: Mapped[list[DemonstrationMethod]] = relationship(
        back_populates="conference",
        order_by="DemonstrationMethod.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="conference",
        order_by="Action.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    core_group_members: Mapped[list[CoreGroupMember]] = relationship(
        back_populates="conference",
        order_by="CoreGroupMember.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    core_group_meetings: Mapped[list[CoreGroupMeeting]] = relationship(
        back_populates="conference",
        order_by="CoreGroupMeeting.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    professionals_only: Mapped[list[ProfessionalsOnlyNote]] = relationship(
        back_populates="conference",
        order_by="ProfessionalsOnlyNote.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )
    addenda: Mapped[list[Addendum]] = relationship(
        back_populates="conference",
        order_by="Addendum.id",
        cascade="all, delete-orphan",
    )

    @property
    def is_signed_off(self) -> bool:
        return self.status is RecordStatus.SIGNED_OFF

    @property
    def fingerprint(self) -> str:
        """The audit chain's head at sign-off, short enough to read aloud; "" before."""
        if not self.is_signed_off or not self.signed_off_head_hash:
            return ""
        return short_fingerprint(self.signed_off_head_hash, self.signed_off_head_count)

    def keep_case_details(self) -> None:
        """At sign-off (or withdrawal): the case's details, as the locked record keeps them."""
        self.locked_case_family_name = self.case.family_name
        self.locked_case_reference = self.case.reference

    @property
    def case_details(self) -> tuple[str, str]:
        """The case's family name and reference as this record shows them: as they were
        when it was signed off or withdrawn; the case's own while the record can change."""
        if self.status in (RecordStatus.SIGNED_OFF, RecordStatus.WITHDRAWN):
            return self.locked_case_family_name, self.locked_case_reference
        return self.case.family_name, self.case.reference

    def conference_of(self) -> Conference:
        return self


def short_fingerprint(head_hash: str, count: int) -> str:
    """``1A2B-3C4D-5E6F-7A8B/312``: the first 64 bits of the head, and the entry it is."""
    digits = head_hash[:16].upper()
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4)) + f"/{count}"


class Addendum(Base):
    """The only change allowed after sign-off: a named person adds to the record."""

    __tablename__ = "addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    conference: Mapped[Conference] = relationship(back_populates="addenda")

    def conference_of(self) -> Conference:
        return self.conference
