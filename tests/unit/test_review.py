"""The chair's review on the demo conference, with gaps made through the operations."""

from __future__ import annotations

import datetime as dt

import pytest

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.agenda import load_agenda
from cprecorder.model import Attendance, Conference, PlanType
from cprecorder.queries import load_conference
from cprecorder.review import ReviewItem, Severity, blocking_items, review_record, warnings
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends

#: The day after the demo conference (Tuesday 24 November 2026).
TODAY = dt.date(2026, 11, 25)


def load(store: Store, conference_id: int) -> Conference:
    with store.read() as session:
        return load_conference(session, conference_id)


def review(store: Store, conference_id: int) -> list[ReviewItem]:
    # Loaded in a closed session, as the window holds it.
    return review_record(load(store, conference_id), today=TODAY)


def found(items: list[ReviewItem], check: str) -> list[ReviewItem]:
    return [i for i in items if i.check == check]


def people(store: Store, conference_id: int) -> dict[str, int]:
    return {p.name: p.id for p in load(store, conference_id).people}


def test_the_demo_blocks_only_on_its_action_without_owner_or_date(
    store: Store, demo_id: int
) -> None:
    conference = load(store, demo_id)
    leo_health = next(a for a in conference.actions if a.what.startswith("Book a health"))
    blocking = blocking_items(review_record(conference, today=TODAY))
    assert {(i.check, i.target) for i in blocking} == {
        ("action_owner_missing", ("action", leo_health.id, "owner_id")),
        ("action_date_missing", ("action", leo_health.id, "due_on")),
    }
    assert all(i.pane == "actions" for i in blocking)
    assert "Book a health review for Leo" in blocking[0].sentence


def test_a_child_without_decision_category_or_lead_social_worker_blocks(
    store: Store, demo_id: int, actor: Actor
) -> None:
    conference = load(store, demo_id)
    maisie, leo = conference.children
    op.set_decision(
        store, actor=actor, conference_id=demo_id, child_id=leo.id, plan_type=None, categories=[]
    )
    op.set_decision(
        store,
        actor=actor,
        conference_id=demo_id,
        child_id=maisie.id,
        plan_type=PlanType.CHILD_PROTECTION,
        categories=[],
    )
    op.update(
        store,
        actor=actor,
        entity="child",
        entity_id=maisie.id,
        values={"lead_social_worker_id": None},
    )
    items = review(store, demo_id)
    decision = found(items, "decision_missing")
    assert [i.sentence for i in decision] == ["No decision is recorded for Leo Ashdown."]
    assert decision[0].pane == "decision"
    assert decision[0].target == ("child", leo.id, "decision_plan_type")
    category = found(items, "category_missing")
    assert len(category) == 1 and "Maisie Ashdown" in category[0].sentence
    # The first category the nation lists, where the chair ticks one.
    assert category[0].target == ("child", maisie.id, "category-physical_abuse")
    lead = found(items, "lead_social_worker_missing")
    assert [i.target for i in lead] == [("child", maisie.id, "lead_social_worker_id")]
    assert all(i.blocking for i in decision + category + lead)


def test_no_lead_social_worker_is_asked_for_a_child_with_no_plan(
    store: Store, demo_id: int, actor: Actor
) -> None:
    leo = load(store, demo_id).children[1]
    op.set_decision(
        store, actor=actor, conference_id=demo_id, child_id=leo.id, plan_type=PlanType.NO_PLAN
    )
    op.update(
        store, actor=actor, entity="child", entity_id=leo.id, values={"lead_social_worker_id": None}
    )
    assert found(review(store, demo_id), "lead_social_worker_missing") == []


def test_danger_statement_goal_blocks_and_a_missing_score_warns(
    store: Store, demo_id: int, actor: Actor
) -> None:
    conference = load(store, demo_id)
    second = conference.danger_statements[1]
    op.update(
        store,
        actor=actor,
        entity="danger_statement",
        entity_id=second.id,
        values={"safety_goal": "  "},
    )
    dean = people(store, demo_id)["Dean Ashdown"]
    op.set_danger_score(store, actor=actor, statement_id=second.id, person_id=dean, score=None)
    items = review(store, demo_id)
    goal = found(items, "safety_goal_missing")
    assert [(i.sentence, i.target, i.blocking) for i in goal] == [
        (
            "Danger statement 2 has no safety goal.",
            ("danger_statement", second.id, "safety_goal"),
            True,
        )
    ]
    scores = found(items, "danger_score_missing")
    assert [(i.sentence, i.target) for i in scores] == [
        (
            "Dean Ashdown was present but has no score for Danger statement 2.",
            ("danger_statement", second.id, f"score-{dean}"),
        )
    ]
    assert scores[0].severity is Severity.WARNING


def test_everyone_present_is_asked_for_a_safety_score_with_a_reason(
    store: Store, demo_id: int, actor: Actor
) -> None:
    names = people(store, demo_id)
    conference = load(store, demo_id)
    kerry = next(s for s in conference.safety_scores if s.person_id == names["Kerry Ashdown"])
    op.update(store, actor=actor, entity="safety_score", entity_id=kerry.id, values={"reason": ""})
    # Sophie sent apologies: she is not asked. Now she comes after all.
    op.update(
        store,
        actor=actor,
        entity="person",
        entity_id=names["Sophie Lane"],
        values={"attendance": Attendance.PRESENT.value},
    )
    items = review(store, demo_id)
    reason = found(items, "safety_reason_missing")
    assert [(i.target, i.pane) for i in reason] == [
        (("safety_score", kerry.id, "reason"), "safety_scale")
    ]
    missing = found(items, "safety_score_missing")
    assert [(i.sentence, i.pane, i.target) for i in missing] == [
        (
            "Sophie Lane was present but has no safety scale score.",
            "safety_scale",
            ("person", names["Sophie Lane"], "safety_score"),
        )
    ]


def test_core_group_and_review_dates_must_be_set_when_a_child_is_on_a_plan(
    store: Store, demo_id: int, actor: Actor
) -> None:
    conference = load(store, demo_id)
    for meeting in conference.core_group_meetings:
        op.update(
            store,
            actor=actor,
            entity="core_group_meeting",
            entity_id=meeting.id,
            values={"meets_on": None},
        )
    op.update(
        store,
        actor=actor,
        entity="conference",
        entity_id=demo_id,
        values={"review_conference_on": None},
    )
    items = review(store, demo_id)
    first = found(items, "first_core_group_missing")
    assert [(i.target, i.blocking) for i in first] == [
        (("core_group_meeting", conference.core_group_meetings[0].id, "meets_on"), True)
    ]
    review_date = found(items, "review_conference_missing")
    assert [(i.target, i.pane) for i in review_date] == [
        (("conference", demo_id, "review_conference_on"), "core_group")
    ]
    # With no child on a child protection plan, neither is needed.
    for child in conference.children:
        op.set_decision(
            store,
            actor=actor,
            conference_id=demo_id,
            child_id=child.id,
            plan_type=PlanType.CHILD_IN_NEED,
        )
    items = review(store, demo_id)
    assert found(items, "first_core_group_missing") == []
    assert found(items, "review_conference_missing") == []


def test_dates_outside_the_limits_are_warnings(store: Store, demo_id: int, actor: Actor) -> None:
    conference = load(store, demo_id)
    op.update(
        store,
        actor=actor,
        entity="core_group_meeting",
        entity_id=conference.core_group_meetings[0].id,
        values={"meets_on": dt.date(2026, 12, 18)},
    )
    op.update(
        store,
        actor=actor,
        entity="conference",
        entity_id=demo_id,
        values={"review_conference_on": dt.date(2027, 3, 30)},
    )
    items = review(store, demo_id)
    late_core = found(items, "first_core_group_within_working_days")
    late_review = found(items, "review_within_months")
    assert len(late_core) == 1 and not late_core[0].blocking
    assert late_core[0].pane == "core_group"
    assert len(late_review) == 1 and not late_review[0].blocking
    assert "24 February 2027" in late_review[0].sentence


def test_an_inquorate_conference_needs_the_chairs_reason(
    store: Store, demo_id: int, actor: Actor
) -> None:
    names = people(store, demo_id)
    for name in ("Tom Reyes", "Priya Desai"):
        op.update(
            store,
            actor=actor,
            entity="person",
            entity_id=names[name],
            values={"attendance": Attendance.APOLOGIES.value},
        )
    items = found(review(store, demo_id), "inquorate_without_reason")
    assert [(i.target, i.pane, i.blocking) for i in items] == [
        (("conference", demo_id, "inquorate_reason"), "family", True)
    ]
    assert "not quorate" in items[0].sentence
    op.update(
        store,
        actor=actor,
        entity="conference",
        entity_id=demo_id,
        values={"inquorate_reason": "The family asked to go ahead; the GP sent a report."},
    )
    assert found(review(store, demo_id), "inquorate_without_reason") == []


def test_late_and_unshared_reports_are_warnings(store: Store, demo_id: int) -> None:
    names = people(store, demo_id)
    items = review(store, demo_id)
    late = {i.entity_id for i in found(items, "report_late")}
    assert late == {names["Tom Reyes"], names["Priya Desai"], names["PC Aaron Blake"]}
    unshared = found(items, "report_not_shared")
    assert [i.target for i in unshared] == [
        ("person", names["Priya Desai"], "report_shared_with_family")
    ]
    assert not any(i.blocking for i in found(items, "report_late") + unshared)


def test_jargon_is_listed_at_each_place_the_family_reads(
    store: Store, demo_id: int, actor: Actor
) -> None:
    conference = load(store, demo_id)
    op.update(
        store,
        actor=actor,
        entity="conference",
        entity_id=demo_id,
        values={"chair_summary": "The HV and the SW agreed the CIN plan."},
    )
    note = conference.professionals_only[0]
    op.update(
        store,
        actor=actor,
        entity="professionals_only_note",
        entity_id=note.id,
        values={"text": "MASH and LADO were told."},
    )
    jargon = found(review(store, demo_id), "jargon")
    in_summary = [i for i in jargon if i.target == ("conference", demo_id, "chair_summary")]
    assert len(in_summary) == 3
    assert all(i.pane == "summary" and not i.blocking for i in in_summary)
    assert in_summary[0].sentence.startswith("“HV” in the chair's summary")
    assert "health visitor" in in_summary[0].sentence
    # Professionals-only notes never reach the family, so their jargon is not listed.
    assert not [i for i in jargon if i.entity == "professionals_only_note"]


def test_items_follow_the_agenda(store: Store, demo_id: int, actor: Actor) -> None:
    op.update(
        store,
        actor=actor,
        entity="conference",
        entity_id=demo_id,
        values={"review_conference_on": None, "chair_summary": "The HV came."},
    )
    items = review(store, demo_id)
    order = [item.key for item in load_agenda("signs-of-safety").items]
    positions = [order.index(i.pane) for i in items]
    assert positions == sorted(positions)
    assert len(blocking_items(items)) + len(warnings(items)) == len(items)


@pytest.mark.parametrize("role", ["Chair", "Minute-taker"])
def test_the_chair_and_minute_taker_are_not_asked_to_scale(
    store: Store, demo_id: int, actor: Actor, role: str
) -> None:
    op.add_item(
        store,
        actor=actor,
        conference_id=demo_id,
        entity="person",
        values={
            "name": "Alex Byrne",
            "role": role,
            "attendance": "present",
            "kind": "professional",
        },
    )
    items = review(store, demo_id)
    assert not [i for i in items if "Alex Byrne" in i.sentence]
