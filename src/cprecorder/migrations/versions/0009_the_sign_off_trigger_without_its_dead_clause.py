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

#: The function as ``server init`` made it before: downgrade puts it back.
WITH_THE_DEAD_CLAUSE = """
    CREATE OR REPLACE FUNCTION cprecorder_sign_off_by_a_chair() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.status = 'signed_off' AND NEW.status IS DISTINCT FROM 'signed_off' THEN
            RAISE EXCEPTION 'A signed-off record stays signed off.'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.status = 'signed_off' AND OLD.status IS DISTINCT FROM 'signed_off'
           AND NOT pg_has_role(session_user, 'cprecorder_chair', 'MEMBER') THEN
            RAISE EXCEPTION 'Only a conference chair can sign off a record; % is not one.',
                session_user USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END $$
    """


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
    _replace_if_set_up(WITH_THE_DEAD_CLAUSE)
