"""Draft → in review → signed off; a signed-off record changes only by addendum."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.errors import RecordLockedError, ValidationError
from cprecorder.interchange import conference_to_dict
from cprecorder.model import Child, Conference, Operation, PlanType, RecordStatus
from cprecorder.queries import load_conference
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends


def signed_off(store: Store, actor: Actor, chair: Actor, demo_id: int) -> int:
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    return demo_id


def test_hand_over_then_sign_off(store: Store, actor: Actor, chair: Actor, demo_id: int) -> None:
    op.hand_over(store, actor=actor, conference_id=demo_id)
    with store.read() as session:
        assert session.get(Conference, demo_id).status is RecordStatus.IN_REVIEW  # type: ignore[union-attr]
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    with store.read() as session:
        conference = session.get(Conference, demo_id)
        assert conference is not None
        assert conference.status is RecordStatus.SIGNED_OFF
        assert conference.signed_off_by == "Ruth Calloway"
        assert conference.signed_off_at is not None


def test_a_minute_taker_cannot_sign_off(store: Store, actor: Actor, demo_id: int) -> None:
    with pytest.raises(op.NotPermittedError, match="Only the conference chair"):
        op.sign_off(store, actor=actor, conference_id=demo_id, chair_name="Gemma")
    with store.read() as session:
        assert session.get(Conference, demo_id).status is RecordStatus.DRAFT  # type: ignore[union-attr]


LOCKED_CHANGES = {
    "update a field": lambda s, a, c, child, person, statement: op.update(
        s, actor=a, entity="conference", entity_id=c, values={"chair_summary": "changed"}
    ),
    "add an item": lambda s, a, c, child, person, statement: op.add_item(
        s, actor=a, conference_id=c, entity="action", values={"what": "x"}
    ),
    "move an item": lambda s, a, c, child, person, statement: op.move_item(
        s, actor=a, entity="person", entity_id=person, offset=1
    ),
    "remove an item": lambda s, a, c, child, person, statement: op.remove_item(
        s, actor=a, entity="person", entity_id=person
    ),
    "score": lambda s, a, c, child, person, statement: op.set_danger_score(
        s, actor=a, statement_id=statement, person_id=person, score=2
    ),
    "safety score": lambda s, a, c, child, person, statement: op.set_safety_score(
        s, actor=a, conference_id=c, person_id=person, score=2
    ),
    "decision": lambda s, a, c, child, person, statement: op.set_decision(
        s, actor=a, conference_id=c, child_id=child, plan_type=PlanType.NO_PLAN
    ),
    "relationship": lambda s, a, c, child, person, statement: op.set_relationship(
        s, actor=a, person_id=person, child_id=child, relationship="Aunt"
    ),
}


@pytest.mark.parametrize("change", sorted(LOCKED_CHANGES))
def test_a_signed_off_record_refuses_every_operation(
    store: Store, actor: Actor, chair: Actor, demo_id: int, change: str
) -> None:
    signed_off(store, actor, chair, demo_id)
    with store.read() as session:
        before = conference_to_dict(load_conference(session, demo_id))
        conference = load_conference(session, demo_id)
        ids = (
            conference.children[0].id,
            conference.people[0].id,
            conference.danger_statements[0].id,
        )
    with pytest.raises(RecordLockedError, match="signed off"):
        LOCKED_CHANGES[change](store, chair, demo_id, *ids)
    with store.read() as session:
        assert conference_to_dict(load_conference(session, demo_id)) == before


def test_the_lock_holds_below_the_operations(
    store: Store, actor: Actor, chair: Actor, demo_id: int
) -> None:
    signed_off(store, actor, chair, demo_id)
    with pytest.raises(RecordLockedError), store.write(chair, Operation.UPDATE) as session:
        child = session.scalars(select(Child).where(Child.conference_id == demo_id)).first()
        assert child is not None
        child.first_name = "Changed"
    with pytest.raises(RecordLockedError), store.write(chair, Operation.UPDATE) as session:
        conference = session.get(Conference, demo_id)
        assert conference is not None
        conference.status = RecordStatus.DRAFT


def test_addendum_after_sign_off_only(
    store: Store, actor: Actor, chair: Actor, demo_id: int
) -> None:
    with pytest.raises(ValidationError, match="signed-off record"):
        op.add_addendum(
            store, actor=actor, conference_id=demo_id, author="Ruth", reason="r", text="t"
        )
    signed_off(store, actor, chair, demo_id)
    with pytest.raises(ValidationError, match="author's name, a reason"):
        op.add_addendum(
            store, actor=chair, conference_id=demo_id, author="Ruth", reason=" ", text="t"
        )
    op.add_addendum(
        store,
        actor=chair,
        conference_id=demo_id,
        author="Ruth Calloway",
        reason="Date of the first core group corrected",
        text="The first core group is on 4 December.",
    )
    with store.read() as session:
        [addendum] = load_conference(session, demo_id).addenda
        assert addendum.author == "Ruth Calloway"
        assert addendum.created_at <= dt.datetime.now(dt.UTC).replace(tzinfo=None)
