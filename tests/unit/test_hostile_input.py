"""Hostile input: any text saves and comes back identical (less U+0000, which no backend
keeps); impossible values are refused.

Every text field of every part of the record is found from the registry, so a
field added later is tested without anyone remembering to add it here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Date, DateTime, Enum, String, Text, select

from cprecorder.actor import Actor
from cprecorder.errors import ValidationError
from cprecorder.interchange import conference_to_dict
from cprecorder.model.base import Base
from cprecorder.model.registry import ENTITIES, columns, editable_fields
from cprecorder.operations import set_danger_score, set_safety_score, update
from cprecorder.queries import load_conference
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends

#: Characters that have broken text fields elsewhere: controls (C0, DEL, C1), NUL,
#: noncharacters, bidirectional overrides, joiners, tag characters, line separators.
HOSTILE_CHARACTERS = [
    *(chr(c) for c in range(32)),
    "\x7f",
    *(chr(c) for c in range(0x80, 0xA0)),
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\U0010ffff",
    "\U000e0001",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2069",
    "\u200d",
    "\u200b",
    "\u2028",
    "\u2029",
    "\u0301",
    "\ud7ff",
    "\ue000",
]
HOSTILE = "".join(HOSTILE_CHARACTERS) + (
    "Mum \u202esaid no\u202c; "
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 "  # a family, joined
    "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f "  # flag of Wales
    "\U0001f44d\U0001f3fd Z\u0324\u0354\u0367\u0311a\u0308\u0356 "
    "'; DROP TABLE conferences; -- \"%_\\ \r\n\r\u0085 \u0646\u0639\u0645 \u05e9\u05dc\u05d5\u05dd"
)


def as_held(text: str) -> str:
    """What the record holds: U+0000 is removed on the way in (PostgreSQL cannot hold it)."""
    return text.replace("\x00", "")


def text_fields() -> list[tuple[str, str, int | None]]:
    """(entity, field, length limit) for every free-text field a person can edit."""
    found = []
    for entity, cls in ENTITIES.items():
        for field in editable_fields(cls):
            col_type = columns(cls)[field].columns[0].type
            if isinstance(col_type, Enum) or not isinstance(col_type, String | Text):
                continue
            if entity == "worry" and field == "heading":
                continue  # a key into the agenda, refused unless it is one (tested below)
            found.append((entity, field, getattr(col_type, "length", None)))
    return found


def date_fields() -> list[tuple[str, str]]:
    return [
        (entity, field)
        for entity, cls in ENTITIES.items()
        for field in editable_fields(cls)
        if isinstance(columns(cls)[field].columns[0].type, Date | DateTime)
    ]


TEXT_FIELDS = text_fields()
DATE_FIELDS = date_fields()


def test_every_entity_with_text_is_covered() -> None:
    covered = {entity for entity, _field, _limit in TEXT_FIELDS}
    # The parts without text: who is in the core group, which children a view is about.
    assert covered == set(ENTITIES) - {"core_group_member", "agency_view_child", "dissent_child"}
    assert ("conference", "chair_summary", None) in TEXT_FIELDS
    assert ("childrens_plan", "if_unsafe", None) in TEXT_FIELDS
    assert len(TEXT_FIELDS) >= 50
    assert {entity for entity, _field in DATE_FIELDS} >= {"conference", "child", "action"}


def first_ids(store: Store) -> dict[str, int]:
    """One existing item of every kind (the demo conference fills every section)."""
    ids = {}
    with store.read() as session:
        for entity, cls in ENTITIES.items():
            found: Any = session.scalars(select(cls).limit(1)).first()
            assert found is not None, f"the demo conference has no {entity}"
            ids[entity] = found.id
    return ids


def value_in_new_store(store: Store, entity: str, entity_id: int, field: str) -> Any:
    fresh = Store(store.url)
    try:
        with fresh.read() as session:
            return getattr(session.get(ENTITIES[entity], entity_id), field)
    finally:
        fresh.close()


def whole_record(store: Store, conference_id: int) -> dict[str, Any]:
    with store.read() as session:
        record: dict[str, Any] = conference_to_dict(load_conference(session, conference_id))
    return record


@pytest.fixture
def ids(store: Store, demo_id: int) -> dict[str, int]:
    return first_ids(store)


def fitted(text: str, limit: int | None) -> str:
    return text if limit is None else text[:limit]


def test_hostile_text_in_every_field_comes_back_identical(
    store: Store, actor: Actor, ids: dict[str, int]
) -> None:
    expected = {}
    for number, (entity, field, limit) in enumerate(TEXT_FIELDS):
        # Rotate so every field also gets a different slice at its length limit.
        rotated = HOSTILE[number:] + HOSTILE[:number]
        text = fitted(rotated * 3, limit)
        update(store, actor=actor, entity=entity, entity_id=ids[entity], values={field: text})
        expected[(entity, field)] = as_held(text)
    fresh = Store(store.url)
    with fresh.read() as session:
        for (entity, field), text in expected.items():
            assert getattr(session.get(ENTITIES[entity], ids[entity]), field) == text, (
                entity,
                field,
            )
    fresh.close()


ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=["Cs"]), st.sampled_from(HOSTILE_CHARACTERS)
    ),
    max_size=300,
)


def test_any_text_in_any_field_round_trips(store: Store, actor: Actor, ids: dict[str, int]) -> None:
    @settings(
        max_examples=120,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(target=st.sampled_from(TEXT_FIELDS), text=ANY_TEXT)
    def round_trip(target: tuple[str, str, int | None], text: str) -> None:
        entity, field, limit = target
        text = fitted(text, limit)
        update(store, actor=actor, entity=entity, entity_id=ids[entity], values={field: text})
        with store.read() as session:  # a new session: read back from the database
            assert getattr(session.get(ENTITIES[entity], ids[entity]), field) == as_held(text)

    round_trip()


@pytest.mark.parametrize(("entity", "field"), [("conference", "chair_summary"), ("worry", "text")])
def test_a_ten_megabyte_paste_saves_whole(
    store: Store, actor: Actor, ids: dict[str, int], entity: str, field: str
) -> None:
    paste = (HOSTILE + "The paste goes on. ") * (10 * 1024 * 1024 // (len(HOSTILE) + 19))
    assert len(paste.encode("utf-8")) >= 10 * 1024 * 1024
    update(store, actor=actor, entity=entity, entity_id=ids[entity], values={field: paste})
    assert value_in_new_store(store, entity, ids[entity], field) == as_held(paste)


def test_nul_is_removed_and_the_rest_kept_on_every_backend(
    store: Store, actor: Actor, ids: dict[str, int]
) -> None:
    update(
        store,
        actor=actor,
        entity="worry",
        entity_id=ids["worry"],
        values={"text": "\x00Dad\x00 came\x00\x00 home"},
    )
    assert value_in_new_store(store, "worry", ids["worry"], "text") == "Dad came home"


def test_nul_is_removed_on_the_way_in_by_every_route_and_logged(
    store: Store, actor: Actor, chair: Actor, ids: dict[str, int], caplog: pytest.LogCaptureFixture
) -> None:
    """PostgreSQL cannot hold U+0000; removing it on every backend keeps them alike."""
    from cprecorder import operations as op
    from cprecorder.demo import demo_conference
    from cprecorder.interchange import import_conference
    from cprecorder.model import ConferenceKind

    caplog.set_level("WARNING", logger="cprecorder")
    update(store, actor=actor, entity="worry", entity_id=ids["worry"], values={"text": "a\x00b"})
    added = op.add_item(
        store,
        actor=actor,
        conference_id=ids["conference"],
        entity="action",
        values={"what": "\x00call\x00"},
    ).entity_id
    set_danger_score(
        store,
        actor=actor,
        statement_id=ids["danger_statement"],
        person_id=ids["person"],
        score=3,
        reason="\x00why",
    )
    data = demo_conference()
    data["conference"]["family_name"] = "Ash\x00down"
    imported = import_conference(store, actor=actor, data=data, as_copy=True)
    created = op.create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name="Nul\x00l",
        scheduled_at=dt.datetime(2027, 1, 4, 10, 0),
    ).conference_id
    assert value_in_new_store(store, "worry", ids["worry"], "text") == "ab"
    assert value_in_new_store(store, "action", added or 0, "what") == "call"
    assert value_in_new_store(store, "conference", imported, "family_name") == "Ashdown"
    assert value_in_new_store(store, "conference", created, "family_name") == "Null"
    with store.read() as session:
        from cprecorder.model import DangerScore

        score = session.scalars(
            select(DangerScore).where(DangerScore.danger_statement_id == ids["danger_statement"])
        ).all()
        assert all("\x00" not in s.reason for s in score)
    removed = [r.getMessage() for r in caplog.records if "NUL" in r.getMessage()]
    assert len(removed) >= 5
    assert any("WorryItem" in m and "text" in m for m in removed)


@pytest.mark.parametrize(
    ("entity", "field", "limit"),
    [t for t in TEXT_FIELDS if t[2] is not None],
    ids=lambda v: str(v),
)
def test_a_paste_too_long_for_a_short_field_is_refused_and_nothing_is_lost(
    store: Store,
    actor: Actor,
    ids: dict[str, int],
    demo_id: int,
    entity: str,
    field: str,
    limit: int,
) -> None:
    before = whole_record(store, demo_id)
    with pytest.raises(ValidationError, match=f"longer than {limit} characters"):
        update(
            store,
            actor=actor,
            entity=entity,
            entity_id=ids[entity],
            values={field: "x" * (10 * 1024 * 1024)},
        )
    assert whole_record(store, demo_id) == before


def test_half_a_surrogate_pair_is_refused_not_a_crash(
    store: Store, actor: Actor, ids: dict[str, int], demo_id: int
) -> None:
    before = whole_record(store, demo_id)
    for entity, field, _limit in TEXT_FIELDS:
        with pytest.raises(ValidationError, match="broken"):
            update(
                store,
                actor=actor,
                entity=entity,
                entity_id=ids[entity],
                values={field: "Dad said \ud83d that"},
            )
    assert whole_record(store, demo_id) == before


def test_a_heading_must_be_one_of_the_agenda(
    store: Store, actor: Actor, ids: dict[str, int], demo_id: int
) -> None:
    before = whole_record(store, demo_id)
    with pytest.raises(ValidationError, match="not a heading"):
        update(
            store,
            actor=actor,
            entity="worry",
            entity_id=ids["worry"],
            values={"heading": HOSTILE[:80]},
        )
    assert whole_record(store, demo_id) == before


IMPOSSIBLE_DATES = [
    "2026-02-31",
    "2027-02-29",
    "31/02/2026",
    "2026-13-01",
    "2026-00-10",
    "yesterday",
]


@pytest.fixture
def every_date_field(ids: dict[str, int]) -> Iterator[list[tuple[str, str, int]]]:
    yield [(entity, field, ids[entity]) for entity, field in DATE_FIELDS]


@pytest.mark.parametrize("impossible", IMPOSSIBLE_DATES)
def test_impossible_dates_are_refused_and_nothing_is_lost(
    store: Store,
    actor: Actor,
    demo_id: int,
    every_date_field: list[tuple[str, str, int]],
    impossible: str,
) -> None:
    update(
        store,
        actor=actor,
        entity="conference",
        entity_id=demo_id,
        values={"chair_summary": "Saved before the mistake."},
    )
    before = whole_record(store, demo_id)
    for entity, field, entity_id in every_date_field:
        with pytest.raises(ValidationError, match="not a date") as refused:
            update(
                store, actor=actor, entity=entity, entity_id=entity_id, values={field: impossible}
            )
        assert field in str(refused.value)
    assert whole_record(store, demo_id) == before
    assert before["conference"]["chair_summary"] == "Saved before the mistake."


def test_a_real_leap_day_is_accepted(store: Store, actor: Actor, ids: dict[str, int]) -> None:
    update(
        store,
        actor=actor,
        entity="action",
        entity_id=ids["action"],
        values={"due_on": "2028-02-29"},
    )
    assert value_in_new_store(store, "action", ids["action"], "due_on") == dt.date(2028, 2, 29)


@pytest.mark.parametrize("score", [-1, 11, 100, 10.5, "7", True])
def test_out_of_range_scores_are_refused_and_nothing_is_lost(
    store: Store, actor: Actor, ids: dict[str, int], demo_id: int, score: Any
) -> None:
    before = whole_record(store, demo_id)
    for entity in ("danger_score", "safety_score"):
        with pytest.raises(ValidationError):
            update(
                store, actor=actor, entity=entity, entity_id=ids[entity], values={"score": score}
            )
    if isinstance(score, int) and not isinstance(score, bool):
        with store.read() as session:
            danger: Any = session.get(ENTITIES["danger_score"], ids["danger_score"])
            safety: Any = session.get(ENTITIES["safety_score"], ids["safety_score"])
            statement_id, danger_person = danger.danger_statement_id, danger.person_id
            safety_person = safety.person_id
        with pytest.raises(ValidationError, match="0"):
            set_danger_score(
                store,
                actor=actor,
                statement_id=statement_id,
                person_id=danger_person,
                score=score,
            )
        with pytest.raises(ValidationError, match="0"):
            set_safety_score(
                store, actor=actor, conference_id=demo_id, person_id=safety_person, score=score
            )
    assert whole_record(store, demo_id) == before


def test_every_entity_is_a_model_class() -> None:
    assert all(issubclass(cls, Base) for cls in ENTITIES.values())
