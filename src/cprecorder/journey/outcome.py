"""What a conference decided for each child, read against the plan before it."""

from __future__ import annotations

import enum

from ..export.wording import joined
from ..model import Child, PlanType
from ..rules.categories import category_label


def category_words(nation: str, keys: list[str]) -> str:
    return joined((category_label(nation, key).lower() for key in keys), "and")


class Outcome(enum.StrEnum):
    """For each child at a conference: a plan starts, continues, steps down or ends."""

    STARTS = "starts"
    CONTINUES = "continues"
    STEPS_DOWN = "steps_down"
    ENDS = "ends"
    NO_PLAN = "no_plan"
    UNDECIDED = "undecided"


def outcome(child: Child, plan_before: PlanType | None) -> Outcome:
    """The outcome for ``child``, whose plan before this conference was ``plan_before``."""
    decision = child.decision
    plan = decision.plan_type if decision is not None else None
    was_cp = plan_before is PlanType.CHILD_PROTECTION
    if plan is None:
        return Outcome.UNDECIDED
    if plan is PlanType.CHILD_PROTECTION:
        return Outcome.CONTINUES if was_cp else Outcome.STARTS
    if was_cp:
        return Outcome.ENDS if plan is PlanType.NO_PLAN else Outcome.STEPS_DOWN
    return Outcome.NO_PLAN if plan is PlanType.NO_PLAN else Outcome.STARTS


def outcome_words(child: Child, plan_before: PlanType | None, nation: str) -> str:
    """In words: "child protection plan continues (neglect; at first: emotional abuse)"."""
    result = outcome(child, plan_before)
    decision = child.decision
    if result is Outcome.UNDECIDED or decision is None or decision.plan_type is None:
        return "not decided yet"
    plan = decision.plan_type.label.lower()
    latest = category_words(nation, decision.category_keys)
    initial = category_words(nation, child.initial_category_keys)
    if result is Outcome.CONTINUES:
        words = f"child protection plan continues ({latest})" if latest else plan + " continues"
        if initial and initial != latest:
            words += f"; at first: {initial}"
        return words
    if result is Outcome.STARTS:
        return f"{plan} ({latest})" if latest else plan
    if result is Outcome.STEPS_DOWN:
        return f"steps down to a {plan}"
    if result is Outcome.ENDS:
        return "child protection plan ends"
    return "no plan"
