"""A family's case: the children and every meeting about them, in time order."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, new_uid, utcnow

if TYPE_CHECKING:
    from .conference import Conference


class Case(Base):
    """One family's case; its conferences and core group meetings belong to it.

    The children of the case are the children of its meetings: the copies of one
    child share a lineage (:attr:`cprecorder.model.Child.lineage`), so an unborn
    baby named at a later meeting keeps their history.
    """

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    family_name: Mapped[str] = mapped_column(String(200), default="")
    #: The authority's own reference for the case (from its case management system).
    reference: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meetings: Mapped[list[Conference]] = relationship(
        back_populates="case", order_by="(Conference.scheduled_at, Conference.id)"
    )
