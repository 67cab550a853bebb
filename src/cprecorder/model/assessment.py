"""Worries and what's working well, danger statements, and the safety scale."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..errors import ValidationError
from .base import Base, GoalProgress, Revised, new_uid
from .columns import vocabulary

if TYPE_CHECKING:
    from .conference import Conference
    from .family import Person


def check_scale(value: int | None, what: str) -> int | None:
    """Scores run from 0 (no safety) to 10 (safe enough to close)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValidationError(f"{what} must be a whole number from 0 to 10, not {value!r}.")
    return value


class WorryItem(Revised, Base):
    """One line under a heading of the agenda (past harm, existing safety, …)."""

    __tablename__ = "worry_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    heading: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text, default="")
    contributor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    confidential: Mapped[bool] = mapped_column(default=False)

    conference: Mapped[Conference] = relationship(back_populates="worries")
    contributor: Mapped[Person | None] = relationship()

    def conference_of(self) -> Conference:
        return self.conference


class DangerStatement(Revised, Base):
    """Who is worried about what behaviour, its impact, and what could happen."""

    __tablename__ = "danger_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    #: The same danger statement (and safety goal) in every meeting of the case.
    lineage: Mapped[str] = mapped_column(String(32), default=new_uid, index=True)
    statement: Mapped[str] = mapped_column(Text, default="")
    safety_goal: Mapped[str] = mapped_column(Text, default="")
    goal_timescale: Mapped[str] = mapped_column(String(200), default="")
    #: At a review: how far the safety goal has been reached since the last conference.
    goal_progress: Mapped[GoalProgress | None] = mapped_column(vocabulary(GoalProgress))
    goal_progress_note: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="danger_statements")
    scores: Mapped[list[DangerScore]] = relationship(
        back_populates="danger_statement",
        order_by="DangerScore.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
    )

    def conference_of(self) -> Conference:
        return self.conference


class DangerScore(Revised, Base):
    """One person's 0-10 scaling of one danger statement, with their reason."""

    __tablename__ = "danger_scores"
    __table_args__ = (
        UniqueConstraint("danger_statement_id", "person_id"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 10)", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    danger_statement_id: Mapped[int] = mapped_column(
        ForeignKey("danger_statements.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    score: Mapped[int | None]
    reason: Mapped[str] = mapped_column(Text, default="")

    danger_statement: Mapped[DangerStatement] = relationship(back_populates="scores")
    person: Mapped[Person] = relationship()

    @validates("score")
    def _check_score(self, _key: str, value: int | None) -> int | None:
        return check_scale(value, "A danger statement score")

    def conference_of(self) -> Conference:
        return self.danger_statement.conference


class SafetyScore(Revised, Base):
    """One person's overall 0-10 safety scaling, why, and what would move it up."""

    __tablename__ = "safety_scores"
    __table_args__ = (
        UniqueConstraint("conference_id", "person_id"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 10)", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    score: Mapped[int | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    one_point_up: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="safety_scores")
    person: Mapped[Person] = relationship()

    @validates("score")
    def _check_score(self, _key: str, value: int | None) -> int | None:
        return check_scale(value, "A safety scale score")

    def conference_of(self) -> Conference:
        return self.conference
