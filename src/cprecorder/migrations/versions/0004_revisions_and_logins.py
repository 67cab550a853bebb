"""revisions and logins

Every part of the record a person edits gets a revision counter, so a save based on
an older revision is refused instead of silently overwriting someone else's words;
each audit entry gets the database login that wrote it. On PostgreSQL, every audit entry
written announces its conference to listening windows (``NOTIFY``, delivered at commit).

Revision ID: 0004
Revises: 0006
Create Date: 2026-11-29 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0006"
branch_labels = None
depends_on = None

#: Every table of an editable part of the record but the conference (which had one).
REVISED = (
    "worry_items",
    "danger_statements",
    "danger_scores",
    "safety_scores",
    "professionals_only_notes",
    "child_decisions",
    "agency_views",
    "dissents",
    "children",
    "people",
    "child_relationships",
    "plan_items",
    "timeline_items",
    "plan_network_members",
    "plan_rules",
    "demonstration_methods",
    "actions",
    "core_group_members",
    "core_group_meetings",
    "childrens_plans",
)


def upgrade() -> None:
    for table in REVISED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("revision", sa.Integer(), server_default=sa.text("0"), nullable=False)
            )
    with op.batch_alter_table("audit_entries") as batch:
        batch.add_column(
            sa.Column("login", sa.String(length=200), server_default="", nullable=False)
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE OR REPLACE FUNCTION cprecorder_announce_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.conference_id IS NOT NULL THEN
                    PERFORM pg_notify('cprecorder_changes', NEW.conference_id::text);
                END IF;
                RETURN NULL;
            END $$
            """
        )
        op.execute(
            "CREATE TRIGGER cprecorder_announce AFTER INSERT ON audit_entries "
            "FOR EACH ROW EXECUTE FUNCTION cprecorder_announce_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS cprecorder_announce ON audit_entries")
        op.execute("DROP FUNCTION IF EXISTS cprecorder_announce_change()")
    with op.batch_alter_table("audit_entries") as batch:
        batch.drop_column("login")
    for table in REVISED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("revision")
