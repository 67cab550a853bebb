"""Faults at the store: full disk, read-only files and folders, a lock held elsewhere, damage.

Each fault must give a :class:`StoreUnavailableError` with a plain sentence,
leave the database file as it was, and lose no text: the window keeps what it
could not save in the recovery file, and it is saved once the fault is gone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

import cprecorder.store
from cprecorder.actor import Actor
from cprecorder.backup import make_backup, restore
from cprecorder.cli import main
from cprecorder.errors import StoreUnavailableError
from cprecorder.interchange import conference_to_dict
from cprecorder.operations import update
from cprecorder.queries import list_conferences, load_conference
from cprecorder.recovery import RecoveryJournal
from cprecorder.store import Store
from damage import integrity

TEXT = "Kerry said she will ask Nan to stay over on school nights. \u202eNo\u202c \U0001f44d"
NOT_PLAIN = ("sqlite3", "[SQL", "Traceback", "Background on this error", "Error:")


def assert_plain(message: str, *words: str) -> None:
    """A sentence for a person: capitalised, finished, no driver jargon, says what to do."""
    assert message[:1].isupper() and message.rstrip().endswith("."), message
    for marker in NOT_PLAIN:
        assert marker not in message, message
    for word in words:
        assert word in message.lower(), message


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def record_of(store: Store, conference_id: int) -> dict[str, Any]:
    with store.read() as session:
        record: dict[str, Any] = conference_to_dict(load_conference(session, conference_id))
        meeting: dict[str, Any] = record["conference"]
        return meeting


def save_summary(store: Store, actor: Actor, conference_id: int, text: str = TEXT) -> None:
    update(
        store,
        actor=actor,
        entity="conference",
        entity_id=conference_id,
        values={"chair_summary": text},
    )


def keep_and_replay(
    journal: RecoveryJournal, store: Store, actor: Actor, conference_id: int
) -> None:
    """What the window does once saving works again: the kept text reaches the record."""
    assert [e.text for e in journal.pending(conference_id)] == [TEXT]
    assert journal.replay(store, actor, conference_id) == []
    assert journal.pending(conference_id) == []
    assert record_of(store, conference_id)["chair_summary"] == TEXT


@pytest.fixture
def journal(data_dir: Path) -> RecoveryJournal:
    return RecoveryJournal(data_dir)


# --- A full disk -------------------------------------------------------------------------


def test_disk_full(store: Store, actor: Actor, demo_id: int, journal: RecoveryJournal) -> None:
    path = store.path
    assert path is not None
    before = record_of(store, demo_id)
    store.close()  # the WAL is checkpointed: the main file now holds everything
    saved = digest(path)

    full = Store.open_sqlite(path)

    @event.listens_for(full.engine, "connect")
    def no_room_to_grow(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    full.engine.dispose()
    with pytest.raises(StoreUnavailableError) as refused:
        save_summary(full, actor, demo_id, TEXT * 2000)
    assert_plain(str(refused.value), "disk is full", "text is kept")
    journal.keep(demo_id, "conference", demo_id, "chair_summary", TEXT)
    assert record_of(full, demo_id) == before
    full.close()
    assert digest(path) == saved

    roomy = Store.open_sqlite(path)
    keep_and_replay(journal, roomy, actor, demo_id)
    roomy.close()


# --- Read-only files and folders -------------------------------------------------------
#
# Root may write anything, so as root (CI, containers) the attempt runs in a forked
# child that has given up root for the "nobody" account; the files are then really
# read-only to it. As an ordinary user the attempt runs in a child as that user.

NOBODY = 65534


def as_ordinary_user(attempt: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read_end)
        try:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            answer = attempt()
        except BaseException as exc:
            answer = {"bug": f"{type(exc).__name__}: {exc}"}
        os.write(write_end, json.dumps(answer).encode("utf-8"))
        os._exit(0)
    os.close(write_end)
    data = b""
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    outcome: dict[str, Any] = json.loads(data)
    assert "bug" not in outcome, outcome["bug"]
    return outcome


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder outside pytest's private tmp folder, so the ordinary user can reach it."""
    if os.name != "posix" or not hasattr(os, "fork"):
        pytest.skip("file modes and fork are POSIX")
    folder = Path(tempfile.mkdtemp(prefix="cpr-faults-"))
    os.chmod(folder, 0o755)
    yield folder
    for path in (folder, *folder.rglob("*")):
        if path.is_dir():
            os.chmod(path, 0o700)
    shutil.rmtree(folder)


def make_record(folder: Path, actor: Actor) -> tuple[Path, int]:
    from cprecorder.demo import add_demo_conference

    path = folder / "db" / "cprecorder.sqlite3"
    made = Store.open_sqlite(path)
    conference_id = add_demo_conference(made, actor)
    made.close()
    return path, conference_id


def hand_to_ordinary_user(*paths: Path) -> None:
    if os.geteuid() == 0:
        for path in paths:
            os.chown(path, NOBODY, NOBODY)


def try_to_save(path: Path, recovery: Path, actor: Actor, conference_id: int) -> dict[str, Any]:
    """In the child: what the window does, a save that fails and text kept for later."""
    try:
        opened = Store.open_sqlite(path)
        try:
            save_summary(opened, actor, conference_id)
            return {"saved": True}
        finally:
            opened.close()
    except StoreUnavailableError as exc:
        RecoveryJournal(recovery).keep(
            conference_id, "conference", conference_id, "chair_summary", TEXT
        )
        return {"saved": False, "error": str(exc)}


def test_read_only_database_file(shared_folder: Path, actor: Actor) -> None:
    path, conference_id = make_record(shared_folder, actor)
    recovery = shared_folder / "data"
    recovery.mkdir()
    hand_to_ordinary_user(path.parent, path, recovery)
    os.chmod(path, 0o400)
    saved = digest(path)

    outcome = as_ordinary_user(lambda: try_to_save(path, recovery, actor, conference_id))

    assert outcome["saved"] is False
    assert_plain(outcome["error"], "read-only", "text is kept")
    assert digest(path) == saved
    assert os.stat(path).st_mode & 0o777 == 0o400  # opening did not make it writable again
    os.chmod(path, 0o600)  # IT fixes the permissions
    fixed = Store.open_sqlite(path)
    keep_and_replay(RecoveryJournal(recovery), fixed, actor, conference_id)
    fixed.close()


def test_read_only_folder(shared_folder: Path, actor: Actor) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs a folder owned by another account (run as root, as CI does)")
    path, conference_id = make_record(shared_folder, actor)
    recovery = shared_folder / "data"
    recovery.mkdir()
    hand_to_ordinary_user(path, recovery)  # the file is theirs, the folder is not
    os.chmod(path.parent, 0o755)
    saved = digest(path)

    outcome = as_ordinary_user(lambda: try_to_save(path, recovery, actor, conference_id))

    assert outcome["saved"] is False
    assert_plain(outcome["error"], "cannot be written", "permissions")
    assert digest(path) == saved
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    hand_to_ordinary_user(path.parent)  # IT gives the folder to its user
    fixed = Store.open_sqlite(path)
    keep_and_replay(RecoveryJournal(recovery), fixed, actor, conference_id)
    fixed.close()


# --- Locked by another process ---------------------------------------------------------

HOLD_LOCK = """
import signal, sqlite3, sys
signal.alarm(60)  # never outlive a broken test
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("holding", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


def test_database_locked_by_another_process(
    store: Store,
    actor: Actor,
    demo_id: int,
    journal: RecoveryJournal,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cprecorder.store, "BUSY_TIMEOUT_MS", 200)
    store.engine.dispose()  # new connections take the short busy timeout
    path = store.path
    assert path is not None
    before = record_of(store, demo_id)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(StoreUnavailableError) as refused:
            save_summary(store, actor, demo_id)
        assert_plain(str(refused.value), "another window or program", "text is kept")
        journal.keep(demo_id, "conference", demo_id, "chair_summary", TEXT)
        assert record_of(store, demo_id) == before  # reading still works meanwhile
    finally:
        assert holder.stdin is not None
        holder.stdin.write("release\n")
        holder.stdin.close()
        holder.wait(timeout=30)
        assert holder.stdout is not None
        holder.stdout.close()
    keep_and_replay(journal, store, actor, demo_id)


# --- A damaged database file -----------------------------------------------------------


def damage_header(data: bytearray, _path: Path) -> None:
    data[0:16] = b"Not a database!!"


def damage_conferences_table(data: bytearray, path: Path) -> None:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'conferences'"
        ).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    start = (root - 1) * page_size
    data[start : start + page_size] = bytes(b ^ 0x5A for b in data[start : start + page_size])


def damage_the_end(data: bytearray, _path: Path) -> None:
    del data[len(data) // 2 :]


@pytest.mark.parametrize(
    "damage", [damage_header, damage_conferences_table, damage_the_end], ids=lambda f: f.__name__
)
def test_damaged_database(
    store: Store,
    actor: Actor,
    demo_id: int,
    journal: RecoveryJournal,
    damage: Callable[[bytearray, Path], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = store.path
    assert path is not None
    backup = make_backup(store, "daily")
    store.close()
    data = bytearray(path.read_bytes())
    damage(data, path)
    path.write_bytes(bytes(data))
    damaged = digest(path)

    # Opening, reading and saving each fail with the same plain sentence.
    messages = []
    try:
        opened = Store.open_sqlite(path)
    except StoreUnavailableError as exc:
        messages.append(str(exc))
    else:
        with pytest.raises(StoreUnavailableError) as reading:
            record_of(opened, demo_id)
        with pytest.raises(StoreUnavailableError) as listing, opened.read() as session:
            list_conferences(session)
        with pytest.raises(StoreUnavailableError) as saving:
            save_summary(opened, actor, demo_id)
        messages += [str(reading.value), str(listing.value), str(saving.value)]
        opened.close()
    for message in messages:
        assert_plain(message, "damaged", "nothing has been overwritten", "restore", "backup")
    journal.keep(demo_id, "conference", demo_id, "chair_summary", TEXT)
    assert digest(path) == damaged

    # The command line says the same, without a traceback.
    assert main(["list"]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err
    assert digest(path) == damaged

    # Restoring the backup brings the record back; the damaged file is kept as it was.
    done = restore(path, backup)
    assert done.kept_as is not None and digest(done.kept_as) == damaged
    restored = Store.open_sqlite(path)
    assert integrity(path) == "ok"
    keep_and_replay(journal, restored, actor, demo_id)
    restored.close()


def test_a_file_that_is_not_a_database_at_all(tmp_path: Path) -> None:
    path = tmp_path / "minutes.docx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(8192))
    saved = digest(path)
    with pytest.raises(StoreUnavailableError) as refused:
        Store(f"sqlite:///{path}")
    assert_plain(str(refused.value), "damaged", "restore")
    assert digest(path) == saved


def test_a_bug_in_a_query_is_not_disguised_as_a_fault(store: Store) -> None:
    from sqlalchemy.exc import ProgrammingError

    with pytest.raises(ProgrammingError), store.read() as session:
        session.connection().exec_driver_sql("SELECT ?", ())


def test_a_folder_someone_chose_keeps_its_permissions(tmp_path: Path) -> None:
    """Opening a database in a shared folder (or /tmp) must not lock others out of it."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    Store.open_sqlite(shared / "cprecorder.sqlite3").close()
    assert shared.stat().st_mode & 0o7777 == 0o1777
    fresh = tmp_path / "new" / "cprecorder.sqlite3"
    Store.open_sqlite(fresh).close()
    if os.name == "posix":
        assert fresh.parent.stat().st_mode & 0o777 == 0o700
