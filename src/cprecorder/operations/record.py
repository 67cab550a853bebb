"""Operations that create and edit a conference record, one unit of work each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from ..actor import Actor
from ..agenda import load_agenda
from ..conference_lock import lock_conference, lock_conference_of
from ..conflicts import check_revision, saved_revisions
from ..errors import NotFoundError, ValidationError
from ..lifecycle import conference_of, refuse_if_signed_off
from ..model import Case, Child, Conference, ConferenceKind, HowHeld, Operation, Person
from ..model.base import Base
from ..model.registry import (
    ABOUT_CHILDREN_FIELDS,
    CONFERENCE_LISTS,
    about_children,
    coerce,
    editable_fields,
    entity_class,
)
from ..store import Store
from .change import Change
from .childrens_plan import NAME_IN_THE_PLAN, plan_follows_the_name
from .removal import WentWith, put_back_with, what_goes_with


def create_conference(
    store: Store,
    *,
    actor: Actor,
    kind: ConferenceKind,
    family_name: str,
    scheduled_at: dt.datetime,
    how_held: HowHeld = HowHeld.TEAMS,
    chair: str = "",
    minute_taker: str = "",
    authority: str = "",
    agenda_key: str = "signs-of-safety",
    children: list[str] | None = None,
    previous_conference_id: int | None = None,
    nation: str | None = None,
    case_reference: str = "",
) -> Change:
    """A new draft conference, in a new case of the family's; one that starts from a
    previous conference joins its case and carries its record forward."""
    if not family_name.strip():
        raise ValidationError("The family name is needed to start a conference.")
    load_agenda(agenda_key)
    with store.write(actor, Operation.CREATE) as session:
        conference = Conference(
            kind=kind,
            family_name=family_name.strip(),
            scheduled_at=scheduled_at,
            how_held=how_held,
            chair=chair,
            minute_taker=minute_taker,
            authority=authority,
            agenda_key=agenda_key,
        )
        if nation:
            from ..rules.nation import load_rules

            conference.nation = load_rules(nation).nation
        if previous_conference_id is not None:
            # Here, not at the top: the journey package brings in its rules and the exports,
            # which opening a record does not need.
            from ..journey.carry import carry_forward

            previous = session.get(Conference, previous_conference_id)
            if previous is None:
                raise NotFoundError(f"There is no conference {previous_conference_id}.")
            session.add(conference)
            with session.no_autoflush:
                conference.previous_conference = previous
                conference.case = previous.case
                carry_forward(previous, conference)
        else:
            conference.case = Case(family_name=family_name.strip(), reference=case_reference)
            session.info["made_in"] = conference  # the new case is audited in this meeting
        carried = {child.name for child in conference.children}
        for name in children or []:
            first, _, last = name.strip().partition(" ")
            child = Child(first_name=first, last_name=last)
            if child.name not in carried:
                conference.children.append(child)
        session.add(conference)
        session.flush()
        return Change(conference.id, Operation.CREATE, "conference", conference.id)


def get(session: Session, entity: str, entity_id: int) -> Base:
    cls = entity_class(entity)
    obj = session.get(cls, entity_id)
    if obj is None:
        raise NotFoundError.of_part(entity)
    conference = conference_of(obj)
    if conference is not None:
        refuse_if_signed_off(conference)
    return obj


def owning_conference_id(obj: Base) -> int:
    conference = conference_of(obj)
    if conference is None:
        raise NotFoundError("That item is not part of a conference.")
    return conference.id


def update(
    store: Store,
    *,
    actor: Actor,
    entity: str,
    entity_id: int,
    values: dict[str, Any],
    revision: int | None = None,
) -> Change:
    """Set fields of one part of the record; refused values name the field.

    ``revision`` is the row's revision the new values were based on: if someone has
    saved the row since, :class:`~cprecorder.conflicts.EditConflictError` says who and
    carries both versions. Without it the values are saved whatever the row holds.
    """
    checked = checked_values(entity, values)
    return save_checked(
        store,
        actor=actor,
        entity=entity,
        entity_id=entity_id,
        values=checked,
        revision=revision,
        path=save_path(entity, checked),
    )


#: The two ways a field's save is written, with one set of rules: the autosave's few
#: statements (:mod:`.fields`) and the ORM's unit of work (:func:`update_through_session`).
SavePath = Literal["autosave", "orm"]


def checked_values(entity: str, values: dict[str, Any]) -> dict[str, Any]:
    """The values as they are saved, each checked against its field; a field that cannot
    be changed, or a value it cannot take, is refused with the field named."""
    cls = entity_class(entity)
    allowed = set(editable_fields(cls))
    if about_children(cls):
        allowed |= ABOUT_CHILDREN_FIELDS
    checked: dict[str, Any] = {}
    for field, value in values.items():
        if field not in allowed:
            raise ValidationError(f"The {field.replace('_', ' ')} cannot be changed here.")
        if field in ABOUT_CHILDREN_FIELDS:
            checked[field] = _child_ids(field, value)
        else:
            checked[field] = coerce(cls, field, value)
    return checked


def save_path(entity: str, checked: dict[str, Any]) -> SavePath:
    """How :func:`update` writes these checked values: plain values of the row itself (the
    autosave's) need nothing checked against the rest of the record, so they are saved
    without building the ORM's objects; anything else goes through the ORM."""
    return "autosave" if _plain_values(entity_class(entity), entity, checked) else "orm"


def save_checked(
    store: Store,
    *,
    actor: Actor,
    entity: str,
    entity_id: int,
    values: dict[str, Any],
    revision: int | None,
    path: SavePath,
) -> Change:
    """Checked values (:func:`checked_values`) saved the way ``path`` names."""
    if path == "autosave":
        from .fields import save_fields

        return save_fields(
            store,
            actor=actor,
            entity=entity,
            cls=entity_class(entity),
            entity_id=entity_id,
            values=values,
            revision=revision,
        )
    return update_through_session(
        store, actor=actor, entity=entity, entity_id=entity_id, values=values, revision=revision
    )


def update_through_session(
    store: Store,
    *,
    actor: Actor,
    entity: str,
    entity_id: int,
    values: dict[str, Any],
    revision: int | None,
) -> Change:
    """:func:`update` of checked values with the ORM's objects: the path for values that
    are checked against the rest of the record (it takes any value the same way)."""
    cls = entity_class(entity)
    checked = values
    with store.write(actor, Operation.UPDATE) as session:
        lock_conference_of(session, cls, entity_id)
        obj = get(session, entity, entity_id)
        check_revision(session, obj, entity=entity, revision=revision, values=checked)
        if entity == "worry" and "heading" in checked:
            _check_heading(obj, checked["heading"])
        _check_references(session, obj, checked)
        if "child_ids" in checked:
            checked["child_ids"] = _every_child_is_all(obj, checked["child_ids"])
        if ABOUT_CHILDREN_FIELDS & set(checked):
            _delete_links_not_kept(session, obj, checked)
        for field, value in checked.items():
            setattr(obj, field, value)
        also = {}
        if isinstance(obj, Child) and NAME_IN_THE_PLAN & checked.keys():
            also = plan_follows_the_name(obj)
        return Change(
            owning_conference_id(obj),
            Operation.UPDATE,
            entity,
            entity_id,
            tuple(checked),
            values=checked,
            revisions=saved_revisions(session),
            also=also,
        )


def _plain_values(cls: type[Base], entity: str, values: dict[str, Any]) -> bool:
    """Whether every value stands on its own: no reference to check against the rest of
    the record, no agenda heading, no check the model makes itself (a score's 0 to 10),
    no list of the children an item is about (links of their own)."""
    if REFERENCES.keys() & values or ABOUT_CHILDREN_FIELDS & values.keys():
        return False
    if entity == "worry" and "heading" in values:
        return False
    if entity == "child" and NAME_IN_THE_PLAN & values.keys():
        return False  # a children's plan may follow the name (plan_follows_the_name)
    return not inspect(cls).validators.keys() & values


#: Fields that point at a child or a person: they must be of the same conference.
REFERENCES: dict[str, type[Child] | type[Person]] = {
    "child_id": Child,
    "person_id": Person,
    "owner_id": Person,
    "contributor_id": Person,
    "lead_social_worker_id": Person,
}


def _child_ids(field: str, value: Any) -> Any:
    """A child's id (or none, for all of them), or a list of children's ids."""

    def an_id(item: Any) -> bool:
        return isinstance(item, int) and not isinstance(item, bool)

    if field == "child_id" and (value is None or an_id(value)):
        return value
    if field == "child_ids" and isinstance(value, list | tuple) and all(map(an_id, value)):
        return list(dict.fromkeys(value))
    raise ValidationError(f"{field}: not a child of this conference: {value!r}")


def _delete_links_not_kept(session: Session, obj: Base, checked: dict[str, Any]) -> None:
    """Links to children no longer chosen are deleted as such, so the lock on a
    signed-off record sees them (a link dropped from the list would go unseen)."""
    if "child_ids" in checked:
        kept = set(checked["child_ids"])
    else:
        kept = set() if checked["child_id"] is None else {checked["child_id"]}
    for link in list(getattr(obj, "about", [])):
        if link.child_id not in kept:
            session.delete(link)
    session.flush()  # while each link still knows its conference


def _every_child_is_all(obj: Base, child_ids: list[int]) -> list[int]:
    """The children in the conference's order; every child is the same as none: all."""
    conference = conference_of(obj)
    every = [child.id for child in conference.children] if conference is not None else []
    if every and set(child_ids) == set(every):
        return []
    return sorted(child_ids, key=lambda i: every.index(i) if i in every else len(every))


def _check_references(session: Session, obj: Base, values: dict[str, Any]) -> None:
    for field, value in values.items():
        if field == "child_ids":
            for child_id in value:
                _check_references(session, obj, {"child_id": child_id})
            continue
        cls = REFERENCES.get(field)
        if cls is None or value is None:
            continue
        target = session.get(cls, value)
        if target is None or owning_conference_id(target) != owning_conference_id(obj):
            what = "child" if cls is Child else "person"
            raise ValidationError(f"That {what} is not part of this conference.")


def _check_heading(obj: Base, heading: str) -> None:
    conference = conference_of(obj)
    agenda = load_agenda(conference.agenda_key if conference else "signs-of-safety")
    if agenda.heading(heading) is None:
        titles = ", ".join(h.key for h in agenda.headings)
        raise ValidationError(f"{heading!r} is not a heading of this agenda ({titles}).")


def add_item(
    store: Store,
    *,
    actor: Actor,
    conference_id: int,
    entity: str,
    values: dict[str, Any] | None = None,
    at: int | None = None,
) -> Change:
    """Add an item to one of the conference's ordered lists, at a position or the end."""
    return _add(store, actor, conference_id, entity, values or {}, at, Operation.ADD)


def _add(
    store: Store,
    actor: Actor,
    conference_id: int,
    entity: str,
    values: dict[str, Any],
    at: int | None,
    operation: Operation,
    then: Callable[[Session, Base], None] | None = None,
) -> Change:
    if entity not in CONFERENCE_LISTS:
        raise ValidationError(f"A {entity.replace('_', ' ')} cannot be added to a list.")
    cls = entity_class(entity)
    checked = {k: coerce(cls, k, v) for k, v in values.items()}
    with store.write(actor, operation) as session:
        conference = lock_conference(session, conference_id)
        if conference is None:
            raise NotFoundError(f"There is no conference {conference_id}.")
        refuse_if_signed_off(conference)
        items: list[Any] = getattr(conference, CONFERENCE_LISTS[entity])
        check_can_add(conference, entity, checked, len(items))
        obj = cls(**checked)
        if at is None or at >= len(items):
            items.append(obj)
        else:
            items.insert(max(at, 0), obj)
        _reorder(items)
        session.flush()
        if then is not None:
            then(session, obj)
            session.flush()
        identity = inspect(obj).identity
        assert identity is not None  # flushed: the row has its id
        return Change(
            conference_id,
            operation,
            entity,
            int(identity[0]),
            tuple(checked),
            revisions=saved_revisions(session),
        )


def check_can_add(conference: Conference, entity: str, values: dict[str, Any], count: int) -> None:
    """The agenda's limits and vocabularies, enforced wherever items are added."""
    agenda = load_agenda(conference.agenda_key)
    if entity == "danger_statement" and count >= agenda.max_danger_statements:
        raise ValidationError(
            f"This agenda allows {agenda.max_danger_statements} danger statements; "
            "combine or change an existing one instead."
        )
    if entity == "worry":
        heading = values.get("heading")
        if heading is None or agenda.heading(heading) is None:
            raise ValidationError(f"{heading!r} is not a heading of the {agenda.title} agenda.")


def _reorder(items: list[Any]) -> None:
    for index, item in enumerate(items):
        item.position = index


def _owner_list(obj: Base) -> list[Any]:
    conference = conference_of(obj)
    if conference is None:
        raise NotFoundError("That item is not part of a conference.")
    for entity, attr in CONFERENCE_LISTS.items():
        if type(obj) is entity_class(entity):
            items: list[Any] = getattr(conference, attr)
            return items
    raise ValidationError("That item is not in a list.")


def move_item(store: Store, *, actor: Actor, entity: str, entity_id: int, offset: int) -> Change:
    """Move an item up (negative offset) or down its list; the ends stop it."""
    with store.write(actor, Operation.MOVE) as session:
        lock_conference_of(session, entity_class(entity), entity_id)
        obj = get(session, entity, entity_id)
        session.info["moved"] = obj  # its place is audited; the places of the others follow
        items = _owner_list(obj)
        index = items.index(obj)
        target = min(max(index + offset, 0), len(items) - 1)
        if target != index:
            items.pop(index)
            items.insert(target, obj)
            _reorder(items)
        return Change(owning_conference_id(obj), Operation.MOVE, entity, entity_id, ("position",))


def remove_item(store: Store, *, actor: Actor, entity: str, entity_id: int) -> Change:
    """Remove an item; the change carries its values and place so it can be put back."""
    cls = entity_class(entity)
    with store.write(actor, Operation.REMOVE) as session:
        lock_conference_of(session, cls, entity_id)
        obj = get(session, entity, entity_id)
        conference_id = owning_conference_id(obj)
        items = _owner_list(obj)
        index = items.index(obj)
        removed = {f: getattr(obj, f) for f in editable_fields(cls)}
        removed["__position__"] = index
        # The parts that go with it (a child's plan, a person's scores), to put back too.
        removed["__with__"] = what_goes_with(session, obj)
        items.remove(obj)  # delete-orphan removes the row
        _reorder(items)
        return Change(conference_id, Operation.REMOVE, entity, entity_id, removed=removed)


def restore_item(store: Store, *, actor: Actor, conference_id: int, change: Change) -> Change:
    """Undo a removal: the item comes back, with its words, where it was, and with the
    parts that went with it (a child's plan and decision, a person's scores and links)."""
    if change.removed is None:
        raise ValidationError("There is nothing to put back.")
    values = dict(change.removed)
    position = int(values.pop("__position__", 0))
    went = values.pop("__with__", None)
    old_id = change.entity_id
    if isinstance(went, WentWith):
        values.update(went.identity)  # the same child or person in the case's next meeting

    def with_its_parts(session: Session, obj: Base) -> None:
        if isinstance(went, WentWith) and isinstance(old_id, int):
            put_back_with(session, obj, old_id, went)

    return _add(
        store,
        actor,
        conference_id,
        change.entity,
        values,
        position,
        Operation.RESTORE,
        then=with_its_parts,
    )


def set_relationship(
    store: Store, *, actor: Actor, person_id: int, child_id: int, relationship: str
) -> Change:
    """How a person relates to one child; an empty relationship removes the link."""
    from ..model import ChildRelationship

    with store.write(actor, Operation.RELATIONSHIP) as session:
        lock_conference_of(session, Person, person_id)
        person = session.get(Person, person_id)
        child = session.get(Child, child_id)
        if person is None or child is None:
            raise NotFoundError("That person or child no longer exists.")
        refuse_if_signed_off(person.conference)
        if person.conference_id != child.conference_id:
            raise ValidationError(f"{child.name} is not a child of this conference.")
        link = next((r for r in person.relationships if r.child_id == child_id), None)
        if not relationship.strip():
            if link is not None:
                person.relationships.remove(link)
        elif link is None:
            person.relationships.append(
                ChildRelationship(child=child, relationship_to_child=relationship.strip())
            )
        else:
            link.relationship_to_child = relationship.strip()
        return Change(
            person.conference_id,
            Operation.RELATIONSHIP,
            "person",
            person_id,
            revisions=saved_revisions(session),
        )
