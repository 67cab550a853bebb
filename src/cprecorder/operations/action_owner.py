"""Who does an action, by name: anyone, not only someone already in the conference.

A name typed for an action's owner is matched to the people of the conference
(the name alone, or the name with role and agency as the window lists them,
whatever the case). A name nobody has is someone new: they are added to the
family and network "named in an action", in the same unit of work, so the chair
can say later who they are.
"""

from __future__ import annotations

from ..actor import Actor
from ..conference_lock import lock_conference_of
from ..conflicts import saved_revisions
from ..errors import NotFoundError
from ..lifecycle import refuse_if_signed_off
from ..model import NAMED_IN_AN_ACTION, Action, Operation, Person, PersonKind
from ..store import Store
from .change import Change


def named_in_an_action(name: str) -> str:
    """The quiet note, in the window and in the chair's review, about someone added so."""
    return (
        f"{name} is in the family and network now, named in an action: "
        "say who they are to the children."
    )


def person_named(people: list[Person], name: str) -> Person | None:
    """The person of the conference this name means, if any (the first of namesakes)."""
    wanted = " ".join(name.split()).casefold()
    for person in people:
        if wanted in (" ".join(person.name.split()).casefold(), person.label.casefold()):
            return person
    return None


def set_action_owner(store: Store, *, actor: Actor, action_id: int, name: str) -> Change:
    """The action's owner by name; an empty name leaves it with no one named.

    The change is an update of the action's ``owner_id`` (its value in ``values``),
    and names the people in scope when someone was added.
    """
    with store.write(actor, Operation.ACTION_OWNER) as session:
        lock_conference_of(session, Action, action_id)
        action = session.get(Action, action_id)
        if action is None:
            raise NotFoundError("That action no longer exists.")
        refuse_if_signed_off(action.conference)
        people = action.conference.people
        owner = person_named(people, name) if name.strip() else None
        added = owner is None and bool(name.strip())
        if added:
            owner = Person(
                name=" ".join(name.split()),
                kind=PersonKind.NETWORK,
                role=NAMED_IN_AN_ACTION,
                position=len(people),
            )
            people.append(owner)
            session.flush()
        action.owner = owner
        session.flush()
        return Change(
            action.conference_id,
            Operation.ACTION_OWNER,
            "action",
            action_id,
            ("owner_id",),
            values={"owner_id": owner.id if owner is not None else None},
            revisions=saved_revisions(session),
        )
