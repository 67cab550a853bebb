"""Family and network: the children, every person invited, and how they relate."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import (
    Attendance,
    Base,
    Household,
    JoinedBy,
    ParticipationCode,
    PersonKind,
    Revised,
    new_uid,
)
from .columns import vocabulary

if TYPE_CHECKING:
    from .conference import Conference
    from .decision import ChildDecision
    from .plan import ChildrensPlan


class Child(Revised, Base):
    """A child the conference is about; an unborn child has an expected date instead."""

    __tablename__ = "children"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    #: The same child in every meeting of the case (named or not yet born).
    lineage: Mapped[str] = mapped_column(String(32), default=new_uid, index=True)
    first_name: Mapped[str] = mapped_column(String(200), default="")
    last_name: Mapped[str] = mapped_column(String(200), default="")
    unborn: Mapped[bool] = mapped_column(default=False)
    #: The parents have not chosen a name yet (a baby, born or not): said, not left blank.
    not_yet_named: Mapped[bool] = mapped_column(default=False)
    date_of_birth: Mapped[date | None]
    expected_on: Mapped[date | None]
    gender: Mapped[str] = mapped_column(String(60), default="")
    ethnicity: Mapped[str] = mapped_column(String(120), default="")
    language: Mapped[str] = mapped_column(String(120), default="")
    needs: Mapped[str] = mapped_column(Text, default="")
    lead_social_worker_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )

    # For the authority's returns: when the child protection plan started, how many
    # child protection plans the child had before it, and the categories it started
    # with (the latest are the decision's); carried from meeting to meeting.
    cp_plan_started_on: Mapped[date | None]
    previous_cp_plans: Mapped[int | None]
    initial_categories: Mapped[str] = mapped_column(String(400), default="")

    # 3. The child's involvement
    views: Mapped[str] = mapped_column(Text, default="")
    participation: Mapped[ParticipationCode | None] = mapped_column(vocabulary(ParticipationCode))
    participation_notes: Mapped[str] = mapped_column(Text, default="")
    #: For an unborn child: the parents' plans for the birth and the first weeks.
    parents_plans: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="children")
    lead_social_worker: Mapped[Person | None] = relationship(foreign_keys=[lead_social_worker_id])
    decision: Mapped[ChildDecision | None] = relationship(
        back_populates="child", cascade="all, delete-orphan"
    )
    childrens_plan: Mapped[ChildrensPlan | None] = relationship(
        back_populates="child", cascade="all, delete-orphan"
    )

    @property
    def initial_category_keys(self) -> list[str]:
        return [key for key in self.initial_categories.split(",") if key]

    @property
    def name(self) -> str:
        """ "Isla Marlowe"; "Unborn baby Marlowe (not yet named)" for a baby with no name."""
        if self.first_name.strip():
            return f"{self.first_name.strip()} {self.last_name.strip()}".strip()
        baby = "Unborn baby" if self.unborn else ("Baby" if self.not_yet_named else "")
        if not baby:
            return self.last_name.strip() or "Unnamed child"
        full = f"{baby} {self.last_name.strip()}".strip()
        return f"{full} (not yet named)" if self.not_yet_named else full

    def conference_of(self) -> Conference:
        return self.conference


#: The role of someone first named as an action's owner, until someone says who they are.
NAMED_IN_AN_ACTION = "named in an action"


class Person(Revised, Base):
    """Anyone invited: family, network or professional, with their attendance."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    #: The same person in every meeting of the case.
    lineage: Mapped[str] = mapped_column(String(32), default=new_uid, index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[PersonKind] = mapped_column(vocabulary(PersonKind), default=PersonKind.FAMILY)
    role: Mapped[str] = mapped_column(String(200), default="")
    agency: Mapped[str] = mapped_column(String(200), default="")

    attendance: Mapped[Attendance] = mapped_column(
        vocabulary(Attendance), default=Attendance.INVITED
    )
    joined_by: Mapped[JoinedBy | None] = mapped_column(vocabulary(JoinedBy))
    report_expected: Mapped[bool] = mapped_column(default=False)
    report_received_on: Mapped[date | None]
    report_shared_with_family: Mapped[bool] = mapped_column(default=False)

    #: Where they live, as against the children.
    household: Mapped[Household | None] = mapped_column(vocabulary(Household))
    #: What the children call them ("Nanna Maureen"), for the children's plan.
    known_as: Mapped[str] = mapped_column(String(200), default="")

    # 3. A parent's or carer's own views, in their own words
    views: Mapped[str] = mapped_column(Text, default="")
    agrees_reports: Mapped[bool | None]
    disagrees_with: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(
        back_populates="people", foreign_keys=[conference_id]
    )
    relationships: Mapped[list[ChildRelationship]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )

    @property
    def label(self) -> str:
        """Name with role, as shown wherever a person is picked."""
        extra = ", ".join(p for p in (self.role, self.agency) if p)
        return f"{self.name} ({extra})" if extra else self.name

    def conference_of(self) -> Conference:
        return self.conference


class ChildRelationship(Revised, Base):
    """How a person relates to one child (mother of one, grandmother of another)."""

    __tablename__ = "child_relationships"
    __table_args__ = (UniqueConstraint("person_id", "child_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    relationship_to_child: Mapped[str] = mapped_column(String(200), default="")

    person: Mapped[Person] = relationship(back_populates="relationships")
    child: Mapped[Child] = relationship()

    def conference_of(self) -> Conference:
        return self.person.conference
