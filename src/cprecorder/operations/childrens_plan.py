"""The children's plan: one per child, started from the plan the conference agreed."""

from __future__ import annotations

from typing import Any

from ..actor import Actor
from ..conference_lock import lock_conference_of
from ..conflicts import saved_revisions
from ..errors import NotFoundError, ValidationError
from ..lifecycle import refuse_if_signed_off
from ..model import Child, ChildrensPlan, Operation
from ..model.registry import coerce, editable_fields
from ..store import Store
from .change import Change

#: The fields of a child its plan's first words are written with.
NAME_IN_THE_PLAN = frozenset({"first_name"})


def plan_follows_the_name(child: Child) -> dict[tuple[str, int], dict[str, Any]]:
    """A plan still holding the words it was started with follows its child's corrected
    name: its words are written again for the name, and kept as what it started with.
    A plan someone wrote in (any part) never changes. What changed, by part of the record.
    """
    from ..export.childrens_plan import plan_written, prefilled_words, words_to_start_with

    plan = child.childrens_plan
    if plan is None or not plan.prefilled or plan_written(child):
        return {}
    words = words_to_start_with(child.conference, child)
    changed: dict[str, Any] = {part: text for part, text in words.items()}
    changed["prefilled"] = prefilled_words(words)
    for field, value in changed.items():
        setattr(plan, field, value)
    return {("childrens_plan", plan.id): changed}


def create_childrens_plan(
    store: Store, *, actor: Actor, child_id: int, values: dict[str, Any] | None = None
) -> Change:
    """Start a child's own plan, pre-filled with words built from the conference's plan.

    The social worker edits the words afterwards; starting from the agreed plan
    (the safety network, the immediate safety steps, the dates) rather than a
    blank page is what makes a plan per child realistic on the day. ``values``
    are laid over the suggestions. A child has at most one plan, so a second is
    refused with a sentence rather than a database error.
    """
    allowed = set(editable_fields(ChildrensPlan))
    checked: dict[str, Any] = {}
    for field, value in (values or {}).items():
        if field not in allowed:
            raise ValidationError(f"A children's plan has no part called {field!r}.")
        checked[field] = coerce(ChildrensPlan, field, value)
    # Imported here: the exports package is heavier, and only this operation needs it.
    from ..export.childrens_plan import (
        has_a_childrens_plan,
        prefilled_words,
        suggested_childrens_plan,
    )

    with store.write(actor, Operation.CHILDRENS_PLAN) as session:
        lock_conference_of(session, Child, child_id)
        child = session.get(Child, child_id)
        if child is None:
            raise NotFoundError("That child is no longer in the record.")
        refuse_if_signed_off(child.conference)
        if child.childrens_plan is not None:
            raise ValidationError(
                f"{child.name} already has a children's plan; change the words in it instead."
            )
        if not has_a_childrens_plan(child):
            raise ValidationError(
                f"{child.name} is not born yet: a children's plan is written for a child "
                "once they are born."
            )
        words = {
            field: value
            for field, value in suggested_childrens_plan(child.conference, child).items()
            if field in allowed
        }
        started = prefilled_words(words)
        words.update(checked)
        plan = ChildrensPlan(**words, prefilled=started)
        child.childrens_plan = plan
        revisions = saved_revisions(session)
        return Change(
            child.conference_id,
            Operation.CHILDRENS_PLAN,
            "childrens_plan",
            plan.id,
            tuple(words),
            revisions=revisions,
        )
