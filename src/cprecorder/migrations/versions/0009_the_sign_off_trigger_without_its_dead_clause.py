"""the team server's sign-off trigger without the clause the lock's trigger made dead

On a team server, ``cprecorder_sign_off_by_a_chair`` (made by ``server init``) refused a
signed-off record's status changing back. It never could: the sign-off lock's trigger on
``conferences`` (``cpr_lock_conferences``, migration 0003) fires first, triggers firing in
name order, and refuses every change to a signed-off row but its audit head, the status
included. The function is replaced by its text without that clause, where it exists
(SQLite, and a PostgreSQL database never set up by ``server init``, have none).

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-29 22:10:00
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from cprecorder.team_server import SIGN_OFF_BY_A_CHAIR

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None

#: The clause taken out; downgrade puts it back where it stood, first in the function.
DEAD_CLAUSE = """
        IF OLD.status = 'signed_off' AND NEW.status IS DISTINCT FROM 'signed_off' THEN
            RAISE EXCEPTION 'A signed-off record stays signed off.'
                USING ERRCODE = 'insufficient_privilege';
        END IF;"""


def _replace_if_set_up(function: str) -> None:
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    made = connection.execute(
        text("SELECT 1 FROM pg_proc WHERE proname = 'cprecorder_sign_off_by_a_chair'")
    ).first()
    if made is not None:
        connection.execute(text(function))


def upgrade() -> None:
    _replace_if_set_up(SIGN_OFF_BY_A_CHAIR)


def downgrade() -> None:
    _replace_if_set_up(SIGN_OFF_BY_A_CHAIR.replace("BEGIN", "BEGIN" + DEAD_CLAUSE, 1))
