"""search and listing indexes: names found by an index, the newest first without sorting

The start view lists conferences newest first and finds them by family or child name.
An index on (scheduled_at, id) gives the newest without sorting them all; the search by
name gets an index made for it (see ``cprecorder.migrations.search``: FTS5 trigrams on
SQLite, ``pg_trgm`` on PostgreSQL). The audit trail's index on the conference also holds
the entry's id, so the newest entry of a conference (the next link of its chain) is found
without reading its whole trail.

Revision ID: 0008
Revises: 0004
Create Date: 2026-11-30 18:00:00
"""

from __future__ import annotations

from alembic import op

from cprecorder.migrations import search

revision = "0008"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_conferences_scheduled_at", "conferences", ["scheduled_at", "id"])
    op.drop_index("ix_audit_entries_conference_id", table_name="audit_entries")
    op.create_index("ix_audit_entries_conference_id", "audit_entries", ["conference_id", "id"])
    search.create(op.get_bind())


def downgrade() -> None:
    search.drop(op.get_bind())
    op.drop_index("ix_audit_entries_conference_id", table_name="audit_entries")
    op.create_index("ix_audit_entries_conference_id", "audit_entries", ["conference_id"])
    op.drop_index("ix_conferences_scheduled_at", table_name="conferences")
