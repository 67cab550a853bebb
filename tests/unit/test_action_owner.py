"""An action's owner may be anyone: a name nobody has adds them to the family and network."""

from __future__ import annotations

from sqlalchemy import select

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.audit import verify_chain
from cprecorder.changes import readable_trail
from cprecorder.model import NAMED_IN_AN_ACTION, AuditEntry, Operation, PersonKind
from cprecorder.operations.action_owner import named_in_an_action
from cprecorder.queries import load_conference
from cprecorder.review import review_record
from cprecorder.store import Store


def first_action(store: Store, conference_id: int) -> int:
    with store.read() as session:
        return load_conference(session, conference_id).actions[0].id


def test_someone_new_is_added_to_the_family_and_network(
    store: Store, actor: Actor, demo_id: int
) -> None:
    action_id = first_action(store, demo_id)
    change = op.set_action_owner(store, actor=actor, action_id=action_id, name="  Paul  Whitmore ")
    assert change.operation is Operation.ACTION_OWNER and change.people
    with store.read() as session:
        conference = load_conference(session, demo_id)
        action = next(a for a in conference.actions if a.id == action_id)
        assert action.owner is not None
        assert (action.owner.name, action.owner.role, action.owner.kind) == (
            "Paul Whitmore",
            NAMED_IN_AN_ACTION,
            PersonKind.NETWORK,
        )
        assert change.values == {"owner_id": action.owner.id}
        note = named_in_an_action("Paul Whitmore")
        assert [i.sentence for i in review_record(conference) if not i.blocking].count(note) == 1
        assert any(
            e.action == Operation.ACTION_OWNER.words for e in readable_trail(session, conference)
        )
        assert session.scalars(
            select(AuditEntry).where(AuditEntry.operation == "set_action_owner")
        ).all()
        assert verify_chain(session, demo_id).intact


def test_a_name_of_the_conference_is_that_person_whatever_the_case(
    store: Store, actor: Actor, demo_id: int
) -> None:
    action_id = first_action(store, demo_id)
    with store.read() as session:
        people = load_conference(session, demo_id).people
        margaret = next(p for p in people if p.name == "Margaret Pryce")
        count = len(people)
    for typed in ("margaret pryce", margaret.label.upper()):
        change = op.set_action_owner(store, actor=actor, action_id=action_id, name=typed)
        assert change.values == {"owner_id": margaret.id}
    with store.read() as session:
        assert len(load_conference(session, demo_id).people) == count


def test_no_name_is_no_one_named(store: Store, actor: Actor, demo_id: int) -> None:
    action_id = first_action(store, demo_id)
    change = op.set_action_owner(store, actor=actor, action_id=action_id, name=" ")
    assert change.values == {"owner_id": None}
    with store.read() as session:
        action = next(a for a in load_conference(session, demo_id).actions if a.id == action_id)
        assert action.owner_id is None
