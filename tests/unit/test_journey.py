"""A family's journey: the case, review conferences and core groups that start from
the last meeting, what has changed since, the rules of the plan's rhythm."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.conference_lock import lock_conference
from cprecorder.errors import ValidationError
from cprecorder.export import DocumentKind, document_bytes
from cprecorder.interchange import conference_to_dict, import_conference
from cprecorder.journey import (
    LookingBack,
    Outcome,
    case_facts,
    case_of,
    last_scores,
    load_journey,
    looking_back,
    meetings_of_cases,
    since_last,
)
from cprecorder.journey.cases import list_cases
from cprecorder.model import (
    ActionProgress,
    ActionStatus,
    Attendance,
    Case,
    Conference,
    ConferenceKind,
    GoalProgress,
    PlanType,
    RecordStatus,
)
from cprecorder.queries import load_conference
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends

POLICE_NOTE = "Police hold information from a third party"


def sign(store: Store, chair: Actor, conference_id: int) -> None:
    op.sign_off(store, actor=chair, conference_id=conference_id, chair_name="Ruth Calloway")


def core_group(store: Store, actor: Actor, from_id: int, on: dt.date) -> int:
    return op.start_core_group(
        store,
        actor=actor,
        meeting_id=from_id,
        scheduled_at=dt.datetime.combine(on, dt.time(15, 30)),
    ).conference_id


@pytest.fixture
def signed(store: Store, chair: Actor, demo_id: int) -> int:
    sign(store, chair, demo_id)
    return demo_id


@pytest.fixture
def review(store: Store, actor: Actor, signed: int) -> int:
    """The review conference of the signed-off demo conference, just started."""
    return op.start_review(store, actor=actor, conference_id=signed).conference_id


def test_every_conference_belongs_to_a_case(store: Store, actor: Actor, demo_id: int) -> None:
    other = op.create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name="Brennan",
        scheduled_at=dt.datetime(2026, 12, 1, 10),
        children=["Ivy Brennan"],
        case_reference="NC-204417",
    ).conference_id
    with store.read() as session:
        demo = session.get(Conference, demo_id)
        brennan = session.get(Conference, other)
        assert demo is not None and brennan is not None
        assert demo.case_id != brennan.case_id
        case = session.get(Case, brennan.case_id)
        assert case is not None
        assert (case.family_name, case.reference) == ("Brennan", "NC-204417")


def test_a_review_carries_the_last_meeting_forward(store: Store, actor: Actor, signed: int) -> None:
    with store.read() as session:
        before = json.dumps(conference_to_dict(load_conference(session, signed)), sort_keys=True)
    review_id = op.start_review(store, actor=actor, conference_id=signed).conference_id
    with store.read() as session:
        initial = load_conference(session, signed)
        review = load_conference(session, review_id)
        # The signed-off record is only read.
        assert json.dumps(conference_to_dict(initial), sort_keys=True) == before
        assert review.kind is ConferenceKind.REVIEW
        assert review.case_id == initial.case_id
        assert review.previous_conference_id == signed
        assert review.agenda_key == "signs-of-safety-review"
        assert review.status is RecordStatus.DRAFT
        # The same children, people, statements and actions: followed by lineage.
        for attr in ("children", "people", "danger_statements", "actions"):
            mine = [item.lineage for item in getattr(review, attr)]
            assert mine == [item.lineage for item in getattr(initial, attr)], attr
        assert [p.name for p in review.people] == [p.name for p in initial.people]
        assert {p.attendance for p in review.people} == {Attendance.INVITED}
        assert all(p.report_received_on is None for p in review.people)
        assert [d.safety_goal for d in review.danger_statements] == [
            d.safety_goal for d in initial.danger_statements
        ]
        assert all(not d.scores for d in review.danger_statements)
        assert not review.safety_scores and not review.worries
        assert [(i.section, i.text) for i in review.plan_items] == [
            (i.section, i.text) for i in initial.plan_items
        ]
        assert [t.what for t in review.timeline] == [t.what for t in initial.timeline]
        assert [m.part for m in review.plan_network] == [m.part for m in initial.plan_network]
        assert [r.behaviour for r in review.plan_rules] == [r.behaviour for r in initial.plan_rules]
        assert [(a.what, a.status) for a in review.actions] == [
            (a.what, a.status) for a in initial.actions
        ]
        assert [m.person.name for m in review.core_group_members] == [
            m.person.name for m in initial.core_group_members
        ]
        # Links point at the review's own people and children, never the old record's.
        own_people = {p.id for p in review.people}
        assert {a.owner_id for a in review.actions if a.owner_id} <= own_people
        assert {c.lead_social_worker_id for c in review.children} - {None} <= own_people
        assert all(c.decision is None for c in review.children)
        # Professionals-only information is kept for professionals, in its place.
        assert [n.text for n in review.professionals_only] == [
            n.text for n in initial.professionals_only
        ]
        back = looking_back(session, review.id)
        family = document_text(review, DocumentKind.FAMILY, back)
        record = document_text(review, DocumentKind.RECORD, back)
    assert POLICE_NOTE in record
    assert POLICE_NOTE not in family


def document_text(conference: Conference, kind: DocumentKind, back: LookingBack) -> str:
    document = docx.Document(io.BytesIO(document_bytes(conference, kind, looking_back=back)))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_a_review_starts_only_from_a_signed_off_conference_and_once(
    store: Store, actor: Actor, chair: Actor, demo_id: int
) -> None:
    with pytest.raises(ValidationError, match="signed-off"):
        op.start_review(store, actor=actor, conference_id=demo_id)
    sign(store, chair, demo_id)
    op.start_review(store, actor=actor, conference_id=demo_id)
    with pytest.raises(ValidationError, match="already started"):
        op.start_review(store, actor=actor, conference_id=demo_id)


@pytest.mark.parametrize(
    ("held_on", "kind", "proposed"),
    [
        # 3 months after an initial conference: Wednesday 24 February 2027.
        (dt.date(2026, 11, 24), ConferenceKind.INITIAL, dt.date(2027, 2, 24)),
        # 3 months after 27 November is Saturday 27 February: the Friday before.
        (dt.date(2026, 11, 27), ConferenceKind.INITIAL, dt.date(2027, 2, 26)),
        # 6 months after a review on 24 November 2026 is Monday 24 May 2027.
        (dt.date(2026, 11, 24), ConferenceKind.REVIEW, dt.date(2027, 5, 24)),
        # 6 months after 31 October is 30 April (month end); 3 May 2027 is a bank holiday,
        # and the Friday before is kept.
        (dt.date(2026, 10, 31), ConferenceKind.REVIEW, dt.date(2027, 4, 30)),
    ],
)
def test_the_review_date_is_proposed_by_the_rules_on_a_working_day(
    held_on: dt.date, kind: ConferenceKind, proposed: dt.date
) -> None:
    from cprecorder.operations.journey import proposed_review_at

    conference = Conference(
        kind=kind, family_name="X", scheduled_at=dt.datetime.combine(held_on, dt.time(10))
    )
    conference.nation = "england"
    assert proposed_review_at(conference) == dt.datetime.combine(proposed, dt.time(10))


def test_core_groups_carry_changes_to_the_next_meeting(
    store: Store, actor: Actor, signed: int
) -> None:
    first = core_group(store, actor, signed, dt.date(2026, 12, 2))
    with store.read() as session:
        meeting = load_conference(session, first)
        assert meeting.kind is ConferenceKind.CORE_GROUP
        assert meeting.agenda_key == "core-group"
        action_id = meeting.actions[0].id
        bottom = next(i for i in meeting.plan_items if i.section.value == "bottom_line")
    op.set_action_progress(
        store, actor=actor, action_id=action_id, progress=ActionProgress.DONE, note="Booked."
    )
    op.update(
        store,
        actor=actor,
        entity="plan_item",
        entity_id=bottom.id,
        values={"text": "Reworded at the core group."},
    )
    new_action = op.add_item(
        store,
        actor=actor,
        conference_id=first,
        entity="action",
        values={"what": "Agreed at the core group."},
    ).entity_id
    second = core_group(store, actor, signed, dt.date(2027, 1, 13))
    with store.read() as session:
        initial = load_conference(session, signed)
        later = load_conference(session, second)
        assert later.previous_conference_id == first
        assert "Reworded at the core group." in [i.text for i in later.plan_items]
        assert "Reworded at the core group." not in [i.text for i in initial.plan_items]
        carried = {a.what: a for a in later.actions}
        assert "Agreed at the core group." in carried
        done = next(a for a in later.actions if a.lineage == initial.actions[0].lineage)
        assert done.status is ActionStatus.DONE
        assert done.progress is None  # asked again at each meeting
        assert initial.actions[0].status is ActionStatus.OPEN
        assert new_action is not None


def test_action_progress_sets_the_status(store: Store, actor: Actor, signed: int) -> None:
    meeting = core_group(store, actor, signed, dt.date(2026, 12, 2))
    with store.read() as session:
        ids = [a.id for a in load_conference(session, meeting).actions]
    expected = {
        ActionProgress.DONE: ActionStatus.DONE,
        ActionProgress.PARTLY: ActionStatus.OPEN,
        ActionProgress.NOT_DONE: ActionStatus.OPEN,
        ActionProgress.NO_LONGER_NEEDED: ActionStatus.CANCELLED,
    }
    for action_id, progress in zip(ids, expected, strict=False):
        op.set_action_progress(store, actor=actor, action_id=action_id, progress=progress)
    with store.read() as session:
        actions = load_conference(session, meeting).actions
        for action, progress in zip(actions, expected, strict=False):
            assert (action.progress, action.status) == (progress, expected[progress])


def decide(
    store: Store,
    actor: Actor,
    conference_id: int,
    child_index: int,
    plan: PlanType,
    categories: list[str] | None = None,
) -> None:
    with store.read() as session:
        child = load_conference(session, conference_id).children[child_index]
    op.set_decision(
        store,
        actor=actor,
        conference_id=conference_id,
        child_id=child.id,
        plan_type=plan,
        categories=categories,
        reasons="Because.",
    )


def test_a_review_steps_one_child_down_and_continues_the_other(
    store: Store, actor: Actor, signed: int, review: int
) -> None:
    decide(store, actor, review, 0, PlanType.CHILD_IN_NEED)
    decide(store, actor, review, 1, PlanType.CHILD_PROTECTION, ["neglect"])
    with store.read() as session:
        journey = load_journey(session, case_of(session, signed))
        entry = journey.entries[-1]
        assert [o.outcome for o in entry.outcomes] == [Outcome.STEPS_DOWN, Outcome.CONTINUES]
        assert entry.outcomes[0].words == "steps down to a child in need plan"
        assert entry.outcomes[1].words == (
            "child protection plan continues (neglect); at first: emotional abuse"
        )
        leo = load_conference(session, review).children[1]
        # The plan started at the initial conference; its first category is kept.
        assert leo.cp_plan_started_on == dt.date(2026, 11, 24)
        assert leo.initial_category_keys == ["emotional_abuse"]
        assert leo.decision is not None and leo.decision.category_keys == ["neglect"]


def test_the_journey_says_where_each_childs_plan_stands(
    store: Store, actor: Actor, review: int
) -> None:
    decide(store, actor, review, 0, PlanType.CHILD_IN_NEED)
    decide(store, actor, review, 1, PlanType.CHILD_PROTECTION, ["neglect"])
    with store.read() as session:
        plans = load_journey(session, case_of(session, review)).plans
    assert [p.words for p in plans] == [
        "Maisie Ashdown: child in need plan",
        "Leo Ashdown: child protection plan since 24 November 2026",
    ]
    # A plan whose start no record kept (a store from before cases) says so.
    with store.write(actor, None) as session:
        lock_conference(session, review)
        load_conference(session, review).children[1].cp_plan_started_on = None
    with store.read() as session:
        leo = load_journey(session, case_of(session, review)).plans[1]
    assert leo.words == "Leo Ashdown: child protection plan start date unknown"


def test_a_plan_that_ends_counts_as_a_previous_plan(
    store: Store, actor: Actor, chair: Actor, review: int
) -> None:
    decide(store, actor, review, 0, PlanType.NO_PLAN)
    decide(store, actor, review, 1, PlanType.CHILD_PROTECTION, ["emotional_abuse"])
    sign(store, chair, review)
    with store.read() as session:
        entry = load_journey(session, case_of(session, review)).entries[-1]
        assert entry.outcomes[0].outcome is Outcome.ENDS
        assert entry.outcomes[0].words == "child protection plan ends"
    second = op.start_review(store, actor=actor, conference_id=review).conference_id
    decide(store, actor, second, 0, PlanType.CHILD_PROTECTION, ["neglect"])
    with store.read() as session:
        maisie = load_conference(session, second).children[0]
        assert maisie.previous_cp_plans == 1
        assert maisie.cp_plan_started_on == load_conference(session, second).scheduled_at.date()
        assert maisie.initial_category_keys == ["neglect"]


def test_what_has_changed_since_the_last_conference(
    store: Store, actor: Actor, chair: Actor, signed: int
) -> None:
    core_group(store, actor, signed, dt.date(2026, 12, 2))
    core_group(store, actor, signed, dt.date(2027, 1, 13))
    review = op.start_review(store, actor=actor, conference_id=signed).conference_id
    with store.read() as session:
        meeting = load_conference(session, review)
        action = meeting.actions[0]
        statement = meeting.danger_statements[0]
    op.set_action_progress(
        store, actor=actor, action_id=action.id, progress=ActionProgress.PARTLY, note="Half."
    )
    op.update(
        store,
        actor=actor,
        entity="danger_statement",
        entity_id=statement.id,
        values={"goal_progress": GoalProgress.PARTLY, "goal_progress_note": "Most days."},
    )
    with store.read() as session:
        since = since_last(session, review)
        assert since.previous_conference is not None and since.previous_conference.id == signed
        assert [m.on for m in since.core_groups] == [dt.date(2026, 12, 2), dt.date(2027, 1, 13)]
        assert since.actions[0].action_id == action.id
        assert since.goals[0] == statement.id
        meeting = load_conference(session, review)
        assert meeting.actions[0].progress is ActionProgress.PARTLY
        assert meeting.danger_statements[0].goal_progress is GoalProgress.PARTLY
        family = document_text(meeting, DocumentKind.FAMILY, looking_back(session, review))
    assert "What has changed since the last conference" in family
    assert "Core group meetings since the last conference" in family
    assert "Wednesday 2 December 2026" in family
    assert "1 partly done" in family
    assert POLICE_NOTE not in family


def test_a_review_says_which_core_group_finished_an_action(
    store: Store, actor: Actor, chair: Actor, signed: int
) -> None:
    first = core_group(store, actor, signed, dt.date(2026, 12, 2))
    with store.read() as session:
        done_id = load_conference(session, first).actions[0].id
    op.set_action_progress(
        store, actor=actor, action_id=done_id, progress=ActionProgress.DONE, note="Booked."
    )
    agreed = op.add_item(
        store,
        actor=actor,
        conference_id=first,
        entity="action",
        values={"what": "Agreed at the first core group."},
    ).entity_id
    assert agreed is not None
    core_group(store, actor, signed, dt.date(2027, 1, 13))
    review = op.start_review(store, actor=actor, conference_id=signed).conference_id
    with store.read() as session:
        meeting = load_conference(session, review)
        initial = load_conference(session, signed)
        since = since_last(session, review)
        by_what = {a.id: a.what for a in meeting.actions}
        carried = {by_what[c.action_id]: c for c in since.actions}
        family = document_text(meeting, DocumentKind.FAMILY, looking_back(session, review))
    # Every action open at the conference, and the one agreed at a core group since.
    assert "Agreed at the first core group." in carried
    assert len(carried) == len(initial.actions) + 1
    finished = carried[initial.actions[0].what].finished_at
    assert finished is not None and finished.meeting_id == first
    assert finished.on == dt.date(2026, 12, 2) and finished.note == "Booked."
    assert [c.finished_at for c in since.actions if c is not carried[initial.actions[0].what]] == [
        None
    ] * (len(carried) - 1)
    assert "Done at the core group on 2 December 2026" in family
    assert "1 finished at a core group" in family


def test_last_time_scores_follow_each_person(
    store: Store, actor: Actor, signed: int, review: int
) -> None:
    with store.read() as session:
        initial, meeting = load_conference(session, signed), load_conference(session, review)
        last_safety, danger = last_scores(case_facts(session, meeting.case_id), review)
        kerry_before = next(p for p in initial.people if p.name == "Kerry Ashdown")
        kerry_now = next(p for p in meeting.people if p.name == "Kerry Ashdown")
        assert kerry_now.lineage == kerry_before.lineage
        score = next(s.score for s in initial.safety_scores if s.person_id == kerry_before.id)
        assert last_safety[kerry_now.lineage].score == score
        statement = meeting.danger_statements[0]
        first_score = initial.danger_statements[0].scores[0]
        person = next(p for p in initial.people if p.id == first_score.person_id)
        assert danger[(statement.lineage, person.lineage)].score == first_score.score


def test_the_rules_of_the_plans_rhythm(store: Store, actor: Actor, signed: int) -> None:
    # One core group, and a gap of more than six weeks before the review.
    core_group(store, actor, signed, dt.date(2026, 12, 2))
    review = op.start_review(
        store, actor=actor, conference_id=signed, scheduled_at=dt.datetime(2027, 2, 24, 10)
    ).conference_id
    with store.read() as session:
        journey = load_journey(
            session, load_conference(session, review).case_id, today=dt.date(2027, 2, 24)
        )
    rules = {flag.rule: flag for flag in journey.flags}
    assert rules["core_groups_between_conferences"].meeting_id == review
    assert "Only one core group met" in rules["core_groups_between_conferences"].message
    assert rules["core_group_interval"].meeting_id == review
    assert "more than the 6 weeks expected" in rules["core_group_interval"].message
    assert "first_core_group_within_working_days" not in rules
    assert "review_within_months" not in rules


def test_a_late_first_core_group_and_a_late_review_are_flagged(
    store: Store, actor: Actor, signed: int
) -> None:
    late = core_group(store, actor, signed, dt.date(2026, 12, 23))
    with store.read() as session:
        journey = load_journey(
            session, load_conference(session, late).case_id, today=dt.date(2027, 3, 1)
        )
    rules = {flag.rule: flag for flag in journey.flags}
    assert rules["first_core_group_within_working_days"].meeting_id == late
    assert "due by 8 December 2026" in rules["first_core_group_within_working_days"].message
    assert "has not been held; it was due by 24 February 2027" in (
        rules["review_within_months"].message
    )
    assert journey.due is not None and journey.due.overdue


def test_the_authoritys_interval_is_used(store: Store, actor: Actor, signed: int) -> None:
    from cprecorder.rules.authority import AuthoritySettings

    core_group(store, actor, signed, dt.date(2026, 12, 2))
    core_group(store, actor, signed, dt.date(2027, 1, 13))  # 6 weeks later
    rules = AuthoritySettings(deadlines={"core_group_interval_weeks": 4}).rules()
    with store.read() as session:
        case_id = case_of(session, signed)
        strict = load_journey(session, case_id, rules, today=dt.date(2027, 1, 14))
        usual = load_journey(session, case_id, today=dt.date(2027, 1, 14))
    assert "core_group_interval" in {f.rule for f in strict.flags}
    assert "core_group_interval" not in {f.rule for f in usual.flags}


def test_cases_say_what_is_due_next(store: Store, actor: Actor, signed: int) -> None:
    with store.read() as session:
        [case] = list_cases(session, "Maisie", today=dt.date(2026, 11, 30))
        assert case.family_name == "Ashdown"
        assert case.children == "Maisie Ashdown, Leo Ashdown"
        assert case.due is not None
        assert case.due.words == "Core group due by Tue 8 Dec 2026"
        assert not case.due.overdue
        [late] = list_cases(session, "", today=dt.date(2026, 12, 9))
        assert late.due is not None and late.due.overdue
        assert list_cases(session, "Nobody") == []
    core_group(store, actor, signed, dt.date(2026, 12, 2))
    core_group(store, actor, signed, dt.date(2027, 1, 13))
    with store.read() as session:
        [case] = list_cases(session, today=dt.date(2027, 1, 14))
        assert case.due is not None
        assert case.due.words == "Review conference due by 24 Feb 2027"


def test_the_json_form_carries_the_case_and_the_links(
    store: Store, actor: Actor, signed: int, review: int, tmp_path: Path
) -> None:
    with store.read() as session:
        first = conference_to_dict(load_conference(session, signed))
        second = conference_to_dict(load_conference(session, review))
    assert second["version"] == 2
    assert second["case"]["uid"] == first["case"]["uid"]
    assert second["conference"]["previous_conference"] == first["conference"]["uid"]
    elsewhere = Store.open_sqlite(tmp_path / "elsewhere.sqlite3")
    try:
        a = import_conference(elsewhere, actor=actor, data=first)
        b = import_conference(elsewhere, actor=actor, data=second)
        with elsewhere.read() as session:
            one, two = load_conference(session, a), load_conference(session, b)
            assert one.case_id == two.case_id
            assert two.previous_conference_id == a
            assert [p.lineage for p in two.people] == [p.lineage for p in one.people]
            assert conference_to_dict(two) == second
    finally:
        elsewhere.close()


def test_a_version_1_file_still_imports_into_a_case_of_its_own(store: Store, actor: Actor) -> None:
    from cprecorder.demo import demo_conference

    data = demo_conference()
    data["version"] = 1
    data["conference"].pop("plan_changes")
    for child in data["conference"]["children"]:
        for key in ("cp_plan_started_on", "previous_cp_plans", "initial_categories"):
            child.pop(key)
    conference_id = import_conference(store, actor=actor, data=data)
    with store.read() as session:
        conference = load_conference(session, conference_id)
        assert conference.case.family_name == "Ashdown"
        assert len(session.scalars(select(Case)).all()) == 1


def test_the_review_checks_flag_the_rhythm_and_spare_a_core_group(
    store: Store, actor: Actor, signed: int
) -> None:
    from cprecorder.review import review_record

    meeting = core_group(store, actor, signed, dt.date(2026, 12, 2))
    review = op.start_review(
        store, actor=actor, conference_id=signed, scheduled_at=dt.datetime(2027, 2, 24, 10)
    ).conference_id
    with store.read() as session:
        meetings = meetings_of_cases(session, [case_of(session, review)])
        notes = review_record(load_conference(session, meeting), today=dt.date(2026, 12, 2))
        checks = review_record(
            load_conference(session, review),
            today=dt.date(2027, 2, 24),
            meetings=meetings[case_of(session, review)],
        )
    assert not {"decision_missing", "inquorate_without_reason"} & {i.check for i in notes}
    flagged = {i.check: i for i in checks}
    assert flagged["core_groups_between_conferences"].pane == "since_last"
    assert "decision_missing" in flagged


def test_an_unborn_baby_named_at_the_review_keeps_their_history(
    store: Store, actor: Actor, chair: Actor
) -> None:
    initial = op.create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.PRE_BIRTH,
        family_name="Okonjo",
        scheduled_at=dt.datetime(2026, 10, 5, 10),
        children=["Ada Okonjo"],
    ).conference_id
    baby = op.add_item(
        store,
        actor=actor,
        conference_id=initial,
        entity="child",
        values={"unborn": True, "expected_on": "2026-12-01"},
    ).entity_id
    assert baby is not None
    op.set_decision(
        store,
        actor=chair,
        conference_id=initial,
        child_id=baby,
        plan_type=PlanType.CHILD_PROTECTION,
        categories=["neglect"],
    )
    sign(store, chair, initial)
    review = op.start_review(store, actor=actor, conference_id=initial).conference_id
    with store.read() as session:
        born = load_conference(session, review).children[1]
        assert born.unborn and born.name == "Unborn baby"
    op.update(
        store,
        actor=actor,
        entity="child",
        entity_id=born.id,
        values={
            "first_name": "Tobi",
            "last_name": "Okonjo",
            "unborn": False,
            "date_of_birth": "2026-11-28",
        },
    )
    decide(store, actor, review, 1, PlanType.CHILD_PROTECTION, ["neglect"])
    with store.read() as session:
        case_id = case_of(session, review)
        journey = load_journey(session, case_id)
        [case] = list_cases(session, "Tobi")
    assert journey.children == ("Ada Okonjo", "Tobi Okonjo")
    first, latest = journey.entries[0].outcomes[1], journey.entries[-1].outcomes[1]
    assert first.name == "Unborn baby" and latest.name == "Tobi Okonjo"
    assert first.lineage == latest.lineage
    assert latest.outcome is Outcome.CONTINUES
    assert case.id == case_id
    with store.read() as session:
        tobi = load_conference(session, review).children[1]
        assert tobi.cp_plan_started_on == dt.date(2026, 10, 5)  # the plan began before birth
