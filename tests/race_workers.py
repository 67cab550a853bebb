"""What each client process does in the race tests: open the store and race the others.

Each function runs in a process of its own, forked from a clean server process that has
already imported the store and the operations (so nothing is shared with the test but
the database, and a client starts in milliseconds). It opens its own :class:`Store` on
the URL, waits at the barrier so every client starts together, and puts one line saying
what happened on the result queue.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing import get_context
from typing import Any

from cprecorder.actor import Actor
from cprecorder.model import Role

CONTEXT = get_context("forkserver")
CONTEXT.set_forkserver_preload(
    ["race_workers", "cprecorder.operations", "cprecorder.editing", "cprecorder.store"]
)


def client(name: str, role: Role = Role.MINUTE_TAKER) -> Actor:
    return Actor(name=name, role=role, os_user=name.split()[0].lower())


@contextmanager
def opened(url: str, barrier: Any) -> Iterator[Any]:
    """The client's own store, once every client is ready to go."""
    from cprecorder.store import Store

    store = Store(url, migrate=False)
    try:
        barrier.wait()
        yield store
    finally:
        store.close()


def run_together(target: Callable[..., str], *each: tuple[Any, ...]) -> list[str]:
    """One process per argument tuple, all released at once; their results, in order."""
    return run_clients(*[(target, args) for args in each])


def run_clients(
    *clients: tuple[Callable[..., str], tuple[Any, ...]], timeout: float = 120
) -> list[str]:
    """One process per (what it does, its arguments), all released at once; their results."""
    barrier = CONTEXT.Barrier(len(clients))
    results = CONTEXT.Queue()
    processes = [
        CONTEXT.Process(target=_report, args=(number, results, target, barrier, *args))
        for number, (target, args) in enumerate(clients)
    ]
    for process in processes:
        process.start()
    found: dict[int, str] = {}
    deadline = time.monotonic() + timeout
    while len(found) < len(processes) and time.monotonic() < deadline:
        try:
            number, line = results.get(timeout=1)
        except Exception:  # queue.Empty: look whether a process died without a word
            if all(not p.is_alive() for p in processes) and results.empty():
                break
            continue
        found[number] = line
    for process in processes:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
    return [found.get(number, "no answer") for number in range(len(processes))]


def _report(number: int, results: Any, target: Callable[..., str], *args: Any) -> None:
    try:
        line = target(*args)
    except BaseException as exc:
        line = f"error: {type(exc).__name__}: {exc}\n{traceback.format_exc()}"
    results.put((number, line))


def save_words(barrier: Any, url: str, conference_id: int, words: str, revision: int) -> str:
    """Save the chair's summary based on ``revision``: 'saved' or 'conflict: <who>: <theirs>'."""
    from cprecorder.conflicts import EditConflictError
    from cprecorder.operations import update

    with opened(url, barrier) as store:
        try:
            update(
                store,
                actor=client(words),
                entity="conference",
                entity_id=conference_id,
                values={"chair_summary": words},
                revision=revision,
            )
        except EditConflictError as exc:
            return f"conflict: {exc.by}: {exc.theirs['chair_summary']}"
        return "saved"


def save_many(
    barrier: Any, url: str, entity: str, entity_id: int, field: str, tag: str, times: int
) -> str:
    """Save one field of one part of a record ``times`` times, as fast as possible."""
    from cprecorder.operations import update

    with opened(url, barrier) as store:
        for number in range(times):
            update(
                store,
                actor=client(f"Client {tag}"),
                entity=entity,
                entity_id=entity_id,
                values={field: f"{tag} {number}"},
            )
        return f"saved {times}"


def add_danger_statement(barrier: Any, url: str, conference_id: int, words: str) -> str:
    """Add a danger statement: 'added' or 'refused: <why>'."""
    from cprecorder.errors import ValidationError
    from cprecorder.operations import add_item

    with opened(url, barrier) as store:
        try:
            add_item(
                store,
                actor=client("Dana Okafor"),
                conference_id=conference_id,
                entity="danger_statement",
                values={"statement": words},
            )
        except ValidationError as exc:
            return f"refused: {exc}"
        return "added"


def slow_save(barrier: Any, url: str, conference_id: int, inside: Any, delay: float) -> str:
    """A save on a slow network: it has read the draft, then takes ``delay`` s to commit."""
    from sqlalchemy import event

    from cprecorder.errors import RecordLockedError
    from cprecorder.operations import update

    def linger(_session: Any) -> None:
        inside.set()
        time.sleep(delay)

    with opened(url, barrier) as store:
        event.listen(store._sessions, "before_commit", linger)  # a save through the ORM
        lingering_before_commit(store, linger)  # a field's save on the driver's connection
        try:
            update(
                store,
                actor=client("Gemma Stiles"),
                entity="conference",
                entity_id=conference_id,
                values={"chair_summary": "Typed just before the sign-off."},
            )
        except RecordLockedError:
            return "refused: signed off"
        return "saved"


def lingering_before_commit(store: Any, linger: Callable[[Any], None]) -> None:
    """Make the store's direct saves call ``linger`` just before they commit."""
    direct = store.write_directly

    class Lingering:
        def __init__(self, connection: Any) -> None:
            self._connection = connection

        def __getattr__(self, name: str) -> Any:
            return getattr(self._connection, name)

        def commit(self) -> None:
            linger(None)
            self._connection.commit()

    @contextmanager
    def write_directly() -> Iterator[Any]:
        with direct() as connection:
            yield Lingering(connection)

    store.write_directly = write_directly


def sign_off_when_inside(barrier: Any, url: str, conference_id: int, inside: Any) -> str:
    """The chair signs off while the slow save is still open."""
    from cprecorder.operations import sign_off

    with opened(url, barrier) as store:
        if not inside.wait(timeout=30):
            return "the save never started"
        sign_off(
            store,
            actor=client("Ruth Calloway", Role.CHAIR),
            conference_id=conference_id,
            chair_name="Ruth Calloway",
        )
        return "signed off"


def open_for_editing(barrier: Any, url: str, conference_id: int, name: str) -> str:
    """Open the conference in a window: 'editing' or 'read-only: <holder>'."""
    from cprecorder.editing import claim, new_token

    with opened(url, barrier) as store:
        holder = claim(store, actor=client(name), conference_id=conference_id, token=new_token())
        return "editing" if holder is None else f"read-only: {holder.name}"


def save_later(barrier: Any, url: str, conference_id: int, words: str, after: float) -> str:
    """Wait ``after`` seconds, then save; the wall-clock time it was committed."""
    from cprecorder.operations import update

    with opened(url, barrier) as store:
        time.sleep(after)
        update(
            store,
            actor=client("Gemma Stiles"),
            entity="conference",
            entity_id=conference_id,
            values={"chair_summary": words},
        )
        return f"{time.time():.3f}"
