"""Live view: which conferences another window, process or machine has just changed.

A chair following the minute-taker from another machine sees each saved change
within two seconds without reopening the record:

* on PostgreSQL every audit entry announces its conference's id with ``NOTIFY`` (a
  trigger from migration 0004; delivered when the transaction commits, never for a
  rollback), and a :class:`ChangeWatch` listens on a connection of its own;
* on SQLite a :class:`ChangeWatch` polls ``PRAGMA data_version`` (it changes when any
  other connection commits) and then reads which conferences the new audit entries
  belong to: every change to a record writes one.

The watch reports conference ids; the window decides what to read again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from .model import AuditEntry
from .store import Store

#: The channel the audit trigger of migration 0004 announces on.
CHANNEL = "cprecorder_changes"


class ChangeWatch:
    """Conferences changed since the last :meth:`poll`, by anyone, on either backend."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._listener: Any = None
        self._connection: Any = None
        self._data_version: int | None = None
        self._last_entry = 0
        if store.is_sqlite:
            self._connection = store.engine.raw_connection()
            self._data_version = self._sqlite_data_version()
            with store.read() as session:
                self._last_entry = session.scalar(select(func.max(AuditEntry.id))) or 0
        else:
            # A connection of its own, made as the store makes them, never returned to
            # the pool: it stays listening while the window is open.
            self._connection = store.engine.raw_connection()
            self._listener = self._connection.driver_connection
            self._connection.detach()
            self._listener.rollback()
            self._listener.autocommit = True
            self._listener.execute(f"LISTEN {CHANNEL}")

    def _sqlite_data_version(self) -> int:
        cursor = self._connection.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            return int(cursor.fetchone()[0])
        finally:
            cursor.close()

    def poll(self) -> set[int]:
        """The ids of conferences changed since the last call (empty if none); never waits."""
        if self._listener is not None:
            changed = set()
            for notice in self._listener.notifies(timeout=0, stop_after=None):
                if notice.payload.isdigit():
                    changed.add(int(notice.payload))
            return changed
        version = self._sqlite_data_version()
        if version == self._data_version:
            return set()
        self._data_version = version
        with self.store.read() as session:
            rows = session.execute(
                select(AuditEntry.conference_id, func.max(AuditEntry.id))
                .where(AuditEntry.id > self._last_entry)
                .group_by(AuditEntry.conference_id)
            ).all()
        for _conference_id, last in rows:
            self._last_entry = max(self._last_entry, int(last))
        return {int(conference_id) for conference_id, _last in rows if conference_id is not None}

    def close(self) -> None:
        self._listener = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None
