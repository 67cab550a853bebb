"""Every change is in the audit trail, chained by hash; tampering is found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import delete, select, update

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.audit import verify_chain
from cprecorder.model import AuditEntry, Conference, ConferenceKind, Operation
from cprecorder.model.registry import ENTITIES
from cprecorder.queries import load_conference
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


def head_of(store: Store, conference_id: int) -> tuple[str, int]:
    from cprecorder.model import Conference

    with store.read() as session:
        conference = session.get(Conference, conference_id)
        assert conference is not None
        return conference.audit_head_hash, conference.audit_head_count


#: The autosave of a plain field: of the conference row itself, of a part of it, and of
#: a part two rows below it (the head is moved by a statement of its own for those).
SAVED_FIELDS: dict[str, tuple[str, Callable[[Conference], int]]] = {
    "conference": ("chair_summary", lambda c: c.id),
    "worry": ("text", lambda c: c.worries[0].id),
    "danger_score": ("reason", lambda c: c.danger_statements[0].scores[0].id),
}


@pytest.mark.parametrize("entity", sorted(SAVED_FIELDS))
def test_the_conference_row_keeps_the_head_of_its_chain(
    store: Store, actor: Actor, demo_id: int, entity: str
) -> None:
    field, find = SAVED_FIELDS[entity]
    with store.read() as session:
        entity_id = find(load_conference(session, demo_id))
    for text in ("One", "Two"):
        op.update(store, actor=actor, entity=entity, entity_id=entity_id, values={field: text})
        trail = entries(store, demo_id)
        assert (trail[-1].target, trail[-1].new_value) == (
            f"{ENTITIES[entity].__name__}#{entity_id}",
            text,
        )
        assert head_of(store, demo_id) == (trail[-1].hash, len(trail))
    with store.read() as session:
        assert verify_chain(session, demo_id).intact


@pytest.mark.parametrize("cut", [1, 10, "all"])
def test_entries_cut_off_the_end_are_reported(
    store: Store, actor: Actor, demo_id: int, cut: int | str
) -> None:
    for n in range(12):
        op.add_item(
            store, actor=actor, conference_id=demo_id, entity="action", values={"what": f"A{n}"}
        )
    trail = entries(store, demo_id)
    gone = trail if cut == "all" else trail[-int(cut) :]
    with store.engine.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.id.in_([e.id for e in gone])))
    with store.read() as session:
        report = verify_chain(session, demo_id)
    assert not report.intact
    assert f"counts {len(trail)} entries but only {len(trail) - len(gone)} are left" in (
        report.sentence()
    )
    assert f"the newest {len(gone)} w" in report.sentence()


def test_a_replaced_newest_entry_is_reported(store: Store, actor: Actor, demo_id: int) -> None:
    """Rewriting the last entry and its hash still disagrees with the head on the record."""
    from cprecorder.audit import CHAINED_FIELDS, entry_hash

    op.update(
        store, actor=actor, entity="conference", entity_id=demo_id, values={"chair_summary": "A"}
    )
    last = entries(store, demo_id)[-1]
    row = {field: getattr(last, field) for field in CHAINED_FIELDS} | {"new_value": "Forged"}
    with store.engine.begin() as conn:
        conn.execute(
            update(AuditEntry)
            .where(AuditEntry.id == last.id)
            .values(new_value="Forged", hash=entry_hash(last.prev_hash, row))
        )
    with store.read() as session:
        report = verify_chain(session, demo_id)
    assert not report.intact and "end of the trail was replaced" in report.sentence()


def test_a_new_case_is_in_the_trail_of_the_meeting_it_was_made_with(
    store: Store, actor: Actor, demo_id: int
) -> None:
    """A conference created (or imported, as the demo is) makes the family's case in the
    same unit of work: the case's entry is in that meeting's trail, chained with it, and
    never in a trail of no meeting, where no audit view would show it."""
    created = op.create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name="Fenwick",
        scheduled_at=dt.datetime(2026, 12, 2, 10, 0),
    ).conference_id
    for conference_id, operation in ((created, Operation.CREATE), (demo_id, Operation.IMPORT)):
        with store.read() as session:
            conference = session.get(Conference, conference_id)
            assert conference is not None
            case = f"Case#{conference.case_id}"
            assert verify_chain(session, conference_id).intact
        made = [e for e in entries(store, conference_id) if e.target == case]
        assert [(e.operation, e.field) for e in made] == [(operation.stored, "")]
    with store.read() as session:
        nowhere = session.scalars(
            select(AuditEntry.target).where(AuditEntry.conference_id.is_(None))
        ).all()
    assert nowhere == []
