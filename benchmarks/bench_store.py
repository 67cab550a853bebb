"""The store at scale: 10,000 conferences, opened, listed, searched and saved into.

The promise: with 10,000 full conferences in one SQLite file, opening the store,
the start view's list (newest 200, and the whole list) and a search by family or
child name each take at most 100 ms at the 95th percentile, and an autosave of
one text field costs little more than the bare SQLite commit under it.

How: the demo conference (every section filled) is imported once, then the
rows of the first conferences are copied in bare SQL with their ids and the ids
they refer to shifted past the end, doubling the count until it is 10,000. Family
names, children's names and dates are then varied so a search matches a few
hundred, not all. Generating takes a few seconds and is not measured; the file
is cached in the temp folder, keyed by schema revision, and copied for each run.

Figures: ``value`` = p95 through cprecorder, ``floor`` = p95 of the least the same
work can cost through bare ``sqlite3``, written by hand, never the application's own
SQL replayed: for the open, a bare connect and one read; for the lists and the search,
the best query the schema's indexes allow for the same rows (:data:`BEST_LIST`); the
note says whether the p95 is inside the 100 ms budget. For the autosave, ``value`` =
median ``operations.update`` of one text field, ``floor`` = median raw ``sqlite3``
UPDATE + COMMIT of the same row in WAL with ``synchronous=FULL`` (target: 2×).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import Table

from benchmarks.figure import Figure
from benchmarks.store_figures import BACKS, CONFERENCES, FIRSTS, FRONTS, Floors, measure

GENERATOR_VERSION = 1


def family_name(n: int) -> str:
    return FRONTS[n % len(FRONTS)] + BACKS[(n // len(FRONTS)) % len(BACKS)]


def child_first_name(n: int) -> str:
    return FIRSTS[(n * 7) % len(FIRSTS)]


def _cache_path() -> Path:
    from cprecorder.migrations import SCHEMA_HEAD

    folder = Path(tempfile.gettempdir()) / "cprecorder-bench"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder / f"store-{CONFERENCES}-s{SCHEMA_HEAD}-g{GENERATOR_VERSION}.sqlite3"


def generate(path: Path) -> None:
    """Write a store of CONFERENCES full conferences to ``path`` (not measured)."""
    from cprecorder.actor import Actor
    from cprecorder.demo import add_demo_conference
    from cprecorder.model import Base
    from cprecorder.store import Store

    partial = path.with_name(path.name + ".partial")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    seed = Store.open_sqlite(partial)
    add_demo_conference(seed, Actor.current("Benchmark"))
    seed.close()

    tables = [t for t in Base.metadata.sorted_tables if t.name != "alembic_version"]
    with closing(sqlite3.connect(partial, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA foreign_keys = OFF")
        count = 1
        while count < CONFERENCES:
            conn.execute("BEGIN")
            _copy_first(conn, tables, min(count, CONFERENCES - count))
            conn.execute("COMMIT")
            count = conn.execute("SELECT COUNT(*) FROM conferences").fetchone()[0]
        conn.execute("BEGIN")
        _vary(conn)
        conn.execute("COMMIT")
        conn.execute("VACUUM")
        conn.execute("PRAGMA journal_mode = WAL")
    os.replace(partial, path)


def _belongs_to_first(table: Table, first: int) -> str:
    """SQL condition: the row is part of one of the conferences with id <= ``first``."""
    if table.name == "conferences":
        return f"id <= {first}"
    if table.name == "cases":  # one case a conference, as the demo has
        return f"id IN (SELECT case_id FROM conferences WHERE id <= {first})"
    if "conference_id" in table.columns:
        return f"conference_id <= {first}"
    for column in table.columns:  # a nested part: follow its owner up to the conference
        for key in column.foreign_keys:
            if column.nullable:
                continue
            owner = key.column.table
            inside = _belongs_to_first(owner, first)
            return f"{column.name} IN (SELECT id FROM {owner.name} WHERE {inside})"
    raise ValueError(f"{table.name} does not belong to a conference")


def _copy_first(conn: sqlite3.Connection, tables: list[Table], first: int) -> None:
    """Copy the first ``first`` conferences, every id and id referred to shifted past the end."""
    shift = {
        t.name: conn.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {t.name}").fetchone()[0]
        for t in tables
    }
    for statement in copy_statements(tables, first, shift):
        conn.execute(statement)


#: SQL for a new random identity of 32 hex digits, as ``new_uid`` makes (SQLite).
NEW_UID = "lower(hex(randomblob(16)))"


def copy_statements(
    tables: list[Table], first: int, shift: dict[str, int], new_uid: str = NEW_UID
) -> list[str]:
    """INSERT … SELECT for each table, ids shifted by ``shift`` (by table), in table order;
    ``new_uid`` is the SQL that gives each copied case or meeting an identity of its own."""
    statements = []
    for table in tables:
        names, values = [], []
        for column in table.columns:
            names.append(column.name)
            if column.name == "uid":  # who a case or meeting is: never copied
                values.append(new_uid)
            elif column.primary_key and len(table.primary_key.columns) == 1:
                values.append(f"{column.name} + {shift[table.name]}")
            elif column.foreign_keys:
                target = next(iter(column.foreign_keys)).column.table.name
                values.append(f"{column.name} + {shift[target]}")
            else:
                values.append(column.name)
        statements.append(
            f"INSERT INTO {table.name} ({', '.join(names)}) SELECT {', '.join(values)} "
            f"FROM {table.name} WHERE {_belongs_to_first(table, first)}"
        )
    return statements


def _vary(conn: sqlite3.Connection) -> None:
    conn.create_function("family_name", 1, family_name, deterministic=True)
    conn.create_function("child_first_name", 1, child_first_name, deterministic=True)
    start = dt.datetime(2020, 1, 6, 9, 30)
    conn.create_function(
        "scheduled",
        1,
        lambda n: (start + dt.timedelta(hours=5 * n)).isoformat(sep=" "),
        deterministic=True,
    )
    conn.execute(
        "UPDATE conferences SET family_name = family_name(id), scheduled_at = scheduled(id)"
    )
    conn.execute(
        "UPDATE children SET first_name = child_first_name(id), last_name = "
        "(SELECT family_name FROM conferences WHERE conferences.id = children.conference_id)"
    )


def prepared_store(folder: Path) -> Path:
    cache = _cache_path()
    if not cache.exists():
        generate(cache)
    path = folder / "cprecorder.sqlite3"
    shutil.copyfile(cache, path)
    return path


#: What the start view shows (id, family, the children's names in order, kind, date,
#: status), newest first, written by hand as the schema's indexes allow it at best: the
#: conferences read in the order of their (scheduled_at, id) index, each one's children
#: by theirs, a search answered by the FTS5 trigram index on the names.
BEST_LIST = (
    "SELECT c.id, c.family_name,"
    " (SELECT group_concat(n, ', ') FROM (SELECT trim(first_name || ' ' || last_name) AS n"
    "  FROM children WHERE conference_id = c.id ORDER BY position)),"
    " c.kind, c.scheduled_at, c.status FROM conferences c"
    " WHERE c.status != 'withdrawn' {search} ORDER BY c.scheduled_at DESC, c.id DESC {limit}"
)
BEST_SEARCH = "AND c.id IN (SELECT rowid FROM conference_search WHERE names LIKE ?)"


def best_query(search: str, limit: int | None) -> tuple[str, tuple[Any, ...]]:
    """The floor's statement for a list or a search, and its parameters."""
    sql = BEST_LIST.format(
        search=BEST_SEARCH if search else "", limit=f"LIMIT {limit}" if limit else ""
    )
    return sql, (f"%{search}%",) if search else ()


def _raw_connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def run() -> list[Figure]:
    from cprecorder.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = prepared_store(Path(tmp))
        url = f"sqlite:///{path}"
        Store(url).close()  # at head from now on

        def open_raw() -> None:
            with closing(_raw_connect(path)) as conn:
                conn.execute("SELECT version_num FROM alembic_version").fetchone()

        with closing(_raw_connect(path)) as raw:

            def listed_raw(search: str, limit: int | None) -> list[Any]:
                return raw.execute(*best_query(search, limit)).fetchall()

            def save_raw(conference_id: int, words: str) -> None:
                raw.execute("BEGIN IMMEDIATE")
                raw.execute(
                    "UPDATE conferences SET chair_summary = ? WHERE id = ?", (words, conference_id)
                )
                raw.execute("COMMIT")

            figures = measure(
                url,
                Floors(
                    "store",
                    open_raw,
                    listed_raw,
                    save_raw,
                    "raw sqlite3 commit (WAL, synchronous=FULL)",
                ),
            ).figures

        size = path.stat().st_size
        figures.append(
            Figure(
                "store.size_per_conference",
                size / CONFERENCES / 1024,
                size / CONFERENCES / 1024,
                unit="KiB",
                note=f"{size / 1024 / 1024:.0f} MiB for {CONFERENCES} full demo conferences",
            )
        )
    return figures
