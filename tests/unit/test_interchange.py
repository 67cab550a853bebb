"""The JSON form: lossless round trip, every problem reported, never half-imported."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from cprecorder.actor import Actor
from cprecorder.demo import demo_conference
from cprecorder.errors import ImportFormatError
from cprecorder.interchange import conference_to_dict, import_conference
from cprecorder.model import Conference
from cprecorder.queries import load_conference
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends

# Text a person could type or paste: any Unicode but surrogates, NUL kept in (and removed
# on the way in: PostgreSQL cannot hold it, so no backend does).
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
names = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
scores = st.one_of(st.none(), st.integers(0, 10))


@st.composite
def conferences(draw: st.DrawFn) -> dict[str, Any]:
    data = demo_conference()
    record = data["conference"]
    record["family_name"] = draw(names.filter(lambda s: s.strip() != "")).strip() or "X"
    record["chair_summary"] = draw(any_text)
    record["review_conference_on"] = draw(st.one_of(st.none(), dates)) and None
    for child in record["children"]:
        child["views"] = draw(any_text)
        child["needs"] = draw(any_text)
    for person in record["people"]:
        person["name"] = draw(names)
        person["report_shared_with_family"] = draw(st.booleans())
    for worry in record["worries"]:
        worry["text"] = draw(any_text)
        worry["confidential"] = draw(st.booleans())
    for statement in record["danger_statements"]:
        statement["statement"] = draw(any_text)
        for score in statement["scores"]:
            score["score"] = draw(scores)
            score["reason"] = draw(any_text)
    for entry in record["safety_scores"]:
        entry["score"] = draw(scores)
    extra = draw(st.lists(st.tuples(any_text, st.one_of(st.none(), dates)), max_size=5))
    record["timeline"] = [{"what": w, "by_when": d.isoformat() if d else None} for w, d in extra]
    record["professionals_only"] = [
        {"source": draw(names), "text": draw(any_text)} for _ in range(draw(st.integers(0, 3)))
    ]
    return data


#: Who a record is across stores (its uid, its case, the lineage of each item, the
#: meeting it started from): a file imported again into the same store comes in as
#: a copy with an identity of its own, so the round trip compares everything else.
IDENTITY = frozenset({"uid", "lineage", "previous_conference"})


def without_identity(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_identity(v) for k, v in value.items() if k not in IDENTITY | {"case"}}
    if isinstance(value, list):
        return [without_identity(v) for v in value]
    return value


def round_trip(store: Store, actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    conference_id = import_conference(store, actor=actor, data=json.loads(json.dumps(data)))
    with store.read() as session:
        result: dict[str, Any] = without_identity(
            conference_to_dict(load_conference(session, conference_id))
        )
        return result


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=conferences())
def test_round_trip_is_lossless(store: Store, actor: Actor, data: dict[str, Any]) -> None:
    first = round_trip(store, actor, data)
    second = round_trip(store, actor, first)
    assert first == second
    assert first["conference"]["chair_summary"] == held(data["conference"]["chair_summary"])
    assert [p["name"] for p in first["conference"]["people"]] == [
        held(p["name"]) for p in data["conference"]["people"]
    ]


def held(text: str) -> str:
    return text.replace("\x00", "")


def test_demo_round_trip_equals_the_source(store: Store, actor: Actor) -> None:
    data = without_identity(demo_conference())
    assert round_trip(store, actor, data)["conference"] == {
        **data["conference"],
        "addenda": [],
    }


def problems_in(store: Store, actor: Actor, data: Any) -> list[str]:
    with pytest.raises(ImportFormatError) as caught:
        import_conference(store, actor=actor, data=data)
    return caught.value.problems


def test_every_problem_is_reported_with_its_path(store: Store, actor: Actor) -> None:
    data = copy.deepcopy(demo_conference())
    record = data["conference"]
    record["children"][1]["date_of_birth"] = "31/02/2020"
    record["danger_statements"][0]["scores"][0]["score"] = 11
    record["people"][0]["attendance"] = "maybe"
    record["actions"][0]["owner"] = "person:99"
    record["worries"][0]["heading"] = "gossip"
    record["children"][0]["decision"]["categories"] = ["bad_luck"]
    record["danger_statements"] += [{"statement": str(n)} for n in range(3)]
    record["children"][0]["shoe_size"] = 3
    problems = problems_in(store, actor, data)
    assert 'children[1].date_of_birth: not a date: "31/02/2020"' in problems
    assert any(p.startswith("danger_statements[0].scores[0].score:") for p in problems)
    assert any(p.startswith('people[0].attendance: "maybe" is not one of') for p in problems)
    assert "actions[0].owner: no such person in this file: 'person:99'" in problems
    assert any(p.startswith("worries[0].heading: not a heading") for p in problems)
    assert any(p.startswith("children[0].decision.categories[0]") for p in problems)
    assert any(
        p.startswith("danger_statements: the Signs of Safety agenda allows 4") for p in problems
    )
    assert "children[0].shoe_size: not a field of this part of the record" in problems


@pytest.mark.parametrize(
    "bad", [[], "text", {"format": "other"}, {"format": "cprecorder-conference", "version": 99}]
)
def test_not_a_conference_file(store: Store, actor: Actor, bad: Any) -> None:
    assert problems_in(store, actor, bad)


def test_a_bad_file_imports_nothing(store: Store, actor: Actor) -> None:
    data = copy.deepcopy(demo_conference())
    data["conference"]["actions"][-1]["due_on"] = "2027-02-29"
    problems_in(store, actor, data)
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Conference)) == 0
