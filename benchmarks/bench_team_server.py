"""The store on a real PostgreSQL server: the same figures as on SQLite, and twenty clients.

The server is a throw-away cluster started for the run (the test suite's, with
durability left on: ``fsync`` and ``synchronous_commit`` as a real server has them),
listening on a Unix socket. The demo conference is imported once and copied in bare
SQL, doubling until there are 10,000, as ``bench_store`` does for SQLite.

Floors are what the database can do at best, never the application's own SQL replayed:

* autosave: a raw psycopg ``UPDATE`` of the same text field of the same row and
  ``COMMIT``, on a connection kept open (target: the store's save ≤ 2 × that);
* open: a bare psycopg connect and one read;
* lists and search: the best query the schema's indexes allow for what the start view
  shows (ids, family name, kind, date, status and the children's names), read in full.

``server.clients_save_p95``: twenty client processes, each saving a text field of its own
conference once a second for ``CPRECORDER_BENCH_CLIENT_SECONDS`` (default 60) seconds;
every client must finish without an error, every save must be in the trail and every
chain intact, or the figure says what failed. Its floor is the raw save measured alone.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_store import copy_statements
from benchmarks.figure import Figure, percentile
from benchmarks.store_figures import BACKS, CONFERENCES, FIRSTS, FRONTS, Floors, measure

CLIENTS = 20
TEMPLATE = "cprecorder_bench"


def _server() -> Any:
    tests = Path(__file__).resolve().parent.parent / "tests"
    if str(tests) not in sys.path:
        sys.path.insert(0, str(tests))
    from throwaway_server import ThrowawayServer

    server = ThrowawayServer(durable=True)
    server.start()
    return server


def generate(server: Any, name: str) -> None:
    """A database of CONFERENCES full conferences (not measured)."""
    from cprecorder.actor import Actor
    from cprecorder.demo import add_demo_conference
    from cprecorder.model import Base
    from cprecorder.store import Store

    with server.connect() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    seed = Store(server.url(name), migrate=True)
    add_demo_conference(seed, Actor.current("Benchmark"))
    seed.close()
    tables = [t for t in Base.metadata.sorted_tables if t.name != "alembic_version"]
    with server.connect(name) as conn:
        conn.execute("SET session_replication_role = replica")  # no FK checks while copying
        count = 1
        while count < CONFERENCES:
            with conn.transaction():
                _copy_first(conn, tables, min(count, CONFERENCES - count))
            count = conn.execute("SELECT count(*) FROM conferences").fetchone()[0]
        fronts = ", ".join(f"'{f}'" for f in FRONTS)
        backs = ", ".join(f"'{b}'" for b in BACKS)
        firsts = ", ".join(f"'{f}'" for f in FIRSTS)
        with conn.transaction():
            conn.execute(
                f"UPDATE conferences SET family_name = (ARRAY[{fronts}])[id % {len(FRONTS)} + 1]"
                f" || (ARRAY[{backs}])[(id / {len(FRONTS)}) % {len(BACKS)} + 1],"
                " scheduled_at = timestamp '2020-01-06 09:30' + (5 * id) * interval '1 hour'"
            )
            conn.execute(
                f"UPDATE children SET first_name = (ARRAY[{firsts}])[(id * 7) % {len(FIRSTS)} + 1],"
                " last_name = (SELECT family_name FROM conferences c WHERE c.id = conference_id)"
            )
        for table in tables:
            if "id" in table.columns and len(table.primary_key.columns) == 1:
                conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"(SELECT max(id) FROM {table.name}))"
                )
        conn.execute("VACUUM ANALYZE")


def _copy_first(conn: Any, tables: list[Any], first: int) -> None:
    shift = {}
    for table in tables:
        if "id" in table.columns and len(table.primary_key.columns) == 1:
            shift[table.name] = conn.execute(
                f"SELECT COALESCE(MAX(id), 0) FROM {table.name}"
            ).fetchone()[0]
        else:
            shift[table.name] = 0
    # A uid per copied row: 32 hex digits, as new_uid makes.
    for statement in copy_statements(tables, first, shift, "md5(random()::text || id::text)"):
        conn.execute(statement)


#: What the start view shows (ids, family, the children's names in order, kind, date,
#: status), newest first, by the best query the indexes allow, written by hand (a floor,
#: not the application's SQL): the (scheduled_at, id) index gives the order, each
#: conference's children come by their index, a search is answered by the trigram indexes.
BEST_LIST = (
    "SELECT c.id, c.family_name,"
    " (SELECT string_agg(trim(ch.first_name || ' ' || ch.last_name), ', ' ORDER BY ch.position)"
    "  FROM children ch WHERE ch.conference_id = c.id),"
    " c.kind, c.scheduled_at, c.status FROM conferences c WHERE c.status <> 'withdrawn' {search}"
    " ORDER BY c.scheduled_at DESC, c.id DESC"
)
BEST_SEARCH = (
    "AND c.id IN (SELECT id FROM conferences WHERE family_name ILIKE %(p)s"
    " UNION SELECT conference_id FROM children WHERE first_name || ' ' || last_name ILIKE %(p)s)"
)


def run() -> list[Figure]:
    from cprecorder.store import Store

    server = _server()
    try:
        generate(server, TEMPLATE)
        url = server.url(TEMPLATE)
        Store(url).close()

        def open_raw() -> None:
            with server.connect(TEMPLATE) as conn:
                conn.execute("SELECT version_num FROM alembic_version").fetchone()

        with server.connect(TEMPLATE) as raw:
            raw.autocommit = False

            def listed_raw(search: str, limit: int | None) -> list[Any]:
                best = BEST_LIST.format(search=BEST_SEARCH if search else "")
                params = {"p": f"%{search}%"} if search else None
                rows = raw.execute(best + (f" LIMIT {limit}" if limit else ""), params).fetchall()
                raw.rollback()
                return rows

            def save_raw(conference_id: int, words: str) -> None:
                raw.execute(
                    "UPDATE conferences SET chair_summary = %s WHERE id = %s",
                    (words, conference_id),
                )
                raw.commit()

            measured = measure(
                url,
                Floors("server", open_raw, listed_raw, save_raw, "raw psycopg UPDATE + COMMIT"),
            )
        return [*measured.figures, _clients(server, url, measured.save_raw_p95)]
    finally:
        server.stop()


def _clients(server: Any, url: str, floor: float) -> Figure:
    """Twenty processes saving once a second each; every save kept, every chain whole."""
    from multiprocessing import get_context

    from sqlalchemy import func, select

    from cprecorder.audit import verify_chain
    from cprecorder.model import AuditEntry
    from cprecorder.store import Store

    seconds = float(os.environ.get("CPRECORDER_BENCH_CLIENT_SECONDS", "60"))
    context = get_context("forkserver")
    results = context.Queue()
    ready = context.Barrier(CLIENTS)  # every client begins together
    clients = [
        context.Process(target=_client, args=(url, n, seconds, ready, results))
        for n in range(CLIENTS)
    ]
    for client in clients:
        client.start()
    outcomes = [results.get(timeout=seconds + 120) for _ in clients]
    for client in clients:
        client.join(timeout=10)
    errors = [o["error"] for o in outcomes if o["error"]]
    times = [t for o in outcomes for t in o["times"]]
    saved = sum(len(o["times"]) for o in outcomes)
    store = Store(url)
    broken = []
    with store.read() as session:
        trail = session.scalar(
            select(func.count(AuditEntry.id)).where(
                AuditEntry.operation == "update",
                AuditEntry.new_value.like("Client % save %"),
            )
        )
        for o in outcomes:
            report = verify_chain(session, o["conference"])
            if not report.intact:
                broken.append(o["conference"])
    store.close()
    problems = []
    if errors:
        problems.append(f"{len(errors)} errors, first: {errors[0]}")
    if trail != saved:
        problems.append(f"{saved} saves confirmed but {trail} in the trail")
    if broken:
        problems.append(f"chains broken: {broken}")
    verdict = "; ".join(problems) if problems else "no error, no save lost, every chain intact"
    return Figure(
        "server.clients_save_p95",
        percentile(times, 95) if times else float("nan"),
        floor,
        note=f"{CLIENTS} clients x 1 save/s for {seconds:.0f} s, {saved} saves: {verdict}",
    )


def _client(url: str, number_: int, seconds: float, ready: Any, results: Any) -> None:
    """One person's computer: its own conference, saved into once a second."""
    import datetime as dt

    from cprecorder.actor import Actor
    from cprecorder.model import ConferenceKind
    from cprecorder.operations import create_conference, update
    from cprecorder.store import Store

    times: list[float] = []
    error = ""
    store = Store(url)
    actor = Actor.current(f"Client {number_}")
    conference_id = create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.REVIEW,
        family_name=f"Client{number_}",
        scheduled_at=dt.datetime(2026, 12, 1, 10, 0),
    ).conference_id
    ready.wait()
    start = time.time()
    number = 0
    try:
        while time.time() < start + seconds:
            began = time.perf_counter()
            update(
                store,
                actor=actor,
                entity="conference",
                entity_id=conference_id,
                values={"chair_summary": f"Client {conference_id} save {number}"},
            )
            times.append((time.perf_counter() - began) * 1000)
            number += 1
            time.sleep(max(0.0, start + number - time.time()))
    except Exception as exc:  # reported, not raised: the figure says what failed
        error = f"{type(exc).__name__}: {exc}"
    finally:
        store.close()
    results.put({"conference": conference_id, "times": times, "error": error})
