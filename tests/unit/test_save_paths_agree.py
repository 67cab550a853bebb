"""A field's save has two paths, one set of rules: the autosave's few statements
(:mod:`cprecorder.operations.fields`) and the ORM's unit of work
(:func:`cprecorder.operations.record.update_through_session`). Each refusal a person can
meet is tried on both, on the same record, and must come back as the same sentence of the
same kind, with nothing written; an allowed save must write the same audit entries and
count the same revision.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.audit import verify_chain
from cprecorder.errors import KnownError
from cprecorder.model import AuditEntry, Conference, DangerScore
from cprecorder.model.registry import entity_class
from cprecorder.operations.change import Change
from cprecorder.operations.record import SavePath, checked_values, save_checked, save_path
from cprecorder.store import READ_ONLY_DISK, Store

pytestmark = pytest.mark.both_backends

PATHS: tuple[SavePath, ...] = ("autosave", "orm")

#: A part of the record at each depth below its conference, and a field of its words.
TARGETS = {
    "the conference's own": ("conference", "chair_summary"),
    "a child's": ("child", "views"),
    "a danger statement's score, two rows up": ("danger_score", "reason"),
}


def save(
    path: SavePath,
    store: Store,
    actor: Actor,
    entity: str,
    entity_id: int,
    values: dict[str, Any],
    revision: int | None = None,
) -> Change:
    checked = checked_values(entity, values)
    if path == "autosave":
        assert save_path(entity, checked) == "autosave"  # how operations.update saves them
    return save_checked(
        store,
        actor=actor,
        entity=entity,
        entity_id=entity_id,
        values=checked,
        revision=revision,
        path=path,
    )


def part_of(store: Store, entity: str, conference_id: int) -> int:
    cls: Any = entity_class(entity)
    with store.read() as session:
        if cls is Conference:
            return conference_id
        if cls is DangerScore:
            query = select(DangerScore.id).order_by(DangerScore.id).limit(1)
        else:
            query = select(cls.id).where(cls.conference_id == conference_id).order_by(cls.id)
        return int(session.scalars(query.limit(1)).one())


def revision_of(store: Store, entity: str, entity_id: int) -> int:
    with store.read() as session:
        row: Any = session.get(entity_class(entity), entity_id)
        return int(row.revision)


def trail(store: Store) -> list[tuple[Any, ...]]:
    """Every entry as a person reads it (not its id, moment or hash, which differ)."""
    with store.read() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(
                    AuditEntry.conference_id,
                    AuditEntry.os_user,
                    AuditEntry.actor,
                    AuditEntry.role,
                    AuditEntry.operation,
                    AuditEntry.target,
                    AuditEntry.field,
                    AuditEntry.old_value,
                    AuditEntry.new_value,
                ).order_by(AuditEntry.id)
            )
        ]


def refusals(
    store: Store, attempt: Callable[[SavePath], object]
) -> dict[str, tuple[type[KnownError], str]]:
    """What each path says to the same attempt; nothing may be written by either."""
    before = trail(store)
    said: dict[str, tuple[type[KnownError], str]] = {}
    for path in PATHS:
        with pytest.raises(KnownError) as refused:
            attempt(path)
        said[path] = (type(refused.value), str(refused.value))
    assert trail(store) == before
    return said


def agree(said: dict[str, tuple[type[KnownError], str]], kind: str, words: str) -> None:
    assert said["autosave"] == said["orm"]
    assert said["orm"][0].__name__ == kind
    assert words in said["orm"][1]


@pytest.mark.parametrize("target", TARGETS.values(), ids=TARGETS.keys())
def test_a_signed_off_record_refuses_both_alike(
    store: Store, actor: Actor, chair: Actor, demo_id: int, target: tuple[str, str]
) -> None:
    entity, field = target
    entity_id = part_of(store, entity, demo_id)
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name=chair.name)
    said = refusals(
        store,
        lambda path: save(path, store, actor, entity, entity_id, {field: "Written late."}),
    )
    agree(said, "RecordLockedError", "signed off by Ruth Calloway")


@pytest.mark.parametrize("target", TARGETS.values(), ids=TARGETS.keys())
def test_a_withdrawn_conference_refuses_both_alike(
    store: Store, actor: Actor, demo_id: int, target: tuple[str, str]
) -> None:
    entity, field = target
    entity_id = part_of(store, entity, demo_id)
    op.withdraw(store, actor=actor, conference_id=demo_id, reason="Created twice by mistake")
    said = refusals(
        store, lambda path: save(path, store, actor, entity, entity_id, {field: "After."})
    )
    agree(said, "RecordLockedError", "was withdrawn")


@pytest.mark.parametrize("target", TARGETS.values(), ids=TARGETS.keys())
def test_a_stale_save_is_refused_by_both_alike(
    store: Store, actor: Actor, chair: Actor, demo_id: int, target: tuple[str, str]
) -> None:
    entity, field = target
    entity_id = part_of(store, entity, demo_id)
    read_at = revision_of(store, entity, entity_id)
    save("autosave", store, chair, entity, entity_id, {field: "Theirs."}, read_at)

    def mine(path: SavePath) -> object:
        return save(path, store, actor, entity, entity_id, {field: "Mine."}, read_at)

    said = refusals(store, mine)
    agree(said, "EditConflictError", "Ruth Calloway changed this")
    conflicts: dict[str, Any] = {}
    for path in PATHS:
        try:
            mine(path)
        except KnownError as refused:
            conflicts[path] = vars(refused)
    assert conflicts["autosave"] == conflicts["orm"]


@pytest.mark.parametrize("target", TARGETS.values(), ids=TARGETS.keys())
def test_a_stale_save_into_a_signed_off_record_is_told_it_is_signed_off_by_both(
    store: Store, actor: Actor, chair: Actor, demo_id: int, target: tuple[str, str]
) -> None:
    """The lock is said first: there is nothing to choose between once it is signed."""
    entity, field = target
    entity_id = part_of(store, entity, demo_id)
    read_at = revision_of(store, entity, entity_id)
    save("orm", store, chair, entity, entity_id, {field: "Theirs."}, read_at)
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name=chair.name)
    said = refusals(
        store,
        lambda path: save(path, store, actor, entity, entity_id, {field: "Mine."}, read_at),
    )
    agree(said, "RecordLockedError", "signed off by Ruth Calloway")


def test_a_store_opened_for_reading_only_refuses_both_alike(
    store: Store, actor: Actor, demo_id: int
) -> None:
    store.read_only = READ_ONLY_DISK  # as a store opened on a read-only disk says
    store.check_integrity()  # already checked: it keeps the reason
    said = refusals(
        store,
        lambda path: save(path, store, actor, "conference", demo_id, {"observers": "None."}),
    )
    agree(said, "StoreUnavailableError", "opened them for reading only")


def test_a_removed_part_is_named_by_both_alike(store: Store, actor: Actor, demo_id: int) -> None:
    said = refusals(
        store, lambda path: save(path, store, actor, "child", 999_999, {"views": "Anyone?"})
    )
    agree(said, "NotFoundError", "That child no longer exists.")


@pytest.mark.parametrize("target", TARGETS.values(), ids=TARGETS.keys())
def test_an_allowed_save_writes_the_same_entries_by_both(
    store: Store, actor: Actor, demo_id: int, target: tuple[str, str]
) -> None:
    entity, field = target
    entity_id = part_of(store, entity, demo_id)
    # NUL is removed on the way in by both; the second field is one of another kind.
    other = {"conference": "review_conference_on", "child": "date_of_birth"}.get(entity)
    typed: dict[str, Any] = {field: "Saved\x00 live, 🙂\nsecond line."}
    if other is not None:
        typed[other] = "2027-03-01"
    with store.read() as session:
        row: Any = session.get(entity_class(entity), entity_id)
        was = {name: getattr(row, name) for name in typed}
    written: dict[str, list[tuple[Any, ...]]] = {}
    reported: dict[str, Change] = {}
    for path in PATHS:
        start = len(trail(store))
        revision = revision_of(store, entity, entity_id)
        reported[path] = save(path, store, actor, entity, entity_id, typed, revision)
        written[path] = trail(store)[start:]
        assert reported[path].revisions == {(entity, entity_id): revision + 1}
        again = save(path, store, actor, entity, entity_id, typed, revision + 1)
        assert again.revisions == {(entity, entity_id): revision + 1}  # nothing new: no count
        assert len(trail(store)) == start + len(typed)  # and no entry
        save("autosave", store, actor, entity, entity_id, was, revision + 1)  # back again
    assert written["autosave"] == written["orm"]
    assert reported["autosave"].values == reported["orm"].values
    with store.read() as session:
        assert verify_chain(session, demo_id).intact
        conference = session.get(Conference, demo_id)
        assert conference is not None
        assert conference.audit_head_count == len(
            [row for row in trail(store) if row[0] == demo_id]
        )
