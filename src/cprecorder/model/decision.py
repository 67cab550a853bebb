"""The conference decision for each child, each agency's view, and dissent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, PlanType, Revised
from .columns import vocabulary

if TYPE_CHECKING:
    from .conference import Conference
    from .family import Child, Person


class ChildDecision(Revised, Base):
    """What the chair decided for one child: the plan and, for a CP plan, categories."""

    __tablename__ = "child_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="CASCADE"), unique=True
    )
    plan_type: Mapped[PlanType | None] = mapped_column(vocabulary(PlanType))
    reasons: Mapped[str] = mapped_column(Text, default="")

    child: Mapped[Child] = relationship(back_populates="decision")
    categories: Mapped[list[DecisionCategory]] = relationship(
        back_populates="decision",
        order_by="DecisionCategory.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )

    @property
    def category_keys(self) -> list[str]:
        return [c.category for c in self.categories]

    def conference_of(self) -> Conference:
        return self.child.conference


class DecisionCategory(Base):
    """A category of a child protection plan; the words are the nation's (see rules)."""

    __tablename__ = "decision_categories"
    __table_args__ = (UniqueConstraint("decision_id", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("child_decisions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    category: Mapped[str] = mapped_column(String(80))

    decision: Mapped[ChildDecision] = relationship(back_populates="categories")

    def conference_of(self) -> Conference:
        return self.decision.child.conference


class AgencyView(Revised, Base):
    """What one agency recommended, and why."""

    __tablename__ = "agency_views"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    recommendation: Mapped[PlanType | None] = mapped_column(vocabulary(PlanType))
    view: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="agency_views")
    person: Mapped[Person | None] = relationship()
    child: Mapped[Child | None] = relationship()

    def conference_of(self) -> Conference:
        return self.conference


class Dissent(Revised, Base):
    """A professional's disagreement with the decision, kept with its reasons."""

    __tablename__ = "dissents"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    reasons: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="dissents")
    person: Mapped[Person | None] = relationship()
    child: Mapped[Child | None] = relationship()

    def conference_of(self) -> Conference:
        return self.conference
