"""Professionals-only information: never on a shared screen, never sent to the family."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Revised

if TYPE_CHECKING:
    from .conference import Conference


class ProfessionalsOnlyNote(Revised, Base):
    """Third-party or police information the family must not hear."""

    __tablename__ = "professionals_only_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    source: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")

    conference: Mapped[Conference] = relationship(back_populates="professionals_only")

    def conference_of(self) -> Conference:
        return self.conference
