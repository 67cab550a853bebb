"""The durable store: any SQLAlchemy URL, SQLite in the user's data folder by default.

SQLite is opened for durability over speed where it matters: WAL with
``synchronous=FULL`` (a confirmed save survives power loss), foreign keys on,
``secure_delete`` (removed text is overwritten), a busy timeout, and
``BEGIN IMMEDIATE`` for writes so two writers queue instead of failing midway.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import stat
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    DataError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    ProgrammingError,
)
from sqlalchemy.orm import Session, sessionmaker

from .actor import Actor
from .audit import listen_for_deletes, write_audit
from .conference_lock import refuse_unlocked_writes
from .conflicts import count_revisions, note_revisions
from .errors import (
    KnownError,
    NotFoundError,
    RecordLockedError,
    RefusedByServerError,
    StoreUnavailableError,
    StoreVersionError,
)
from .lifecycle import enforce_the_lock
from .migrations.lock import LOCKED
from .model import Operation
from .model.registry import without_nul
from .paths import make_private_dir

log = logging.getLogger(__name__)

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


def _read_only_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    dbapi_connection.execute("PRAGMA foreign_keys = ON")
    dbapi_connection.execute("PRAGMA query_only = ON")


#: Why a store was opened for reading only: said once, where a save would be refused.
DAMAGED = (
    "The database file is damaged (it failed its integrity check), so CP Recorder has "
    "opened it for reading only. Nothing has been overwritten; restore it from a backup "
    "(cprecorder backups lists them, cprecorder restore FILE brings one back)."
)
DISK_FULL = (
    "The disk holding the records is full, so CP Recorder has opened them for reading only: "
    "you can read them, and dump or export them to another disk, but nothing can be saved "
    "until some space is freed."
)
READ_ONLY_DISK = (
    "The records are on a disk or in a folder that cannot be written to (it is read-only), "
    "so CP Recorder has opened them for reading only: they can be read, dumped and "
    "exported, but nothing can be saved there until IT checks the folder's permissions."
)


class Store:
    """A connection to one conference database, migrated to the current schema.

    A SQLite file that cannot be written (a full or read-only disk) is opened for reading
    only, and so is one that fails ``PRAGMA quick_check`` (run once, before the first
    save): :attr:`read_only` then says why, and every save is refused with that sentence.

    ``migrate``: ``None`` (the default) upgrades a SQLite file but only checks a server's
    schema (a team server is upgraded by ``server init``, never silently by a client);
    ``True`` upgrades either; ``False`` does neither.
    """

    def __init__(self, url: str, *, migrate: bool | None = None) -> None:
        self.url = url
        parsed = parse_database_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path: Path | None = None
        #: Why nothing can be saved here ("" when saving works).
        self.read_only = ""
        self._checked = not self.is_sqlite
        self._check_lock = threading.Lock()
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            self.path = Path(parsed.database)
            refuse_an_empty_file(self.path)
            try:
                # Only a folder made here is made private: a folder someone chose
                # (a shared drive, /tmp) keeps the permissions it has.
                if not self.path.parent.exists():
                    make_private_dir(self.path.parent)
                _create_private_file(self.path)
            except OSError as exc:
                raise StoreUnavailableError(explain_folder_error(self.path, exc)) from exc
        else:
            self._checked = True
        try:
            if self.is_sqlite:
                self.engine: Engine = create_engine(url)
                event.listen(self.engine, "connect", _sqlite_pragmas)
                event.listen(self.engine, "begin", _sqlite_begin)
            else:
                from .team_server import client_url, provide_password

                self.engine = create_engine(client_url(url))
                event.listen(self.engine, "do_connect", provide_password)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise StoreUnavailableError(unusable_url(url, exc)) from exc
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", remove_nul)
        event.listen(self._sessions, "before_flush", refuse_unlocked_writes)
        event.listen(self._sessions, "before_flush", count_revisions)
        event.listen(self._sessions, "after_flush", write_audit)
        event.listen(self._sessions, "after_flush", note_revisions)
        enforce_the_lock()
        listen_for_deletes()
        try:
            if migrate or (migrate is None and self.is_sqlite):
                self._migrate_or_only_read()
            elif migrate is None:
                self.check_schema()
        except BaseException:
            self.engine.dispose()  # nothing is left open by a store that would not open
            raise
        if self.path is not None and not self.read_only:
            _protect_files(self.path)

    def _migrate_or_only_read(self) -> None:
        # A disk known to take nothing more is read without a first try at writing,
        # which would leave empty -wal and -shm files behind on it.
        reason = self._why_only_readable()
        if reason:
            self._open_read_only(reason)
            return
        try:
            self.migrate()
        except StoreUnavailableError:
            reason = self._why_only_readable()
            if not reason:
                raise
            self._open_read_only(reason)

    def _why_only_readable(self) -> str:
        """When the file is there but its disk cannot take a write: why, else ""."""
        if self.path is None or not self.path.is_file() or not hasattr(os, "statvfs"):
            return ""
        try:
            disk = os.statvfs(self.path.parent)
        except OSError:
            return ""
        if disk.f_flag & os.ST_RDONLY or not os.access(self.path.parent, os.W_OK):
            return READ_ONLY_DISK
        if disk.f_bavail == 0:
            return DISK_FULL
        return ""

    def _open_read_only(self, reason: str) -> None:
        """Read the file without writing a byte: no journal, no -shm, no checkpoint."""
        assert self.path is not None
        wal = Path(f"{self.path}-wal")
        # Without saves waiting in a WAL, the file alone is the whole record: reading it
        # as immutable needs no lock file, which a full or read-only disk cannot make.
        unchanging = "&immutable=1" if not wal.exists() or wal.stat().st_size == 0 else ""
        uri = f"file:{urllib.parse.quote(str(self.path.resolve()))}?mode=ro{unchanging}"
        self.engine.dispose()
        self.engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        )
        event.listen(self.engine, "connect", _read_only_pragmas)
        self._sessions.configure(bind=self.engine)
        self.read_only = reason
        self._checked = True
        from .migrations import SCHEMA_HEAD, current_revision

        try:
            revision = current_revision(self.engine)
        except (OperationalError, DatabaseError) as exc:
            raise StoreUnavailableError(explain_database_error(exc)) from exc
        if revision != SCHEMA_HEAD:
            raise StoreUnavailableError(
                f"{reason} The records were written by another version of CP Recorder, "
                "so they cannot be opened here until they can be saved again."
            )
        log.warning("opened %s for reading only: %s", self.path, reason)

    def check_integrity(self) -> str:
        """``PRAGMA quick_check`` once per store (SQLite files only), before anything is
        saved: a damaged file is then only read. Returns why saving is refused, or ""."""
        with self._check_lock:
            if self._checked or self.path is None:
                return self.read_only
            self._checked = True
            verdict = quick_check(self.path)
            if verdict != "ok":
                log.error("%s failed its integrity check: %s", self.path, verdict)
                self.read_only = DAMAGED
                event.listen(self.engine, "connect", _query_only)
                self.engine.dispose()  # pooled connections are replaced by read-only ones
        return self.read_only

    def refuse_if_read_only(self) -> None:
        """Before any write, by either path (:meth:`write`, :meth:`write_directly`): a
        store opened for reading only refuses it with the reason it was opened so."""
        if self.check_integrity():
            raise StoreUnavailableError(self.read_only)

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
            if refusal(exc):  # the login may not even read: an administrator's
                raise StoreUnavailableError(MAY_NOT_READ) from exc
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
            except OverflowError as exc:
                raise NotFoundError(NO_SUCH_NUMBER) from exc
            except (OperationalError, DatabaseError) as exc:
                if _out_of_range(exc):
                    raise NotFoundError(NO_SUCH_NUMBER) from exc
                if isinstance(exc, ProgrammingError | IntegrityError | DataError):
                    raise  # a bug in a query, not the file or the disk
                raise StoreUnavailableError(explain_database_error(exc)) from exc

    @contextmanager
    def write(self, actor: Actor, operation: Operation | None) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        ``operation`` names the change in every audit entry it writes; None for a
        write that changes no part of the record (the editing hold).
        """
        self.refuse_if_read_only()
        with self._sessions() as session:
            session.info["actor"] = actor
            session.info["operation"] = operation
            try:
                if self.is_sqlite:  # BEGIN IMMEDIATE: a lock held elsewhere shows here
                    session.connection(execution_options={"cpr_write": True})
                yield session
                session.commit()
            except OverflowError as exc:
                session.rollback()
                raise NotFoundError(NO_SUCH_NUMBER) from exc
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
        self.refuse_if_read_only()
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
        except OverflowError as exc:
            with suppress(dbapi.Error):
                connection.rollback()
            raise NotFoundError(NO_SUCH_NUMBER) from exc
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

    def close(self) -> None:
        self.engine.dispose()


#: A team-server login without a role that reads the records (an administrator's).
MAY_NOT_READ = (
    "Your login on the team server may not open the records (an administrator's login "
    "only adds people and gives them roles). Ask whoever looks after the server for a "
    "role if you need to open records."
)


#: An id no database can hold (SQLite's 64 bits, PostgreSQL's 32) names nothing there.
NO_SUCH_NUMBER = "There is no conference, meeting or item with a number that large."


def _out_of_range(exc: Exception) -> bool:
    """A number too large for the column, from SQLAlchemy or straight from the driver."""
    original = getattr(exc, "orig", exc)
    data_error = any(kind.__name__ == "DataError" for kind in type(original).__mro__)
    return data_error and "out of range" in str(original)


def write_failed(exc: Exception) -> KnownError:
    """A write the database did not take, as the sentence a person is shown."""
    if LOCKED in str(getattr(exc, "orig", exc)):  # the database's own lock
        return RecordLockedError(LOCKED)
    if _out_of_range(exc):
        return NotFoundError(NO_SUCH_NUMBER)
    refused = refusal(exc)
    if refused:
        return RefusedByServerError(refused)
    return StoreUnavailableError(explain_database_error(exc))


def _query_only(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA query_only = ON")


def quick_check(path: Path) -> str:
    """ "ok", or what SQLite's quick check (or opening the file) says is wrong with it."""
    uri = f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        message = str(exc).lower()
        if "locked" in message or "busy" in message:
            return "ok"  # another window is saving: not damage; the next open checks again
        return str(exc)
    return "; ".join(str(row[0]) for row in rows[:5])


def parse_database_url(url: str) -> Any:
    """The parsed URL, or a sentence saying it is not one CP Recorder can use."""
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise StoreUnavailableError(unusable_url(url, exc)) from exc


def unusable_url(url: str, exc: Exception) -> str:
    shown = url.split("://", 1)[0] + "://…" if "://" in url else url
    if isinstance(exc, ImportError):
        why = "its database driver is not installed"
    elif isinstance(exc, NoSuchModuleError):
        why = "it names a kind of database CP Recorder does not know"
    else:
        why = "it is not a database address"
    return (
        f"The database {shown} cannot be used: {why}. Give a SQLite file "
        "(sqlite:///path/to/cprecorder.sqlite3) or the team server "
        "(postgresql+psycopg://user@server/cprecorder)."
    )


def refuse_an_empty_file(path: Path) -> None:
    """A database file of 0 bytes was cut short (a failed copy, a full disk): never made
    into a new, empty store over it."""
    try:
        empty = path.is_file() and path.stat().st_size == 0
    except OSError:
        return
    if empty:
        raise StoreUnavailableError(
            f"The database file {path} is empty (0 bytes), so it holds no records; it may "
            "have been cut short by a failed copy or a full disk. Nothing has been changed: "
            "restore a backup (cprecorder restore FILE), or move the empty file away to "
            "start a new database there."
        )


def remove_nul(session: Session, _context: Any, _instances: Any) -> None:
    """U+0000 never reaches the database: PostgreSQL cannot hold it, so SQLite does not
    either, and both backends keep the same text. Each removal is logged (where, not what).
    """
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            if obj in session.new:
                value = state.dict.get(attr.key)
            else:
                added = state.attrs[attr.key].history.added
                value = added[0] if added else None
            if isinstance(value, str) and "\x00" in value:
                setattr(obj, attr.key, without_nul(value, f"{type(obj).__name__}.{attr.key}"))


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
    if "connect" in message or "role" in message:
        return (
            "The database server cannot be reached, or refused the login: check the --db "
            "address, that the server is running, and ask IT for access if it is."
        )
    first_line = str(getattr(exc, "orig", exc)).strip().splitlines()[:1] or ["no reason given"]
    return f"The database could not be used: {first_line[0]}"


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
