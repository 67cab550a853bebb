"""The start view's list: newest first, found by family or child name through the search
index (FTS5 on SQLite, pg_trgm on a server), which follows every change of a name."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import Child, ConferenceKind, RecordStatus
from cprecorder.queries import list_conferences
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends


def add(store: Store, actor: Actor, family: str, day: int, children: list[str]) -> int:
    return op.create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name=family,
        scheduled_at=dt.datetime(2026, 10, day, 10, 0),
        children=children,
    ).conference_id


def found(store: Store, search: str) -> list[str]:
    with store.read() as session:
        return [row.family_name for row in list_conferences(session, search)]


@pytest.fixture
def three(store: Store, actor: Actor) -> dict[str, int]:
    return {
        "Pennant": add(store, actor, "Pennant", 3, ["Robyn Pennant", "Sam Pennant"]),
        "Quarrington": add(store, actor, "Quarrington", 9, ["Ellis Marsh"]),
        "Ollerton": add(store, actor, "Ollerton", 6, []),
    }


def test_newest_first_with_the_children_in_their_order(store: Store, three: dict[str, int]) -> None:
    with store.read() as session:
        rows = list_conferences(session)
        assert [row.family_name for row in rows] == ["Quarrington", "Ollerton", "Pennant"]
        assert rows.ids == [three["Quarrington"], three["Ollerton"], three["Pennant"]]
        last = rows[-1]
        assert (last.children, last.kind, last.status) == (
            "Robyn Pennant, Sam Pennant",
            ConferenceKind.INITIAL,
            RecordStatus.DRAFT,
        )
        assert last.scheduled_at == dt.datetime(2026, 10, 3, 10, 0)
        assert rows[1].children == ""
        assert [row.family_name for row in rows[1:]] == ["Ollerton", "Pennant"]
        assert [row.family_name for row in list_conferences(session, limit=2)] == [
            "Quarrington",
            "Ollerton",
        ]


def test_the_children_are_listed_as_they_are_ordered(
    store: Store, actor: Actor, three: dict[str, int]
) -> None:
    with store.read() as session:
        sam = session.scalars(select(Child.id).where(Child.first_name == "Sam")).one()
    op.move_item(store, actor=actor, entity="child", entity_id=sam, offset=-1)
    with store.read() as session:
        assert list_conferences(session, "pennant")[0].children == "Sam Pennant, Robyn Pennant"


@pytest.mark.parametrize(
    ("search", "families"),
    [
        ("penn", ["Pennant"]),  # part of a family name, any case
        ("MARSH", ["Quarrington"]),  # a child's surname that is not the family's
        ("ellis m", ["Quarrington"]),  # a child's full name
        ("robyn", ["Pennant"]),
        ("on", ["Quarrington", "Ollerton"]),  # fewer letters than the index's trigrams
        ("  ollerton ", ["Ollerton"]),
        ("100%_", []),
        ("nobody", []),
    ],
)
def test_found_by_family_or_child_name(
    store: Store, three: dict[str, int], search: str, families: list[str]
) -> None:
    assert found(store, search) == families


def test_the_index_follows_every_change_of_a_name(
    store: Store, actor: Actor, three: dict[str, int]
) -> None:
    pennant = three["Pennant"]
    op.add_item(
        store,
        actor=actor,
        conference_id=pennant,
        entity="child",
        values={"first_name": "Wren", "last_name": "Halloway"},
    )
    assert found(store, "halloway") == ["Pennant"]
    with store.read() as session:
        wren = session.scalars(select(Child.id).where(Child.first_name == "Wren")).one()
    op.update(store, actor=actor, entity="child", entity_id=wren, values={"last_name": "Tarrant"})
    assert found(store, "halloway") == []
    assert found(store, "wren tarrant") == ["Pennant"]
    op.remove_item(store, actor=actor, entity="child", entity_id=wren)
    assert found(store, "tarrant") == []
    op.update(
        store,
        actor=actor,
        entity="conference",
        entity_id=three["Ollerton"],
        values={"family_name": "Yarwood"},
    )
    assert found(store, "ollerton") == []
    assert found(store, "yarw") == ["Yarwood"]
    op.withdraw(store, actor=actor, conference_id=three["Quarrington"], reason="Made twice")
    assert found(store, "marsh") == []
