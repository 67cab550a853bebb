"""The conference decision for each child."""

from __future__ import annotations

from ..actor import Actor
from ..conference_lock import lock_conference
from ..conflicts import saved_revisions
from ..errors import NotFoundError, ValidationError
from ..lifecycle import refuse_if_signed_off
from ..model import Child, ChildDecision, Conference, DecisionCategory, Operation, PlanType
from ..rules.categories import categories_for
from ..store import Store
from .change import Change


def set_decision(
    store: Store,
    *,
    actor: Actor,
    conference_id: int,
    child_id: int,
    plan_type: PlanType | None,
    categories: list[str] | None = None,
    reasons: str | None = None,
) -> Change:
    """Record the plan for one child; categories belong to child protection plans only."""
    with store.write(actor, Operation.DECISION) as session:
        conference = lock_conference(session, conference_id)
        if conference is None:
            raise NotFoundError(f"There is no conference {conference_id}.")
        refuse_if_signed_off(conference)
        child = session.get(Child, child_id)
        if child is None or child.conference_id != conference_id:
            raise ValidationError("A decision can only be made for a child of this conference.")
        categories = list(categories or [])
        allowed = categories_for(conference.nation)
        unknown = [c for c in categories if c not in allowed]
        if unknown:
            raise ValidationError(
                f"Not a category here: {', '.join(unknown)}. Use one of: {', '.join(allowed)}."
            )
        if categories and plan_type is not PlanType.CHILD_PROTECTION:
            raise ValidationError("Categories are recorded only for a child protection plan.")
        decision = child.decision
        if decision is None:
            decision = ChildDecision()
            child.decision = decision
        decision.plan_type = plan_type
        if reasons is not None:
            decision.reasons = reasons
        if [c.category for c in decision.categories] != categories:
            decision.categories.clear()
            session.flush()
            for key in categories:
                decision.categories.append(DecisionCategory(category=key))
        _plan_dates(child, conference, plan_type, categories)
        return Change(
            conference_id,
            Operation.DECISION,
            "child",
            child_id,
            ("decision",),
            revisions=saved_revisions(session),
        )


def _plan_dates(
    child: Child, conference: Conference, plan_type: PlanType | None, categories: list[str]
) -> None:
    """A child protection plan starts at the conference that first decides it, with
    its categories then (the initial ones); a review that continues it keeps both."""
    held_on = conference.scheduled_at.date()
    if plan_type is PlanType.CHILD_PROTECTION:
        if child.cp_plan_started_on is None:
            child.cp_plan_started_on = held_on
        if child.cp_plan_started_on == held_on:
            child.initial_categories = ",".join(categories)
    elif child.cp_plan_started_on == held_on:  # decided here, then changed
        child.cp_plan_started_on = None
        child.initial_categories = ""
