"""Who is editing a conference, so two windows never overwrite each other silently.

The first window to open a conference holds it and keeps the hold alive with a
heartbeat; any other window (another process, another machine on a shared
database) opens it read-only and says who has it. A hold whose heartbeat has
stopped (the app was killed) lapses after :data:`LAPSES_AFTER`.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
from dataclasses import dataclass

from .actor import Actor
from .model import EditingSession
from .model.base import utcnow
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
        local = self.since.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")
        where = f" on {self.host}" if self.host else ""
        return (
            f"{self.name or 'Someone'} has this record open{where} since {local}, so it "
            "is read-only here. Close it there to edit it here."
        )


def new_token() -> str:
    return secrets.token_hex(16)


def claim(store: Store, *, actor: Actor, conference_id: int, token: str) -> Holder | None:
    """Hold the conference for this window, or say who else holds it."""
    now = utcnow()
    with store.write(actor, "open_for_editing") as session:
        held = session.get(EditingSession, conference_id)
        if held is not None and held.token != token and now - held.heartbeat_at < LAPSES_AFTER:
            return Holder(held.holder, held.role, held.host, held.opened_at)
        if held is None:
            held = EditingSession(conference_id=conference_id)
            session.add(held)
        held.holder = actor.name
        held.role = actor.role.value
        held.os_user = actor.os_user
        held.host = socket.gethostname()
        held.pid = os.getpid()
        held.token = token
        held.opened_at = now
        held.heartbeat_at = now
    return None


def heartbeat(store: Store, *, actor: Actor, conference_id: int, token: str) -> bool:
    """Keep the hold alive; False if it was lost (lapsed and taken by another window)."""
    with store.write(actor, "still_editing") as session:
        held = session.get(EditingSession, conference_id)
        if held is None or held.token != token:
            return False
        held.heartbeat_at = utcnow()
        return True


def release(store: Store, *, actor: Actor, conference_id: int, token: str) -> None:
    with store.write(actor, "closed_for_editing") as session:
        held = session.get(EditingSession, conference_id)
        if held is not None and held.token == token:
            session.delete(held)
