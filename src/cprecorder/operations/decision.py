"""The conference decision for each child."""

from __future__ import annotations

from ..actor import Actor
from ..errors import NotFoundError, ValidationError
from ..model import (
    AgencyView,
    AgencyViewChild,
    Child,
    ChildDecision,
    Conference,
    DecisionCategory,
    Dissent,
    DissentChild,
    PlanType,
)
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
    with store.write(actor, "set_decision") as session:
        conference = session.get(Conference, conference_id)
        if conference is None:
            raise NotFoundError(f"There is no conference {conference_id}.")
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
        return Change(conference_id, "set_decision", "child", child_id, ("decision",))


def set_about_children(
    store: Store, *, actor: Actor, entity: str, entity_id: int, child_ids: list[int]
) -> Change:
    """Which children an agency's view or a dissent is about; none means all of them."""
    if entity not in ("agency_view", "dissent"):
        raise ValidationError("Only an agency's view or a dissent is about some of the children.")
    wanted = list(dict.fromkeys(child_ids))
    with store.write(actor, f"set_{entity}_children") as session:
        item: AgencyView | Dissent | None = (
            session.get(AgencyView, entity_id)
            if entity == "agency_view"
            else session.get(Dissent, entity_id)
        )
        if item is None:
            raise NotFoundError(f"That {entity.replace('_', ' ')} no longer exists.")
        children = {child.id: child for child in item.conference.children}
        if any(i not in children for i in wanted):
            raise ValidationError("Only children of this conference can be chosen.")
        if len(wanted) == len(children):
            wanted = []  # every child is "all the children"
        if item.child_ids != wanted:
            item.about.clear()
            session.flush()
            for child_id in wanted:
                if isinstance(item, AgencyView):
                    item.about.append(AgencyViewChild(child=children[child_id]))
                else:
                    item.about.append(DissentChild(child=children[child_id]))
        return Change(
            item.conference_id,
            f"set_{entity}_children",
            entity,
            entity_id,
            ("child_ids",),
            values={"child_ids": wanted},
        )
