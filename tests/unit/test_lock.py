"""Locked means locked: nothing of a signed-off record changes, by any route.

The property: every public operation, on every kind of part of the record, with
values it would accept on a draft, is refused with :class:`RecordLockedError` on a
signed-off conference, and the conference's dump is byte for byte what it was.
The only change after sign-off is an addendum. Below the operations, the same
holds for rows removed by cascade and as orphans, which an operation never names.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Boolean, Date, DateTime, Integer, select, text
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.agenda import load_agenda
from cprecorder.conference_lock import lock_conference
from cprecorder.errors import RecordLockedError
from cprecorder.interchange import conference_to_dict
from cprecorder.lifecycle import conference_of
from cprecorder.model import Action, ActionProgress, Conference, Operation, PlanType, Role
from cprecorder.model.base import Base
from cprecorder.model.registry import CONFERENCE_LISTS, ENTITIES, columns, editable_fields
from cprecorder.queries import load_conference
from cprecorder.rules.categories import categories_for
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends

PERSON_LINKS = {"person_id", "owner_id", "contributor_id", "lead_social_worker_id"}


def dump_bytes(store: Store, conference_id: int) -> bytes:
    """What ``cprecorder dump`` writes for the conference."""
    with store.read() as session:
        data = conference_to_dict(load_conference(session, conference_id))
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parts_of(store: Store, conference_id: int) -> dict[str, list[int]]:
    """The ids of every part of the record, by kind."""
    found: dict[str, list[int]] = {}
    with store.read() as session:
        for entity, cls in ENTITIES.items():
            rows: list[Any] = list(session.scalars(select(cls)))
            found[entity] = sorted(
                row.id
                for row in rows
                if (owner := conference_of(row)) is not None and owner.id == conference_id
            )
    return found


@pytest.fixture
def signed_off(store: Store, actor: Actor, chair: Actor, demo_id: int) -> int:
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    return demo_id


def test_every_kind_of_part_is_in_the_signed_off_record(store: Store, signed_off: int) -> None:
    parts = parts_of(store, signed_off)
    assert {entity for entity, ids in parts.items() if ids} == set(ENTITIES)


def value_for(cls: type[Base], field: str, people: list[int]) -> st.SearchStrategy[Any]:
    """A value the field accepts on a draft record."""
    if field in PERSON_LINKS:
        return st.sampled_from(people)
    if cls is ENTITIES["worry"] and field == "heading":
        return st.sampled_from([h.key for h in load_agenda("signs-of-safety").headings])
    column = columns(cls)[field].columns[0]
    kind = column.type
    if isinstance(kind, SAEnum) and kind.enum_class is not None:
        members: list[Any] = list(kind.enum_class)
        return st.sampled_from(members)
    if isinstance(kind, Boolean):
        return st.booleans()
    if isinstance(kind, DateTime):
        return st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2035, 1, 1))
    if isinstance(kind, Date):
        return st.dates(dt.date(2020, 1, 1), dt.date(2035, 1, 1))
    if isinstance(kind, Integer):
        return st.integers(0, 10)
    limit = getattr(kind, "length", None) or 200
    return st.text(
        st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=limit
    ).map(lambda text: text or "changed")


Attempt = Callable[[Store, Actor], Any]

#: Every public operation that could change a conference's record.
OPERATIONS = (
    "update",
    "add_item",
    "move_item",
    "remove_item",
    "restore_item",
    "set_relationship",
    "set_danger_score",
    "set_safety_score",
    "set_decision",
    "create_childrens_plan",
    "set_action_progress",
    "set_action_owner",
    "hand_over",
    "take_back",
    "withdraw",
    "sign_off",
)

_BEFORE: dict[tuple[str, int], tuple[dict[str, list[int]], bytes]] = {}


@st.composite
def attempts(
    draw: st.DrawFn, operation: str, conference_id: int, parts: dict[str, list[int]]
) -> tuple[str, Attempt]:
    """One operation that would change the record, on any kind of part."""
    people = parts["person"]
    children = parts["child"]
    # A part the demo holds, with a field a person edits (a view's link to one of the
    # children it is about has none: it is set through the view's child_ids).
    entity = draw(
        st.sampled_from(sorted(e for e in ENTITIES if parts[e] and editable_fields(ENTITIES[e])))
    )
    cls = ENTITIES[entity]
    item = draw(st.sampled_from(parts[entity]))
    fields = editable_fields(cls)
    chosen = draw(st.lists(st.sampled_from(fields), min_size=1, max_size=3, unique=True))
    values = {field: draw(value_for(cls, field, people)) for field in chosen}
    listed = draw(st.sampled_from(sorted(CONFERENCE_LISTS)))
    person = draw(st.sampled_from(people))
    child = draw(st.sampled_from(children))
    statement = draw(st.sampled_from(parts["danger_statement"]))
    score = draw(st.one_of(st.none(), st.integers(0, 10)))
    words = draw(st.text(max_size=20))
    offset = draw(st.integers(-2, 2))
    plan = draw(st.sampled_from(list(PlanType)))
    categories = (
        draw(st.lists(st.sampled_from(sorted(categories_for("england"))), unique=True))
        if plan is PlanType.CHILD_PROTECTION
        else []
    )
    new_values = (
        {"heading": draw(value_for(ENTITIES["worry"], "heading", people))}
        if listed == "worry"
        else {}
    )
    action = draw(st.sampled_from(parts["action"]))
    progress = draw(st.one_of(st.none(), st.sampled_from(list(ActionProgress))))
    description = f"{operation} on {entity} #{item} with {values!r}"
    calls: dict[str, Attempt] = {
        "update": lambda s, a: op.update(s, actor=a, entity=entity, entity_id=item, values=values),
        "add_item": lambda s, a: op.add_item(
            s, actor=a, conference_id=conference_id, entity=listed, values=new_values, at=0
        ),
        "move_item": lambda s, a: op.move_item(
            s, actor=a, entity=entity, entity_id=item, offset=offset
        ),
        "remove_item": lambda s, a: op.remove_item(s, actor=a, entity=entity, entity_id=item),
        "restore_item": lambda s, a: op.restore_item(
            s,
            actor=a,
            conference_id=conference_id,
            change=op.Change(
                conference_id,
                Operation.REMOVE,
                listed,
                None,
                removed={**new_values, "__position__": 0},
            ),
        ),
        "set_relationship": lambda s, a: op.set_relationship(
            s, actor=a, person_id=person, child_id=child, relationship=words
        ),
        "set_danger_score": lambda s, a: op.set_danger_score(
            s, actor=a, statement_id=statement, person_id=person, score=score, reason=words
        ),
        "set_safety_score": lambda s, a: op.set_safety_score(
            s, actor=a, conference_id=conference_id, person_id=person, score=score, reason=words
        ),
        "set_decision": lambda s, a: op.set_decision(
            s,
            actor=a,
            conference_id=conference_id,
            child_id=child,
            plan_type=plan,
            categories=categories,
            reasons=words,
        ),
        "create_childrens_plan": lambda s, a: op.create_childrens_plan(s, actor=a, child_id=child),
        "set_action_owner": lambda s, a: op.set_action_owner(
            s, actor=a, action_id=action, name=words
        ),
        "set_action_progress": lambda s, a: op.set_action_progress(
            s, actor=a, action_id=action, progress=progress, note=words or None
        ),
        "hand_over": lambda s, a: op.hand_over(s, actor=a, conference_id=conference_id),
        "take_back": lambda s, a: op.take_back(
            s, actor=Actor(a.name, Role.MINUTE_TAKER, a.os_user), conference_id=conference_id
        ),
        "withdraw": lambda s, a: op.withdraw(
            s, actor=a, conference_id=conference_id, reason="Created by mistake"
        ),
        "sign_off": lambda s, a: op.sign_off(
            s, actor=a, conference_id=conference_id, chair_name="Ruth Calloway"
        ),
    }
    return description, calls[operation]


@pytest.mark.parametrize("operation", OPERATIONS)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_operation_on_every_part_is_refused_and_changes_nothing(
    store: Store, chair: Actor, signed_off: int, operation: str, data: st.DataObject
) -> None:
    # The fixtures run once for all examples: so does reading the record before.
    key = (store.url, signed_off)
    if key not in _BEFORE:
        _BEFORE.clear()
        _BEFORE[key] = (parts_of(store, signed_off), dump_bytes(store, signed_off))
    parts, before = _BEFORE[key]
    description, attempt = data.draw(attempts(operation, signed_off, parts))
    with pytest.raises(RecordLockedError, match=r"signed.off"):
        attempt(store, chair)
    assert dump_bytes(store, signed_off) == before, description


def test_the_addendum_is_the_only_change_after_sign_off(
    store: Store, chair: Actor, signed_off: int
) -> None:
    before = json.loads(dump_bytes(store, signed_off))
    op.add_addendum(
        store,
        actor=chair,
        conference_id=signed_off,
        author="Ruth Calloway",
        reason="The first core group moved",
        text="The first core group is on 4 December.",
    )
    after = json.loads(dump_bytes(store, signed_off))
    [added] = after["conference"].pop("addenda")
    before["conference"].pop("addenda")
    assert after == before
    assert added["text"] == "The first core group is on 4 December."


# --- Below the operations: every row of the conference, cascades and orphans included ----


@contextmanager
def writing_below_the_operations(
    store: Store, actor: Actor, *conference_ids: int
) -> Iterator[Session]:
    """A writer that names no operation's rules, but takes the conferences' locks like
    every writer (without them the store refuses it before the row checks are reached)."""
    with store.write(actor, Operation.UPDATE) as session:
        for conference_id in conference_ids:
            lock_conference(session, conference_id)
        yield session


def _drop_last(collection: list[Any]) -> None:
    collection.remove(collection[-1])


#: Ways a row leaves the record without an operation naming it.
def _drop_last_of(attr: str) -> Callable[[Conference], None]:
    return lambda conference: _drop_last(getattr(conference, attr))


REMOVALS: dict[str, Callable[[Conference], None]] = {
    **{f"the last of {attr}": _drop_last_of(attr) for attr in CONFERENCE_LISTS.values()},
    "a child's decision": lambda c: setattr(c.children[0], "decision", None),
    "a child's own plan": lambda c: setattr(c.children[0], "childrens_plan", None),
    "a category of a decision": lambda c: next(
        ch.decision for ch in c.children if ch.decision and ch.decision.categories
    ).categories.clear(),
    "a person's relationships": lambda c: next(
        p for p in c.people if p.relationships
    ).relationships.clear(),
    "a danger statement's scores": lambda c: c.danger_statements[0].scores.clear(),
}


@pytest.mark.parametrize("removal", sorted(REMOVALS))
def test_rows_removed_by_cascade_or_as_orphans_are_refused(
    store: Store, chair: Actor, signed_off: int, removal: str
) -> None:
    before = dump_bytes(store, signed_off)
    with (
        pytest.raises(RecordLockedError),
        writing_below_the_operations(store, chair, signed_off) as session,
    ):
        conference = load_conference(session, signed_off)
        REMOVALS[removal](conference)
        session.flush()
    assert dump_bytes(store, signed_off) == before


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_deleting_any_row_of_the_record_is_refused(
    store: Store, chair: Actor, signed_off: int, entity: str
) -> None:
    parts = parts_of(store, signed_off)
    before = dump_bytes(store, signed_off)
    with (
        pytest.raises(RecordLockedError),
        writing_below_the_operations(store, chair, signed_off) as session,
    ):
        row = session.get(ENTITIES[entity], parts[entity][-1])
        session.delete(row)
        session.flush()
    assert dump_bytes(store, signed_off) == before


def test_moving_a_row_out_of_a_signed_off_record_is_refused(
    store: Store, actor: Actor, chair: Actor, signed_off: int
) -> None:
    from cprecorder.demo import add_demo_conference

    draft = add_demo_conference(store, actor, dt.datetime(2027, 1, 5, 10, 0))
    parts = parts_of(store, signed_off)
    before = dump_bytes(store, signed_off)
    with (
        pytest.raises(RecordLockedError),
        writing_below_the_operations(store, chair, signed_off, draft) as session,
    ):
        action = session.get(Action, parts["action"][0])
        assert action is not None
        action.conference_id = draft
        session.flush()
    assert dump_bytes(store, signed_off) == before


# --- The database's own lock: plain SQL and foreign-key cascades -------------------------


PLAIN_SQL: dict[str, str] = {
    "change a worry": "UPDATE worry_items SET text = 'forged' WHERE conference_id = :c",
    "remove a person (cascading to relationships)": (
        "DELETE FROM people WHERE id = (SELECT MIN(id) FROM people WHERE conference_id = :c)"
    ),
    "remove a child (cascading to decision, categories, plan)": (
        "DELETE FROM children WHERE id = (SELECT MIN(id) FROM children WHERE conference_id = :c)"
    ),
    "remove a relationship": (
        "DELETE FROM child_relationships WHERE person_id IN "
        "(SELECT id FROM people WHERE conference_id = :c)"
    ),
    "clear a category": (
        "DELETE FROM decision_categories WHERE decision_id IN (SELECT d.id FROM child_decisions d"
        " JOIN children ch ON ch.id = d.child_id WHERE ch.conference_id = :c)"
    ),
    "add an action": (
        "INSERT INTO actions (conference_id, position, what, for_whom, status, lineage)"
        " VALUES (:c, 99, 'forged', 'family', 'open', 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0')"
    ),
    "rename the family": "UPDATE conferences SET family_name = 'Forged' WHERE id = :c",
    "undo the sign-off": "UPDATE conferences SET status = 'draft' WHERE id = :c",
    "move the sign-off fingerprint": (
        "UPDATE conferences SET signed_off_head_hash = 'ff', signed_off_head_count = 1"
        " WHERE id = :c"
    ),
    "delete the conference": "DELETE FROM conferences WHERE id = :c",
}


@pytest.mark.parametrize("change", sorted(PLAIN_SQL))
def test_the_database_refuses_plain_sql_on_a_signed_off_record(
    store: Store, chair: Actor, signed_off: int, change: str
) -> None:
    before = dump_bytes(store, signed_off)
    with pytest.raises(RecordLockedError), store.write(chair, Operation.UPDATE) as session:
        session.execute(text(PLAIN_SQL[change]), {"c": signed_off})
    assert dump_bytes(store, signed_off) == before


def test_the_database_lets_a_draft_change_and_the_trail_grow_after_sign_off(
    store: Store, actor: Actor, chair: Actor, signed_off: int
) -> None:
    from cprecorder.demo import add_demo_conference

    draft = add_demo_conference(store, actor, dt.datetime(2027, 2, 1, 10, 0))
    with store.write(actor, Operation.UPDATE) as session:
        for statement in PLAIN_SQL.values():
            session.execute(text(statement), {"c": draft})
    op.add_addendum(
        store, actor=chair, conference_id=signed_off, author="Ruth", reason="r", text="t"
    )
    with store.read() as session:
        conference = session.get(Conference, signed_off)
        assert conference is not None
        assert conference.audit_head_count > conference.signed_off_head_count > 0


def test_every_table_of_the_record_has_the_lock(store: Store) -> None:
    """A table or a conference column added later without the lock's triggers fails here."""
    from cprecorder.migrations.lock import HEAD_COLUMNS, NOT_LOCKED, SIGNED_OFF_HEAD

    # A case holds a family's meetings; it is not itself a meeting's record.
    above_the_record = {"cases"}
    tables = {t.name for t in Base.metadata.sorted_tables} - NOT_LOCKED - above_the_record
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            found = {
                str(name)
                for name in conn.execute(
                    text(
                        "SELECT tgrelid::regclass::text FROM pg_trigger"
                        " WHERE tgname LIKE 'cpr_lock_%'"
                    )
                ).scalars()
            }
            assert found == tables
            return
        triggers: dict[str, str] = dict(
            conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all()
        )
    for table in tables - {"conferences"}:
        for event_name in ("insert", "update", "delete"):
            assert f"cpr_lock_{table}_{event_name}" in triggers, (table, event_name)
    guarded = triggers["cpr_lock_conferences_update"]
    for column in Conference.__table__.columns:
        if column.name not in (*HEAD_COLUMNS, *SIGNED_OFF_HEAD):
            assert f'NEW."{column.name}" IS NOT OLD."{column.name}"' in guarded, column.name
