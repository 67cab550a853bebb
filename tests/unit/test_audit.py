"""Every change is in the audit trail, chained by hash; tampering is found."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.audit import verify_chain
from cprecorder.model import AuditEntry, Operation
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends


def entries(store: Store, conference_id: int) -> list[AuditEntry]:
    with store.read() as session:
        return list(
            session.scalars(
                select(AuditEntry)
                .where(AuditEntry.conference_id == conference_id)
                .order_by(AuditEntry.id)
            )
        )


def test_a_change_is_recorded_with_who_when_old_and_new(
    store: Store, actor: Actor, demo_id: int
) -> None:
    op.update(
        store,
        actor=actor,
        entity="conference",
        entity_id=demo_id,
        values={"chair_summary": "New summary"},
    )
    last = entries(store, demo_id)[-1]
    assert (last.field, last.new_value, last.actor, last.role, last.os_user) == (
        "chair_summary",
        "New summary",
        "Gemma Stiles",
        "minute_taker",
        "gstiles",
    )
    assert last.old_value is not None and last.old_value.startswith("Everyone agreed")
    assert last.operation == Operation.UPDATE.stored == "update"


def test_the_chain_is_intact_after_many_changes(store: Store, actor: Actor, demo_id: int) -> None:
    for n in range(5):
        op.add_item(
            store,
            actor=actor,
            conference_id=demo_id,
            entity="action",
            values={"what": f"Action {n}"},
        )
    with store.read() as session:
        report = verify_chain(session, demo_id)
    assert report.intact, report.sentence()
    assert report.entries == len(entries(store, demo_id))


def test_a_tampered_row_is_reported(store: Store, actor: Actor, demo_id: int) -> None:
    op.update(
        store,
        actor=actor,
        entity="conference",
        entity_id=demo_id,
        values={"chair_summary": "Honest"},
    )
    target = entries(store, demo_id)[-1].id
    with store.engine.begin() as conn:
        conn.execute(update(AuditEntry).where(AuditEntry.id == target).values(new_value="Forged"))
    with store.read() as session:
        report = verify_chain(session, demo_id)
    assert not report.intact
    assert report.broken_at == target
    assert "changed after it was written" in report.sentence()


def test_a_removed_row_is_reported(store: Store, actor: Actor, demo_id: int) -> None:
    rows = entries(store, demo_id)
    with store.engine.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.id == rows[3].id))
    with store.read() as session:
        report = verify_chain(session, demo_id)
    assert report.broken_at == rows[4].id
    assert "removed or reordered" in report.problem


def test_a_removed_item_is_in_the_trail(store: Store, actor: Actor, demo_id: int) -> None:
    with store.read() as session:
        from cprecorder.queries import load_conference

        person = load_conference(session, demo_id).people[3]
        person_id, name = person.id, person.name
    before = len(entries(store, demo_id))
    op.remove_item(store, actor=actor, entity="person", entity_id=person_id)
    removed = [e for e in entries(store, demo_id)[before:] if e.new_value is None]
    assert [e.target for e in removed] == [f"Person#{person_id}"]
    assert removed[0].old_value is not None and name in removed[0].old_value
    with store.read() as session:
        assert verify_chain(session, demo_id).intact


def test_removing_a_relationship_is_in_the_trail(store: Store, actor: Actor, demo_id: int) -> None:
    from cprecorder.queries import load_conference

    with store.read() as session:
        conference = load_conference(session, demo_id)
        person, child = conference.people[0].id, conference.children[0].id
    before = len(entries(store, demo_id))
    op.set_relationship(store, actor=actor, person_id=person, child_id=child, relationship="")
    removed = [e for e in entries(store, demo_id)[before:] if e.new_value is None]
    assert [e.target.split("#")[0] for e in removed] == ["ChildRelationship"]
