"""Two windows on one conference: the second is told who has it, and cannot write over it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from cprecorder.actor import Actor
from cprecorder.editing import LAPSES_AFTER, claim, heartbeat, new_token, release
from cprecorder.model import AuditEntry, EditingSession
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends


def test_the_second_window_is_told_who_has_it(
    store: Store, actor: Actor, chair: Actor, demo_id: int
) -> None:
    first, second = new_token(), new_token()
    assert claim(store, actor=actor, conference_id=demo_id, token=first) is None
    holder = claim(store, actor=chair, conference_id=demo_id, token=second)
    assert holder is not None and holder.name == "Gemma Stiles"
    assert "is read-only here" in holder.sentence()
    assert heartbeat(store, actor=actor, conference_id=demo_id, token=first)
    release(store, actor=actor, conference_id=demo_id, token=first)
    assert claim(store, actor=chair, conference_id=demo_id, token=second) is None


def test_a_hold_whose_heartbeat_stopped_lapses(
    store: Store, actor: Actor, chair: Actor, demo_id: int
) -> None:
    first, second = new_token(), new_token()
    claim(store, actor=actor, conference_id=demo_id, token=first)
    with store.engine.begin() as conn:
        conn.execute(
            update(EditingSession).values(
                heartbeat_at=dt.datetime.now(dt.UTC).replace(tzinfo=None) - LAPSES_AFTER * 2
            )
        )
    assert claim(store, actor=chair, conference_id=demo_id, token=second) is None
    assert not heartbeat(store, actor=actor, conference_id=demo_id, token=first)


@pytest.mark.parametrize("times", [3])
def test_holding_is_not_a_change_to_the_record(
    store: Store, actor: Actor, demo_id: int, times: int
) -> None:
    with store.read() as session:
        before = len(session.scalars(select(AuditEntry)).all())
    token = new_token()
    for _ in range(times):
        claim(store, actor=actor, conference_id=demo_id, token=token)
        heartbeat(store, actor=actor, conference_id=demo_id, token=token)
    release(store, actor=actor, conference_id=demo_id, token=token)
    with store.read() as session:
        assert len(session.scalars(select(AuditEntry)).all()) == before


@pytest.mark.usefixtures("clock_ahead_of_utc")
def test_a_crashed_window_of_the_same_person_here_is_released_at_once(
    store: Store, actor: Actor, demo_id: int
) -> None:
    import subprocess
    import sys

    from cprecorder.audit import verify_chain

    crashed = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    gone = int(crashed.stdout)  # a process that has ended, as a killed window's has
    claim(store, actor=actor, conference_id=demo_id, token=new_token())
    with store.engine.begin() as conn:
        conn.execute(update(EditingSession).values(pid=gone))
    with store.read() as session:
        opened = session.get_one(EditingSession, demo_id).opened_at  # stored in UTC
    assert claim(store, actor=actor, conference_id=demo_id, token=new_token()) is None
    with store.read() as session:
        notes = session.scalars(
            select(AuditEntry).where(AuditEntry.operation == "release_crashed_hold")
        ).all()
        assert len(notes) == 1 and f"process {gone}" in (notes[0].old_value or "")
        # since when, on the clock of the person reading the trail (an hour ahead of UTC)
        here = opened + dt.timedelta(hours=1)
        assert f"{here:%H:%M}" in (notes[0].old_value or "")
        assert "UTC" not in (notes[0].old_value or "")
        assert notes[0].conference_id == demo_id and notes[0].actor == "Gemma Stiles"
        assert verify_chain(session, demo_id).intact


def test_a_live_window_or_another_person_or_machine_keeps_the_hold(
    store: Store, actor: Actor, demo_id: int
) -> None:
    import os
    import subprocess
    import sys

    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        claim(store, actor=actor, conference_id=demo_id, token=new_token())
        with store.engine.begin() as conn:  # a live window in another process, here
            conn.execute(update(EditingSession).values(pid=sleeper.pid))
        assert claim(store, actor=actor, conference_id=demo_id, token=new_token()) is not None
    finally:
        sleeper.kill()
        sleeper.wait()
    someone_else = Actor(name="Gemma Stiles", role=actor.role, os_user="another")
    assert claim(store, actor=someone_else, conference_id=demo_id, token=new_token())
    with store.engine.begin() as conn:  # a stopped window on another machine lapses
        conn.execute(update(EditingSession).values(host="another-machine", pid=os.getpid() + 1))
    assert claim(store, actor=actor, conference_id=demo_id, token=new_token()) is not None
