"""Several people on several machines: real processes racing on one database.

Each test starts client processes that share nothing but the database (on PostgreSQL, the
test session's real server) and releases them at the same moment. SQLite serialises all
of this with its database lock; on PostgreSQL the store must do it by design: revisions
for stale saves, a row lock on the conference for the audit chain, list limits and the
lifecycle, one statement for the editing hold, judged by the database's clock.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import select

from cprecorder.actor import Actor
from cprecorder.audit import verify_chain
from cprecorder.editing import claim, new_token
from cprecorder.live import ChangeWatch
from cprecorder.model import (
    AuditEntry,
    Child,
    Conference,
    ConferenceKind,
    DangerStatement,
    RecordStatus,
)
from cprecorder.operations import add_item, create_conference, update
from cprecorder.store import Store
from race_workers import (
    CONTEXT,
    add_danger_statement,
    open_for_editing,
    run_clients,
    run_together,
    save_later,
    save_many,
    save_words,
    sign_off_when_inside,
    slow_save,
)

pytestmark = pytest.mark.both_backends


@pytest.fixture
def conference_id(store: Store, actor: Actor) -> int:
    return create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name="Fenwick",
        scheduled_at=dt.datetime(2026, 12, 1, 10, 0),
        children=["Alfie Fenwick"],
    ).conference_id


def revision_of(store: Store, conference_id: int) -> int:
    with store.read() as session:
        conference = session.get(Conference, conference_id)
        assert conference is not None
        return conference.revision


def test_two_people_saving_the_same_words_one_is_told_and_nothing_is_lost(
    store: Store, conference_id: int
) -> None:
    based_on = revision_of(store, conference_id)
    results = run_together(
        save_words,
        (store.url, conference_id, "Dana's summary", based_on),
        (store.url, conference_id, "Ruth's summary", based_on),
    )
    assert sorted(r.split(":")[0] for r in results) == ["conflict", "saved"], results
    winner = "Dana's summary" if results[0] == "saved" else "Ruth's summary"
    loser_heard = results[1] if results[0] == "saved" else results[0]
    # The one refused is told who saved and what they wrote; their own words are theirs to keep.
    assert loser_heard == f"conflict: {winner}: {winner}"
    with store.read() as session:
        assert session.get(Conference, conference_id).chair_summary == winner  # type: ignore[union-attr]


def test_concurrent_saves_to_one_conference_keep_one_unbroken_audit_chain(
    store: Store, conference_id: int
) -> None:
    with store.read() as session:
        child_id = session.scalars(
            select(Child.id).where(Child.conference_id == conference_id)
        ).one()
    # The minute-taker types the chair's summary while the social worker types the child's
    # views: two rows of one conference, so nothing but the conference's lock orders them.
    results = run_together(
        save_many,
        (store.url, "conference", conference_id, "chair_summary", "A", 100),
        (store.url, "child", child_id, "views", "B", 100),
    )
    assert results == ["saved 100", "saved 100"], results
    with store.read() as session:
        report = verify_chain(session, conference_id)
        saves = session.scalars(
            select(AuditEntry).where(
                AuditEntry.conference_id == conference_id,
                AuditEntry.field.in_(["chair_summary", "views"]),
            )
        ).all()
    assert report.intact, report.sentence()
    assert len(saves) == 200


def test_concurrent_adds_stop_at_the_agendas_limit_each_in_its_own_place(
    store: Store, actor: Actor, conference_id: int
) -> None:
    for words in ("Worried about the kitchen knives", "Worried about Dad's drinking"):
        add_item(
            store,
            actor=actor,
            conference_id=conference_id,
            entity="danger_statement",
            values={"statement": words},
        )
    results = run_together(
        add_danger_statement,
        *[(store.url, conference_id, f"Statement {n}") for n in range(3)],
    )
    assert sorted(r.split(":")[0] for r in results) == ["added", "added", "refused"], results
    with store.read() as session:
        positions = session.scalars(
            select(DangerStatement.position)
            .where(DangerStatement.conference_id == conference_id)
            .order_by(DangerStatement.position)
        ).all()
    assert positions == [0, 1, 2, 3]


def test_no_save_commits_after_the_sign_off(store: Store, conference_id: int) -> None:
    inside = CONTEXT.Event()  # the save has read the draft and is about to commit, slowly
    results = run_clients(
        (slow_save, (store.url, conference_id, inside, 2.0)),
        (sign_off_when_inside, (store.url, conference_id, inside)),
    )
    assert results[1] == "signed off", results
    with store.read() as session:
        conference = session.get(Conference, conference_id)
        assert conference is not None and conference.status is RecordStatus.SIGNED_OFF
        trail = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.conference_id == conference_id)
            .order_by(AuditEntry.id)
        ).all()
    signed = next(
        n for n, e in enumerate(trail) if e.field == "status" and e.new_value == "signed_off"
    )
    after = [e for e in trail[signed + 1 :] if e.operation != "sign_off"]
    assert after == [], [(e.operation, e.field, e.new_value) for e in after]
    if results[0] == "saved":  # it committed first, so it is before the signature
        assert conference.chair_summary == "Typed just before the sign-off."
        summary = next(e for e in trail if e.field == "chair_summary")
        assert summary.at <= trail[signed].at
        assert conference.signed_off_at is not None and summary.at <= conference.signed_off_at
    else:
        assert results[0] == "refused: signed off"
        assert conference.chair_summary == ""


def test_two_windows_opening_at_once_one_edits_the_other_is_told_who(
    store: Store, conference_id: int
) -> None:
    names = ["Gemma Stiles", "Ruth Calloway", "Dana Okafor", "Sam Tran"]
    results = run_together(open_for_editing, *[(store.url, conference_id, n) for n in names])
    assert results.count("editing") == 1, results
    winner = names[results.index("editing")]
    assert sorted(r for r in results if r != "editing") == [f"read-only: {winner}"] * 3


def test_a_client_whose_clock_is_fast_cannot_take_over_a_live_hold(
    store: Store, actor: Actor, chair: Actor, conference_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert claim(store, actor=actor, conference_id=conference_id, token=new_token()) is None

    def fast() -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(seconds=80)

    import cprecorder.editing
    import cprecorder.model.base

    monkeypatch.setattr(cprecorder.model.base, "utcnow", fast)
    monkeypatch.setattr(cprecorder.editing, "utcnow", fast, raising=False)
    holder = claim(store, actor=chair, conference_id=conference_id, token=new_token())
    assert holder is not None and holder.name == actor.name


def test_a_second_window_sees_a_saved_change_within_two_seconds(
    store: Store, conference_id: int
) -> None:
    watch = ChangeWatch(store)
    try:
        assert watch.poll() == set()
        committed = run_together(save_later, (store.url, conference_id, "Seen live", 0.5))
        assert committed[0][0].isdigit(), committed
        seen = set()
        deadline = time.monotonic() + 2.0
        while conference_id not in seen and time.monotonic() < deadline:
            seen |= watch.poll()
            time.sleep(0.05)
        assert conference_id in seen, "the change was not seen within two seconds"
        assert watch.poll() == set()
        update(
            store,
            actor=Actor(name="Ruth", role=Actor.current().role, os_user="ruth"),
            entity="conference",
            entity_id=conference_id,
            values={"observers": "A student social worker"},
        )
        time.sleep(0.1)
        assert conference_id in watch.poll()
    finally:
        watch.close()
