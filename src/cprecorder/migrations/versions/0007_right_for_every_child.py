"""right for every child: per-parent views, households, several children per view

Revision ID: 0007
Revises: 0008
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

revision = "0007"
down_revision = "0008"
branch_labels = None
depends_on = None

FALSE = sa.false()


def upgrade() -> None:
    # SQLite: the search index's triggers name ``children``, which is rebuilt below.
    search.drop_triggers(op.get_bind())
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("not_yet_named", sa.Boolean(), nullable=False, server_default=FALSE)
        )
        batch_op.add_column(
            sa.Column("parents_plans", sa.Text(), nullable=False, server_default="")
        )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("household", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("known_as", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("views", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("agrees_reports", sa.Boolean(), nullable=True))
        batch_op.add_column(
            sa.Column("disagrees_with", sa.Text(), nullable=False, server_default="")
        )
    with op.batch_alter_table("conferences", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "childrens_version_made_with",
                sa.String(length=400),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("childrens_version_shared_on", sa.Date(), nullable=True))
    with op.batch_alter_table("childrens_plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prefilled", sa.Text(), nullable=False, server_default=""))

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


def downgrade() -> None:
    search.drop_triggers(op.get_bind())
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
    with op.batch_alter_table("childrens_plans", schema=None) as batch_op:
        batch_op.drop_column("prefilled")
    with op.batch_alter_table("conferences", schema=None) as batch_op:
        batch_op.drop_column("childrens_version_shared_on")
        batch_op.drop_column("childrens_version_made_with")
    with op.batch_alter_table("people", schema=None) as batch_op:
        for column in ("disagrees_with", "agrees_reports", "views", "known_as", "household"):
            batch_op.drop_column(column)
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.drop_column("parents_plans")
        batch_op.drop_column("not_yet_named")
    search.keep_in_step(op.get_bind())
