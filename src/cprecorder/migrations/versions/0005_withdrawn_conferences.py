"""withdrawn conferences: who withdrew a conference created by mistake, when and why

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-26 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conferences") as batch:
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
        batch.add_column(
            sa.Column("withdrawn_by", sa.String(length=200), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("withdrawal_reason", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("conferences") as batch:
        batch.drop_column("withdrawal_reason")
        batch.drop_column("withdrawn_by")
        batch.drop_column("withdrawn_at")
