"""``-o`` never replaces what it should not: the database, CP Recorder's data folder
(backups, recovery files, logs), a folder, a device, a pipe or a link; an existing file
only with ``--force``. Every refusal is one sentence, and nothing is written.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from cprecorder.backup import make_backup
from cprecorder.cli import main
from cprecorder.store import Store

#: The three commands that write a file, with what follows their ``-o``.
WRITERS = {
    "export": ["export", "{id}", "--as", "family", "-o"],
    "dump": ["dump", "{id}", "-o"],
    "calendar": ["calendar", "{id}", "-o"],
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def refused(
    capsys: pytest.CaptureFixture[str], writer: str, conference_id: int, target: Path, *extra: str
) -> str:
    argv = [a.format(id=conference_id) for a in WRITERS[writer]]
    code, out, err = run(capsys, *argv, str(target), *extra)
    assert code == 1, (out, err)
    assert out == "" and err.startswith("cprecorder: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def the_store(store: Store, _tmp: Path) -> Path:
    assert store.path is not None
    return store.path


def its_wal(store: Store, _tmp: Path) -> Path:
    return Path(f"{store.path}-wal")


def a_backup(store: Store, _tmp: Path) -> Path:
    return make_backup(store, "manual")


def a_recovery_file(store: Store, _tmp: Path) -> Path:
    assert store.path is not None
    kept = store.path.parent / "recovery" / "1.json"
    kept.parent.mkdir(mode=0o700, exist_ok=True)
    kept.write_text("{}", encoding="utf-8")
    return kept


def the_log(store: Store, _tmp: Path) -> Path:
    assert store.path is not None
    log = store.path.parent / "logs" / "cprecorder.log"
    log.parent.mkdir(mode=0o700, exist_ok=True)
    log.write_text("a line\n", encoding="utf-8")
    return log


def a_link_to_the_store(store: Store, tmp: Path) -> Path:
    link = tmp / "innocent.docx"
    assert store.path is not None
    link.symlink_to(store.path)
    return link


def a_hard_link_to_the_store(store: Store, tmp: Path) -> Path:
    link = tmp / "also-innocent.docx"
    assert store.path is not None
    os.link(store.path, link)
    return link


PROTECTED: dict[str, Callable[[Store, Path], Path]] = {
    f.__name__: f
    for f in (
        the_store,
        its_wal,
        a_backup,
        a_recovery_file,
        the_log,
        a_link_to_the_store,
        a_hard_link_to_the_store,
    )
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("what", sorted(PROTECTED))
def test_the_database_and_the_data_folder_are_never_replaced(
    store: Store,
    demo_id: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    writer: str,
    what: str,
) -> None:
    target = PROTECTED[what](store, tmp_path)
    store.close()  # the command opens its own
    before = digest(target)
    err = refused(capsys, writer, demo_id, target, "--force")
    assert any(words in err for words in ("own database", "data folder", "a link")), err
    assert digest(target) == before
    if what == "its_wal":
        assert not target.exists()


def a_folder(tmp: Path) -> Path:
    folder = tmp / "Documents"
    folder.mkdir()
    return folder


def a_pipe(tmp: Path) -> Path:
    pipe = tmp / "pipe.docx"
    os.mkfifo(pipe)
    return pipe


def a_device(tmp: Path) -> Path:
    """A character device like /dev/full, made here so the real one is never at risk."""
    if os.geteuid() != 0:
        pytest.skip("only root can make a device node (CI runs as root)")
    device = tmp / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    return device


NOT_FILES: dict[str, Callable[[Path], Path]] = {f.__name__: f for f in (a_folder, a_pipe, a_device)}


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("what", sorted(NOT_FILES))
def test_only_an_ordinary_file_is_ever_written(
    demo_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str], writer: str, what: str
) -> None:
    target = NOT_FILES[what](tmp_path)
    kind = stat.S_IFMT(target.lstat().st_mode)
    err = refused(capsys, writer, demo_id, target, "--force")
    assert "folder" in err or "not an ordinary file" in err
    assert stat.S_IFMT(target.lstat().st_mode) == kind
    if what == "a_folder":
        assert list(target.iterdir()) == []


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_an_existing_file_is_replaced_only_with_force(
    demo_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str], writer: str
) -> None:
    target = tmp_path / "minutes"
    target.write_bytes(b"the only copy of something else")
    before = digest(target)
    err = refused(capsys, writer, demo_id, target)
    assert "already exists" in err and "--force" in err
    assert digest(target) == before
    argv = [a.format(id=demo_id) for a in WRITERS[writer]]
    assert run(capsys, *argv, str(target), "--force")[0] == 0
    assert digest(target) != before


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_folders_made_for_the_output_are_private(
    demo_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str], writer: str
) -> None:
    os.chmod(tmp_path, 0o755)
    target = tmp_path / "new" / "deeper" / "out"
    argv = [a.format(id=demo_id) for a in WRITERS[writer]]
    assert run(capsys, *argv, str(target))[0] == 0
    assert target.is_file()
    for folder in (tmp_path / "new", tmp_path / "new" / "deeper"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755  # a folder that was there is left
