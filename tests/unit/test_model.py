"""The record model refuses what a conference cannot hold, and keeps the user's order."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect, select

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.errors import ValidationError
from cprecorder.model import (
    ConferenceKind,
    DangerScore,
    Person,
    PlanType,
    SafetyScore,
)
from cprecorder.queries import load_conference
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends


def new_conference(store: Store, actor: Actor, children: list[str] | None = None) -> int:
    return op.create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name="Fenwick",
        scheduled_at=dt.datetime(2026, 12, 1, 10),
        children=["Ivy Fenwick"] if children is None else children,
    ).conference_id


def test_every_agenda_part_is_a_table(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    for name in (
        "conferences",
        "children",
        "people",
        "child_relationships",
        "worry_items",
        "danger_statements",
        "danger_scores",
        "safety_scores",
        "child_decisions",
        "decision_categories",
        "agency_views",
        "dissents",
        "plan_items",
        "timeline_items",
        "plan_network_members",
        "plan_rules",
        "demonstration_methods",
        "actions",
        "core_group_members",
        "core_group_meetings",
        "professionals_only_notes",
        "addenda",
        "audit_entries",
        "childrens_plans",
    ):
        assert name in tables


@pytest.mark.parametrize("score", [-1, 11, 100])
def test_scores_outside_0_to_10_are_refused(store: Store, actor: Actor, score: int) -> None:
    cid = new_conference(store, actor)
    person = op.add_item(
        store, actor=actor, conference_id=cid, entity="person", values={"name": "Ann"}
    ).entity_id
    statement = op.add_item(
        store, actor=actor, conference_id=cid, entity="danger_statement"
    ).entity_id
    assert person is not None and statement is not None
    with pytest.raises(ValidationError, match="0 to 10"):
        op.set_danger_score(
            store, actor=actor, statement_id=statement, person_id=person, score=score
        )
    with pytest.raises(ValidationError, match="0 to 10"):
        op.set_safety_score(store, actor=actor, conference_id=cid, person_id=person, score=score)
    with store.read() as session:
        assert session.scalars(select(DangerScore)).all() == []
        assert session.scalars(select(SafetyScore)).all() == []


def test_scores_at_the_ends_are_kept(store: Store, actor: Actor) -> None:
    cid = new_conference(store, actor)
    person = op.add_item(store, actor=actor, conference_id=cid, entity="person").entity_id
    assert person is not None
    op.set_safety_score(
        store, actor=actor, conference_id=cid, person_id=person, score=0, reason="None yet"
    )
    op.set_safety_score(store, actor=actor, conference_id=cid, person_id=person, score=10)
    with store.read() as session:
        [entry] = session.scalars(select(SafetyScore)).all()
        assert (entry.score, entry.reason) == (10, "None yet")


def test_a_fifth_danger_statement_is_refused(store: Store, actor: Actor) -> None:
    cid = new_conference(store, actor)
    for _ in range(4):
        op.add_item(store, actor=actor, conference_id=cid, entity="danger_statement")
    with pytest.raises(ValidationError, match="allows 4 danger statements"):
        op.add_item(store, actor=actor, conference_id=cid, entity="danger_statement")
    with store.read() as session:
        assert len(load_conference(session, cid).danger_statements) == 4


def test_a_decision_for_a_child_of_another_conference_is_refused(
    store: Store, actor: Actor
) -> None:
    first = new_conference(store, actor, ["Ivy Fenwick"])
    second = new_conference(store, actor, ["Noah Gray"])
    with store.read() as session:
        other_child = load_conference(session, second).children[0].id
    with pytest.raises(ValidationError, match="child of this conference"):
        op.set_decision(
            store,
            actor=actor,
            conference_id=first,
            child_id=other_child,
            plan_type=PlanType.CHILD_PROTECTION,
        )


def test_categories_only_for_a_child_protection_plan(store: Store, actor: Actor) -> None:
    cid = new_conference(store, actor)
    with store.read() as session:
        child = load_conference(session, cid).children[0].id
    with pytest.raises(ValidationError, match="only for a child protection plan"):
        op.set_decision(
            store,
            actor=actor,
            conference_id=cid,
            child_id=child,
            plan_type=PlanType.CHILD_IN_NEED,
            categories=["neglect"],
        )
    with pytest.raises(ValidationError, match="Not a category"):
        op.set_decision(
            store,
            actor=actor,
            conference_id=cid,
            child_id=child,
            plan_type=PlanType.CHILD_PROTECTION,
            categories=["bad_luck"],
        )
    op.set_decision(
        store,
        actor=actor,
        conference_id=cid,
        child_id=child,
        plan_type=PlanType.CHILD_PROTECTION,
        categories=["neglect", "emotional_abuse"],
    )
    with store.read() as session:
        decision = load_conference(session, cid).children[0].decision
        assert decision is not None
        assert decision.category_keys == ["neglect", "emotional_abuse"]


def test_a_worry_under_a_heading_the_agenda_lacks_is_refused(store: Store, actor: Actor) -> None:
    cid = new_conference(store, actor)
    with pytest.raises(ValidationError, match="not a heading"):
        op.add_item(
            store,
            actor=actor,
            conference_id=cid,
            entity="worry",
            values={"heading": "gossip", "text": "x"},
        )


def test_lists_keep_the_order_the_user_gives(store: Store, actor: Actor) -> None:
    cid = new_conference(store, actor)
    ids = [
        op.add_item(
            store, actor=actor, conference_id=cid, entity="person", values={"name": name}
        ).entity_id
        for name in ("A", "B", "C", "D")
    ]
    op.add_item(
        store, actor=actor, conference_id=cid, entity="person", values={"name": "Start"}, at=0
    )
    assert ids[3] is not None and ids[0] is not None
    op.move_item(store, actor=actor, entity="person", entity_id=ids[3], offset=-2)
    removed = op.remove_item(store, actor=actor, entity="person", entity_id=ids[0])
    with store.read() as session:
        names = [p.name for p in load_conference(session, cid).people]
    assert names == ["Start", "D", "B", "C"]
    op.restore_item(store, actor=actor, conference_id=cid, change=removed)
    with store.read() as session:
        people = load_conference(session, cid).people
        assert [p.name for p in people] == ["Start", "A", "D", "B", "C"]
        assert [p.position for p in people] == [0, 1, 2, 3, 4]


def test_a_person_put_back_keeps_their_scores_links_and_actions(store: Store, actor: Actor) -> None:
    """Ctrl+Alt+Z after removing someone: what went with them comes back with them."""
    cid = new_conference(store, actor)
    person = op.add_item(
        store, actor=actor, conference_id=cid, entity="person", values={"name": "Maureen"}
    ).entity_id
    assert person is not None
    with store.read() as session:
        conference = load_conference(session, cid)
        child, lineage = conference.children[0].id, conference.people[0].lineage
    op.set_relationship(store, actor=actor, person_id=person, child_id=child, relationship="Nan")
    op.set_safety_score(
        store, actor=actor, conference_id=cid, person_id=person, score=6, reason="She visits."
    )
    action = op.add_item(
        store,
        actor=actor,
        conference_id=cid,
        entity="action",
        values={"what": "Ring school", "owner_id": person},
    ).entity_id

    removed = op.remove_item(store, actor=actor, entity="person", entity_id=person)
    back = op.restore_item(store, actor=actor, conference_id=cid, change=removed).entity_id

    with store.read() as session:
        conference = load_conference(session, cid)
        maureen = next(p for p in conference.people if p.id == back)
        assert maureen.lineage == lineage  # the same person in the next meeting
        assert [r.relationship_to_child for r in maureen.relationships] == ["Nan"]
        score = next(s for s in conference.safety_scores if s.person_id == back)
        assert (score.score, score.reason) == (6, "She visits.")
        assert next(a for a in conference.actions if a.id == action).owner_id == back


def test_an_unknown_field_is_refused_by_name(store: Store, actor: Actor) -> None:
    cid = new_conference(store, actor)
    with pytest.raises(ValidationError, match="status cannot be changed"):
        op.update(
            store, actor=actor, entity="conference", entity_id=cid, values={"status": "signed_off"}
        )
    with pytest.raises(ValidationError, match="not a date"):
        op.update(
            store,
            actor=actor,
            entity="conference",
            entity_id=cid,
            values={"review_conference_on": "2027-02-29"},
        )


def test_an_unborn_child_has_an_expected_date(store: Store, actor: Actor) -> None:
    cid = new_conference(store, actor, children=[])
    op.add_item(
        store,
        actor=actor,
        conference_id=cid,
        entity="child",
        values={"unborn": True, "expected_on": dt.date(2027, 3, 1)},
    )
    with store.read() as session:
        child = load_conference(session, cid).children[0]
        assert child.unborn and child.date_of_birth is None
        assert child.expected_on == dt.date(2027, 3, 1)
        assert child.name == "Unborn baby"


def test_relationship_to_each_child(store: Store, actor: Actor) -> None:
    cid = new_conference(store, actor, ["Ivy Fenwick", "Max Fenwick"])
    with store.read() as session:
        ivy, max_ = (c.id for c in load_conference(session, cid).children)
    person = op.add_item(
        store, actor=actor, conference_id=cid, entity="person", values={"name": "Jo"}
    ).entity_id
    assert person is not None
    op.set_relationship(store, actor=actor, person_id=person, child_id=ivy, relationship="Mother")
    op.set_relationship(
        store, actor=actor, person_id=person, child_id=max_, relationship="Stepmother"
    )
    with store.read() as session:
        jo = session.get(Person, person)
        assert jo is not None
        assert {r.child_id: r.relationship_to_child for r in jo.relationships} == {
            ivy: "Mother",
            max_: "Stepmother",
        }


def test_a_review_starts_from_the_previous_conference(
    store: Store, actor: Actor, demo_id: int
) -> None:
    review = op.create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.REVIEW,
        family_name="Ashdown",
        scheduled_at=dt.datetime(2027, 2, 16, 10),
        previous_conference_id=demo_id,
    ).conference_id
    with store.read() as session:
        before = load_conference(session, demo_id)
        after = load_conference(session, review)
        assert [p.name for p in after.people] == [p.name for p in before.people]
        assert [c.name for c in after.children] == [c.name for c in before.children]
        assert [d.statement for d in after.danger_statements] == [
            d.statement for d in before.danger_statements
        ]
        assert all(not d.scores for d in after.danger_statements)
        assert [a.what for a in after.actions] == [a.what for a in before.actions]
        assert after.previous_conference_id == demo_id
