"""Taking a hand-over back, and withdrawing a conference created by mistake."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.audit import verify_chain
from cprecorder.changes import readable_trail
from cprecorder.errors import RecordLockedError, ValidationError
from cprecorder.lifecycle import hand_over_refusal, take_back_refusal, withdraw_refusal
from cprecorder.model import AuditEntry, Conference, RecordStatus, Role
from cprecorder.queries import list_conferences, load_conference
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends


@pytest.mark.parametrize(
    ("status", "role", "chair_changed", "offered"),
    [
        (RecordStatus.IN_REVIEW, Role.MINUTE_TAKER, False, True),
        (RecordStatus.IN_REVIEW, Role.MINUTE_TAKER, True, False),
        (RecordStatus.IN_REVIEW, Role.CHAIR, False, False),
        (RecordStatus.IN_REVIEW, Role.SOCIAL_WORKER, False, False),
        (RecordStatus.DRAFT, Role.MINUTE_TAKER, False, False),
        (RecordStatus.SIGNED_OFF, Role.MINUTE_TAKER, False, False),
        (RecordStatus.WITHDRAWN, Role.MINUTE_TAKER, False, False),
    ],
)
def test_who_may_take_a_hand_over_back(
    status: RecordStatus, role: Role, chair_changed: bool, offered: bool
) -> None:
    refusal = take_back_refusal(status, role, chair_has_changed_it=chair_changed)
    assert (refusal is None) is offered


def test_hand_over_and_withdraw_are_offered_only_while_they_apply() -> None:
    assert hand_over_refusal(RecordStatus.DRAFT) is None
    for status in (RecordStatus.IN_REVIEW, RecordStatus.SIGNED_OFF, RecordStatus.WITHDRAWN):
        assert hand_over_refusal(status)
    assert withdraw_refusal(RecordStatus.DRAFT) is None
    assert withdraw_refusal(RecordStatus.IN_REVIEW) is None
    assert withdraw_refusal(RecordStatus.SIGNED_OFF)
    assert withdraw_refusal(RecordStatus.WITHDRAWN)


def status(store: Store, conference_id: int) -> RecordStatus:
    with store.read() as session:
        found = session.get(Conference, conference_id)
        assert found is not None
        return found.status


def test_the_minute_taker_takes_the_hand_over_back(
    store: Store, actor: Actor, demo_id: int
) -> None:
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.take_back(store, actor=actor, conference_id=demo_id)
    assert status(store, demo_id) is RecordStatus.DRAFT
    op.update(
        store,
        actor=actor,
        entity="conference",
        entity_id=demo_id,
        values={"chair_summary": "Taken back to finish the summary."},
    )
    with store.read() as session:
        words = [e.action for e in readable_trail(session, load_conference(session, demo_id))]
        assert "Hand-over taken back" in words
        assert verify_chain(session, demo_id).intact


def test_not_after_the_chair_changed_something(
    store: Store, actor: Actor, chair: Actor, demo_id: int
) -> None:
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.update(
        store,
        actor=chair,
        entity="conference",
        entity_id=demo_id,
        values={"chair_summary": "Amended by the chair."},
    )
    with pytest.raises(op.NotPermittedError, match="chair has already changed"):
        op.take_back(store, actor=actor, conference_id=demo_id)
    assert status(store, demo_id) is RecordStatus.IN_REVIEW
    with pytest.raises(ValidationError, match="already with the chair"):
        op.hand_over(store, actor=actor, conference_id=demo_id)


def test_a_second_hand_over_can_be_taken_back_again(
    store: Store, actor: Actor, chair: Actor, demo_id: int
) -> None:
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.take_back(store, actor=actor, conference_id=demo_id)
    op.update(
        store,
        actor=chair,
        entity="conference",
        entity_id=demo_id,
        values={"chair_summary": "While it was a draft."},
    )
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.take_back(store, actor=actor, conference_id=demo_id)  # the chair's edit came before
    assert status(store, demo_id) is RecordStatus.DRAFT


def test_withdraw_hides_the_conference_and_keeps_its_trail(
    store: Store, actor: Actor, demo_id: int
) -> None:
    with store.read() as session:
        assert [c.id for c in list_conferences(session)] == [demo_id]
    with pytest.raises(ValidationError, match="Say why"):
        op.withdraw(store, actor=actor, conference_id=demo_id, reason=" ")
    op.withdraw(store, actor=actor, conference_id=demo_id, reason="Created twice by mistake")
    with store.read() as session:
        assert not list_conferences(session)
        assert not list_conferences(session, "Ashdown")
        conference = load_conference(session, demo_id)
        assert conference.status is RecordStatus.WITHDRAWN
        assert conference.withdrawn_by == "Gemma Stiles"
        assert conference.withdrawal_reason == "Created twice by mistake"
        assert conference.withdrawn_at is not None
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.operation == "withdraw")
        ).all()
        assert {e.field for e in entries} >= {"status", "withdrawal_reason"}
        assert verify_chain(session, demo_id).intact
    with pytest.raises(RecordLockedError, match="withdrawn"):
        op.update(
            store,
            actor=actor,
            entity="conference",
            entity_id=demo_id,
            values={"chair_summary": "after"},
        )
    with pytest.raises(op.NotPermittedError, match="already withdrawn"):
        op.withdraw(store, actor=actor, conference_id=demo_id, reason="again")


def test_a_signed_off_conference_cannot_be_withdrawn(
    store: Store, actor: Actor, chair: Actor, demo_id: int
) -> None:
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    with pytest.raises(RecordLockedError, match="signed-off record cannot be withdrawn"):
        op.withdraw(store, actor=chair, conference_id=demo_id, reason="mistake")
    assert status(store, demo_id) is RecordStatus.SIGNED_OFF


def test_an_agency_view_or_dissent_about_one_child_is_saved(
    store: Store, actor: Actor, demo_id: int
) -> None:
    with store.read() as session:
        conference = load_conference(session, demo_id)
        view, dissent = conference.agency_views[0], conference.dissents[0]
        leo = conference.children[-1]
    for entity, item in (("agency_view", view), ("dissent", dissent)):
        op.update(store, actor=actor, entity=entity, entity_id=item.id, values={"child_id": leo.id})
    with store.read() as session:
        conference = load_conference(session, demo_id)
        assert conference.agency_views[0].child_id == leo.id
        assert conference.dissents[0].child_id == leo.id
    other = op.create_conference(
        store,
        actor=actor,
        kind=conference.kind,
        family_name="Other",
        scheduled_at=conference.scheduled_at,
        children=["Ada Other"],
    )
    with store.read() as session:
        stranger = load_conference(session, other.conference_id).children[0]
    with pytest.raises(ValidationError, match="not part of this conference"):
        op.update(
            store,
            actor=actor,
            entity="dissent",
            entity_id=dissent.id,
            values={"child_id": stranger.id},
        )
