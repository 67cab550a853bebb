"""The typed change report: one Operation for the Change, the audit trail and its words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.audit import verify_chain
from cprecorder.changes import changes_since_hand_over, readable_trail
from cprecorder.demo import demo_conference
from cprecorder.interchange import import_conference
from cprecorder.model import (
    ActionProgress,
    AuditEntry,
    Conference,
    ConferenceKind,
    Operation,
    PlanType,
    Scope,
)
from cprecorder.operations import Change
from cprecorder.operations.export import deliver, protected_for
from cprecorder.queries import load_conference
from cprecorder.store import Store


def test_every_operation_has_its_own_stored_name_and_words() -> None:
    stored = [member.stored for member in Operation]
    assert len(set(stored)) == len(stored)
    for member in Operation:
        assert member.words.strip(), member
        assert Operation.read(member.stored) is member
        assert str(member) == member.stored


@pytest.mark.parametrize(
    ("stored", "operation"),
    [
        ("update_worry", Operation.UPDATE),
        ("add_action", Operation.ADD),
        ("remove_plan_network_member", Operation.REMOVE),
        ("move_plan_item", Operation.MOVE),
        ("add_addendum", Operation.ADDENDUM),
        ("create_childrens_plan", Operation.CHILDRENS_PLAN),
        ("probe", None),
        ("", None),
    ],
)
def test_entries_written_before_the_enum_are_read_as_what_they_were(
    stored: str, operation: Operation | None
) -> None:
    assert Operation.read(stored) is operation


def entries_since(store: Store, after: int) -> list[AuditEntry]:
    with store.read() as session:
        return list(
            session.scalars(select(AuditEntry).where(AuditEntry.id > after).order_by(AuditEntry.id))
        )


def last_entry_id(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.coalesce(func.max(AuditEntry.id), 0))) or 0)


def test_every_operation_writes_its_enum_value_into_the_trail(
    store: Store, demo_id: int, actor: Actor, chair: Actor, tmp_path: Path
) -> None:
    """Each operation, run once: at least one entry, every entry naming that operation."""
    with store.read() as session:
        conference = load_conference(session, demo_id)
    child = conference.children[0]
    person = conference.people[0]
    statement = conference.danger_statements[0]
    second_action = conference.actions[1]
    removed: list[Change] = []
    # Scores the demo does not hold already, so each is a change.
    safety = next((s.score for s in conference.safety_scores if s.person_id == person.id), None)
    danger = next((s.score for s in statement.scores if s.person_id == person.id), None)

    def remove() -> Change:
        removed.append(
            op.remove_item(store, actor=actor, entity="action", entity_id=second_action.id)
        )
        return removed[0]

    started: list[Change] = []

    def start_core_group() -> Change:
        started.append(op.start_core_group(store, actor=actor, meeting_id=demo_id))
        return started[0]

    runs: list[tuple[Operation, Callable[[], object]]] = [
        (
            Operation.UPDATE,
            lambda: op.update(
                store,
                actor=actor,
                entity="conference",
                entity_id=demo_id,
                values={"observers": "A student social worker."},
            ),
        ),
        (
            Operation.ACTION_OWNER,
            lambda: op.set_action_owner(
                store, actor=actor, action_id=second_action.id, name="Paul Whitmore"
            ),
        ),
        (
            Operation.ADD,
            lambda: op.add_item(
                store,
                actor=actor,
                conference_id=demo_id,
                entity="action",
                values={"what": "Ring the school."},
            ),
        ),
        (
            Operation.MOVE,
            lambda: op.move_item(
                store, actor=actor, entity="action", entity_id=second_action.id, offset=-1
            ),
        ),
        (Operation.REMOVE, remove),
        (
            Operation.RESTORE,
            lambda: op.restore_item(store, actor=actor, conference_id=demo_id, change=removed[0]),
        ),
        (
            Operation.RELATIONSHIP,
            lambda: op.set_relationship(
                store, actor=actor, person_id=person.id, child_id=child.id, relationship="Aunt"
            ),
        ),
        (
            Operation.DECISION,
            lambda: op.set_decision(
                store,
                actor=actor,
                conference_id=demo_id,
                child_id=child.id,
                plan_type=PlanType.CHILD_IN_NEED,
            ),
        ),
        (
            Operation.DANGER_SCORE,
            lambda: op.set_danger_score(
                store,
                actor=actor,
                statement_id=statement.id,
                person_id=person.id,
                score=1 if danger == 0 else 0,
            ),
        ),
        (
            Operation.SAFETY_SCORE,
            lambda: op.set_safety_score(
                store,
                actor=actor,
                conference_id=demo_id,
                person_id=person.id,
                score=1 if safety == 0 else 0,
            ),
        ),
        (
            Operation.CHILDRENS_PLAN,
            lambda: op.create_childrens_plan(
                store, actor=actor, child_id=_child_without_plan(store, demo_id)
            ),
        ),
        (Operation.HAND_OVER, lambda: op.hand_over(store, actor=actor, conference_id=demo_id)),
        (Operation.TAKE_BACK, lambda: op.take_back(store, actor=actor, conference_id=demo_id)),
        (
            Operation.SIGN_OFF,
            lambda: op.sign_off(
                store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway"
            ),
        ),
        (
            Operation.ADDENDUM,
            lambda: op.add_addendum(
                store,
                actor=chair,
                conference_id=demo_id,
                author="Ruth Calloway",
                reason="A date was wrong.",
                text="The review is on 3 March.",
            ),
        ),
        (
            Operation.EXPORT,
            lambda: deliver(
                store,
                actor=chair,
                conference_id=demo_id,
                document="record",
                data=b"the record",
                path=tmp_path / "record.docx",
                protected=protected_for(store, tmp_path / "data"),
            ),
        ),
        (Operation.START_CORE_GROUP, start_core_group),
        (
            Operation.ACTION_PROGRESS,
            lambda: op.set_action_progress(
                store,
                actor=actor,
                action_id=_first_action(store, started[0].conference_id),
                progress=ActionProgress.DONE,
            ),
        ),
        (
            Operation.CASE_DETAILS,
            lambda: op.set_case_details(
                store, actor=actor, meeting_id=started[0].conference_id, reference="CP/0042"
            ),
        ),
        (
            Operation.START_REVIEW,
            lambda: op.start_review(store, actor=actor, conference_id=demo_id),
        ),
        (
            Operation.CREATE,
            lambda: op.create_conference(
                store,
                actor=actor,
                kind=ConferenceKind.INITIAL,
                family_name="Fenwick",
                scheduled_at=dt.datetime(2026, 12, 1, 10, 0),
            ),
        ),
        (
            Operation.IMPORT,
            lambda: import_conference(store, actor=actor, data=demo_conference(), as_copy=True),
        ),
        (
            Operation.WITHDRAW,
            lambda: op.withdraw(
                store, actor=actor, conference_id=_newest(store), reason="Created twice"
            ),
        ),
    ]
    # A new member of Operation needs a run here (the crashed hold is tested with the hold).
    assert {o for o, _ in runs} | {Operation.RELEASE_CRASHED_HOLD} == set(Operation)
    for operation, run in runs:
        before = last_entry_id(store)
        result = run()
        written = entries_since(store, before)
        assert written, operation
        assert {e.operation for e in written} == {operation.stored}, operation
        if isinstance(result, Change):
            assert result.operation is operation
        # The trail in words says what was done in the operation's own words (a part added
        # or removed along the way, such as a category, reads as added or removed).
        # Each operation's entries are in one meeting's trail (the case's details: the
        # meeting they were changed from).
        [meeting_id] = {e.conference_id for e in written if e.conference_id is not None}
        with store.read() as session:
            trail = readable_trail(session, load_conference(session, meeting_id))
            shown = {line.action for line in trail if line.entry_id in {e.id for e in written}}
        assert operation.words in shown, (operation, shown)
        assert shown <= {member.words for member in Operation}, shown
        if operation is Operation.MOVE:
            [moved] = written  # one entry: the moved item's new place
            assert (moved.target, moved.field) == (f"Action#{second_action.id}", "position")
            assert (moved.old_value, moved.new_value) == ("1", "0")


def _child_without_plan(store: Store, conference_id: int) -> int:
    with store.read() as session:
        conference = load_conference(session, conference_id)
    return next(c.id for c in conference.children if c.childrens_plan is None)


def _first_action(store: Store, conference_id: int) -> int:
    with store.read() as session:
        return load_conference(session, conference_id).actions[0].id


def _newest(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.max(Conference.id))) or 0)


def test_a_move_and_a_put_back_read_as_such_after_the_hand_over(
    store: Store, demo_id: int, actor: Actor, chair: Actor
) -> None:
    with store.read() as session:
        conference = load_conference(session, demo_id)
    first, second = conference.actions[0], conference.actions[1]
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.move_item(store, actor=chair, entity="action", entity_id=second.id, offset=-1)
    removed = op.remove_item(store, actor=chair, entity="action", entity_id=first.id)
    op.restore_item(store, actor=chair, conference_id=demo_id, change=removed)
    with store.read() as session:
        conference = load_conference(session, demo_id)
        lines = changes_since_hand_over(session, conference)
        trail = readable_trail(session, conference)
    moved, gone, back = lines
    assert (moved.action, moved.field, moved.old, moved.new) == (
        "Moved",
        "Place in the list",
        "2nd",
        "1st",
    )
    assert moved.what.startswith("Action “")
    assert (gone.action, back.action) == ("Removed", "Put back")
    assert back.new == first.what
    assert trail[-1].action == "Put back"


def test_the_case_details_changed_from_a_meeting_are_among_its_changes(
    store: Store, demo_id: int, actor: Actor, chair: Actor
) -> None:
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.set_case_details(store, actor=chair, meeting_id=demo_id, reference="CP/0042")
    op.set_case_details(store, actor=chair, meeting_id=demo_id, family_name="Ashdown-Reyes")
    with store.read() as session:
        conference = load_conference(session, demo_id)
        lines = changes_since_hand_over(session, conference)
        assert verify_chain(session, demo_id).intact
    assert [(line.action, line.what, line.field, line.old, line.new) for line in lines] == [
        ("Case details", "The family's case", "Case reference", "—", "CP/0042"),
        ("Case details", "The family's case", "Family name", "Ashdown", "Ashdown-Reyes"),
    ]
    assert all(line.who == "Ruth Calloway" for line in lines)


@pytest.mark.parametrize(
    ("change", "structure", "people", "lifecycle"),
    [
        (Change(1, Operation.UPDATE, "worry", 3, ("text",)), False, False, False),
        (Change(1, Operation.UPDATE, "person", 3, ("name",)), False, True, False),
        (Change(1, Operation.UPDATE, "conference", 1, ("chair",)), False, True, False),
        (Change(1, Operation.ADD, "action", 3), True, False, False),
        (Change(1, Operation.REMOVE, "child", 3), True, True, False),
        (Change(1, Operation.RELATIONSHIP, "person", 3), False, True, False),
        (Change(1, Operation.SIGN_OFF, "conference", 1, ("status",)), False, False, True),
    ],
)
def test_a_change_says_cheaply_what_it_touches(
    change: Change, structure: bool, people: bool, lifecycle: bool
) -> None:
    assert (change.structure, change.people, change.lifecycle) == (structure, people, lifecycle)
    assert change.scope & Scope.STRUCTURE or not structure


def test_who_initiated_a_change_is_not_part_of_what_changed() -> None:
    pane = object()
    mine = Change(1, Operation.UPDATE, "worry", 3, ("text",), initiator=pane)
    assert mine.initiator is pane
    assert mine == Change(1, Operation.UPDATE, "worry", 3, ("text",), saved_at=mine.saved_at)
