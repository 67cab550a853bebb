"""How complete each agenda item is: the quiet mark (○ ◔ ◑ ◕ ●) beside its agenda entry.

One function per agenda item, each returning ``(filled, expected)``; ``expected``
of 0 means there is nothing to expect yet (no mark). Plain Python over the loaded
record, so the marks are worked out without building (or importing) any pane.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import (
    Action,
    ActionStatus,
    Attendance,
    Conference,
    PersonKind,
    PlanRule,
    PlanSection,
    PlanType,
)
from .agenda import AgendaItem

#: (filled, expected) for one agenda item of one conference.
Completeness = Callable[[AgendaItem, Conference], tuple[int, int]]

#: The four parts of a plan rule, after its concerning behaviour.
PLAN_RULE_PARTS = ("working_well", "triggers", "red_flags", "contingency")

#: The parts of a child's own plan, in the order the child reads them.
CHILDRENS_PLAN_PARTS = (
    "worries",
    "safety_people",
    "what_will_happen",
    "if_unsafe",
    "who_to_talk_to",
)

#: The lists of the plan, in the order the plan pane and the exports show them.
PLAN_SECTIONS = (PlanSection.IMMEDIATE_SAFETY, PlanSection.BOTTOM_LINE)


def nothing_expected(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    return (0, 0)


def before(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    return (int(bool(conference.pre_meeting_notes.strip())), 1)


def family(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """Children named; attendance recorded for everyone; quorate or a reason given."""
    from ..rules.quoracy import check_quoracy

    children = list(conference.children)
    named = bool(children) and all(c.first_name.strip() or c.unborn for c in children)
    people = list(conference.people)
    recorded = bool(people) and all(p.attendance is not Attendance.INVITED for p in people)
    quorate = check_quoracy(conference).quorate or bool(conference.inquorate_reason.strip())
    return (int(named) + int(recorded) + int(quorate), 3)


def since_last(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """Each action carried from the last meeting: how far it got, asked."""
    asked = [a for a in conference.actions if a.progress is not None]
    still_open = [a for a in conference.actions if a.status is ActionStatus.OPEN]
    return (len(asked), len(asked) + len(still_open))


def worries(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """Something under each of the agenda's headings."""
    headings = item.headings
    filled = sum(
        1
        for h in headings
        if any(w.heading == h.key and w.text.strip() for w in conference.worries)
    )
    return (filled, len(headings))


def involvement(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """Each child's words or a code (an unborn child: the parents' plans); the parents'
    views; whether they agree the reports (each parent's, or together)."""
    filled = sum(
        1
        for c in conference.children
        if (c.parents_plans.strip() if c.unborn else c.participation is not None) or c.views.strip()
    )
    parents = [p for p in conference.people if p.kind is PersonKind.FAMILY]
    filled += bool(conference.parents_views.strip()) or any(p.views.strip() for p in parents)
    filled += conference.parents_agree_reports is not None or any(
        p.agrees_reports is not None for p in parents
    )
    return (filled, len(conference.children) + 2)


def danger(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """Each statement: its words, its safety goal, and a score from everyone present."""
    statements = list(conference.danger_statements)
    if not statements:
        return (0, 3)
    present = {p.id for p in conference.people if p.attendance is Attendance.PRESENT}
    filled = 0
    for statement in statements:
        filled += bool(statement.statement.strip()) + bool(statement.safety_goal.strip())
        scored = {s.person_id for s in statement.scores if s.score is not None}
        filled += bool(present) and present <= scored
    return (filled, 3 * len(statements))


def safety_scale(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """A score and a reason from everyone present."""
    present = [p.id for p in conference.people if p.attendance is Attendance.PRESENT]
    if not present:
        return (0, 1)
    done = {
        s.person_id for s in conference.safety_scores if s.score is not None and s.reason.strip()
    }
    return (sum(1 for p in present if p in done), len(present))


def decision(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """Each child: a plan (with a category, for a child protection plan) and reasons."""
    filled = 0
    for child in conference.children:
        chosen = child.decision
        if chosen is None or chosen.plan_type is None:
            continue
        categorised = chosen.plan_type is not PlanType.CHILD_PROTECTION or bool(chosen.categories)
        filled += int(categorised) + int(bool(chosen.reasons.strip()))
    return (filled, 2 * len(conference.children))


def plan(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """Each section has something in it; the timeline has a step with a date."""
    filled = sum(
        1
        for section in PLAN_SECTIONS
        if any(i.section is section and i.text.strip() for i in conference.plan_items)
    )
    filled += int(any(t.what.strip() and t.by_when for t in conference.timeline))
    return (filled, len(PLAN_SECTIONS) + 1)


def plan_network(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """Every member has a person and a part; an empty network counts as one gap."""
    members = conference.plan_network
    if not members:
        return (0, 1)
    return (sum(1 for m in members if m.person_id is not None and m.part.strip()), len(members))


def rule_is_complete(rule: PlanRule) -> bool:
    return all(getattr(rule, f).strip() for f in ("behaviour", *PLAN_RULE_PARTS))


def plan_rules(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """Every rule has its behaviour and all four parts; no rules at all is one gap."""
    rules = conference.plan_rules
    if not rules:
        return (0, 1)
    return (sum(1 for rule in rules if rule_is_complete(rule)), len(rules))


def demonstrating(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """Made, shared, and at least one way of showing it with its details."""
    shown = any(m.details.strip() for m in conference.demonstration_methods)
    return (
        int(conference.childrens_version_made)
        + int(conference.childrens_version_shared)
        + int(shown),
        3,
    )


def action_is_complete(action: Action) -> bool:
    """Someone named and a date set (or no longer open, when neither matters)."""
    return action.status is not ActionStatus.OPEN or (
        action.owner_id is not None and action.due_on is not None and bool(action.what.strip())
    )


def actions(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """Every action has someone named and a date; no actions at all is one gap."""
    if not conference.actions:
        return (0, 1)
    return (sum(1 for a in conference.actions if action_is_complete(a)), len(conference.actions))


def core_group(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """Members named, the first core group dated, the review conference dated."""
    return (
        int(bool(conference.core_group_members))
        + int(any(m.meets_on for m in conference.core_group_meetings))
        + int(conference.review_conference_on is not None),
        3,
    )


def summary(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    return (
        int(bool(conference.chair_summary.strip()))
        + int(bool(conference.decision_statement.strip())),
        2,
    )


def childrens_plan(item: AgendaItem, conference: Conference) -> tuple[int, int]:
    """Each child who is born has a plan with every part written."""
    children = [c for c in conference.children if not c.unborn]
    if not children:
        return (0, 0)
    filled = sum(
        1
        for c in children
        if c.childrens_plan is not None
        and all(getattr(c.childrens_plan, f).strip() for f in CHILDRENS_PLAN_PARTS)
    )
    return (filled, len(children))
