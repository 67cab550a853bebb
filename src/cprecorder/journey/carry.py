"""What a new meeting of a case takes from the last one, and what starts afresh.

A review conference or a core group meeting starts from the latest meeting of
the case: the same children (with their plan's start date, previous plans and
initial categories), family, network and professionals (attendance reset),
danger statements and safety goals, the plan, the safety network, plan rules,
how the plan is shown to work, actions with their status, the core group
members and the professionals-only notes (still professionals-only). Each copy
keeps its lineage, so the journey can follow it from meeting to meeting.

Starting afresh: attendance and reports, everyone's scores, worries, views,
decisions, agency views and dissent, children's plans, the summary, the dates
of the next core groups, and the progress of actions and goals (asked again).
The earlier record is only read: a signed-off record never changes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import object_session

from ..interchange import FORMAT, VERSION, conference_from_dict, conference_to_dict
from ..model import Conference

#: The lists a new meeting takes from the last one.
CARRIED_LISTS = (
    "children",
    "people",
    "danger_statements",
    "plan_items",
    "timeline",
    "plan_network",
    "plan_rules",
    "demonstration_methods",
    "actions",
    "core_group_members",
    "professionals_only",
)

#: Fields of the meeting itself that stay the same from meeting to meeting.
CARRIED_FIELDS = ("authority", "nation", "how_held", "interpreter_language", "equality_notes")

#: Reset on each carried child, person, danger statement and action.
CHILD_RESET: dict[str, Any] = {
    "decision": None,
    "childrens_plan": None,
    "views": "",
    "participation": None,
    "participation_notes": "",
}
PERSON_RESET: dict[str, Any] = {
    "attendance": "invited",
    "joined_by": None,
    "report_received_on": None,
    "report_shared_with_family": False,
    # Each meeting asks the parents for their views again.
    "views": "",
    "agrees_reports": None,
    "disagrees_with": "",
}
STATEMENT_RESET: dict[str, Any] = {"scores": [], "goal_progress": None, "goal_progress_note": ""}
ACTION_RESET: dict[str, Any] = {"progress": None, "progress_note": ""}


def carried_record(source: Conference) -> dict[str, Any]:
    """The parts of ``source`` a new meeting starts with, in the JSON form."""
    data = conference_to_dict(source)["conference"]
    keep: dict[str, Any] = {key: data[key] for key in CARRIED_FIELDS}
    keep.update({key: data[key] for key in CARRIED_LISTS})
    for child in keep["children"]:
        decision = child.get("decision") or {}
        if decision.get("plan_type") not in (None, "child_protection") and child.get(
            "cp_plan_started_on"
        ):
            # The plan ended (or stepped down) at that conference: it becomes one of the
            # plans the child has had before, and a new plan would start afresh.
            child["previous_cp_plans"] = (child.get("previous_cp_plans") or 0) + 1
            child["cp_plan_started_on"] = None
            child["initial_categories"] = ""
        child.update(CHILD_RESET)
    for person in keep["people"]:
        person.update(PERSON_RESET)
    for statement in keep["danger_statements"]:
        statement.update(STATEMENT_RESET)
    for action in keep["actions"]:
        action.update(ACTION_RESET)
    return keep


def carry_forward(source: Conference, meeting: Conference) -> None:
    """Fill a new, unsaved ``meeting`` from ``source``, the latest meeting of its case."""
    shell = {
        "kind": meeting.kind.value,
        "family_name": meeting.family_name,
        "scheduled_at": meeting.scheduled_at.isoformat(),
        "agenda_key": meeting.agenda_key or source.agenda_key,
        **carried_record(source),
    }
    copied = conference_from_dict({"format": FORMAT, "version": VERSION, "conference": shell})
    for key in CARRIED_FIELDS:
        setattr(meeting, key, getattr(copied, key))
    for attr in CARRIED_LISTS:
        moving: list[Any] = list(getattr(copied, attr))
        getattr(copied, attr).clear()
        target: list[Any] = getattr(meeting, attr)
        for item in moving:
            target.append(item)
        for index, item in enumerate(target):
            item.position = index
    # Moving the items reached the empty shell through their links: it is no record.
    session = object_session(meeting)
    if session is not None and copied in session:
        session.expunge(copied)
