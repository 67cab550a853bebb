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
from cprecorder.interchange import (
    DuplicateImportError,
    conference_to_dict,
    import_conference,
    lifecycle_note,
)
from cprecorder.model import Conference, RecordStatus
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
    # A name that is only NULs is empty once they are removed, and refused (tested below).
    record["family_name"] = draw(names.filter(lambda s: held(s).strip() != "")).strip() or "X"
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
    conference_id = import_conference(
        store, actor=actor, data=json.loads(json.dumps(data)), as_copy=True
    )
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


def test_a_family_name_of_nul_alone_is_refused_as_empty(store: Store, actor: Actor) -> None:
    data = copy.deepcopy(demo_conference())
    data["conference"]["family_name"] = "\x00"
    assert "conference.family_name: a value is needed" in problems_in(store, actor, data)


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
    "bad",
    [
        [],
        "text",
        {"format": "other"},
        {"format": "cprecorder-conference", "version": 99},
        {**demo_conference(), "version": True},
        {**demo_conference(), "version": 1.0},
        {**demo_conference(), "version": "1"},
    ],
)
def test_not_a_conference_file(store: Store, actor: Actor, bad: Any) -> None:
    assert problems_in(store, actor, bad)


def test_a_bad_file_imports_nothing(store: Store, actor: Actor) -> None:
    data = copy.deepcopy(demo_conference())
    data["conference"]["actions"][-1]["due_on"] = "2027-02-29"
    problems_in(store, actor, data)
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Conference)) == 0


def test_a_file_cannot_forge_a_sign_off(store: Store, actor: Actor) -> None:
    """A file saying "signed off" arrives as a draft, and the note says so plainly."""
    data = copy.deepcopy(demo_conference())
    data["conference"].update(
        status="signed_off",
        signed_off_by="Ruth Calloway",
        signed_off_at="2026-11-25T09:00:00",
        handed_over_by="Gemma Stiles",
        handed_over_at="2026-11-24T16:00:00",
    )
    conference_id = import_conference(store, actor=actor, data=data)
    with store.read() as session:
        conference = load_conference(session, conference_id)
        assert conference.status is RecordStatus.DRAFT
        assert (conference.signed_off_by, conference.signed_off_at) == ("", None)
        assert (conference.handed_over_by, conference.handed_over_at) == ("", None)
    note = lifecycle_note(data)
    assert "signed off by Ruth Calloway" in note and "imported as a draft" in note
    assert lifecycle_note(demo_conference()) == ""


def test_a_file_cannot_forge_a_hand_over(store: Store, actor: Actor) -> None:
    data = copy.deepcopy(demo_conference())
    data["conference"].update(status="in_review", handed_over_by="Gemma Stiles")
    conference_id = import_conference(store, actor=actor, data=data)
    with store.read() as session:
        assert load_conference(session, conference_id).status is RecordStatus.DRAFT
    assert "handed to the chair" in lifecycle_note(data)


def test_the_same_conference_twice_is_refused_unless_as_a_copy(store: Store, actor: Actor) -> None:
    first = import_conference(store, actor=actor, data=demo_conference())
    with pytest.raises(DuplicateImportError) as refused:
        import_conference(store, actor=actor, data=demo_conference())
    sentence = str(refused.value)
    assert f"already here as conference {first}" in sentence and "--as-copy" in sentence
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Conference)) == 1
    second = import_conference(store, actor=actor, data=demo_conference(), as_copy=True)
    assert second != first


def _demo_with(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(demo_conference())
    change(data["conference"])
    return data


HOSTILE_IMPORTS: dict[str, tuple[Any, str]] = {
    "relationships not a list": (
        lambda c: c["people"][0].update(relationships={"child": "child:1"}),
        "people[0].relationships: expected a list",
    ),
    "scores not a list": (
        lambda c: c["danger_statements"][0].update(scores="7"),
        "danger_statements[0].scores: expected a list",
    ),
    "a date and time with an offset": (
        lambda c: c.update(scheduled_at="2026-11-24T10:00:00+01:00"),
        "conference.scheduled_at: a date and time is written in local time",
    ),
    "a category that is a list": (
        lambda c: c["children"][0]["decision"].update(categories=[["neglect"]]),
        'children[0].decision.categories[0]: not a category here: ["neglect"]',
    ),
    "a category that is an object": (
        lambda c: c["children"][0]["decision"].update(categories=[{}]),
        "children[0].decision.categories[0]: not a category here: {}",
    ),
    "categories not a list": (
        lambda c: c["children"][0]["decision"].update(categories="neglect"),
        "children[0].decision.categories: expected a list",
    ),
    "a category twice": (
        lambda c: c["children"][0]["decision"].update(categories=["neglect", "neglect"]),
        "children[0].decision.categories[1]: 'neglect' is listed twice",
    ),
    "a relationship twice": (
        lambda c: c["people"][0].update(
            relationships=[
                {"child": "child:1", "relationship_to_child": "Mother"},
                {"child": "child:1", "relationship_to_child": "Aunt"},
            ]
        ),
        "people[0].relationships[1].child: the same child as people[0].relationships[0]",
    ),
    "a danger score twice": (
        lambda c: c["danger_statements"][0].update(
            scores=[{"person": "person:1", "score": 3}, {"person": "person:1", "score": 4}]
        ),
        "danger_statements[0].scores[1].person: the same person as danger_statements[0].scores[0]",
    ),
    "a safety score twice": (
        lambda c: c.update(
            safety_scores=[{"person": "person:1", "score": 3}, {"person": "person:1", "score": 4}]
        ),
        "safety_scores[1].person: the same person as safety_scores[0]",
    ),
    "a core group member twice": (
        lambda c: c.update(core_group_members=[{"person": "person:1"}, {"person": "person:1"}]),
        "core_group_members[1].person: the same person as core_group_members[0]",
    ),
    "a score of a thousand digits": (
        lambda c: c["danger_statements"][0]["scores"][0].update(score=10**1000),
        "danger_statements[0].scores[0].score: a score runs from 0 to 10, not a number of about",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_IMPORTS))
def test_hostile_files_are_path_listed_problems(store: Store, actor: Actor, case: str) -> None:
    change, expected = HOSTILE_IMPORTS[case]
    problems = problems_in(store, actor, _demo_with(change))
    assert any(problem.startswith(expected) for problem in problems), problems
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Conference)) == 0
