"""A fictional conference with every section filled in.

Used for a first look (``cprecorder demo``), the screenshots and the tests. Every
name, place and event here is invented.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .actor import Actor
from .demo_parts import (
    add,
    agency_view,
    days_from,
    person,
    record,
    related,
    safety_scores,
    scored,
    worry,
)
from .store import Store


def demo_conference(scheduled_at: dt.datetime | None = None) -> dict[str, Any]:
    """The demo conference in its JSON form."""
    when = scheduled_at or dt.datetime(2026, 11, 24, 10, 0)
    day = when.date()

    later = days_from(day)

    people = [
        # name, kind, role, agency, attendance, joined_by, report expected, received (days)
        ("Kerry Ashdown", "family", "Mother", "", "present", "video", False, None),
        ("Dean Ashdown", "family", "Father", "", "present", "phone", False, None),
        ("Margaret Pryce", "network", "Maternal grandmother", "", "present", "video", False, None),
        ("Sophie Lane", "network", "Family friend", "", "apologies", None, False, None),
        (
            "Hannah Okafor",
            "professional",
            "Social worker",
            "Children's social care",
            "present",
            "video",
            True,
            -4,
        ),
        (
            "Tom Reyes",
            "professional",
            "Health visitor",
            "Health visiting service",
            "present",
            "video",
            True,
            -3,
        ),
        (
            "Priya Desai",
            "professional",
            "Designated safeguarding lead",
            "Brookfield Primary School",
            "present",
            "video",
            True,
            -1,
        ),
        (
            "PC Aaron Blake",
            "professional",
            "Police officer",
            "Police",
            "report_only",
            None,
            True,
            -2,
        ),
        (
            "Dr Ellen Marsh",
            "professional",
            "GP",
            "Elm Tree Surgery",
            "apologies",
            None,
            False,
            None,
        ),
    ]
    rows = [
        person(
            name,
            kind,
            role,
            agency,
            attendance,
            joined,
            report_expected=expected,
            report_received_on=later(received) if received is not None else None,
            report_shared_with_family=received is not None and received <= -2,
        )
        for name, kind, role, agency, attendance, joined, expected, received in people
    ]
    rows[0]["relationships"] = related(("child:1", "Mother"), ("child:2", "Mother"))
    rows[1]["relationships"] = related(("child:1", "Stepfather"), ("child:2", "Father"))
    rows[2]["relationships"] = related(("child:1", "Grandmother"), ("child:2", "Grandmother"))

    scorers = ["person:1", "person:2", "person:3", "person:5", "person:6", "person:7"]

    def scores(values: list[int], reasons: list[str]) -> list[dict[str, Any]]:
        return scored(list(zip(scorers, values, reasons, strict=True)))

    conference: dict[str, Any] = {
        "kind": "initial",
        "family_name": "Ashdown",
        "scheduled_at": when.isoformat(),
        "how_held": "teams",
        "chair": "Ruth Calloway",
        "minute_taker": "Gemma Stiles",
        "authority": "Northshire County Council",
        "nation": "england",
        "agenda_key": "signs-of-safety",
        "status": "draft",
        "handed_over_at": None,
        "handed_over_by": "",
        "signed_off_at": None,
        "signed_off_by": "",
        "withdrawn_at": None,
        "withdrawn_by": "",
        "withdrawal_reason": "",
        "strategy_discussion_on": later(-16),
        "pre_meeting_at": (when - dt.timedelta(minutes=30)).isoformat(),
        "pre_meeting_notes": "Ruth met Kerry and Dean before the meeting and explained how it "
        "would run. Dean asked to join by phone from work. Kerry asked for "
        "her mother Margaret to stay with her throughout.",
        "interpreter_language": "",
        "equality_notes": "Dean has dyslexia: the chair read out the key parts of each report.",
        "observers": "None.",
        "inquorate_reason": "",
        "reason_for_conference": "Maisie told her teacher that she hides under her bed when "
        "her mum and Dean shout, and that Dean pushed her mum into the "
        "door. Police were called to the home twice in October.",
        "parents_views": "Kerry said the arguments have got worse since Dean lost his job and "
        "that she wants help to keep the children out of it. Dean said he "
        "never meant the children to see anything.",
        "parents_agree_reports": True,
        "parents_disagreement": "Dean does not agree that he pushed Kerry on 3 October.",
        "childrens_version_made": True,
        "childrens_version_shared": False,
        "childrens_version_made_with": "",
        "childrens_version_shared_on": None,
        "review_conference_on": later(84),
        "chair_summary": "Everyone agreed that Maisie and Leo are loved and that their "
        "grandmother is a real strength. The worry is the fighting between "
        "the adults and what Maisie sees and hears.",
        "decision_statement": "Maisie and Leo will be subject to a child protection plan "
        "under the category of emotional abuse.",
        "children": [
            {
                "first_name": "Maisie",
                "last_name": "Ashdown",
                "unborn": False,
                "not_yet_named": False,
                "date_of_birth": "2019-03-14",
                "expected_on": None,
                "gender": "Girl",
                "ethnicity": "White British",
                "language": "English",
                "needs": "Asthma; uses an inhaler.",
                "lead_social_worker": "person:5",
                "views": "I like it when Nana picks me up from school. I don't like the shouting. "
                "I want my mum and Dean to be kind.",
                "participation": "PN5",
                "participation_notes": "Maisie talked to Hannah at "
                "school and drew her three houses.",
                "parents_plans": "",
                "decision": {
                    "plan_type": "child_protection",
                    "reasons": "Maisie is frightened by the fighting at home.",
                    "categories": ["emotional_abuse"],
                },
                "childrens_plan": {
                    "worries": "Sometimes the grown-ups at home shout and fight. That is scary, "
                    "and it is not your fault.",
                    "safety_people": "Nana Margaret, your teacher Miss Desai, and Hannah.",
                    "what_will_happen": "Mum and Dean are going to learn to sort out "
                    "arguments without shouting. Hannah will visit every "
                    "two weeks.",
                    "if_unsafe": "Go to your room and ring Nana on the phone by the bed.",
                    "who_to_talk_to": "Nana, Miss Desai at school, or Hannah.",
                    "pictures": "house,heart,phone,school",
                    "prefilled": "",
                },
            },
            {
                "first_name": "Leo",
                "last_name": "Ashdown",
                "unborn": False,
                "not_yet_named": False,
                "date_of_birth": "2023-08-02",
                "expected_on": None,
                "gender": "Boy",
                "ethnicity": "White British",
                "language": "English",
                "needs": "",
                "lead_social_worker": "person:5",
                "views": "",
                "participation": "PN0",
                "participation_notes": "Leo is three.",
                "parents_plans": "",
                "decision": {
                    "plan_type": "child_protection",
                    "reasons": "Leo is too young to get away from the fighting.",
                    "categories": ["emotional_abuse"],
                },
                "childrens_plan": None,
            },
        ],
        "people": rows,
        "worries": [
            worry(
                "context",
                "Police were called to the family home on 3 and 19 October "
                "after neighbours heard shouting.",
                "person:5",
            ),
            worry("past_harm", "Maisie saw Dean push her mum into the kitchen door.", "person:7"),
            worry(
                "past_harm",
                "Maisie has been coming to school tired and hungry on Mondays.",
                "person:7",
            ),
            worry(
                "future_danger",
                "Maisie and Leo could be hurt if they are near when the adults fight.",
                "person:5",
            ),
            worry(
                "complicating_factors",
                "Dean lost his job in August and is drinking more.",
                "person:2",
            ),
            worry(
                "existing_strengths",
                "Kerry takes the children to every health appointment.",
                "person:6",
            ),
            worry(
                "existing_strengths",
                "Nana Margaret lives five minutes away and sees the children most days.",
                "person:3",
            ),
            worry(
                "existing_safety",
                "When the arguing started on 19 October Kerry took the children to Nana's.",
                "person:1",
            ),
        ],
        "danger_statements": [
            {
                "statement": "Children's social care, school and the police are worried that "
                "Kerry and Dean may fight again in front of Maisie and Leo, and that "
                "the children could be hurt or become very frightened.",
                "safety_goal": "Kerry and Dean will show everyone that they can sort out "
                "disagreements without shouting or fighting, for six months.",
                "goal_timescale": "Six months",
                "scores": scores(
                    [6, 7, 5, 3, 4, 3],
                    [
                        "We have stopped arguing in front of them.",
                        "It was a one-off.",
                        "Better since they came to mine.",
                        "Two police call-outs in one month.",
                        "Kerry is open with me.",
                        "Maisie is still worried at school.",
                    ],
                ),
            },
            {
                "statement": "The school is worried that when Dean drinks, the children may not "
                "get breakfast or be taken to school, and Maisie will fall behind.",
                "safety_goal": "Maisie will arrive at school on time and fed every day for the "
                "next three months.",
                "goal_timescale": "Three months",
                "scores": scores(
                    [8, 8, 6, 5, 6, 4],
                    [
                        "I do breakfast.",
                        "I get her there.",
                        "Mostly.",
                        "Attendance has dipped.",
                        "Leo is thriving.",
                        "Mondays are hard.",
                    ],
                ),
            },
        ],
        "safety_scores": safety_scores(
            [
                ("person:1", 6, "We are trying hard.", "Dean starting the anger course."),
                ("person:2", 7, "Things have calmed down.", "Getting a job."),
                ("person:3", 5, "Better than it was.", "The children staying over weekends."),
                ("person:5", 3, "Two police call-outs in a month.", "A month with no incidents."),
                ("person:6", 4, "Leo is thriving.", "Kerry using the safety plan."),
                ("person:7", 3, "Maisie is worried.", "Maisie saying she feels safe."),
            ]
        ),
        "agency_views": [
            agency_view(
                "person:5", "The children need a plan while the family's safety network grows."
            ),
            agency_view("person:6", "Agrees with a plan."),
            agency_view(
                "person:7",
                "School can support Maisie under a child in need plan.",
                "child_in_need",
                ("child:1",),
            ),
        ],
        "dissents": [
            {
                "person": "person:7",
                "children": ["child:1"],
                "reasons": "School felt a child in need plan would be enough for Maisie, because "
                "Kerry has already acted to protect the children.",
            },
        ],
        "plan_items": [
            {
                "section": "immediate_safety",
                "text": "If an argument starts, Kerry will take the children to Nana's.",
            },
            {
                "section": "immediate_safety",
                "text": "Dean will not drink at home while the children are awake.",
            },
            {
                "section": "bottom_line",
                "text": "There must be no more fighting in front of the children.",
            },
        ],
        "timeline": [
            {"what": "Dean to start the Calmer Choices course.", "by_when": later(28)},
            {"what": "Family safety plan agreed with Nana Margaret.", "by_when": later(14)},
        ],
        "plan_network": [
            {
                "person": "person:3",
                "part": "Has the children when an argument starts; calls Hannah if she is worried.",
            },
            {"person": "person:7", "part": "Checks in with Maisie each Monday morning."},
        ],
        "plan_rules": [
            {
                "behaviour": "Arguments between Kerry and Dean",
                "working_well": "Kerry took the children to Nana's on 19 October.",
                "triggers": "Money worries; Dean drinking.",
                "red_flags": "Raised voices; Dean drinking in the daytime.",
                "contingency": "Kerry calls Nana, who collects the children. If anyone is in "
                "danger, call 999.",
            },
        ],
        "demonstration_methods": [
            {
                "method": "safety_journal",
                "details": "Kerry and Nana write in the journal each "
                "week; Hannah reads it at visits.",
            },
            {"method": "whatsapp_group", "details": "Kerry, Dean, Nana and Hannah."},
        ],
        "actions": [
            {
                "what": "Refer Dean to the Calmer Choices course.",
                "owner": "person:5",
                "due_on": later(7),
                "for_whom": "professionals",
                "status": "open",
            },
            {
                "what": "Check in with Maisie every Monday.",
                "owner": "person:7",
                "due_on": later(84),
                "for_whom": "professionals",
                "status": "open",
            },
            {
                "what": "Write the family safety plan with Nana.",
                "owner": "person:1",
                "due_on": later(14),
                "for_whom": "family",
                "status": "open",
            },
            {
                "what": "Book a health review for Leo.",
                "owner": None,
                "due_on": None,
                "for_whom": "professionals",
                "status": "open",
            },
        ],
        "core_group_members": [
            {"person": p}
            for p in ("person:1", "person:2", "person:3", "person:5", "person:6", "person:7")
        ],
        "core_group_meetings": [
            {"meets_on": later(8), "notes": "At Brookfield Primary, 3.30pm."},
            {"meets_on": later(50), "notes": ""},
        ],
        "professionals_only": [
            {
                "source": "Police",
                "text": "Police hold information from a third party about "
                "Dean's previous relationship; shared with professionals only.",
            },
        ],
        "addenda": [],
        "plan_changes": "",
    }
    for child in conference["children"]:
        decision = child["decision"] or {}
        on_plan = decision.get("plan_type") == "child_protection"
        child["cp_plan_started_on"] = day.isoformat() if on_plan else None
        child["previous_cp_plans"] = 0 if on_plan else None
        child["initial_categories"] = ",".join(decision.get("categories", [])) if on_plan else ""
    for statement in conference["danger_statements"]:
        statement.update(goal_progress=None, goal_progress_note="")
    for action in conference["actions"]:
        action.update(progress=None, progress_note="")
    return record(conference)


def add_demo_conference(
    store: Store, actor: Actor | None = None, scheduled_at: dt.datetime | None = None
) -> int:
    # as a copy: a second demo is a second demo
    return add(store, actor, demo_conference(scheduled_at), as_copy=True)
