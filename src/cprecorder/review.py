"""The chair's review: everything that stops a sound sign-off, each with its place.

:func:`review_record` reads a loaded conference and lists what is missing or
out of line, in the order of the agenda. Each :class:`ReviewItem` says it in a
plain sentence and names the place that fixes it (the agenda item's pane, and
the entity, id and field as the window's bound fields know them), so the
review list can take the chair straight there.

Two kinds of item, told apart because the chair may sign off with one and not
the other:

* **blocking**: the record would be unsound without it (a child with no
  decision, an action nobody owns, no date for the first core group);
* **warning**: worth the chair's eye, but the chair may have good reason
  (a late report, a core group a day past the limit, a score not given,
  jargon). Dates outside a limit are never refused, as in
  :mod:`cprecorder.rules.timescales`.

Plain Python: the window shows these, the command line could print them.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from .agenda import load_agenda
from .agenda.items import CONFERENCE_FIELD_PANE, ENTITY_PANE
from .dates import long_date
from .errors import KnownError
from .language.family_text import jargon_in_record
from .language.jargon import JargonList
from .model import (
    NAMED_IN_AN_ACTION,
    Attendance,
    Child,
    Conference,
    Person,
    PlanType,
)
from .operations.action_owner import named_in_an_action
from .rules.categories import categories_for
from .rules.core_groups import PlannedMeeting, check_journey
from .rules.nation import NationRules
from .rules.quoracy import check_quoracy, normalise_agency
from .rules.timescales import check_dates, report_expected

#: A place in the record as the window's bound fields name it.
FieldKey = tuple[str, int, str]

#: Places that are not a column of the record, named as the window's panes name
#: them: the plan chosen for a child (set by an operation, not typed), and a
#: category of that plan ("category-neglect"); a person's safety scale score is
#: ("person", id, "safety_score"), their score of a danger statement
#: ("danger_statement", id, "score-<person id>").
DECISION_FIELD = "decision_plan_type"
CATEGORY_FIELD_PREFIX = "category-"

#: People who run the meeting rather than take part in it: they do not scale.
NOT_SCALING_ROLES = frozenset({"chair", "conference chair", "minute taker", "minutetaker"})

#: Plans that have a lead social worker (a team around the child has a lead
#: professional, often from another agency, so it is not asked for there).
PLANS_WITH_SOCIAL_WORKER = frozenset({PlanType.CHILD_PROTECTION, PlanType.CHILD_IN_NEED})


class Severity(enum.StrEnum):
    """Blocking items stop sign-off; warnings are for the chair to weigh."""

    BLOCKING = "blocking"
    WARNING = "warning"


@dataclass(frozen=True)
class ReviewItem:
    """One thing the chair should see before signing off, and where to fix it."""

    severity: Severity
    #: A stable key for what was checked ("decision_missing", "jargon", …).
    check: str
    sentence: str
    #: The agenda item (pane key) that shows the place.
    pane: str
    entity: str
    entity_id: int
    field: str

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING

    @property
    def target(self) -> FieldKey:
        return (self.entity, self.entity_id, self.field)


def pane_for(entity: str, field: str) -> str:
    if entity == "conference":
        return CONFERENCE_FIELD_PANE.get(field, "summary")
    return ENTITY_PANE.get(entity, "")


def review_record(
    conference: Conference,
    *,
    today: dt.date | None = None,
    rules: NationRules | None = None,
    jargon: JargonList | None = None,
    meetings: Sequence[PlannedMeeting] | None = None,
) -> list[ReviewItem]:
    """Everything that stops a sound sign-off, blocking items first within each part.

    ``rules`` default to the conference's nation; ``today`` decides whether a
    report still missing is late. ``meetings`` (the case's, this one among them) add
    the rules of the plan's rhythm broken at this meeting. A core group meeting is
    not a conference: nobody decides, scales or makes it quorate there.
    """
    today = today or dt.date.today()
    review = _Review(conference)
    if conference.kind.is_conference:
        review.decisions()
        review.danger_statements()
        review.safety_scale()
    review.actions()
    if conference.kind.is_conference:
        review.core_group(rules, today)
        review.quoracy(rules)
        review.reports(rules, today)
        review.strategy_discussion(rules, today)
    review.childrens_plans()
    if meetings is not None:
        review.journey(meetings, rules, today)
    review.jargon(jargon)
    return in_agenda_order(conference, review.items)


def in_agenda_order(conference: Conference, items: list[ReviewItem]) -> list[ReviewItem]:
    """Items in the order of the conference's agenda; the order found within each item."""
    try:
        keys = [item.key for item in load_agenda(conference.agenda_key).items]
    except KnownError:  # an agenda file gone missing: keep the order found
        return items
    order = {key: index for index, key in enumerate(keys)}
    return sorted(items, key=lambda i: order.get(i.pane, len(order)))


def blocking_items(items: list[ReviewItem]) -> list[ReviewItem]:
    return [i for i in items if i.blocking]


def warnings(items: list[ReviewItem]) -> list[ReviewItem]:
    return [i for i in items if not i.blocking]


class _Review:
    """Collects the items of one review; one method per part of the record."""

    def __init__(self, conference: Conference) -> None:
        self.c = conference
        self.items: list[ReviewItem] = []
        self.people: dict[int, Person] = {p.id: p for p in conference.people}

    def add(
        self,
        severity: Severity,
        check: str,
        sentence: str,
        entity: str,
        entity_id: int,
        field: str,
        *,
        pane: str = "",
    ) -> None:
        shown_in = pane or pane_for(entity, field)
        self.items.append(ReviewItem(severity, check, sentence, shown_in, entity, entity_id, field))

    # -- who -----------------------------------------------------------------
    def person_name(self, person_id: int | None) -> str:
        person = self.people.get(person_id) if person_id is not None else None
        if person is None:
            return "someone no longer listed"
        return person.name.strip() or "a person with no name yet"

    def present(self) -> list[Person]:
        """Everyone present who is asked to scale: family, network and professionals."""
        return [
            p
            for p in self.c.people
            if p.attendance is Attendance.PRESENT
            and normalise_agency(p.role) not in NOT_SCALING_ROLES
            and not (self.c.chair and normalise_agency(p.name) == normalise_agency(self.c.chair))
        ]

    def on_child_protection_plan(self) -> list[Child]:
        return [
            child
            for child in self.c.children
            if child.decision is not None and child.decision.plan_type is PlanType.CHILD_PROTECTION
        ]

    # -- 6. the decision ------------------------------------------------------
    def decisions(self) -> None:
        if not self.c.children:
            self.add(
                Severity.BLOCKING,
                "no_children",
                "No child is named in the record, so there is nothing to decide.",
                "conference",
                self.c.id,
                "children",
                pane="family",
            )
        for child in self.c.children:
            decision = child.decision
            if decision is None or decision.plan_type is None:
                self.add(
                    Severity.BLOCKING,
                    "decision_missing",
                    f"No decision is recorded for {child.name}.",
                    "child",
                    child.id,
                    DECISION_FIELD,
                    pane="decision",
                )
                continue
            if decision.plan_type is PlanType.CHILD_PROTECTION and not decision.categories:
                self.add(
                    Severity.BLOCKING,
                    "category_missing",
                    f"{child.name} is on a child protection plan, but no category is chosen.",
                    "child",
                    child.id,
                    self.first_category_field(),
                    pane="decision",
                )
            if (
                decision.plan_type in PLANS_WITH_SOCIAL_WORKER
                and child.lead_social_worker_id is None
            ):
                self.add(
                    Severity.BLOCKING,
                    "lead_social_worker_missing",
                    f"No lead social worker is named for {child.name}, who is on a "
                    f"{decision.plan_type.label.lower()}.",
                    "child",
                    child.id,
                    "lead_social_worker_id",
                )

    def first_category_field(self) -> str:
        try:
            keys = list(categories_for(self.c.nation or "england"))
        except KnownError:  # a nation without a rules file: the plan choice instead
            return DECISION_FIELD
        return f"{CATEGORY_FIELD_PREFIX}{keys[0]}" if keys else DECISION_FIELD

    # -- 4. danger statements -------------------------------------------------
    def danger_statements(self) -> None:
        statements = self.c.danger_statements
        if not statements and self.on_child_protection_plan():
            self.add(
                Severity.WARNING,
                "danger_statement_missing",
                "No danger statement is written, though a child is on a child protection plan.",
                "conference",
                self.c.id,
                "danger_statements",
                pane="danger",
            )
        present = self.present()
        for number, statement in enumerate(statements, start=1):
            name = f"Danger statement {number}"
            if not statement.statement.strip():
                self.add(
                    Severity.BLOCKING,
                    "danger_statement_empty",
                    f"{name} has no words yet.",
                    "danger_statement",
                    statement.id,
                    "statement",
                )
            if not statement.safety_goal.strip():
                self.add(
                    Severity.BLOCKING,
                    "safety_goal_missing",
                    f"{name} has no safety goal.",
                    "danger_statement",
                    statement.id,
                    "safety_goal",
                )
            scored = {s.person_id for s in statement.scores if s.score is not None}
            for person in present:
                if person.id in scored:
                    continue
                self.add(
                    Severity.WARNING,
                    "danger_score_missing",
                    f"{self.person_name(person.id)} was present but has no score for {name}.",
                    "danger_statement",
                    statement.id,
                    f"score-{person.id}",
                )

    # -- 5. safety scale ------------------------------------------------------
    def safety_scale(self) -> None:
        by_person = {s.person_id: s for s in self.c.safety_scores}
        for person in self.present():
            entry = by_person.get(person.id)
            who = self.person_name(person.id)
            if entry is None or entry.score is None:
                self.add(
                    Severity.WARNING,
                    "safety_score_missing",
                    f"{who} was present but has no safety scale score.",
                    "person",
                    person.id,
                    "safety_score",
                    # Their place is on the safety scale, not in the family details.
                    pane="safety_scale",
                )
            elif not entry.reason.strip():
                self.add(
                    Severity.WARNING,
                    "safety_reason_missing",
                    f"{who} scaled safety at {entry.score} but no reason is recorded.",
                    "safety_score",
                    entry.id,
                    "reason",
                )

    # -- 11. actions ----------------------------------------------------------
    def actions(self) -> None:
        for number, action in enumerate(self.c.actions, start=1):
            what = _quoted(action.what) if action.what.strip() else f"Action {number}"
            if not action.what.strip():
                self.add(
                    Severity.BLOCKING,
                    "action_empty",
                    f"Action {number} says nothing about what is to be done.",
                    "action",
                    action.id,
                    "what",
                )
            if action.owner_id is None:
                self.add(
                    Severity.BLOCKING,
                    "action_owner_missing",
                    f"{what} has nobody to do it.",
                    "action",
                    action.id,
                    "owner_id",
                )
            if action.due_on is None:
                self.add(
                    Severity.BLOCKING,
                    "action_date_missing",
                    f"{what} has no date to be done by.",
                    "action",
                    action.id,
                    "due_on",
                )
        for person in self.c.people:
            if person.role == NAMED_IN_AN_ACTION:
                self.add(
                    Severity.WARNING,
                    "named_in_an_action",
                    named_in_an_action(self.person_name(person.id)),
                    "person",
                    person.id,
                    "role",
                )

    # -- 12. core group and review -------------------------------------------
    def core_group(self, rules: NationRules | None, today: dt.date) -> None:
        needed = bool(self.on_child_protection_plan())
        dated = [m for m in self.c.core_group_meetings if m.meets_on is not None]
        if needed and not dated:
            first = self.c.core_group_meetings[0] if self.c.core_group_meetings else None
            self.add(
                Severity.BLOCKING,
                "first_core_group_missing",
                "The date of the first core group is not set.",
                *(
                    ("core_group_meeting", first.id, "meets_on")
                    if first
                    else ("conference", self.c.id, "core_group_meetings")
                ),
                pane="core_group",
            )
        if needed and self.c.review_conference_on is None:
            self.add(
                Severity.BLOCKING,
                "review_conference_missing",
                "The date of the review conference is not set.",
                "conference",
                self.c.id,
                "review_conference_on",
            )
        for flag in check_dates(self.c, rules, today=today):
            if flag.rule in (
                "first_core_group_within_working_days",
                "first_core_group_before_conference",
                "review_within_months",
                "action_overdue",
            ):
                self.add(
                    Severity.WARNING,
                    flag.rule,
                    flag.message,
                    flag.item,
                    flag.item_id if flag.item_id is not None else self.c.id,
                    flag.field,
                )

    # -- 1. quoracy -----------------------------------------------------------
    def quoracy(self, rules: NationRules | None) -> None:
        quoracy = check_quoracy(self.c, rules)
        if not quoracy.quorate and not self.c.inquorate_reason.strip():
            self.add(
                Severity.BLOCKING,
                "inquorate_without_reason",
                f"{quoracy.sentence} The chair's reason for going ahead is not recorded.",
                "conference",
                self.c.id,
                "inquorate_reason",
            )

    # -- 1. reports -----------------------------------------------------------
    def reports(self, rules: NationRules | None, today: dt.date) -> None:
        for flag in check_dates(self.c, rules, today=today):
            if flag.rule in ("report_late", "report_missing") and flag.item_id is not None:
                self.add(
                    Severity.WARNING, flag.rule, flag.message, "person", flag.item_id, flag.field
                )
        for person in self.c.people:
            if (
                report_expected(person)
                and person.report_received_on is not None
                and not person.report_shared_with_family
            ):
                who = person.label or "a professional"
                self.add(
                    Severity.WARNING,
                    "report_not_shared",
                    f"The report from {who}, received on {long_date(person.report_received_on)}, "
                    "was not shared with the family before the conference.",
                    "person",
                    person.id,
                    "report_shared_with_family",
                )

    # -- before the meeting: the national target date ----------------------------
    def strategy_discussion(self, rules: NationRules | None, today: dt.date) -> None:
        for flag in check_dates(self.c, rules, today=today):
            if flag.rule == "initial_within_working_days":
                self.add(
                    Severity.WARNING,
                    flag.rule,
                    flag.message,
                    "conference",
                    self.c.id,
                    "strategy_discussion_on",
                )

    # -- the children's plan ----------------------------------------------------
    def childrens_plans(self) -> None:
        from .export.childrens_plan import has_a_childrens_plan, plan_written

        for child in self.c.children:
            plan = child.childrens_plan
            if plan is None or not has_a_childrens_plan(child) or plan_written(child):
                continue
            name = child.first_name.strip() or child.name
            self.add(
                Severity.WARNING,
                "childrens_plan_not_written",
                f"{name}'s plan still holds only the words it was started with; write it "
                f"for {name} before it is sent.",
                "childrens_plan",
                plan.id,
                "worries",
            )

    # -- the plan's rhythm ----------------------------------------------------
    def journey(
        self, meetings: Sequence[PlannedMeeting], rules: NationRules | None, today: dt.date
    ) -> None:
        pane = "since_last" if self.c.kind.is_conference else "core_group"
        for flag in check_journey(meetings, rules, today=today):
            if flag.meeting_id == self.c.id:
                self.add(
                    Severity.WARNING,
                    flag.rule,
                    flag.message,
                    "conference",
                    self.c.id,
                    "scheduled_at",
                    pane=pane,
                )

    # -- language -------------------------------------------------------------
    def jargon(self, jargon: JargonList | None) -> None:
        for finding in jargon_in_record(self.c, jargon):
            place, hit = finding.place, finding.hit
            self.add(
                Severity.WARNING,
                "jargon",
                f"“{hit.text}” in {place_name(self.c, place.entity, place.item_id, place.field)}:"
                f" in plain words, {hit.plain}.",
                place.entity,
                place.item_id,
                place.field,
            )


def _quoted(what: str) -> str:
    text = " ".join(what.split()).rstrip(".")
    short = text if len(text) <= 60 else text[:57].rstrip() + "…"
    return f"The action “{short}”"


#: How the review names a place when it quotes words from it.
PLACE_WORDS: dict[tuple[str, str], str] = {
    ("conference", "pre_meeting_notes"): "the notes of the meeting before the conference",
    ("conference", "equality_notes"): "equality and access",
    ("conference", "observers"): "observers",
    ("conference", "inquorate_reason"): "the reason for going ahead inquorate",
    ("conference", "reason_for_conference"): "what has brought us here",
    ("conference", "parents_views"): "the parents' views",
    ("conference", "parents_disagreement"): "what the parents disagree with",
    ("conference", "chair_summary"): "the chair's summary",
    ("conference", "decision_statement"): "the decision statement",
}

ENTITY_WORDS: dict[str, str] = {
    "child": "the details of",
    "person": "the details of",
    "worry": "worries and what's working well",
    "danger_statement": "danger statement",
    "danger_score": "a danger statement score",
    "safety_score": "the safety scale",
    "child_decision": "the decision for",
    "agency_view": "an agency's view",
    "dissent": "a dissent",
    "plan_item": "the plan",
    "timeline_item": "the plan's timeline",
    "plan_network_member": "who is involved in the plan",
    "plan_rule": "the plan rules",
    "demonstration_method": "how the family will show the plan working",
    "action": "the actions",
    "core_group_meeting": "the core group dates",
    "childrens_plan": "the children's plan",
    "child_relationship": "a relationship",
}


def place_name(conference: Conference, entity: str, entity_id: int, field: str) -> str:
    """Where a piece of text is, in words the chair knows from the agenda."""
    if entity == "conference":
        return PLACE_WORDS.get((entity, field), field.replace("_", " "))
    words = ENTITY_WORDS.get(entity, entity.replace("_", " "))
    if entity == "danger_statement":
        ids = [s.id for s in conference.danger_statements]
        return f"{words} {ids.index(entity_id) + 1}" if entity_id in ids else words
    for child in conference.children:
        if entity == "child" and child.id == entity_id:
            return f"{words} {child.name}"
        if entity == "child_decision" and child.decision and child.decision.id == entity_id:
            return f"{words} {child.name}"
        if (
            entity == "childrens_plan"
            and child.childrens_plan
            and child.childrens_plan.id == entity_id
        ):
            return f"{child.name}'s own plan"
    if entity == "person":
        for person in conference.people:
            if person.id == entity_id:
                if field in ("views", "disagrees_with"):
                    return f"the views of {person.name or 'a parent'}"
                return f"{words} {person.name or 'a person'}"
    return words
