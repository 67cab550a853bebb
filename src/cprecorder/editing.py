"""Who is editing a conference, so two windows never overwrite each other silently.

The first window to open a conference holds it and keeps the hold alive with a
heartbeat; any other window (another process, another machine on a shared
database) opens it read-only and says who has it. A hold whose heartbeat has
stopped (the app was killed) lapses after :data:`LAPSES_AFTER`. A window that
crashed on this machine is known at once: the next start by the same person on
the same machine finds its process gone, releases its hold and says so in the
audit trail (:func:`crashed_here`); a hold from another machine still lapses.

The claim is one statement (an insert that, on conflict, takes the row over only if
it is this window's or has lapsed), so two windows opening at once cannot both win,
and every time in it is the database's clock, so a client whose clock is wrong can
neither take over a live hold nor keep a dead one.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
from dataclasses import dataclass
from types import ModuleType
from typing import Any, cast

from sqlalchemy import Table, or_
from sqlalchemy.dialects import sqlite

from .actor import Actor
from .audit import write_note
from .dates import clock_time, local_moment
from .model import EditingSession, Operation
from .model.clock import database_now, seconds_before
from .store import Store

HEARTBEAT = dt.timedelta(seconds=20)
LAPSES_AFTER = dt.timedelta(seconds=75)


@dataclass(frozen=True)
class Holder:
    """Someone else editing the conference."""

    name: str
    role: str
    host: str
    since: dt.datetime

    def sentence(self) -> str:
        local = clock_time(local_moment(self.since))
        where = f" on {self.host}" if self.host else ""
        return (
            f"{self.name or 'Someone'} has this record open{where} since {local}, so it "
            "is read-only here. Close it there to edit it here."
        )


def new_token() -> str:
    return secrets.token_hex(16)


def claim(store: Store, *, actor: Actor, conference_id: int, token: str) -> Holder | None:
    """Hold the conference for this window, or say who else holds it."""
    now = database_now()
    mine: dict[str, Any] = {
        "holder": actor.name,
        "role": actor.role.value,
        "os_user": actor.os_user,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "token": token,
        "opened_at": now,
        "heartbeat_at": now,
    }
    table = cast(Table, EditingSession.__table__)
    dialect: ModuleType = sqlite
    if not store.is_sqlite:  # imported only for a server: a window on SQLite opens sooner
        from sqlalchemy.dialects import postgresql

        dialect = postgresql
    statement = dialect.insert(table).values(conference_id=conference_id, **mine)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.conference_id],
        set_=mine,
        where=or_(
            table.c.token == token,
            table.c.heartbeat_at < seconds_before(database_now(), LAPSES_AFTER.total_seconds()),
        ),
    ).returning(table.c.token)
    for _attempt in range(3):
        with store.write(actor, None) as session:
            if session.execute(statement).scalar_one_or_none() == token:
                return None
            held = session.get(EditingSession, conference_id, populate_existing=True)
            if held is None:
                continue  # released between the two statements: claim again
            if not crashed_here(held, actor):
                return Holder(held.holder, held.role, held.host, held.opened_at)
            write_note(
                session,
                conference_id=conference_id,
                operation=Operation.RELEASE_CRASHED_HOLD,
                target=f"EditingSession#{conference_id}",
                old_value=f"{held.holder} on {held.host} (process {held.pid}) since "
                f"{held.opened_at:%Y-%m-%d %H:%M:%S} UTC",
            )
            session.delete(held)  # the next attempt claims it
    return Holder("", "", "", dt.datetime.now(dt.UTC).replace(tzinfo=None))


def crashed_here(held: EditingSession, actor: Actor) -> bool:
    """A hold by the same person on this machine whose window's process has gone."""
    return (
        held.host == socket.gethostname()
        and held.os_user == actor.os_user
        and held.pid != os.getpid()
        and not process_is_running(held.pid)
    )


def process_is_running(pid: int) -> bool:
    """Whether a process with this id exists on this machine (a reused id counts)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill would end the process there
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def heartbeat(store: Store, *, actor: Actor, conference_id: int, token: str) -> bool:
    """Keep the hold alive; False if it was lost (lapsed and taken by another window)."""
    table = cast(Table, EditingSession.__table__)
    with store.write(actor, None) as session:
        kept = session.execute(
            table.update()
            .where(table.c.conference_id == conference_id, table.c.token == token)
            .values(heartbeat_at=database_now())
        )
        return bool(getattr(kept, "rowcount", 0))


def release(store: Store, *, actor: Actor, conference_id: int, token: str) -> None:
    with store.write(actor, None) as session:
        held = session.get(EditingSession, conference_id)
        if held is not None and held.token == token:
            session.delete(held)
