"""The log file is private (0600, rotated copies too), and a data folder found open to
others is closed to them (0700) at start, with a line in the log saying so."""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
from pathlib import Path

import pytest

from cprecorder.cli import main
from cprecorder.logfile import LOG_NAME, configure_logging

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_log_file_and_its_rotations_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "logs").mkdir(parents=True)
    old = data / "logs" / LOG_NAME
    old.write_text("written by an older version\n", encoding="utf-8")
    os.chmod(old, 0o644)
    path = configure_logging(data)
    logging.getLogger("cprecorder.test").warning("a line")
    assert path == old and mode(path) == 0o600
    [handler] = [h for h in logging.getLogger().handlers if h.get_name() == "cprecorder-log-file"]
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    handler.doRollover()
    logging.getLogger("cprecorder.test").warning("another line")
    for log in (data / "logs").iterdir():
        assert mode(log) == 0o600, log


def test_a_data_folder_open_to_others_is_closed_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.chmod(data, 0o755)
    assert main(["--data-dir", str(data), "list"]) == 0
    assert mode(data) == 0o700
    assert mode(data / "logs") == 0o700
    logged = (data / "logs" / LOG_NAME).read_text(encoding="utf-8")
    assert f"the data folder {data} could be read by others (mode 755); it is now 0700" in logged
    capsys.readouterr()


def test_a_shared_folder_is_not_closed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    configure_logging(shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777


def test_a_folder_someone_else_owns_is_not_closed(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a folder to another account")
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chmod(theirs, 0o755)
    os.chown(theirs, 65534, 65534)
    (theirs / "logs").mkdir(mode=0o700)
    configure_logging(theirs)
    assert mode(theirs) == 0o755
