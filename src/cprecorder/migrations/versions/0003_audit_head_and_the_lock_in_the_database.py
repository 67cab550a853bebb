"""the audit chain's head on the conference row, and the sign-off lock in the database

Revision ID: 0003
Revises: 0008
Create Date: 2026-11-29 15:40:00

Each conference row keeps the head of its audit chain (the newest entry's hash and the
number of entries) and the head as it stood at sign-off; existing trails are counted
here. Every table of the record gets the triggers that refuse changes to a signed-off
conference (see ``cprecorder.migrations.lock``).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from cprecorder.migrations.lock import create_lock_triggers, drop_lock_triggers

revision = "0003"
down_revision = "0008"
branch_labels = None
depends_on = None

HEADS = (
    ("audit_head_hash", sa.String(length=64), ""),
    ("audit_head_count", sa.Integer(), "0"),
    ("signed_off_head_hash", sa.String(length=64), ""),
    ("signed_off_head_count", sa.Integer(), "0"),
)


def upgrade() -> None:
    # Plain ALTER TABLE, never a batch copy: on SQLite, dropping the old table while
    # foreign keys are on would cascade to every row of every record.
    for name, kind, default in HEADS:
        op.add_column("conferences", sa.Column(name, kind, nullable=False, server_default=default))
    connection = op.get_bind()
    for conference_id, status in connection.execute(
        sa.text("SELECT id, status FROM conferences")
    ).all():
        _count_the_trail(connection, int(conference_id), str(status))
    create_lock_triggers(connection)


def _count_the_trail(connection: Any, conference_id: int, status: str) -> None:
    entries = connection.execute(
        sa.text(
            "SELECT hash, at, target, field, new_value FROM audit_entries "
            "WHERE conference_id = :id ORDER BY id"
        ),
        {"id": conference_id},
    ).all()
    head = {"id": conference_id, "hash": "", "count": 0, "signed_hash": "", "signed_count": 0}
    if entries:
        head.update(hash=entries[-1][0], count=len(entries))
    if status == "signed_off":
        signed = [
            i
            for i, e in enumerate(entries)
            if e[2] == f"Conference#{conference_id}" and e[3] == "status" and e[4] == "signed_off"
        ]
        if signed:
            # The sign-off's own entries share its moment; the head is the last of them.
            last = signed[-1]
            while last + 1 < len(entries) and entries[last + 1][1] == entries[signed[-1]][1]:
                last += 1
            head.update(signed_hash=entries[last][0], signed_count=last + 1)
    connection.execute(
        sa.text(
            "UPDATE conferences SET audit_head_hash = :hash, audit_head_count = :count, "
            "signed_off_head_hash = :signed_hash, signed_off_head_count = :signed_count "
            "WHERE id = :id"
        ),
        head,
    )


def downgrade() -> None:
    drop_lock_triggers(op.get_bind())
    for name, _kind, _default in reversed(HEADS):
        op.drop_column("conferences", name)
