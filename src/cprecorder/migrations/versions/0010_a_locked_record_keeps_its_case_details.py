"""a locked record keeps the case's details it was signed off with

A case's family name and reference can be corrected for the meetings to come
(``set_case_details``); a signed-off (or withdrawn) meeting's record must still show
them as they were. Each conference keeps them when it is locked
(``locked_case_family_name``, ``locked_case_reference``). Records locked before this
revision take the case's details as they are now, the best known. The sign-off lock's
triggers are set aside while those rows are written, and made again for the new columns.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 22:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cprecorder.migrations.lock import create_lock_triggers, drop_lock_triggers

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

COLUMNS = (("locked_case_family_name", 200), ("locked_case_reference", 100))


def upgrade() -> None:
    connection = op.get_bind()
    drop_lock_triggers(connection)
    # In place, never a batch copy of conferences (see 0003).
    for name, length in COLUMNS:
        op.add_column(
            "conferences",
            sa.Column(name, sa.String(length=length), nullable=False, server_default=""),
        )
    op.execute(
        "UPDATE conferences SET "
        "locked_case_family_name = (SELECT family_name FROM cases WHERE cases.id = case_id), "
        "locked_case_reference = (SELECT reference FROM cases WHERE cases.id = case_id) "
        "WHERE status IN ('signed_off', 'withdrawn')"
    )
    create_lock_triggers(connection)


def downgrade() -> None:
    connection = op.get_bind()
    drop_lock_triggers(connection)
    for name, _length in reversed(COLUMNS):
        op.drop_column("conferences", name)
    create_lock_triggers(connection)
