"""What a conference decided for each child, read against the plan before it."""

from __future__ import annotations

import enum
from collections.abc import Sequence

from ..export.wording import joined
from ..model import PlanType
from ..rules.categories import category_label
from .facts import ChildAt


def category_words(nation: str, keys: Sequence[str]) -> str:
    return joined((category_label(nation, key).lower() for key in keys), "and")


class Outcome(enum.StrEnum):
    """For each child at a conference: a plan starts, continues, steps down or ends."""

    STARTS = "starts"
    CONTINUES = "continues"
    STEPS_DOWN = "steps_down"
    ENDS = "ends"
    NO_PLAN = "no_plan"
    UNDECIDED = "undecided"


def outcome(child: ChildAt, plan_before: PlanType | None) -> Outcome:
    """The outcome for ``child``, whose plan before this conference was ``plan_before``."""
    plan = child.plan_type
    was_cp = plan_before is PlanType.CHILD_PROTECTION
    if plan is None:
        return Outcome.UNDECIDED
    if plan is PlanType.CHILD_PROTECTION:
        return Outcome.CONTINUES if was_cp else Outcome.STARTS
    if was_cp:
        return Outcome.ENDS if plan is PlanType.NO_PLAN else Outcome.STEPS_DOWN
    return Outcome.NO_PLAN if plan is PlanType.NO_PLAN else Outcome.STARTS


def outcome_words(child: ChildAt, plan_before: PlanType | None, nation: str) -> str:
    """In words: "child protection plan continues (neglect; at first: emotional abuse)"."""
    result = outcome(child, plan_before)
    if result is Outcome.UNDECIDED or child.plan_type is None:
        return "not decided yet"
    plan = child.plan_type.label.lower()
    latest = category_words(nation, child.category_keys)
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
