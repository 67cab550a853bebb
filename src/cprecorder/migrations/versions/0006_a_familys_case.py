"""a family's case: conferences and core groups join a case; lineages across meetings

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 09:00:00

Every existing conference joins a case; conferences already linked by
``previous_conference`` share one. The copies of a child, a person, a danger
statement and an action in linked conferences share a lineage, so the journey
can follow them: children by name (else by place), people by name and kind,
danger statements by place, actions by their words. A child on a child protection
plan gets the date it started (the first conference of the case that decided it, with
its categories then) and how many plans before it ended within the case, as a
conference records them from now on.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

LINEAGE_TABLES = ("children", "people", "danger_statements", "actions")


def _uid() -> str:
    return uuid.uuid4().hex


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("uid", name=op.f("uq_cases_uid")),
    )
    op.add_column("conferences", sa.Column("uid", sa.String(length=32), nullable=True))
    op.add_column("conferences", sa.Column("case_id", sa.Integer(), nullable=True))
    op.add_column(
        "conferences", sa.Column("plan_changes", sa.Text(), nullable=False, server_default="")
    )
    for table in LINEAGE_TABLES:
        op.add_column(table, sa.Column("lineage", sa.String(length=32), nullable=True))
    op.add_column("children", sa.Column("cp_plan_started_on", sa.Date(), nullable=True))
    op.add_column("children", sa.Column("previous_cp_plans", sa.Integer(), nullable=True))
    op.add_column(
        "children",
        sa.Column("initial_categories", sa.String(length=400), nullable=False, server_default=""),
    )
    op.add_column(
        "danger_statements",
        sa.Column(
            "goal_progress",
            sa.Enum(
                "reached",
                "partly",
                "not_yet",
                name="goalprogress",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
    )
    op.add_column(
        "danger_statements",
        sa.Column("goal_progress_note", sa.Text(), nullable=False, server_default=""),
    )
    op.add_column(
        "actions",
        sa.Column(
            "progress",
            sa.Enum(
                "done",
                "partly",
                "not_done",
                "no_longer_needed",
                name="actionprogress",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
    )
    op.add_column(
        "actions", sa.Column("progress_note", sa.Text(), nullable=False, server_default="")
    )

    _join_cases(op.get_bind())

    with op.batch_alter_table("conferences", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.String(length=32), nullable=False)
        batch_op.alter_column("case_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_conferences_uid"), ["uid"])
        batch_op.create_index(batch_op.f("ix_conferences_case_id"), ["case_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_conferences_case_id_cases"),
            "cases",
            ["case_id"],
            ["id"],
            ondelete="RESTRICT",
        )
    for table in LINEAGE_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("lineage", existing_type=sa.String(length=32), nullable=False)
            batch_op.create_index(batch_op.f(f"ix_{table}_lineage"), ["lineage"], unique=False)


def _join_cases(bind: Any) -> None:
    """Give every conference a uid and a case, and every carried item its lineage."""
    meta = sa.MetaData()
    conferences = sa.Table("conferences", meta, autoload_with=bind)
    cases = sa.Table("cases", meta, autoload_with=bind)
    tables = {name: sa.Table(name, meta, autoload_with=bind) for name in LINEAGE_TABLES}

    rows = bind.execute(
        sa.select(
            conferences.c.id,
            conferences.c.family_name,
            conferences.c.previous_conference_id,
            conferences.c.scheduled_at,
            conferences.c.kind,
        ).order_by(conferences.c.scheduled_at, conferences.c.id)
    ).all()
    previous = {r.id: r.previous_conference_id for r in rows}

    def root(conference_id: int) -> int:
        seen = set()
        while previous.get(conference_id) is not None and conference_id not in seen:
            seen.add(conference_id)
            conference_id = previous[conference_id] or conference_id
        return conference_id

    groups: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        groups[root(row.id)].append(row)
    now = sa.func.current_timestamp()
    for members in groups.values():
        latest = members[-1]
        inserted = bind.execute(
            sa.insert(cases).values(
                uid=_uid(),
                family_name=latest.family_name,
                reference="",
                created_at=now,
                updated_at=now,
            )
        )
        case_id = inserted.inserted_primary_key[0]
        for row in members:
            bind.execute(
                sa.update(conferences)
                .where(conferences.c.id == row.id)
                .values(uid=_uid(), case_id=case_id)
            )

    items: dict[str, dict[int, list[Any]]] = {}
    for name, table in tables.items():
        by_conference: dict[int, list[Any]] = defaultdict(list)
        for item in bind.execute(sa.select(table).order_by(table.c.position, table.c.id)):
            by_conference[item.conference_id].append(item)
        items[name] = by_conference

    lineage: dict[tuple[str, int], str] = {}
    for row in rows:  # in time order, so an earlier meeting's lineages are known
        before = previous.get(row.id)
        for name, table in tables.items():
            mine = items[name].get(row.id, [])
            theirs = items[name].get(before, []) if before is not None else []
            matched = _match(name, mine, theirs)
            for place, item in enumerate(mine):
                earlier = matched.get(place)
                value = lineage.get((name, earlier.id)) if earlier is not None else None
                lineage[(name, item.id)] = value or _uid()
                bind.execute(
                    sa.update(table)
                    .where(table.c.id == item.id)
                    .values(lineage=lineage[(name, item.id)])
                )
    _plan_dates(bind, meta, groups.values(), items["children"], lineage)


def _plan_dates(
    bind: Any,
    meta: sa.MetaData,
    cases: Any,
    children: dict[int, list[Any]],
    lineage: dict[tuple[str, int], str],
) -> None:
    """Each child's child protection plan: when it started, its first categories, and
    how many plans the child had before, meeting by meeting of each case in time order.

    As :func:`cprecorder.operations.decision` and the carrying forward keep them: the
    start is the first conference deciding a plan; a plan that steps down or ends keeps
    its start at that conference and counts as a plan before at the next one. A child
    first met at a review conference had a history before the store: a plan already
    running there has no known start, and the plans before are not known either.
    """
    decisions = sa.Table("child_decisions", meta, autoload_with=bind)
    categories = sa.Table("decision_categories", meta, autoload_with=bind)
    table = sa.Table("children", meta, autoload_with=bind)
    decided = {
        row.child_id: (row.id, row.plan_type)
        for row in bind.execute(
            sa.select(decisions.c.id, decisions.c.child_id, decisions.c.plan_type)
        )
    }
    keys: dict[int, list[str]] = defaultdict(list)
    for row in bind.execute(
        sa.select(categories.c.decision_id, categories.c.category).order_by(
            categories.c.decision_id, categories.c.position, categories.c.id
        )
    ):
        keys[row.decision_id].append(row.category)
    unknown = object()  # a plan running before the store knew the child
    for members in cases:
        # Child lineage → the plan's start, its first categories, the plans ended, and
        # whether the child's history is known from the start.
        plans: dict[str, tuple[Any, str, int, bool]] = {}
        for meeting in members:
            held = meeting.scheduled_at
            held_on = held.date() if hasattr(held, "date") else held
            for child in children.get(meeting.id, []):
                key = lineage[("children", child.id)]
                first = key not in plans
                started, initial, ended, known = plans.get(
                    key, (None, "", 0, meeting.kind != "review")
                )
                decision_id, plan_type = decided.get(child.id, (None, None))
                if plan_type == "child_protection" and started is None:
                    if first and not known:
                        started = unknown
                    else:
                        started, initial = held_on, ",".join(keys.get(decision_id, []))
                on = None if started is unknown else started
                before = ended if known and ended else None
                if on is not None or before:
                    bind.execute(
                        sa.update(table)
                        .where(table.c.id == child.id)
                        .values(
                            cp_plan_started_on=on,
                            initial_categories=initial if on is not None else "",
                            previous_cp_plans=before,
                        )
                    )
                if plan_type not in (None, "child_protection") and started is not None:
                    started, initial, ended = None, "", ended + 1
                plans[key] = (started, initial, ended, known)


def _match(name: str, mine: list[Any], theirs: list[Any]) -> dict[int, Any]:
    """Which item of the earlier meeting each item (by place) is a copy of."""
    found: dict[int, Any] = {}
    taken: set[int] = set()

    def key(item: Any) -> Any:
        if name == "children":
            return (item.first_name.strip().lower(), item.last_name.strip().lower())
        if name == "people":
            return (item.name.strip().lower(), item.kind)
        if name == "actions":
            return " ".join(item.what.split()).lower()
        return None

    for place, item in enumerate(mine):
        wanted = key(item)
        for other in theirs:
            if other.id not in taken and wanted is not None and key(other) == wanted:
                found[place] = other
                taken.add(other.id)
                break
    if name in ("children", "danger_statements"):  # unnamed or reworded: by place
        for place, _item in enumerate(mine):
            if place not in found and place < len(theirs) and theirs[place].id not in taken:
                found[place] = theirs[place]
                taken.add(theirs[place].id)
    return found


def downgrade() -> None:
    for table in LINEAGE_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_lineage"))
            batch_op.drop_column("lineage")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_column("progress_note")
        batch_op.drop_column("progress")
    with op.batch_alter_table("danger_statements", schema=None) as batch_op:
        batch_op.drop_column("goal_progress_note")
        batch_op.drop_column("goal_progress")
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.drop_column("initial_categories")
        batch_op.drop_column("previous_cp_plans")
        batch_op.drop_column("cp_plan_started_on")
    with op.batch_alter_table("conferences", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_conferences_case_id_cases"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_conferences_case_id"))
        batch_op.drop_constraint(batch_op.f("uq_conferences_uid"), type_="unique")
        batch_op.drop_column("plan_changes")
        batch_op.drop_column("case_id")
        batch_op.drop_column("uid")
    op.drop_table("cases")
