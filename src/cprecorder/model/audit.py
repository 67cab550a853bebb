"""The audit trail: append-only, each entry chained to the one before by a hash."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class AuditEntry(Base):
    """One change: who (OS user, name, role), when, what, old → new."""

    __tablename__ = "audit_entries"
    #: A conference's entries in order: its newest (the chain's next link) without a sort.
    __table_args__ = (Index("ix_audit_entries_conference_id", "conference_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int | None] = mapped_column(
        ForeignKey("conferences.id", ondelete="SET NULL")
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    os_user: Mapped[str] = mapped_column(String(200), default="")
    #: The database login that wrote the entry (PostgreSQL's ``session_user``; "" on SQLite).
    login: Mapped[str] = mapped_column(String(200), default="", server_default="")
    actor: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(40), default="")
    operation: Mapped[str] = mapped_column(String(80), default="")
    target: Mapped[str] = mapped_column(String(200), default="")
    field: Mapped[str] = mapped_column(String(80), default="")
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")
