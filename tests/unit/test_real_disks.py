"""A really full disk and a really read-only mount, not a stand-in for either.

Each trial runs the real command line in a private mount namespace (``unshare``) on a
small tmpfs that holds the database: filled to the last byte, or remounted read-only.
Reading must still work, and so must dumping and exporting to another disk (the way
to rescue the records); a save is refused with a sentence; the database file is left
byte for byte as it was and no -wal or -shm is made beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cprecorder.actor import Actor
from cprecorder.store import DISK_FULL, READ_ONLY_DISK, Store

CLI = (
    f"{shlex.quote(sys.executable)} -c "
    "'import sys; from cprecorder.cli import main; sys.exit(main(sys.argv[1:]))'"
)


def _unshare() -> list[str]:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        pytest.skip("needs Linux's unshare to mount a small disk of its own")
    command = ["unshare", "--mount"] if os.geteuid() == 0 else ["unshare", "-r", "--mount"]
    probe = subprocess.run([*command, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"mount namespaces are not allowed here: {probe.stderr.decode().strip()}")
    return command


def on_a_small_disk(tmp_path: Path, db: Path, how: str, commands: list[str]) -> Path:
    """Run ``commands`` (command-line arguments) with the database on a small disk that is
    ``full`` or ``read-only``; returns the folder with each command's exit, out and err."""
    disk, results = tmp_path / "disk", tmp_path / "results"
    disk.mkdir()
    results.mkdir()
    lines = [
        "set -u",
        f"mount -t tmpfs -o size=1m tmpfs {disk}",
        f"cp -p {db} {disk}/cprecorder.sqlite3",
    ]
    if how == "full":
        lines += [
            f"dd if=/dev/zero of={disk}/filler bs=4k >/dev/null 2>&1 || true",
            f"dd if=/dev/zero of={disk}/filler2 bs=512 >/dev/null 2>&1 || true",
        ]
    else:
        lines.append(f"mount -o remount,ro {disk}")
    lines.append(f"sha256sum {disk}/cprecorder.sqlite3 > {results}/before")
    for number, argv in enumerate(commands):
        lines.append(
            f"{CLI} --db sqlite:///{disk}/cprecorder.sqlite3 {argv} "
            f"> {results}/{number}.out 2> {results}/{number}.err; echo $? > {results}/{number}.code"
        )
    lines += [
        f"sha256sum {disk}/cprecorder.sqlite3 > {results}/after",
        f"ls -a {disk} > {results}/listing",
        f"df --output=avail {disk} | tail -1 > {results}/avail",
    ]
    script = tmp_path / "trial.sh"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "CPRECORDER_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([*_unshare(), "bash", str(script)], capture_output=True, env=env)
    assert done.returncode == 0, done.stderr.decode()
    return results


def outcome(results: Path, number: int) -> tuple[int, str, str]:
    return (
        int((results / f"{number}.code").read_text()),
        (results / f"{number}.out").read_text(encoding="utf-8"),
        (results / f"{number}.err").read_text(encoding="utf-8"),
    )


@pytest.fixture
def record(tmp_path: Path, actor: Actor) -> Path:
    from cprecorder.demo import add_demo_conference

    path = tmp_path / "made" / "cprecorder.sqlite3"
    store = Store.open_sqlite(path)
    add_demo_conference(store, actor)
    store.close()  # checkpointed: the file alone holds the record
    return path


@pytest.mark.parametrize("how", ["full", "read-only"])
def test_reading_and_rescuing_from_a_disk_that_takes_no_more(
    tmp_path: Path, record: Path, how: str
) -> None:
    rescue = tmp_path / "other disk"
    results = on_a_small_disk(
        tmp_path,
        record,
        how,
        [
            "list",
            f"dump 1 -o {shlex.quote(str(rescue / 'record.json'))}",
            f"export 1 --as record -o {shlex.quote(str(rescue / 'record.docx'))}",
            "audit verify 1",
            "demo",
        ],
    )
    if how == "full":
        assert (results / "avail").read_text().strip() == "0"
    sentence = DISK_FULL if how == "full" else READ_ONLY_DISK
    code, out, err = outcome(results, 0)
    assert code == 0 and "Ashdown" in out, err
    assert err == f"cprecorder: {sentence}\n"
    code, _, err = outcome(results, 1)
    assert code == 0, err
    assert (
        json.loads((rescue / "record.json").read_text())["conference"]["family_name"] == "Ashdown"
    )
    assert "not in the audit trail" in err
    code, out, err = outcome(results, 2)
    assert code == 0 and (rescue / "record.docx").stat().st_size > 10_000, err
    code, out, _ = outcome(results, 3)
    assert code == 0 and out.startswith("The audit trail is intact")
    code, out, err = outcome(results, 4)
    assert code == 1 and out == ""
    assert err.count("\n") == 2 and err.splitlines()[-1] == f"cprecorder: {sentence}"
    assert "Traceback" not in "".join(outcome(results, n)[2] for n in range(5))
    assert (results / "before").read_text().split()[0] == (results / "after").read_text().split()[0]
    assert (results / "before").read_text().split()[0] == hashlib.sha256(
        record.read_bytes()
    ).hexdigest()
    listing = (results / "listing").read_text().split()
    assert not any(name.endswith(("-wal", "-shm", "-journal")) for name in listing), listing
