"""The child protection plan, its network and rules, actions and the core group."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import (
    ActionFor,
    ActionProgress,
    ActionStatus,
    Base,
    DemonstrationMethodKind,
    PlanSection,
    Revised,
    new_uid,
)
from .columns import vocabulary

if TYPE_CHECKING:
    from .conference import Conference
    from .family import Child, Person


class PlanItem(Revised, Base):
    """A line of the plan's Immediate Safety or Bottom Lines."""

    __tablename__ = "plan_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    section: Mapped[PlanSection] = mapped_column(vocabulary(PlanSection))
    text: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="plan_items")

    def conference_of(self) -> Conference:
        return self.conference


class TimelineItem(Revised, Base):
    """What needs to happen by when."""

    __tablename__ = "timeline_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    what: Mapped[str] = mapped_column(Text, default="")
    by_when: Mapped[date | None]

    conference: Mapped[Conference] = relationship(back_populates="timeline")

    def conference_of(self) -> Conference:
        return self.conference


class PlanNetworkMember(Revised, Base):
    """A person in the safety network and their part in the plan."""

    __tablename__ = "plan_network_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    part: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="plan_network")
    person: Mapped[Person | None] = relationship()

    def conference_of(self) -> Conference:
        return self.conference


class PlanRule(Revised, Base):
    """For one concerning behaviour: what works, triggers, red flags, who does what."""

    __tablename__ = "plan_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    behaviour: Mapped[str] = mapped_column(Text, default="")
    working_well: Mapped[str] = mapped_column(Text, default="")
    triggers: Mapped[str] = mapped_column(Text, default="")
    red_flags: Mapped[str] = mapped_column(Text, default="")
    contingency: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="plan_rules")

    def conference_of(self) -> Conference:
        return self.conference


class DemonstrationMethod(Revised, Base):
    """How the family will show the plan working (safety journal, a group, …)."""

    __tablename__ = "demonstration_methods"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    method: Mapped[DemonstrationMethodKind] = mapped_column(vocabulary(DemonstrationMethodKind))
    details: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="demonstration_methods")

    def conference_of(self) -> Conference:
        return self.conference


class Action(Revised, Base):
    """What needs to be done, who does it, by when."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    #: The same action in every meeting of the case.
    lineage: Mapped[str] = mapped_column(String(32), default=new_uid, index=True)
    what: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    due_on: Mapped[date | None]
    for_whom: Mapped[ActionFor] = mapped_column(
        vocabulary(ActionFor), default=ActionFor.PROFESSIONALS
    )
    status: Mapped[ActionStatus] = mapped_column(
        vocabulary(ActionStatus), default=ActionStatus.OPEN
    )
    #: For an action carried from the last meeting: how far it got since, and a note.
    progress: Mapped[ActionProgress | None] = mapped_column(vocabulary(ActionProgress))
    progress_note: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="actions")
    owner: Mapped[Person | None] = relationship()

    def conference_of(self) -> Conference:
        return self.conference


class CoreGroupMember(Revised, Base):
    """A member of the core group."""

    __tablename__ = "core_group_members"
    __table_args__ = (UniqueConstraint("conference_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))

    conference: Mapped[Conference] = relationship(back_populates="core_group_members")
    person: Mapped[Person] = relationship()

    def conference_of(self) -> Conference:
        return self.conference


class CoreGroupMeeting(Revised, Base):
    """A planned core group meeting; the first is due within 10 working days."""

    __tablename__ = "core_group_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    meets_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="core_group_meetings")

    def conference_of(self) -> Conference:
        return self.conference


class ChildrensPlan(Revised, Base):
    """The child's own plan, in words a child can read, with chosen pictures."""

    __tablename__ = "childrens_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="CASCADE"), unique=True
    )
    worries: Mapped[str] = mapped_column(Text, default="")
    safety_people: Mapped[str] = mapped_column(Text, default="")
    what_will_happen: Mapped[str] = mapped_column(Text, default="")
    if_unsafe: Mapped[str] = mapped_column(Text, default="")
    who_to_talk_to: Mapped[str] = mapped_column(Text, default="")
    pictures: Mapped[str] = mapped_column(String(400), default="")
    #: The words it was started with (JSON, by part), so a plan nobody rewrote for
    #: the child is known: see :func:`cprecorder.export.childrens_plan.plan_written`.
    prefilled: Mapped[str] = mapped_column(Text, default="")

    child: Mapped[Child] = relationship(back_populates="childrens_plan")

    @property
    def picture_keys(self) -> list[str]:
        return [p for p in self.pictures.split(",") if p]

    def conference_of(self) -> Conference:
        return self.child.conference
