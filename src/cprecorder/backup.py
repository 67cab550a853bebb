"""Backups of the SQLite store, and restoring one without ever losing the live file.

A record that a family's future may turn on must survive a damaged disk or a
mistaken deletion, so the store is copied with SQLite's own backup API (a
consistent copy even while the window is writing) into ``backups/`` beside the
database: once a day when the window opens, at every sign-off, and on request.
Only the newest ``keep`` are kept. The folder is 0700 and every file 0600,
because a backup holds the same confidential text as the record.

Restoring checks the backup first, keeps the live database as a
``before-restore`` backup, and replaces it atomically (copy next to it, fsync,
rename), so a failure at any point leaves either the old or the new record,
never half of one. A PostgreSQL store is backed up by its server, not here.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from .errors import KnownError
from .files import BACKUP_FOLDER
from .paths import make_private_dir
from .store import Store

log = logging.getLogger(__name__)

#: How many backups are kept unless the caller says otherwise (two weeks of daily ones).
DEFAULT_KEEP = 14
#: How long a backup or restore waits for a window that is in the middle of a save.
LOCK_WAIT_MS = 5000

_STAMP_FORMAT = "%Y%m%dT%H%M%S"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6})(?P<micro>\d{6})Z-(?P<reason>[a-z0-9-]+)\.sqlite3$"
)


class BackupError(KnownError):
    """A backup could not be made, or a file cannot be restored; the sentence says why."""


@dataclass(frozen=True)
class Backup:
    """One backup file, as listed by ``cprecorder backups``."""

    path: Path
    taken_at: dt.datetime  # UTC, from the file's name
    reason: str
    size: int


def backup_folder(store_path: Path) -> Path:
    """Backups live beside the database they copy, in ``backups/``."""
    return store_path.parent / BACKUP_FOLDER


def _sqlite_path(store: Store) -> Path:
    if not store.is_sqlite:
        raise BackupError(
            "This record is kept on a database server (PostgreSQL); backing it up is the "
            "server's job. Ask IT how the server's backups are made and restored."
        )
    if store.path is None:
        raise BackupError("This record is held in memory only, so there is nothing to back up.")
    return store.path


def _slug(reason: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")
    return slug or "manual"


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _name_for(store_path: Path, reason: str, when: dt.datetime) -> str:
    stamp = when.astimezone(dt.UTC).strftime(_STAMP_FORMAT) + f"{when.microsecond:06d}"
    return f"{store_path.stem}-{stamp}Z-{_slug(reason)}.sqlite3"


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _private_empty_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _copy_database(source: Path, target: Path) -> None:
    """A consistent copy of ``source`` into the new file ``target`` (0600, fsynced).

    SQLite's backup API reads through the WAL, so the copy holds every committed
    save even if it has not reached the main file yet. The copy is switched to a
    plain rollback journal so it is one self-contained file.
    """
    _private_empty_file(target)
    source_uri = f"{source.resolve().as_uri()}?mode=ro"
    with (
        closing(sqlite3.connect(source_uri, uri=True, timeout=LOCK_WAIT_MS / 1000)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
        dst.commit()
    _fsync_file(target)


def check_backup(path: Path) -> str:
    """``"ok"``, or what ``PRAGMA integrity_check`` (or opening) says is wrong with ``path``.

    Opened read-only and ``immutable``, so checking a file never changes it or
    creates files next to it.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            result = "; ".join(str(row[0]) for row in rows[:5])
            if result != "ok":
                return result
            tables = {
                str(row[0])
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if not {"conferences", "alembic_version"} <= tables:
        return "it is an SQLite database, but not one written by CP Recorder"
    return "ok"


def make_backup(store: Store, reason: str = "manual", *, folder: Path | None = None) -> Path:
    """Copy the store into the backups folder now; returns the new file's path."""
    store_path = _sqlite_path(store)
    target_folder = folder or backup_folder(store_path)
    return _backup_file(store_path, reason, target_folder)


def _backup_file(store_path: Path, reason: str, folder: Path) -> Path:
    try:
        make_private_dir(folder)
    except OSError as exc:
        raise BackupError(
            f"The backups folder {folder} cannot be created ({exc.strerror}); "
            "nothing was backed up."
        ) from exc
    when = _utcnow()
    target = folder / _name_for(store_path, reason, when)
    while target.exists():  # two backups in the same microsecond: step on
        when += dt.timedelta(microseconds=1)
        target = folder / _name_for(store_path, reason, when)
    partial = target.with_name(f".{target.name}.partial")
    try:
        _copy_database(store_path, partial)
        # A damaged copy is never kept: it would count as a backup and, in time, push
        # the last good one out.
        verdict = check_backup(partial)
        if verdict != "ok":
            partial.unlink(missing_ok=True)
            log.error("no backup of %s: the copy failed its check (%s)", store_path, verdict)
            raise BackupError(
                "The database is damaged, so no backup was made (a damaged copy would push "
                "a good backup out); the backups already made are kept. Restore the newest "
                "good one: cprecorder backups lists them, cprecorder restore FILE."
            )
        os.replace(partial, target)
        _fsync_dir(folder)
    except sqlite3.DatabaseError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The record could not be backed up: {_plain_sqlite(exc)}") from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(
            f"The backup could not be written to {folder} ({exc.strerror}). "
            "Check there is free space; the record itself is unchanged."
        ) from exc
    log.info("backed up %s to %s (%s)", store_path, target, reason)
    return target


def _plain_sqlite(exc: sqlite3.Error) -> str:
    message = str(exc).lower()
    if _is_busy(exc):
        return "another program is holding the database; try again in a moment."
    if "malformed" in message or "not a database" in message:
        return "the database file is damaged (restore an earlier backup: cprecorder restore)."
    if "full" in message:
        return "the disk is full."
    return str(exc)


def list_backups(store_path: Path, *, folder: Path | None = None) -> list[Backup]:
    """Backups of this database, oldest first (names sort in time order)."""
    target_folder = folder or backup_folder(store_path)
    if not target_folder.is_dir():
        return []
    found = []
    for path in target_folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or match["stem"] != store_path.stem:
            continue
        taken = dt.datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(
            microsecond=int(match["micro"]), tzinfo=dt.UTC
        )
        found.append(Backup(path, taken, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name))


def prune(
    store_path: Path,
    keep: int = DEFAULT_KEEP,
    *,
    folder: Path | None = None,
    known_good: Path | None = None,
) -> list[Path]:
    """Delete the oldest backups beyond the newest ``keep``; returns what was deleted.

    The newest backup that passes the integrity check is never deleted, even when
    newer ones (damaged since, or made by an older version that did not check) would
    push it out. ``known_good`` is a backup just made and checked, so not checked again.
    """
    if keep < 1:
        raise BackupError("At least one backup must be kept.")
    backups = list_backups(store_path, folder=folder)
    doomed = backups[: max(0, len(backups) - keep)]
    if doomed:
        newest_good = next(
            (b for b in reversed(backups) if b.path == known_good or check_backup(b.path) == "ok"),
            None,
        )
        if newest_good in doomed:
            doomed.remove(newest_good)
            log.warning("kept %s: the newest backup that passes its check", newest_good.path)
    removed = []
    for old in doomed:
        with suppress(FileNotFoundError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def backup_if_due(
    store: Store,
    *,
    keep: int = DEFAULT_KEEP,
    folder: Path | None = None,
    now: dt.datetime | None = None,
) -> Path | None:
    """The daily backup: taken if none was taken today (local time), then old ones pruned.

    Called by the window when it opens a store. Returns the new backup, or None
    when one was already taken today or the store is not an SQLite file (a
    server database is backed up by its server).
    """
    if not store.is_sqlite or store.path is None:
        return None
    today = (now or _utcnow()).astimezone().date()
    existing = list_backups(store.path, folder=folder)
    if any(b.taken_at.astimezone().date() == today for b in existing):
        return None
    made = make_backup(store, "daily", folder=folder)
    prune(store.path, keep, folder=folder, known_good=made)
    return made


def backup_on_sign_off(
    store: Store, *, keep: int = DEFAULT_KEEP, folder: Path | None = None
) -> Path | None:
    """Taken by the window right after a record is signed off; None for a server database."""
    if not store.is_sqlite or store.path is None:
        return None
    made = make_backup(store, "sign-off", folder=folder)
    prune(store.path, keep, folder=folder, known_good=made)
    return made


@dataclass(frozen=True)
class Restored:
    """What a restore did, for the sentence ``cprecorder restore`` prints."""

    store_path: Path
    backup_file: Path
    kept_as: Path | None  # the live database as it was, or None if there was none

    def sentence(self) -> str:
        kept = (
            f" The database as it was is kept in {self.kept_as}."
            if self.kept_as is not None
            else ""
        )
        return f"Restored {self.store_path} from {self.backup_file}.{kept}"


def restore(store_path: Path, backup_file: Path, *, folder: Path | None = None) -> Restored:
    """Replace the database at ``store_path`` with ``backup_file``, keeping the old one.

    Refuses a backup that fails ``PRAGMA integrity_check`` before anything is
    touched. The live database (with any saves still in its WAL) is first kept
    as a ``before-restore`` backup; if it is too damaged for SQLite to copy, its
    files are copied byte for byte instead. CP Recorder must be closed: a
    database another program has open is refused.
    """
    store_path = Path(store_path)
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise BackupError(f"There is no backup file {backup_file}.")
    verdict = check_backup(backup_file)
    if verdict != "ok":
        raise BackupError(
            f"{backup_file} cannot be restored because it is damaged or not a "
            f"CP Recorder backup ({verdict}). Nothing has been changed; try an older backup."
        )
    target_folder = folder or backup_folder(store_path)
    if not store_path.parent.exists():
        make_private_dir(store_path.parent)
    incoming = store_path.with_name(f".{store_path.name}.restoring")
    incoming.unlink(missing_ok=True)
    try:
        _copy_database(backup_file, incoming)
        copied = check_backup(incoming)
        if copied != "ok":
            raise BackupError(
                f"The copy of {backup_file} did not pass the integrity check ({copied}); "
                "nothing has been changed."
            )
        kept_as = _keep_live_database(store_path, target_folder)
        os.replace(incoming, store_path)
        _fsync_dir(store_path.parent)
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            f"{backup_file} could not be restored: {_plain_sqlite(exc)} Nothing has been changed."
        ) from exc
    except OSError as exc:
        raise BackupError(
            f"{backup_file} could not be restored ({exc.strerror}). "
            "Check there is free space and the folder can be written to."
        ) from exc
    finally:
        incoming.unlink(missing_ok=True)
    log.info("restored %s from %s (old copy: %s)", store_path, backup_file, kept_as)
    return Restored(store_path, backup_file, kept_as)


def _sidecars(store_path: Path) -> list[Path]:
    return [Path(f"{store_path}{suffix}") for suffix in ("-wal", "-shm")]


def _keep_live_database(store_path: Path, folder: Path) -> Path | None:
    """Keep the live database as a backup, then leave it with no -wal/-shm beside it.

    The copy is taken first, with the backup API (which changes nothing), or
    byte for byte with its WAL if the file fails the integrity check, so a
    specialist can still look at exactly what was on the disk.
    Only then is the live file switched out of WAL mode: that needs every other
    connection closed, so it doubles as the check that CP Recorder is not
    running. A stale WAL left beside the restored file would be replayed into
    it and damage it, so the -wal and -shm files go before the rename.
    """
    if not store_path.exists():
        for sidecar in _sidecars(store_path):
            sidecar.unlink(missing_ok=True)
        return None
    if check_backup(store_path) != "ok":
        kept = _copy_damaged(store_path, folder)
    else:
        try:
            kept = _backup_file(store_path, "before-restore", folder)
        except BackupError as exc:
            if not isinstance(exc.__cause__, sqlite3.DatabaseError) or _is_busy(exc.__cause__):
                raise
            kept = _copy_damaged(store_path, folder)
    try:
        with closing(sqlite3.connect(store_path, timeout=LOCK_WAIT_MS / 1000)) as conn:
            row = conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        in_use = row is None or str(row[0]).lower() != "delete"
    except sqlite3.DatabaseError as exc:
        in_use = _is_busy(exc)  # a damaged file is replaced: it has been kept
    if in_use:
        for copy in (kept, *(Path(f"{kept}{suffix}") for suffix in ("-wal", "-shm"))):
            copy.unlink(missing_ok=True)
        raise BackupError(
            "The record is open in CP Recorder or another program. "
            "Close it, then restore again; nothing has been changed."
        )
    for sidecar in _sidecars(store_path):
        sidecar.unlink(missing_ok=True)
    _fsync_dir(store_path.parent)
    return kept


def _is_busy(exc: BaseException) -> bool:
    message = str(exc).lower()
    return "locked" in message or "busy" in message


def _copy_damaged(store_path: Path, folder: Path) -> Path:
    """A damaged database is kept byte for byte, with its WAL, for a specialist to look at."""
    make_private_dir(folder)
    target = folder / _name_for(store_path, "before-restore", _utcnow())
    for source, suffix in ((store_path, ""), *((s, s.name[-4:]) for s in _sidecars(store_path))):
        if not source.exists():
            continue
        copy = Path(f"{target}{suffix}")
        _private_empty_file(copy)
        shutil.copyfile(source, copy)
        _fsync_file(copy)
    _fsync_dir(folder)
    return target
