"""right for every child: per-parent views, households, several children per view

Revision ID: 0007
Revises: 0003
Create Date: 2026-11-29 15:40:00

- children: not yet named; an unborn child's parents' plans
- people: household, what the children call them, a parent's own views and
  whether they agree the reports are factually correct
- conferences: the children's version of the plan made with whom, shared on
  which date
- childrens_plans: the words the plan was started with
- an agency's view or a dissent about several children (agency_view_children,
  dissent_children), moved from the single child_id, which is dropped
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cprecorder.migrations import search
from cprecorder.migrations.lock import create_lock_triggers, drop_lock_triggers

revision = "0007"
down_revision = "0003"
branch_labels = None
depends_on = None

FALSE = sa.false()


def upgrade() -> None:
    # Columns are added and dropped in place (never a batch copy of children, people or
    # conferences: on SQLite, dropping the old table with foreign keys on would cascade
    # to every row of every record). The views' and dissents' tables are rebuilt: the
    # search index's and the sign-off lock's triggers are set aside meanwhile and made
    # again at the end (the lock's then also cover the two new tables).
    search.drop_triggers(op.get_bind())
    drop_lock_triggers(op.get_bind())
    op.add_column(
        "children", sa.Column("not_yet_named", sa.Boolean(), nullable=False, server_default=FALSE)
    )
    op.add_column(
        "children", sa.Column("parents_plans", sa.Text(), nullable=False, server_default="")
    )
    op.add_column("people", sa.Column("household", sa.String(length=32), nullable=True))
    op.add_column(
        "people", sa.Column("known_as", sa.String(length=200), nullable=False, server_default="")
    )
    op.add_column("people", sa.Column("views", sa.Text(), nullable=False, server_default=""))
    op.add_column("people", sa.Column("agrees_reports", sa.Boolean(), nullable=True))
    op.add_column(
        "people", sa.Column("disagrees_with", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "conferences",
        sa.Column(
            "childrens_version_made_with",
            sa.String(length=400),
            nullable=False,
            server_default="",
        ),
    )
    op.add_column("conferences", sa.Column("childrens_version_shared_on", sa.Date(), nullable=True))
    op.add_column(
        "childrens_plans", sa.Column("prefilled", sa.Text(), nullable=False, server_default="")
    )

    for table, owner, owner_table in (
        ("agency_view_children", "agency_view_id", "agency_views"),
        ("dissent_children", "dissent_id", "dissents"),
    ):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column(owner, sa.Integer(), nullable=False),
            sa.Column("child_id", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(
                ["child_id"],
                ["children.id"],
                name=op.f(f"fk_{table}_child_id_children"),
                ondelete="CASCADE",
            ),
            sa.ForeignKeyConstraint(
                [owner],
                [f"{owner_table}.id"],
                name=op.f(f"fk_{table}_{owner}_{owner_table}"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
            sa.UniqueConstraint(owner, "child_id", name=op.f(f"uq_{table}_{owner}")),
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_child_id"), ["child_id"], unique=False)
            batch_op.create_index(batch_op.f(f"ix_{table}_{owner}"), [owner], unique=False)
        op.execute(
            f"INSERT INTO {table} ({owner}, child_id) "
            f"SELECT id, child_id FROM {owner_table} WHERE child_id IS NOT NULL"
        )
        with op.batch_alter_table(owner_table, schema=None) as batch_op:
            batch_op.drop_constraint(f"fk_{owner_table}_child_id_children", type_="foreignkey")
            batch_op.drop_column("child_id")
    search.keep_in_step(op.get_bind())
    create_lock_triggers(op.get_bind())


def downgrade() -> None:
    search.drop_triggers(op.get_bind())
    drop_lock_triggers(op.get_bind())
    for table, owner, owner_table in (
        ("agency_view_children", "agency_view_id", "agency_views"),
        ("dissent_children", "dissent_id", "dissents"),
    ):
        with op.batch_alter_table(owner_table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("child_id", sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                f"fk_{owner_table}_child_id_children",
                "children",
                ["child_id"],
                ["id"],
                ondelete="CASCADE",
            )
        # A view about several children was about all of them before this revision.
        op.execute(
            f"UPDATE {owner_table} SET child_id = (SELECT MIN(child_id) FROM {table} "
            f"WHERE {table}.{owner} = {owner_table}.id) "
            f"WHERE (SELECT COUNT(*) FROM {table} WHERE {table}.{owner} = {owner_table}.id) = 1"
        )
        op.drop_table(table)
    op.drop_column("childrens_plans", "prefilled")
    op.drop_column("conferences", "childrens_version_shared_on")
    op.drop_column("conferences", "childrens_version_made_with")
    for column in ("disagrees_with", "agrees_reports", "views", "known_as", "household"):
        op.drop_column("people", column)
    op.drop_column("children", "parents_plans")
    op.drop_column("children", "not_yet_named")
    search.keep_in_step(op.get_bind())
    create_lock_triggers(op.get_bind())
