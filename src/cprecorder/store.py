"""The durable store: any SQLAlchemy URL, SQLite in the user's data folder by default.

SQLite is opened for durability over speed where it matters: WAL with
``synchronous=FULL`` (a confirmed save survives power loss), foreign keys on,
``secure_delete`` (removed text is overwritten), a busy timeout, and
``BEGIN IMMEDIATE`` for writes so two writers queue instead of failing midway.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import (
    DatabaseError,
    DataError,
    IntegrityError,
    OperationalError,
    ProgrammingError,
)
from sqlalchemy.orm import Session, sessionmaker

from .actor import Actor
from .audit import listen_for_deletes, write_audit
from .conference_lock import refuse_unlocked_writes
from .conflicts import count_revisions, note_revisions
from .errors import RefusedByServerError, StoreUnavailableError, StoreVersionError
from .lifecycle import refuse_changes_to_signed_off
from .model import Operation
from .paths import make_private_dir

BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's begin hook issue BEGIN itself (pysqlite's own is deferred).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


def _sqlite_begin(connection: Any) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get("cpr_write") else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


class Store:
    """A connection to one conference database, migrated to the current schema.

    ``migrate``: ``None`` (the default) upgrades a SQLite file but only checks a server's
    schema (a team server is upgraded by ``server init``, never silently by a client);
    ``True`` upgrades either; ``False`` does neither.
    """

    def __init__(self, url: str, *, migrate: bool | None = None) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path: Path | None = None
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            self.path = Path(parsed.database)
            try:
                # Only a folder made here is made private: a folder someone chose
                # (a shared drive, /tmp) keeps the permissions it has.
                if not self.path.parent.exists():
                    make_private_dir(self.path.parent)
                _create_private_file(self.path)
            except OSError as exc:
                raise StoreUnavailableError(explain_folder_error(self.path, exc)) from exc
        if self.is_sqlite:
            self.engine: Engine = create_engine(url)
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        else:
            from .team_server import client_url, provide_password

            self.engine = create_engine(client_url(url))
            event.listen(self.engine, "do_connect", provide_password)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", refuse_changes_to_signed_off)
        event.listen(self._sessions, "before_flush", refuse_unlocked_writes)
        event.listen(self._sessions, "before_flush", count_revisions)
        event.listen(self._sessions, "after_flush", write_audit)
        event.listen(self._sessions, "after_flush", note_revisions)
        listen_for_deletes()
        try:
            if migrate or (migrate is None and self.is_sqlite):
                self.migrate()
            elif migrate is None:
                self.check_schema()
        except BaseException:
            self.engine.dispose()  # nothing is left open by a store that would not open
            raise
        if self.path is not None:
            _protect_files(self.path)

    @classmethod
    def open_sqlite(cls, path: Path) -> Store:
        return cls(f"sqlite:///{path}")

    def migrate(self) -> None:
        from .migrations import upgrade_to_head

        try:
            upgrade_to_head(self.engine)
        except StoreVersionError:
            raise
        except (OperationalError, DatabaseError) as exc:
            raise StoreUnavailableError(explain_database_error(exc)) from exc

    def check_schema(self) -> None:
        """A server's schema must be this version's; only ``server init`` changes it."""
        from .migrations import SCHEMA_HEAD, current_revision, refuse_newer

        try:
            revision = current_revision(self.engine)
        except (OperationalError, DatabaseError) as exc:
            raise StoreUnavailableError(explain_database_error(exc)) from exc
        if revision == SCHEMA_HEAD:
            return
        refuse_newer(revision)
        raise StoreVersionError(
            "The team server's database is not ready for this version of CP Recorder "
            f"(it is at schema {revision or 'none'}, this version needs {SCHEMA_HEAD}). "
            "Ask whoever looks after the server to run: cprecorder-cli server init --db URL"
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; objects stay readable after it closes."""
        with self._sessions() as session:
            try:
                yield session
            except (OperationalError, DatabaseError) as exc:
                if isinstance(exc, ProgrammingError | IntegrityError | DataError):
                    raise  # a bug in a query, not the file or the disk
                raise StoreUnavailableError(explain_database_error(exc)) from exc

    @contextmanager
    def write(self, actor: Actor, operation: Operation | None) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        ``operation`` names the change in every audit entry it writes; None for a
        write that changes no part of the record (the editing hold).
        """
        with self._sessions() as session:
            session.info["actor"] = actor
            session.info["operation"] = operation
            try:
                if self.is_sqlite:  # BEGIN IMMEDIATE: a lock held elsewhere shows here
                    session.connection(execution_options={"cpr_write": True})
                yield session
                session.commit()
            except (OperationalError, DatabaseError) as exc:
                session.rollback()
                raise write_failed(exc) from exc
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def write_directly(self) -> Iterator[Any]:
        """One unit of work on the driver's own connection, for a save that builds no ORM
        object (the autosave, :mod:`cprecorder.operations.fields`): ``BEGIN IMMEDIATE`` on
        SQLite as :meth:`write` takes it; the caller commits; any error rolls back, and the
        database's errors are the same sentences as from :meth:`write`.
        """
        try:
            connection = self.engine.raw_connection()
        except (OperationalError, DatabaseError) as exc:
            raise StoreUnavailableError(explain_database_error(exc)) from exc
        dbapi: Any = self.engine.dialect.loaded_dbapi
        try:
            if self.is_sqlite:
                with closing(connection.cursor()) as cursor:
                    cursor.execute("BEGIN IMMEDIATE")
            yield connection
        except dbapi.DatabaseError as exc:
            with suppress(dbapi.Error):  # a connection that broke cannot roll back
                connection.rollback()
            raise write_failed(exc) from exc
        except BaseException:
            with suppress(dbapi.Error):
                connection.rollback()
            raise
        finally:
            connection.close()

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    def integrity_check(self) -> str:
        if not self.is_sqlite:
            return "ok"
        with self.engine.connect() as conn:
            return str(conn.execute(text("PRAGMA integrity_check")).scalar())

    def close(self) -> None:
        self.engine.dispose()


def write_failed(exc: Exception) -> RefusedByServerError | StoreUnavailableError:
    """A write the database did not take, as the sentence a person is shown."""
    refused = refusal(exc)
    if refused:
        return RefusedByServerError(refused)
    return StoreUnavailableError(explain_database_error(exc))


def refusal(exc: Exception) -> str:
    """What a team server refused this login, in words; "" if that is not the error."""
    original = getattr(exc, "orig", exc)
    if getattr(original, "sqlstate", None) != "42501":  # insufficient_privilege
        return ""
    message = str(original).splitlines()[0].strip()
    if message.startswith("permission denied"):
        return (
            "Your login on the team server may read this record but not change it. "
            "Ask whoever looks after the server if you need to."
        )
    return message  # the server's own sentence (only a chair signs off, …)


def explain_database_error(exc: Exception) -> str:
    """Say in plain words what went wrong with the database."""
    message = str(getattr(exc, "orig", exc)).lower()
    if "locked" in message or "busy" in message:
        return (
            "The record is being saved by another window or program. "
            "Your text is kept; saving will be tried again."
        )
    if "readonly" in message or "read-only" in message or "attempt to write" in message:
        return (
            "The database cannot be written to (it or its folder is read-only). "
            "Your text is kept; ask IT to check the folder's permissions."
        )
    if "full" in message or "disk i/o" in message:
        return (
            "The disk is full, so the record could not be saved. "
            "Your text is kept; free some space and it will be saved."
        )
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        return (
            "The database file is damaged. Nothing has been overwritten; "
            "restore it from a backup (cprecorder restore)."
        )
    if "no password supplied" in message or "password authentication failed" in message:
        return (
            "The team server did not accept the login's password (or none was found). Put "
            "it in ~/.pgpass, in PGPASSWORD, or in the keyring with "
            "cprecorder-cli server remember-password."
        )
    if "connection refused" in message or "could not translate host" in message:
        return (
            "The team server cannot be reached. Check the address in settings.toml (or "
            "--db) and the network; your text is kept."
        )
    if "no pg_hba.conf entry" in message or ("ssl" in message and "server does not" in message):
        return (
            "The team server does not accept this connection (its pg_hba.conf or TLS "
            "settings). Ask whoever looks after the server."
        )
    if "unable to open" in message:
        return "The database file cannot be opened. Check the folder exists and can be written to."
    return f"The database could not be used: {getattr(exc, 'orig', exc)}"


def explain_folder_error(path: Path, exc: OSError) -> str:
    """Say in plain words why the database's folder or file cannot be set up."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"The folder {path.parent} cannot be written to (it is read-only or belongs "
            "to someone else), so the record cannot be opened there. "
            "Ask IT to check the folder's permissions."
        )
    if exc.errno == errno.ENOSPC:
        return "The disk is full, so the database cannot be created. Free some space first."
    return f"The database cannot be opened at {path} ({exc.strerror or exc})."


def _create_private_file(path: Path) -> None:
    if os.name != "posix" or path.exists():
        return
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def _protect_files(path: Path) -> None:
    if os.name != "posix":
        return
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            # Take away group and other access, but never give the owner a
            # write permission they had taken away (a read-only file stays so).
            with suppress(OSError):
                os.chmod(candidate, stat.S_IMODE(candidate.stat().st_mode) & 0o600)
