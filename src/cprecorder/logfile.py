"""The log file: bugs are written here with their traceback, never shown as one.

Called at start by the window and by every command. The log is private (0600, and so
is every rotated copy), and a data folder found open to others is closed to them
(0700) first, with a line in the log saying so.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
from pathlib import Path
from typing import Any

from .paths import make_private_dir

log = logging.getLogger(__name__)

LOG_NAME = "cprecorder.log"
_HANDLER_NAME = "cprecorder-log-file"


class PrivateLogFile(logging.handlers.RotatingFileHandler):
    """A rotating log whose files only their owner can read, from the first byte."""

    def _open(self) -> Any:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)  # a log made by an older version may be 0644
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def tighten_data_dir(data_dir: Path) -> int | None:
    """Close a data folder that is open to others; returns its old mode when it did.

    A folder the person does not own, or a shared one with the sticky bit (``/tmp``),
    is left alone: it is not CP Recorder's to close.
    """
    if os.name != "posix":
        return None
    try:
        found = data_dir.stat()
    except OSError:
        return None
    mode = stat.S_IMODE(found.st_mode)
    if not mode & 0o077 or found.st_uid != os.geteuid() or mode & stat.S_ISVTX:
        return None
    os.chmod(data_dir, 0o700)
    return mode


def configure_logging(data_dir: Path) -> Path:
    """Log to ``<data dir>/logs/cprecorder.log`` (rotating, private to the user).

    Called again (another command in the same process), it replaces its own handler.
    """
    loosened = tighten_data_dir(data_dir)
    folder = data_dir / "logs"
    make_private_dir(folder)
    path = folder / LOG_NAME
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    handler = PrivateLogFile(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    if loosened is not None:
        log.warning(
            "the data folder %s could be read by others (mode %o); it is now 0700",
            data_dir,
            loosened,
        )
    return path


def log_quietly_if_possible(data_dir: Path) -> None:
    """For the command line: the log file if it can be made, else nothing on the screen
    (a warning meant for the log must never pass for the command's answer)."""
    try:
        configure_logging(data_dir)
    except OSError:
        logging.getLogger().addHandler(logging.NullHandler())
