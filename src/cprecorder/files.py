"""Writing files so that a failure never leaves half a file behind, and never in the
wrong place.

Every file CP Recorder writes (exports, JSON dumps, calendars, the recovery file) goes
through :func:`write_atomically`: a temporary file in the same folder (0600: only its
owner can read it), flushed to disk, renamed over the target, then the folder synced so
the new name survives a power cut. Folders it has to make are 0700.

A file a person names (``-o``, the Save dialog) is first checked by
:func:`check_output`: never the database or anything in CP Recorder's data folder
(backups, recovery files, logs), never anything but an ordinary file (a folder, a
device such as ``/dev/full``, a pipe, a link), and an existing file only when the
person said to replace it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import KnownError

#: Beside a SQLite database: what SQLite itself writes, and CP Recorder's backups.
DATABASE_SIDECARS = ("-wal", "-shm", "-journal")
BACKUP_FOLDER = "backups"


class OutputError(KnownError):
    """A file that must not or cannot be written; nothing was written."""


@dataclass(frozen=True)
class ProtectedAreas:
    """What no output may replace: the database's files and CP Recorder's folders."""

    files: tuple[Path, ...] = ()
    folders: tuple[Path, ...] = ()


def protected_areas(data_dir: Path, store_path: Path | None) -> ProtectedAreas:
    """The data folder (database, backups, recovery, logs), and a database kept elsewhere."""
    files: list[Path] = []
    folders = [data_dir]
    if store_path is not None:
        files += [store_path, *(Path(f"{store_path}{suffix}") for suffix in DATABASE_SIDECARS)]
        folders.append(store_path.parent / BACKUP_FOLDER)
    return ProtectedAreas(tuple(files), tuple(folders))


def _real(path: Path) -> Path:
    """The path with every link resolved, even where the last parts do not exist yet."""
    return Path(os.path.realpath(path))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output(path: Path, protected: ProtectedAreas, *, force: bool) -> Path:
    """The path to write, or :class:`OutputError` saying why not (nothing is touched)."""
    target = Path(os.path.abspath(path.expanduser()))
    real = _real(target)
    for file in protected.files:
        same = _real(file) == real
        with contextlib.suppress(OSError):
            same = same or os.path.samefile(file, target)  # a hard link to the database
        if same:
            raise OutputError(
                f"{target} is CP Recorder's own database, so nothing was written to it. "
                "Choose another file."
            )
    for folder in protected.folders:
        if _within(real, _real(folder)):
            raise OutputError(
                f"{target} is inside CP Recorder's data folder ({folder}), which holds the "
                "records, backups and recovery files, so nothing was written there. Save it "
                "somewhere else, such as your Documents folder."
            )
    try:
        found = target.lstat()
    except FileNotFoundError:
        return target
    except OSError as exc:  # part of the path is a file, or may not be looked into
        raise OutputError(explain_write_error(target, exc)) from exc
    if stat.S_ISLNK(found.st_mode):
        raise OutputError(
            f"{target} is a link to another file, so nothing was written; give the file's "
            "own name, or another name."
        )
    if stat.S_ISDIR(found.st_mode):
        raise OutputError(
            f"{target} is a folder, so nothing was written; give a file name inside it."
        )
    if not stat.S_ISREG(found.st_mode):
        raise OutputError(
            f"{target} is not an ordinary file (it is a device, a pipe or a socket), so "
            "nothing was written to it. Give a file name."
        )
    if not force:
        raise OutputError(
            f"{target} already exists, so it was left as it is. Add --force to replace it, "
            "or give another name."
        )
    return target


def save_output(path: Path, data: bytes, protected: ProtectedAreas, *, force: bool) -> Path:
    """Check the path, then write atomically; every failure is one sentence."""
    target = check_output(path, protected, force=force)
    try:
        write_atomically(target, data)
    except OSError as exc:
        raise OutputError(explain_write_error(target, exc)) from exc
    return target


def explain_write_error(target: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        why = "the disk is full"
    elif exc.errno == errno.EROFS:
        why = "the disk is read-only"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        why = "you may not write in that folder"
    elif exc.errno == errno.ENOTDIR:
        why = "part of the path is a file, not a folder"
    elif exc.errno == errno.EISDIR:
        why = "it is a folder"
    else:
        why = exc.strerror or str(exc)
    return f"{target} could not be written ({why}); nothing was written."


def make_private_folders(folder: Path) -> None:
    """Make ``folder`` and any missing parents, each 0700; existing ones are left as they are."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for new in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(new, 0o700)
            if os.name == "posix":
                os.chmod(new, 0o700)  # the umask may have taken bits away, never added


def write_atomically(path: Path, data: bytes) -> None:
    path = path.expanduser()
    make_private_folders(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Best effort: some systems (Windows, some network drives) cannot open a folder."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
