"""The sign-off lock in the database itself: triggers on every table of the record.

The ORM refuses any change to a signed-off record (:mod:`cprecorder.lifecycle`); these
triggers refuse it again below the ORM, so a row changed by plain SQL, by a foreign
key's cascade, or by another program on the team server is refused too. Each trigger
finds its row's conference by following the row's required foreign keys up to
``conferences``, read from the live schema, so a migration that adds a table or a
column to ``conferences`` calls :func:`create_lock_triggers` again and is covered.

After sign-off (or withdrawal) a conference row may change only in the audit trail's
head (the trail grows with addenda and exports) and, once, in the head recorded at
sign-off.
"""

from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

#: The sentence the database raises; the store turns it into a RecordLockedError.
LOCKED = "This record is signed off (or withdrawn) and cannot be changed; an addendum can be added."

#: Tables that are not the record: the trail, who has it open, and addenda (allowed).
NOT_LOCKED = frozenset({"audit_entries", "editing_sessions", "addenda", "alembic_version"})

#: The states in which nothing of the record changes any more.
LOCKED_STATES = ("signed_off", "withdrawn")
_LOCKED_SQL = "(" + ", ".join(f"'{state}'" for state in LOCKED_STATES) + ")"

#: The only columns of a signed-off conference row that may still change.
HEAD_COLUMNS = ("audit_head_hash", "audit_head_count")
SIGNED_OFF_HEAD = ("signed_off_head_hash", "signed_off_head_count")

_PREFIX = "cpr_lock_"


def locked_tables(connection: Connection) -> dict[str, list[tuple[str, str]]]:
    """Each record table with its path to ``conferences``: ``[(column, parent table), …]``.

    Only required (NOT NULL) foreign keys are followed, shortest path first, so a row
    always has exactly one conference.
    """
    schema = inspect(connection)
    tables = [t for t in schema.get_table_names() if t not in NOT_LOCKED and t != "conferences"]
    required: dict[str, list[tuple[str, str]]] = {}
    for table in tables:
        nullable = {c["name"]: c["nullable"] for c in schema.get_columns(table)}
        required[table] = sorted(
            (fk["constrained_columns"][0], fk["referred_table"])
            for fk in schema.get_foreign_keys(table)
            if len(fk["constrained_columns"]) == 1 and not nullable[fk["constrained_columns"][0]]
        )
    paths: dict[str, list[tuple[str, str]]] = {}
    for table in tables:
        frontier: list[tuple[str, list[tuple[str, str]]]] = [(table, [])]
        seen = {table}
        while frontier and table not in paths:
            step: list[tuple[str, list[tuple[str, str]]]] = []
            for current, path in frontier:
                for column, parent in required.get(current, []):
                    if parent == "conferences":
                        paths[table] = [*path, (column, parent)]
                        break
                    if parent not in seen:
                        seen.add(parent)
                        step.append((parent, [*path, (column, parent)]))
                if table in paths:
                    break
            frontier = step
    return paths


def _status_of(row: str, path: list[tuple[str, str]]) -> str:
    """SQL for the status of the conference that ``row`` (NEW or OLD) belongs to."""
    column, parent = path[0]
    expression = f"{row}.{column}"
    for next_column, next_parent in path[1:]:
        expression = f"(SELECT {next_column} FROM {parent} WHERE id = {expression})"
        parent = next_parent
    return f"(SELECT status FROM conferences WHERE id = {expression})"


def _conference_columns(connection: Connection) -> list[str]:
    return [c["name"] for c in inspect(connection).get_columns("conferences")]


def drop_lock_triggers(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        for name in connection.execute(
            text("SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE :p"),
            {"p": f"{_PREFIX}%"},
        ).all():
            connection.execute(text(f'DROP TRIGGER IF EXISTS "{name[0]}" ON "{name[1]}"'))
        for (function,) in connection.execute(
            text("SELECT proname FROM pg_proc WHERE proname LIKE :p"), {"p": f"{_PREFIX}%"}
        ).all():
            connection.execute(text(f'DROP FUNCTION IF EXISTS "{function}"()'))
        return
    for (name,) in connection.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE :p"),
        {"p": f"{_PREFIX}%"},
    ).all():
        connection.execute(text(f'DROP TRIGGER IF EXISTS "{name}"'))


def create_lock_triggers(connection: Connection) -> None:
    """(Re)create the lock's triggers for the schema as it is now; safe to call again."""
    drop_lock_triggers(connection)
    if connection.dialect.name == "postgresql":
        _create_postgresql(connection)
    else:
        _create_sqlite(connection)


def _create_sqlite(connection: Connection) -> None:
    refuse = f"BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END"
    locked = f"IN {_LOCKED_SQL}"
    for table, path in locked_tables(connection).items():
        new, old = _status_of("NEW", path), _status_of("OLD", path)
        connection.execute(
            text(
                f"CREATE TRIGGER {_PREFIX}{table}_insert BEFORE INSERT ON {table} "
                f"WHEN {new} {locked} {refuse}"
            )
        )
        connection.execute(
            text(
                f"CREATE TRIGGER {_PREFIX}{table}_update BEFORE UPDATE ON {table} "
                f"WHEN {old} {locked} OR {new} {locked} {refuse}"
            )
        )
        connection.execute(
            text(
                f"CREATE TRIGGER {_PREFIX}{table}_delete BEFORE DELETE ON {table} "
                f"WHEN {old} {locked} {refuse}"
            )
        )
    others = [
        c
        for c in _conference_columns(connection)
        if c not in HEAD_COLUMNS and c not in SIGNED_OFF_HEAD
    ]
    changed = " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in others)
    head_set_twice = " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in SIGNED_OFF_HEAD)
    connection.execute(
        text(
            f"CREATE TRIGGER {_PREFIX}conferences_update BEFORE UPDATE ON conferences "
            f"WHEN OLD.status {locked} AND ({changed} OR "
            f"(OLD.signed_off_head_hash <> '' AND ({head_set_twice}))) {refuse}"
        )
    )
    connection.execute(
        text(
            f"CREATE TRIGGER {_PREFIX}conferences_delete BEFORE DELETE ON conferences "
            f"WHEN OLD.status {locked} {refuse}"
        )
    )


def _create_postgresql(connection: Connection) -> None:
    refuse = f"RAISE EXCEPTION '{LOCKED}' USING ERRCODE = 'P0001';"
    for table, path in locked_tables(connection).items():
        new, old = _status_of("NEW", path), _status_of("OLD", path)
        connection.execute(
            text(
                f"CREATE FUNCTION {_PREFIX}{table}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                "BEGIN\n"
                "  IF TG_OP <> 'INSERT' THEN\n"
                f"    IF {old} IN {_LOCKED_SQL} THEN {refuse} END IF;\n"
                "  END IF;\n"
                "  IF TG_OP <> 'DELETE' THEN\n"
                f"    IF {new} IN {_LOCKED_SQL} THEN {refuse} END IF;\n"
                "    RETURN NEW;\n"
                "  END IF;\n"
                "  RETURN OLD;\n"
                "END $$"
            )
        )
        connection.execute(
            text(
                f"CREATE TRIGGER {_PREFIX}{table} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {_PREFIX}{table}()"
            )
        )
    free = ", ".join(f"'{c}'" for c in (*HEAD_COLUMNS, *SIGNED_OFF_HEAD))
    connection.execute(
        text(
            f"CREATE FUNCTION {_PREFIX}conferences() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            f"  IF OLD.status NOT IN {_LOCKED_SQL} THEN\n"
            "    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n"
            "    RETURN NEW;\n"
            "  END IF;\n"
            f"  IF TG_OP = 'DELETE' THEN {refuse} END IF;\n"
            f"  IF (to_jsonb(NEW) - ARRAY[{free}]) IS DISTINCT FROM (to_jsonb(OLD) - ARRAY[{free}])"
            f" THEN {refuse} END IF;\n"
            "  IF OLD.signed_off_head_hash <> '' AND (NEW.signed_off_head_hash,"
            " NEW.signed_off_head_count) IS DISTINCT FROM (OLD.signed_off_head_hash,"
            f" OLD.signed_off_head_count) THEN {refuse} END IF;\n"
            "  RETURN NEW;\n"
            "END $$"
        )
    )
    connection.execute(
        text(
            f"CREATE TRIGGER {_PREFIX}conferences BEFORE UPDATE OR DELETE ON conferences "
            f"FOR EACH ROW EXECUTE FUNCTION {_PREFIX}conferences()"
        )
    )
