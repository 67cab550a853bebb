"""The conference decision for each child, each agency's view, and dissent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

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


class AboutSomeChildren:
    """An item about some of the children: ``about`` lists them; none listed means all.

    ``child_ids`` (and ``child_id``, for one child or all) read and set that list, so
    an edit saved in the store and the same edit applied to a record already on
    screen go the same way.
    """

    if TYPE_CHECKING:
        about: Mapped[list[Any]]
    #: The link table's class (a row per child).
    link_class: ClassVar[type[Any]]

    @property
    def child_ids(self) -> list[int]:
        return [link.child_id for link in self.about]

    @child_ids.setter
    def child_ids(self, ids: list[int]) -> None:
        kept = {link.child_id: link for link in self.about}
        self.about = [kept.get(i) or self.link_class(child_id=i) for i in dict.fromkeys(ids)]

    @property
    def child_id(self) -> int | None:
        """The one child it is about, or ``None`` for all of them (or several)."""
        ids = self.child_ids
        return ids[0] if len(ids) == 1 else None

    @child_id.setter
    def child_id(self, child_id: int | None) -> None:
        self.child_ids = [] if child_id is None else [child_id]


class ChildLink:
    """A row of an item's link table: one child the item (``owner``, an
    :class:`AboutSomeChildren`) is about. Each link class names its item's key column
    (``<owner>_id``) and relationship (``<owner>``, back to its ``about``)."""

    #: The item's relationship's name; its key column is this with ``_id``.
    owner: ClassVar[str]

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[UniqueConstraint]:
        return (UniqueConstraint(f"{cls.owner}_id", "child_id"),)

    @declared_attr
    def child(cls) -> Mapped[Child]:
        return relationship()

    def conference_of(self) -> Conference:
        item: Any = getattr(self, self.owner)
        conference: Conference = item.conference
        return conference


class AgencyView(AboutSomeChildren, Revised, Base):
    """What one agency recommended, and why; about some of the children, or all."""

    __tablename__ = "agency_views"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    recommendation: Mapped[PlanType | None] = mapped_column(vocabulary(PlanType))
    view: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="agency_views")
    person: Mapped[Person | None] = relationship()
    #: The children the view is about; none listed means all of them.
    about: Mapped[list[AgencyViewChild]] = relationship(
        back_populates="agency_view", cascade="all, delete-orphan", order_by="AgencyViewChild.id"
    )

    def conference_of(self) -> Conference:
        return self.conference


class AgencyViewChild(ChildLink, Base):
    """One child an agency's view is about."""

    __tablename__ = "agency_view_children"
    owner = "agency_view"

    agency_view_id: Mapped[int] = mapped_column(
        ForeignKey("agency_views.id", ondelete="CASCADE"), index=True
    )
    agency_view: Mapped[AgencyView] = relationship(back_populates="about")


class Dissent(AboutSomeChildren, Revised, Base):
    """A professional's disagreement with the decision for some of the children, or all."""

    __tablename__ = "dissents"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    reasons: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="dissents")
    person: Mapped[Person | None] = relationship()
    #: The children the dissent is about; none listed means all of them.
    about: Mapped[list[DissentChild]] = relationship(
        back_populates="dissent", cascade="all, delete-orphan", order_by="DissentChild.id"
    )

    def conference_of(self) -> Conference:
        return self.conference


class DissentChild(ChildLink, Base):
    """One child a dissent is about."""

    __tablename__ = "dissent_children"
    owner = "dissent"

    dissent_id: Mapped[int] = mapped_column(
        ForeignKey("dissents.id", ondelete="CASCADE"), index=True
    )
    dissent: Mapped[Dissent] = relationship(back_populates="about")


AgencyView.link_class = AgencyViewChild
Dissent.link_class = DissentChild
