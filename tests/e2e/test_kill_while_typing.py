"""kill -9 while typing: what a crash can cost a minute-taker, measured on the real app.

Each trial copies one prepared database (the demo conference), starts
``typist.py`` — the real main window over a real store, typing key by key into
the chair's summary — waits until it types, lets it type for a random 0.3-2.0 s,
sends SIGKILL, and opens the database again with a fresh ``Store``:

* ``PRAGMA integrity_check`` is "ok";
* the saved summary is the demo's text followed by a prefix of what was typed
  (nothing garbled, nothing from nowhere);
* every save the app confirmed is there: the last ``CONFIRMED`` text (length and
  SHA-1) is a prefix of the saved text — typing only appends, so this covers
  every earlier confirmed save too;
* no more than the last second of typing is lost: whatever the field held
  ``LOSS_BOUND_S`` before the kill is saved.

The bound is the promise of issue 7 ("no more than the last second of typing is
lost"), one second, with nothing added. The kill time is taken from
``time.monotonic()`` just before ``os.kill``, and the typist stamps each key with
the same clock (one clock for all processes on Linux), so the only slack is the
few microseconds between that reading and the signal — in the typist's favour.
The recorder saves 600 ms after the last key (``AUTOSAVE_MS``) and, during
unbroken typing, at most 800 ms after the first unsaved one (``MAX_UNSAVED_MS``),
which leaves 0.2 s for the commit (about 2 ms) and a late timer on a busy
machine. A bound of 1.6 s (one second plus one autosave interval) would let a
save policy lose more than was promised, so it is not used.

The random kill delays are stratified (trial ``i`` of ``n`` is killed in the
``i``-th slice of 0.3-2.0 s), so every run covers the whole range. The seed is
printed and can be given back with ``CPRECORDER_KILL_SEED=<seed>``; it fixes the
kill delays and the typist's rhythm (the machine's timing still varies). ``make test``
uses a fixed seed (``SUITE_SEED``), so a failure there repeats; ``make soak`` draws a
new seed every run.

``make test`` runs 30 trials. ``make soak`` (``CPRECORDER_SOAK=1``) runs 1,000; a
number instead of 1 (``CPRECORDER_SOAK=200``) runs that many.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cprecorder.actor import Actor
from cprecorder.demo import add_demo_conference
from cprecorder.model import Conference, Role
from cprecorder.store import Store
from damage import integrity

TYPIST = Path(__file__).with_name("typist.py")

SUITE_TRIALS = 30
#: ``make test`` kills at the same moments every run; ``make soak`` draws new ones.
SUITE_SEED = 20261125
SOAK_TRIALS = 1000
#: The typist types for this long (seconds) after it is ready, then is killed.
KILL_AFTER_S = (0.3, 2.0)
#: Issue 7: no more than the last second of typing is lost.
LOSS_BOUND_S = 1.0
#: Trials run side by side (each is mostly a child starting up or typing).
WORKERS = 3
#: A child that is not typing after this long has failed to start.
START_TIMEOUT_S = 60.0


def soak_trials() -> int:
    """``CPRECORDER_SOAK``: unset → no soak; "1" (or any word) → 1,000; a number → that many."""
    value = os.environ.get("CPRECORDER_SOAK", "")
    return int(value) if value.isdigit() and int(value) > 1 else SOAK_TRIALS


def typed_stream(length: int) -> str:
    """The first ``length`` characters the typist types (see ``typist.words``)."""
    parts: list[str] = []
    total, number = 0, 0
    while total < length:
        number += 1
        word = f" w{number:04d}"
        parts.append(word)
        total += len(word)
    return "".join(parts)[:length]


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Prepared:
    """One database with the demo conference, copied for every trial."""

    folder: Path
    conference_id: int
    summary: str


@dataclass
class Trial:
    """What one kill left behind, and what the typist said before it died."""

    number: int
    seed: int
    delay_s: float
    killed_at: float = 0.0
    ready_len: int = 0
    typed: list[tuple[float, int]] = field(default_factory=list)
    confirmed: list[tuple[float, int, str]] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    integrity: str = ""
    saved: str = ""
    stderr: str = ""

    def name(self, master_seed: int) -> str:
        return (
            f"trial {self.number} (CPRECORDER_KILL_SEED={master_seed}, typist seed {self.seed},"
            f" killed {self.delay_s * 1000:.0f} ms after it was ready)"
        )

    def typed_by(self, moment: float) -> int:
        """How long the text on screen was at ``moment`` (the demo's text before any key)."""
        length = self.ready_len
        for stamp, typed_len in self.typed:
            if stamp > moment:
                break
            length = typed_len
        return length

    def lost_chars(self) -> int:
        last = self.typed[-1][1] if self.typed else self.ready_len
        return max(0, last - len(self.saved))

    def lost_ms(self) -> float:
        """How long before the kill the oldest key that did not reach the disk was typed."""
        for stamp, typed_len in self.typed:
            if typed_len > len(self.saved):
                return max(0.0, (self.killed_at - stamp) * 1000)
        return 0.0


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prepared]:
    folder = tmp_path_factory.mktemp("kill-prepared")
    store = Store.open_sqlite(folder / "cprecorder.sqlite3")
    try:
        actor = Actor(name="Tamsin Oakes", role=Role.MINUTE_TAKER, os_user="toakes")
        conference_id = add_demo_conference(store, actor)
        with store.read() as session:
            conference = session.get(Conference, conference_id)
            assert conference is not None
            summary = conference.chair_summary
    finally:
        store.close()  # the last connection checkpoints the WAL into the file
    yield Prepared(folder, conference_id, summary)


def read_lines(path: Path) -> list[str]:
    """Whole lines only: a line the kill cut short has no newline and is not read."""
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = text.split("\n")
    return lines[:-1]


def run_trial(prepared: Prepared, root: Path, trial: Trial) -> Trial:
    folder = root / f"trial-{trial.number:04d}"
    shutil.copytree(prepared.folder, folder)
    out, err = folder / "typist.out", folder / "typist.err"
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        CPRECORDER_DATA_DIR=str(folder / "data"),
        XDG_DATA_HOME=str(folder / "xdg-data"),
        XDG_CONFIG_HOME=str(folder / "xdg-config"),
    )
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(
            [
                sys.executable,
                str(TYPIST),
                str(folder / "cprecorder.sqlite3"),
                str(prepared.conference_id),
                str(folder / "settings.ini"),
                str(trial.seed),
            ],
            stdout=stdout,
            stderr=stderr,
            env=env,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not any(line.startswith("READY ") for line in read_lines(out)):
            if child.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(
                    f"the typist did not start (exit {child.returncode}):\n{err.read_text()}"
                )
            time.sleep(0.01)
        time.sleep(trial.delay_s)
        trial.killed_at = time.monotonic()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL, f"the typist ended by itself: {child.returncode}"
    trial.stderr = err.read_text(errors="replace")
    for line in read_lines(out):
        kind, *rest = line.split(" ")
        if kind == "READY":
            trial.ready_len = int(rest[1])
        elif kind == "TYPED":
            trial.typed.append((float(rest[0]), int(rest[1])))
        elif kind == "CONFIRMED":
            trial.confirmed.append((float(rest[0]), int(rest[1]), rest[2]))
        elif kind == "MISMATCH":
            trial.mismatches.append(line)

    trial.integrity = integrity(folder / "cprecorder.sqlite3")
    store = Store.open_sqlite(folder / "cprecorder.sqlite3")
    try:
        with store.read() as session:
            conference = session.get(Conference, prepared.conference_id)
            assert conference is not None
            trial.saved = conference.chair_summary
    finally:
        store.close()
    shutil.rmtree(folder)  # a thousand soak trials must not fill the disk
    return trial


@dataclass
class Run:
    master_seed: int
    trials: list[Trial]
    prepared: Prepared

    def report(self) -> str:
        worst = max(self.trials, key=lambda t: t.lost_ms())
        losses = sorted(t.lost_ms() for t in self.trials)
        p50, p95 = (losses[int(q * (len(losses) - 1))] for q in (0.5, 0.95))
        confirmed = sum(1 for t in self.trials if t.confirmed)
        over = [t for t in self.trials if len(t.saved) < t.typed_by(t.killed_at - LOSS_BOUND_S)]
        return (
            f"{len(self.trials)} kills (CPRECORDER_KILL_SEED={self.master_seed}):"
            f" {confirmed} after at least one confirmed save;"
            f" worst loss {worst.lost_ms():.0f} ms / {worst.lost_chars()} characters"
            f" ({worst.name(self.master_seed)}); loss median {p50:.0f} ms, p95 {p95:.0f} ms;"
            f" {len(over)} lost more than {LOSS_BOUND_S:g} s of typing"
        )


_RUNS: dict[str, Run | BaseException] = {}


def kill_trials(size: str, prepared: Prepared, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The trials for ``size`` ("suite" or "soak"), run once and shared by the checks."""
    if size in _RUNS:  # the second check reuses the kills (or their failure)
        known = _RUNS[size]
        if isinstance(known, BaseException):
            raise known
        return known
    count = SUITE_TRIALS if size == "suite" else soak_trials()
    seed_text = os.environ.get("CPRECORDER_KILL_SEED", "")
    if seed_text.isdigit():
        master_seed = int(seed_text)
    elif size == "suite":
        master_seed = SUITE_SEED  # make test: the same kills every run
    else:
        master_seed = random.SystemRandom().randrange(10**9)
    print(f"kill -9 while typing: {count} trials, CPRECORDER_KILL_SEED={master_seed}")
    rng = random.Random(master_seed)
    low, high = KILL_AFTER_S
    trials = [
        Trial(
            number=i,
            seed=rng.randrange(2**31),
            delay_s=low + (high - low) * (i + rng.random()) / count,
        )
        for i in range(count)
    ]
    root = tmp_path_factory.mktemp(f"kill-{size}")
    try:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            done = list(pool.map(lambda trial: run_trial(prepared, root, trial), trials))
    except Exception as exc:
        _RUNS[size] = exc
        raise
    run = Run(master_seed, done, prepared)
    print(run.report())
    _RUNS[size] = run
    return run


SIZES = [
    # Thirty starts of the real window: minutes, not seconds, on a busy machine.
    pytest.param("suite", marks=pytest.mark.timeout(900)),
    pytest.param(
        "soak",
        marks=[
            pytest.mark.soak,
            pytest.mark.timeout(6 * 3600),
            pytest.mark.skipif(
                not os.environ.get("CPRECORDER_SOAK"),
                reason="1,000 kills: make soak (CPRECORDER_SOAK=1)",
            ),
        ],
    ),
]


@pytest.mark.parametrize("size", SIZES)
def test_killed_while_typing_the_database_is_whole_and_keeps_every_confirmed_save(
    size: str, prepared: Prepared, tmp_path_factory: pytest.TempPathFactory
) -> None:
    run = kill_trials(size, prepared, tmp_path_factory)
    problems: list[str] = []
    for trial in run.trials:
        name = trial.name(run.master_seed)
        if trial.integrity != "ok":
            problems.append(f"{name}: integrity_check says {trial.integrity!r}")
        if trial.mismatches:
            problems.append(f"{name}: a save wrote other text than was on screen")
        expected = prepared_text(run.prepared, len(trial.saved))
        if trial.saved != expected:
            problems.append(f"{name}: the saved summary is not the typed text: {trial.saved!r}")
        last_typed = trial.typed[-1][1] if trial.typed else trial.ready_len
        if len(trial.saved) > last_typed:
            problems.append(f"{name}: {len(trial.saved)} characters saved, {last_typed} typed")
        if trial.confirmed:
            _, length, digest = trial.confirmed[-1]
            if len(trial.saved) < length or sha1(trial.saved[:length]) != digest:
                problems.append(
                    f"{name}: a confirmed save of {length} characters is gone"
                    f" ({len(trial.saved)} characters saved)"
                )
    assert not problems, "\n".join([run.report(), *problems])


def prepared_text(prepared: Prepared, length: int) -> str:
    """The demo's summary followed by what the typist types, cut at ``length``."""
    return (prepared.summary + typed_stream(max(0, length - len(prepared.summary))))[:length]


@pytest.mark.parametrize("size", SIZES)
def test_killed_while_typing_at_most_the_last_second_is_lost(
    size: str, prepared: Prepared, tmp_path_factory: pytest.TempPathFactory
) -> None:
    run = kill_trials(size, prepared, tmp_path_factory)
    problems: list[str] = []
    for trial in run.trials:
        due = trial.typed_by(trial.killed_at - LOSS_BOUND_S)
        if len(trial.saved) < due:
            problems.append(
                f"{trial.name(run.master_seed)}: {due} characters were on screen"
                f" {LOSS_BOUND_S:g} s before the kill, {len(trial.saved)} saved;"
                f" lost {trial.lost_chars()} characters typed over the last"
                f" {trial.lost_ms():.0f} ms"
            )
    assert not problems, "\n".join([run.report(), *problems])
