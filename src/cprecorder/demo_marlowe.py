"""A second fictional conference, written to test what the family receives.

The Marlowe family: three children, one of them not yet born and not yet named;
a mother, her partner (father of the baby only), the older girl's father who lives
elsewhere, a grandmother the children call Nanna Maureen and a family friend who
is part of the plan but was not invited. Isla's and Rory's plans are written for
each of them (Isla is nine, Rory six). Reports arrive late and are not shared;
the school dissents about two of the three children; the police hold information
that must stay with professionals. Every name, place and event is invented.

``cprecorder-cli demo --family marlowe`` adds it; the tests and ``make render`` use it.
"""

from __future__ import annotations

import datetime as dt
import json
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

#: A professionals-only sentence the tests look for in every family output.
POLICE_INFORMATION = (
    "DC Holt told professionals that a neighbour has given the police information about "
    "Jason's contact with a man under investigation; the family must not be told while "
    "enquiries continue."
)


def started_with(name: str) -> dict[str, str]:
    """The words a child's plan was started with (suggested from the plan), before the
    social worker wrote it for the child."""
    return {
        "worries": f"Some grown-ups have been worried about what happens at home, {name}. "
        "They want you to be safe and happy. It is not your fault.",
        "safety_people": "Your safety people are your Nanna Maureen, your Mum and Bethan, your "
        "social worker. They will help keep you safe.",
        "what_will_happen": "The grown-ups have made a plan to help keep you safe at home.\n"
        "Bethan, your social worker, will come to see you and ask how you are.",
        "if_unsafe": "If you feel scared or unsafe, go to your Nanna Maureen or your Mum and tell "
        "them. If someone is hurt or in danger, call 999. You can ring Childline on 0800 1111 at "
        "any time. It is free.",
        "who_to_talk_to": "You can talk to your Nanna Maureen, your Mum or Bethan, your social "
        "worker. You can ring Childline on 0800 1111 at any time. It is free.",
    }


#: Rory's plan as Bethan wrote it for him: he is six, has speech and language therapy,
#: and told the meeting what he thinks with a drawing of Nanna's house.
RORYS_PLAN = {
    "worries": "Sometimes Mum and Jason shout at home, Rory. Shouting is loud and it can "
    "feel scary. The grown-ups want home to be calm. The shouting is not your fault.",
    "safety_people": "Your Mum, your Nanna Maureen, Kelly, Mrs Whitlock at school and Bethan.",
    "what_will_happen": "If Mum and Jason start to argue, Mum will take you and Isla to "
    "Nanna Maureen's house.\n"
    "Jason is getting help to stop drinking.\n"
    "Bethan will come to see you every two weeks. You can draw with her again.",
    "if_unsafe": "If you feel scared at home, go to your room with Isla and tell Mum or Nanna "
    "Maureen. If someone is hurt, call 999.",
    "who_to_talk_to": "Mum, Nanna Maureen, Mrs Whitlock or Bethan. You can tell them, or draw "
    "them a picture.",
}


def marlowe_conference(
    scheduled_at: dt.datetime | None = None, *, rorys_plan_written: bool = True
) -> dict[str, Any]:
    """The Marlowe conference in its JSON form; dates move with ``scheduled_at``.

    With ``rorys_plan_written=False``, Rory's plan still holds only the words it was
    started with, as before Bethan wrote it for him.
    """
    when = scheduled_at or dt.datetime(2026, 12, 10, 10, 0)
    day = when.date()

    on = days_from(day)

    people = [
        person(  # person:1
            "Chloe Marlowe",
            "family",
            "Mother",
            household="with_the_children",
            views="I know the arguments have frightened the children and I am ashamed of "
            "that. I want Jason to get help with his drinking, and I want the school to "
            "tell me straight away if Isla is upset.",
            agrees_reports=False,
            disagrees_with="The HV's report says I missed two appointments; I rang to "
            "move both of them.",
            relationships=related(
                ("child:1", "Mother"), ("child:2", "Mother"), ("child:3", "Mother")
            ),
        ),
        person(  # person:2
            "Jason Reed",
            "family",
            "Mother's partner",
            joined_by="phone",
            household="with_the_children",
            views="I have started seeing the GP about my drinking. I would never hurt the "
            "kids and I want to be there for the baby.",
            agrees_reports=True,
            relationships=related(
                ("child:1", "Mother's partner"),
                ("child:2", "Mother's partner"),
                ("child:3", "Father"),
            ),
        ),
        person(  # person:3
            "Callum Marlowe",
            "family",
            "Father",
            attendance="apologies",
            joined_by=None,
            household="elsewhere",
            relationships=related(("child:1", "Father")),
        ),
        person(  # person:4
            "Maureen Marlowe",
            "network",
            "Maternal grandmother",
            joined_by="in_person",
            household="elsewhere",
            known_as="Nanna Maureen",
            relationships=related(
                ("child:1", "Grandmother"), ("child:2", "Grandmother"), ("child:3", "Grandmother")
            ),
        ),
        person(  # person:5
            "Kelly Doyle",
            "network",
            "Family friend",
            attendance="not_invited",
            joined_by=None,
            household="elsewhere",
        ),
        person(  # person:6
            "Bethan Morris",
            "professional",
            "Social worker",
            "Westmere Children's Social Care",
            report_expected=True,
            report_received_on=on(-3),
            report_shared_with_family=True,
        ),
        person(  # person:7
            "Grace Obi",
            "professional",
            "Health visitor",
            "Westmere Health Visiting Service",
            report_expected=True,
            report_received_on=on(-1),
        ),
        person(  # person:8
            "Sarah Whitlock",
            "professional",
            "Designated safeguarding lead",
            "Ashgrove Primary School",
            known_as="Mrs Whitlock",
            report_expected=True,
            report_received_on=on(-2),
            report_shared_with_family=True,
        ),
        person(  # person:9
            "DC Ryan Holt",
            "professional",
            "Police officer",
            "Westmere Police",
            attendance="report_only",
            joined_by=None,
            report_expected=True,
            report_received_on=on(-1),
        ),
        person(  # person:10
            "Dr Amir Shah",
            "professional",
            "GP",
            "Millbrook Surgery",
            attendance="apologies",
            joined_by=None,
            report_expected=True,
        ),
        person(  # person:11
            "Priya Nair",
            "professional",
            "Midwife",
            "Westmere Maternity Service",
            report_expected=True,
            report_received_on=on(-2),
            report_shared_with_family=True,
        ),
    ]

    child = {
        "ethnicity": "White British",
        "language": "English",
        "participation_notes": "",
        "parents_plans": "",
        "lead_social_worker": "person:6",
        "not_yet_named": False,
        "unborn": False,
        "expected_on": None,
    }
    conference = {
        "kind": "initial",
        "family_name": "Marlowe",
        "scheduled_at": when.isoformat(),
        "how_held": "teams",
        "chair": "Anita Kowalczyk",
        "minute_taker": "Lewis Brand",
        "authority": "Westmere Borough Council",
        "nation": "england",
        "agenda_key": "signs-of-safety",
        "status": "draft",
        "handed_over_at": None,
        "handed_over_by": "",
        "signed_off_at": None,
        "signed_off_by": "",
        "strategy_discussion_on": on(-17),
        "pre_meeting_at": (when - dt.timedelta(minutes=30)).isoformat(),
        "pre_meeting_notes": "Anita met Chloe and Jason before the meeting and explained how "
        "it would run and that professionals would speak alone for a few minutes at the end.",
        "interpreter_language": "",
        "equality_notes": "Chloe is 30 weeks pregnant; the chair offered breaks every hour.",
        "observers": "None.",
        "inquorate_reason": "",
        "reason_for_conference": "Isla told Mrs Whitlock that she covers Rory's ears when Jason "
        "shouts at her mum, and that Jason threw a plate at the wall. Police were called to the "
        "home in November after a neighbour heard shouting.",
        "parents_views": "",
        "parents_agree_reports": None,
        "parents_disagreement": "",
        "childrens_version_made": True,
        "childrens_version_shared": False,
        "childrens_version_made_with": "Isla, Nanna Maureen and Bethan Morris",
        "childrens_version_shared_on": None,
        "review_conference_on": on(77),
        "chair_summary": "Everyone agreed that Isla, Rory and the baby are loved, and that "
        "Nanna Maureen has looked after the children every weekend since the summer. The worry "
        "is the shouting and drinking at home, what Isla and Rory see and hear, and how a "
        "newborn baby would be kept safe. Reports from the HV and police came late.",
        "decision_statement": "Isla and Rory will each be subject to a child protection plan "
        "under the categories of emotional abuse and neglect, and the unborn baby under the "
        "category of neglect.",
        "children": [
            {
                **child,
                "first_name": "Isla",
                "last_name": "Marlowe",
                "date_of_birth": "2017-05-19",
                "gender": "Girl",
                "needs": "Wears glasses; finds loud rooms hard.",
                "views": "I don't like it when Jason shouts at Mum. I put my hands over Rory's "
                "ears. I like Saturdays at Nanna's because it is quiet and we make pancakes.",
                "participation": "PN5",
                "participation_notes": "Isla talked to Bethan at school and asked her to tell "
                "the meeting what she said.",
                "decision": {
                    "plan_type": "child_protection",
                    "reasons": "Isla is frightened by the shouting and is trying to protect "
                    "her brother.",
                    "categories": ["emotional_abuse", "neglect"],
                },
                "childrens_plan": {
                    "worries": "Sometimes the grown-ups at home shout, and you have been "
                    "looking after Rory when they do. That is not your job, Isla, and it is "
                    "not your fault.",
                    "safety_people": "Nanna Maureen, Mum, Mrs Whitlock at school, and Bethan.",
                    "what_will_happen": "Jason is going to get help to stop drinking. Bethan "
                    "will come to see you every two weeks. Mrs Whitlock will say hello to you "
                    "every morning.",
                    "if_unsafe": "Take Rory to your room and phone Nanna Maureen. If someone is "
                    "hurt, call 999.",
                    "who_to_talk_to": "Nanna Maureen, Mum, Mrs Whitlock or Bethan.",
                    "pictures": "house,heart,phone,school",
                    "prefilled": json.dumps(started_with("Isla")),
                },
            },
            {
                **child,
                "first_name": "Rory",
                "last_name": "Marlowe",
                "date_of_birth": "2020-09-02",
                "gender": "Boy",
                "needs": "Speech and language therapy at school.",
                "views": "",
                "participation": "PN6",
                "participation_notes": "Rory drew his family with Bethan: Nanna's house had a "
                "big sun over it.",
                "decision": {
                    "plan_type": "child_protection",
                    "reasons": "Rory is six and hears the arguments at home.",
                    "categories": ["emotional_abuse", "neglect"],
                },
                "childrens_plan": {
                    **(RORYS_PLAN if rorys_plan_written else started_with("Rory")),
                    "pictures": "house,sun,heart",
                    "prefilled": json.dumps(started_with("Rory")),
                },
            },
            {
                **child,
                "first_name": "",
                "last_name": "Marlowe",
                "unborn": True,
                "not_yet_named": True,
                "date_of_birth": None,
                "expected_on": on(84),
                "gender": "",
                "ethnicity": "",
                "language": "",
                "needs": "",
                "views": "",
                "participation": None,
                "parents_plans": "Chloe is booked to give birth at Westmere General. Nanna "
                "Maureen will have Isla and Rory while Chloe is in hospital. The baby will "
                "sleep in a Moses basket in Chloe's room.",
                "decision": {
                    "plan_type": "child_protection",
                    "reasons": "A newborn baby would be at risk if the drinking and "
                    "arguments carry on.",
                    "categories": ["neglect"],
                },
                "childrens_plan": None,
            },
        ],
        "people": people,
        "worries": [
            worry(
                "context",
                "Police were called to the home on 14 November after a neighbour heard "
                "shouting and breaking glass.",
                "person:6",
            ),
            worry(
                "past_harm",
                "Isla saw Jason throw a plate at the kitchen wall on 14 November.",
                "person:8",
            ),
            worry(
                "past_harm",
                "Isla has covered Rory's ears during arguments and is tired at school.",
                "person:8",
            ),
            worry(
                "future_danger",
                "Isla and Rory could be hurt, or become very frightened, if the arguments "
                "carry on; a newborn baby could be hurt if the adults fight while holding "
                "them.",
                "person:6",
            ),
            worry(
                "complicating_factors",
                "Jason is drinking most evenings since he lost his job, and there is DV in "
                "Chloe's past relationship.",
                "person:7",
            ),
            worry(
                "existing_strengths",
                "Maureen has looked after the children every weekend since the summer.",
                "person:4",
            ),
            worry(
                "existing_strengths",
                "Chloe has gone to every antenatal appointment and is open with the midwife.",
                "person:11",
            ),
            worry(
                "existing_safety",
                "On 14 November Chloe took the children to Nanna Maureen's before the police "
                "arrived.",
                "person:1",
            ),
            worry(
                "complicating_factors",
                "A neighbour told the police Jason has been seen with a man they are "
                "investigating.",
                "person:9",
                confidential=True,
            ),
        ],
        "danger_statements": [
            {
                "statement": "Children's social care, school and the health visitor are "
                "worried that Chloe and Jason may argue again in front of Isla and Rory when "
                "Jason has been drinking, and that the children could be hurt or become very "
                "frightened.",
                "safety_goal": "Chloe and Jason will show everyone that they sort out "
                "disagreements calmly, and that Jason does not drink when he is looking after "
                "the children, for six months.",
                "goal_timescale": "Six months",
                "scores": scored(
                    [
                        ("person:1", 6, "We have not argued since November."),
                        ("person:2", 7, "I am getting help."),
                        ("person:4", 5, "Better, but I still worry."),
                        ("person:6", 3, "A police call-out three weeks ago."),
                        ("person:7", 4, ""),
                        ("person:8", 4, "Isla is still very tired."),
                        ("person:11", 5, ""),
                    ]
                ),
            },
            {
                "statement": "The midwife and health visitor are worried that when the baby "
                "is born, Chloe will be on her own with a newborn and two children at night if "
                "Jason has been drinking, and the baby may not be fed or kept safe.",
                "safety_goal": "Chloe will have a plan, agreed with Nanna Maureen, for who "
                "helps at night for the first three months after the birth.",
                "goal_timescale": "Three months after the birth",
                "scores": scored(
                    [
                        ("person:1", 7, "Mum will come and stay."),
                        ("person:2", 7, ""),
                        ("person:4", 7, "I will be there."),
                        ("person:6", 4, "The plan is not written yet."),
                        ("person:7", 4, ""),
                        ("person:8", 5, ""),
                        ("person:11", 5, ""),
                    ]
                ),
            },
        ],
        "safety_scores": safety_scores(
            [
                ("person:1", 6, "Things are calmer.", "Jason finishing the alcohol course."),
                ("person:2", 7, "I am trying.", "A month with no drink."),
                ("person:4", 5, "Better than it was.", "The children staying calm at home."),
                ("person:6", 3, "Too soon to tell.", "A month with no police call-outs."),
                ("person:7", 4, "Missed appointments.", "Chloe at every baby check."),
                ("person:8", 4, "Isla is worried.", "Isla saying she feels safe."),
                ("person:11", 5, "Chloe is open with me.", "A written plan for the birth."),
            ]
        ),
        "agency_views": [
            agency_view(
                "person:6", "All three children need a plan while the safety network grows."
            ),
            agency_view("person:7", "Agrees with a plan for all three children."),
            agency_view(
                "person:8",
                "School sees Isla and Rory every day and can support them under a "
                "child in need plan.",
                "child_in_need",
                ("child:1", "child:2"),
            ),
            agency_view(
                "person:11",
                "The baby needs a plan before the birth.",
                "child_protection",
                ("child:3",),
            ),
        ],
        "dissents": [
            {
                "person": "person:8",
                "children": ["child:1", "child:2"],
                "reasons": "School felt a child in need plan would be enough for Isla and "
                "Rory, because Chloe has worked openly with school and took the children to "
                "safety on 14 November.",
            },
        ],
        "plan_items": [
            {
                "section": "immediate_safety",
                "text": "If an argument starts, Chloe will take Isla and Rory to Nanna Maureen's.",
            },
            {
                "section": "immediate_safety",
                "text": "Jason will not drink at home while the children are there.",
            },
            {
                "section": "bottom_line",
                "text": "There must be no more shouting or throwing things in front of the "
                "children.",
            },
        ],
        "timeline": [
            {"what": "Jason to start the Westmere alcohol service.", "by_when": on(14)},
            {"what": "Birth plan agreed with Nanna Maureen and the midwife.", "by_when": on(42)},
        ],
        "plan_network": [
            {"person": "person:4", "part": "Has the children when an argument starts."},
            {"person": "person:1", "part": "Takes the children to Nanna Maureen's."},
            {"person": "person:5", "part": "Can collect Isla and Rory from school."},
            {"person": "person:8", "part": "Says hello to Isla every morning."},
            {"person": "person:6", "part": "Visits every two weeks."},
        ],
        "plan_rules": [
            {
                "behaviour": "Arguments when Jason has been drinking",
                "working_well": "Chloe took the children to Nanna Maureen's on 14 November.",
                "triggers": "Money worries; Jason drinking in the evening.",
                "red_flags": "Raised voices; Jason drinking before the children are in bed.",
                "contingency": "Chloe calls Nanna Maureen, who collects the children. If "
                "anyone is in danger, call 999.",
            },
        ],
        "demonstration_methods": [
            {
                "method": "safety_journal",
                "details": "Chloe and Nanna Maureen write in it each week; Bethan reads it.",
            },
        ],
        "actions": [
            {
                "what": "Refer Jason to the Westmere alcohol service.",
                "owner": "person:6",
                "due_on": on(7),
                "for_whom": "professionals",
                "status": "open",
            },
            {
                "what": "Refer Isla to CAMHS for help with her worries.",
                "owner": "person:6",
                "due_on": on(14),
                "for_whom": "professionals",
                "status": "open",
            },
            {
                "what": "The HV to visit Chloe every two weeks until the birth.",
                "owner": "person:7",
                "due_on": on(84),
                "for_whom": "professionals",
                "status": "open",
            },
            {
                "what": "Write the birth plan with Nanna Maureen.",
                "owner": "person:1",
                "due_on": on(42),
                "for_whom": "family",
                "status": "open",
            },
        ],
        "core_group_members": [
            {"person": p}
            for p in ("person:1", "person:2", "person:4", "person:6", "person:7", "person:8")
        ],
        "core_group_meetings": [
            {"meets_on": on(7), "notes": "At Ashgrove Primary School, 3.30pm."},
            {"meets_on": on(49), "notes": ""},
        ],
        "professionals_only": [{"source": "Police", "text": POLICE_INFORMATION}],
        "addenda": [],
    }
    return record(conference)


def add_marlowe_conference(
    store: Store,
    actor: Actor | None = None,
    scheduled_at: dt.datetime | None = None,
    *,
    rorys_plan_written: bool = True,
) -> int:
    data = marlowe_conference(scheduled_at, rorys_plan_written=rorys_plan_written)
    return add(store, actor, data, as_copy=False)
