"""Backups: private, rotated, checked before a restore, and a restore that keeps the old file."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from cprecorder import backup
from cprecorder.actor import Actor
from cprecorder.backup import (
    BackupError,
    backup_if_due,
    backup_on_sign_off,
    check_backup,
    list_backups,
    make_backup,
    prune,
    restore,
)
from cprecorder.cli import main
from cprecorder.operations import update
from cprecorder.queries import load_conference
from cprecorder.store import Store
from damage import integrity, scramble_root_page


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _family_name(store: Store, conference_id: int) -> str:
    with store.read() as session:
        return load_conference(session, conference_id).family_name


def _rename(store: Store, actor: Actor, conference_id: int, name: str) -> None:
    update(
        store,
        actor=actor,
        entity="conference",
        entity_id=conference_id,
        values={"family_name": name},
    )


def _corrupt_copy(source: Path, target: Path) -> None:
    data = bytearray(source.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data), page):
        data[offset : offset + 64] = bytes(b ^ 0xFF for b in data[offset : offset + 64])
    target.write_bytes(bytes(data))


def test_a_backup_is_a_private_checked_copy(store: Store, actor: Actor, demo_id: int) -> None:
    made = make_backup(store, "manual")
    assert made.parent == store.path.parent / "backups"  # type: ignore[union-attr]
    assert made.name.endswith("-manual.sqlite3")
    assert check_backup(made) == "ok"
    assert not Path(f"{made}-wal").exists()  # one self-contained file
    if os.name == "posix":
        assert stat.S_IMODE(made.stat().st_mode) == 0o600
        assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    copy = Store.open_sqlite(made)
    assert _family_name(copy, demo_id) == _family_name(store, demo_id)
    copy.close()


def test_a_backup_holds_saves_still_in_the_wal(store: Store, actor: Actor, demo_id: int) -> None:
    _rename(store, actor, demo_id, "Brightwell")
    assert Path(f"{store.path}-wal").stat().st_size > 0
    made = make_backup(store, "manual")
    copy = Store.open_sqlite(made)
    assert _family_name(copy, demo_id) == "Brightwell"
    copy.close()


def test_daily_backup_is_taken_once_a_day(store: Store, demo_id: int) -> None:
    first = backup_if_due(store)
    assert first is not None and first.name.endswith("-daily.sqlite3")
    assert backup_if_due(store) is None
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    assert backup_if_due(store, now=tomorrow) is not None
    assert len(list_backups(store.path)) == 2  # type: ignore[arg-type]


def test_rotation_keeps_the_newest(store: Store, demo_id: int) -> None:
    made = [make_backup(store, f"test {n}") for n in range(5)]
    removed = prune(store.path, keep=3)  # type: ignore[arg-type]
    assert removed == made[:2]
    assert [b.path for b in list_backups(store.path)] == made[2:]  # type: ignore[arg-type]
    signed = backup_on_sign_off(store, keep=2)
    assert signed is not None and signed.name.endswith("-sign-off.sqlite3")
    assert [b.path for b in list_backups(store.path)] == [made[4], signed]  # type: ignore[arg-type]
    with pytest.raises(BackupError, match="At least one"):
        prune(store.path, keep=0)  # type: ignore[arg-type]


def test_restore_brings_back_the_backup_and_keeps_the_live_file(
    store: Store, actor: Actor, demo_id: int
) -> None:
    made = make_backup(store, "manual")
    _rename(store, actor, demo_id, "Brightwell")
    path = store.path
    assert path is not None
    store.close()

    done = restore(path, made)

    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    assert done.kept_as is not None and done.kept_as.name.endswith("-before-restore.sqlite3")
    assert check_backup(path) == "ok"
    assert check_backup(done.kept_as) == "ok"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    restored = Store.open_sqlite(path)
    assert _family_name(restored, demo_id) == "Ashdown"
    restored.close()
    before = Store.open_sqlite(done.kept_as)
    assert _family_name(before, demo_id) == "Brightwell"  # the save in the WAL was kept too
    before.close()


def test_restore_refuses_a_corrupt_backup_and_changes_nothing(
    store: Store, demo_id: int, tmp_path: Path
) -> None:
    made = make_backup(store, "manual")
    damaged = tmp_path / "damaged.sqlite3"
    _corrupt_copy(made, damaged)
    path = store.path
    assert path is not None
    store.close()
    live = _digest(path)
    backups_before = list_backups(path)

    with pytest.raises(BackupError, match="damaged or not a CP Recorder backup"):
        restore(path, damaged)

    assert _digest(path) == live
    assert list_backups(path) == backups_before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "not a CP Recorder"),
        (b"This is a Word document, honest." * 100, "file is not a database"),
    ],
)
def test_restore_refuses_what_is_not_a_backup(
    store: Store, tmp_path: Path, content: bytes, why: str
) -> None:
    other = tmp_path / "other.sqlite3"
    other.write_bytes(content)
    with pytest.raises(BackupError, match=why):
        restore(store.path, other)  # type: ignore[arg-type]


def test_restore_refuses_a_plain_sqlite_file(store: Store, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(BackupError, match="not one written by CP Recorder"):
        restore(store.path, other)  # type: ignore[arg-type]


def test_restore_refuses_while_the_record_is_open(store: Store, demo_id: int) -> None:
    made = make_backup(store, "manual")
    path = store.path
    assert path is not None
    live = _digest(path)
    with pytest.raises(BackupError, match="open in CP Recorder"):
        restore(path, made)
    assert _digest(path) == live
    assert [b.reason for b in list_backups(path)] == ["manual"]


def test_restore_over_a_damaged_database_keeps_it_byte_for_byte(store: Store, demo_id: int) -> None:
    made = make_backup(store, "manual")
    path = store.path
    assert path is not None
    store.close()
    _corrupt_copy(made, path)
    damaged = _digest(path)

    done = restore(path, made)

    assert done.kept_as is not None and _digest(done.kept_as) == damaged
    reopened = Store.open_sqlite(path)
    assert integrity(path) == "ok"
    assert _family_name(reopened, demo_id) == "Ashdown"
    reopened.close()


def test_restore_without_a_live_database(store: Store, demo_id: int, tmp_path: Path) -> None:
    made = make_backup(store, "manual")
    fresh = tmp_path / "elsewhere" / "cprecorder.sqlite3"
    done = restore(fresh, made, folder=tmp_path / "elsewhere-backups")
    assert done.kept_as is None
    assert check_backup(fresh) == "ok"


def test_a_failed_copy_leaves_the_live_file(
    store: Store, demo_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = make_backup(store, "manual")
    path = store.path
    assert path is not None
    store.close()
    live = _digest(path)

    def disk_full(_path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_fsync_file", disk_full)
    with pytest.raises(BackupError, match="No space left on device"):
        restore(path, made)
    assert _digest(path) == live
    assert not any(p.name.startswith(".") for p in path.parent.iterdir())


def test_a_server_database_is_backed_up_by_its_server() -> None:
    server = Store.__new__(Store)
    server.is_sqlite = False
    server.path = None
    with pytest.raises(BackupError, match="server's job"):
        make_backup(server, "manual")
    assert backup_if_due(server) is None
    assert backup_on_sign_off(server) is None


def test_the_command_line(
    store: Store, demo_id: int, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    assert main(["backup"]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.is_file() and made.parent == data_dir / "backups"

    assert main(["backups"]) == 0
    listed = capsys.readouterr().out
    assert str(made) in listed and "\tmanual\t" in listed

    assert main(["restore", str(made)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Restored ") and "before-restore" in out

    damaged = data_dir / "damaged.sqlite3"
    _corrupt_copy(made, damaged)
    live = _digest(data_dir / "cprecorder.sqlite3")
    assert main(["restore", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err
    assert _digest(data_dir / "cprecorder.sqlite3") == live

    assert main(["--db", "postgresql://team@localhost/cp", "backups"]) == 1
    assert "server's job" in capsys.readouterr().err


# --- A damaged store: read-only, no damaged backups, the last good one kept -----------


@pytest.fixture
def damaged(store: Store, demo_id: int) -> Path:
    """The store's file with a scrambled page, and one good backup made before."""
    good = make_backup(store, "daily")
    assert check_backup(good) == "ok"
    path = store.path
    assert path is not None
    store.close()
    scramble_root_page(path, "conferences")
    return path


def test_a_damaged_store_is_only_read_and_says_so(
    damaged: Path, actor: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    from cprecorder.demo import demo_conference
    from cprecorder.errors import StoreUnavailableError
    from cprecorder.interchange import import_conference
    from cprecorder.store import DAMAGED

    before = _digest(damaged)
    opened = Store.open_sqlite(damaged)
    assert opened.check_integrity() == DAMAGED
    for attempt in (
        lambda: import_conference(opened, actor=actor, data=demo_conference(), as_copy=True),
        lambda: _rename(opened, actor, 1, "Changed"),
    ):
        with pytest.raises(StoreUnavailableError) as refused:
            attempt()
        assert str(refused.value) == DAMAGED
    opened.close()
    assert _digest(damaged) == before
    for command in (["demo"], ["backup"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "damaged" in err and "Traceback" not in err
        assert "restore" in err
    assert _digest(damaged) == before
    assert len(list_backups(damaged)) == 1  # no damaged copy was kept


def test_fifteen_days_of_a_damaged_store_keep_the_last_good_backup(damaged: Path) -> None:
    [good] = list_backups(damaged)
    store = Store.open_sqlite(damaged)
    start = dt.datetime.now(dt.UTC)
    for day in range(1, 16):
        with pytest.raises(BackupError, match="damaged, so no backup was made"):
            backup_if_due(store, now=start + dt.timedelta(days=day))
    store.close()
    assert list_backups(damaged) == [good]
    assert check_backup(good.path) == "ok"


def test_rotation_never_deletes_the_newest_good_backup(store: Store, demo_id: int) -> None:
    """Backups damaged after they were made (or made by an older version, unchecked)
    must not push out the newest one that still passes the check."""
    good = make_backup(store, "daily")
    newer = [make_backup(store, f"later {n}") for n in range(15)]
    for made in newer:
        _corrupt_copy(made, made)
    removed = prune(store.path, keep=14)  # type: ignore[arg-type]
    assert good not in removed and good.is_file()
    assert removed == newer[:1]
    kept = [b.path for b in list_backups(store.path)]  # type: ignore[arg-type]
    assert kept == [good, *newer[1:]]


@pytest.mark.usefixtures("clock_ahead_of_utc")
def test_the_list_says_when_each_backup_was_taken_on_the_local_clock(
    store: Store, demo_id: int, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file's name keeps the moment in UTC; the list shows it on the reader's clock."""
    store.close()
    assert main(["backup"]) == 0
    made = Path(capsys.readouterr().out.strip())
    [listed] = list_backups(data_dir / "cprecorder.sqlite3")
    assert listed.path == made
    assert main(["backups"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    here = listed.taken_at + dt.timedelta(hours=1)  # the clock is an hour ahead of UTC
    assert line.split("\t")[0] == f"{here:%Y-%m-%d %H:%M:%S}"
