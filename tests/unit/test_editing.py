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
