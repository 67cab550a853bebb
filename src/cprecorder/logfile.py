"""The log file: bugs are written here with their traceback, never shown as one."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from .paths import make_private_dir

LOG_NAME = "cprecorder.log"


def configure_logging(data_dir: Path) -> Path:
    """Log to ``<data dir>/logs/cprecorder.log`` (rotating, private to the user)."""
    folder = data_dir / "logs"
    make_private_dir(folder)
    path = folder / LOG_NAME
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
