"""The autosave of a field takes a short path to the database (no ORM objects); it must
keep every rule the ORM path keeps: the same row, revision and audit entries, the stale
save refused with both versions, nothing changed after sign-off, the chain intact."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.audit import verify_chain
from cprecorder.conflicts import EditConflictError
from cprecorder.errors import NotFoundError, RecordLockedError, ValidationError
from cprecorder.model import AuditEntry, Child, DangerScore, RecordStatus, SafetyScore
from cprecorder.model.registry import coerce, entity_class
from cprecorder.operations.record import update_through_session
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends


def first_id(store: Store, cls: Any, conference_id: int) -> int:
    with store.read() as session:
        if cls is DangerScore:
            rows = session.scalars(select(DangerScore.id).order_by(DangerScore.id)).all()
        else:
            rows = session.scalars(
                select(cls.id).where(cls.conference_id == conference_id).order_by(cls.id)
            ).all()
        return int(rows[0])


def trail_since(store: Store, after: int) -> list[tuple[Any, ...]]:
    with store.read() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(
                    AuditEntry.conference_id,
                    AuditEntry.target,
                    AuditEntry.field,
                    AuditEntry.old_value,
                    AuditEntry.new_value,
                    AuditEntry.operation,
                    AuditEntry.actor,
                    AuditEntry.role,
                    AuditEntry.os_user,
                )
                .where(AuditEntry.id > after)
                .order_by(AuditEntry.id)
            )
        ]


def newest_entry(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc())) or 0)


def read_row(store: Store, entity: str, entity_id: int, fields: list[str]) -> dict[str, Any]:
    with store.read() as session:
        obj = session.get(entity_class(entity), entity_id)
        assert obj is not None
        return {"revision": obj.revision, **{f: getattr(obj, f) for f in fields}}  # type: ignore[attr-defined]


CASES = {
    "words and a date of the conference": (
        "conference",
        None,
        {
            "chair_summary": "Words typed live, line one.\nLine two.",
            "review_conference_on": "2027-03-01",
        },
    ),
    "a choice, yes or no, a time": (
        "conference",
        None,
        {
            "how_held": "phone",
            "parents_agree_reports": False,
            "pre_meeting_at": "2026-11-30T09:30:00",
        },
    ),
    "a child's name and date of birth": (
        "child",
        Child,
        {"first_name": "Robyn", "date_of_birth": "2019-05-04", "participation": "PN2"},
    ),
    "a score's reason, two parents up": ("danger_score", DangerScore, {"reason": "Because 🙂"}),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_field_saves_as_through_the_orm(
    store: Store, actor: Actor, demo_id: int, case: tuple[str, Any, dict[str, Any]]
) -> None:
    entity, cls, typed = case
    entity_id = demo_id if cls is None else first_id(store, cls, demo_id)
    fields = list(typed)
    before = read_row(store, entity, entity_id, fields)
    start = newest_entry(store)

    change = op.update(store, actor=actor, entity=entity, entity_id=entity_id, values=typed)
    after = read_row(store, entity, entity_id, fields)
    wanted = {f: coerce(entity_class(entity), f, v) for f, v in typed.items()}
    assert after == {"revision": before["revision"] + 1, **wanted}
    assert change.revisions == {(entity, entity_id): after["revision"]}
    short = trail_since(store, start)
    middle = newest_entry(store)

    # The way back through the ORM: the same entries with old and new swapped.
    back = {f: before[f] for f in fields}
    update_through_session(
        store, actor=actor, entity=entity, entity_id=entity_id, values=back, revision=None
    )
    assert read_row(store, entity, entity_id, fields) == {
        "revision": before["revision"] + 2,
        **back,
    }
    through_orm = trail_since(store, middle)
    swapped = [(*row[:3], row[4], row[3], *row[5:]) for row in through_orm]
    assert short == swapped
    assert len(short) == len(fields)
    with store.read() as session:
        assert verify_chain(session, demo_id).intact


def test_the_same_words_again_change_nothing(store: Store, actor: Actor, demo_id: int) -> None:
    values = {"chair_summary": "Once."}
    first = op.update(store, actor=actor, entity="conference", entity_id=demo_id, values=values)
    start = newest_entry(store)
    again = op.update(store, actor=actor, entity="conference", entity_id=demo_id, values=values)
    assert again.revisions == first.revisions
    assert trail_since(store, start) == []


def test_a_stale_save_is_refused_with_both_versions(
    store: Store, actor: Actor, chair: Actor, demo_id: int
) -> None:
    child = first_id(store, Child, demo_id)
    read_at = read_row(store, "child", child, [])["revision"]

    def save(who: Actor, words: str, revision: int) -> None:
        op.update(
            store,
            actor=who,
            entity="child",
            entity_id=child,
            values={"views": words},
            revision=revision,
        )

    save(chair, "Theirs.", read_at)
    start = newest_entry(store)
    with pytest.raises(EditConflictError) as refused:
        save(actor, "Mine.", read_at)
    assert (refused.value.theirs, refused.value.yours) == ({"views": "Theirs."}, {"views": "Mine."})
    assert refused.value.by == chair.name
    assert refused.value.revision == read_at + 1
    assert trail_since(store, start) == []
    assert read_row(store, "child", child, ["views"])["views"] == "Theirs."
    save(actor, "Mine.", refused.value.revision)  # keep mine, based on what I was shown
    assert read_row(store, "child", child, ["views"])["views"] == "Mine."
    # A stale save of exactly the words the row holds: nothing to choose between.
    save(actor, "Mine.", read_at)
    assert read_row(store, "child", child, [])["revision"] == read_at + 2


def test_nothing_is_saved_after_the_sign_off(
    store: Store, actor: Actor, chair: Actor, demo_id: int
) -> None:
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name=chair.name)
    start = newest_entry(store)
    score = first_id(store, DangerScore, demo_id)
    for entity, entity_id in (("conference", demo_id), ("danger_score", score)):
        field = "chair_summary" if entity == "conference" else "reason"
        with pytest.raises(RecordLockedError, match="signed off by Ruth Calloway"):
            op.update(
                store, actor=actor, entity=entity, entity_id=entity_id, values={field: "Late."}
            )
    assert trail_since(store, start) == []
    with store.read() as session:
        assert verify_chain(session, demo_id).intact


def test_a_withdrawn_conference_takes_no_save(store: Store, actor: Actor, demo_id: int) -> None:
    op.withdraw(store, actor=actor, conference_id=demo_id, reason="Created twice by mistake")
    with pytest.raises(RecordLockedError, match="withdrawn"):
        op.update(
            store, actor=actor, entity="conference", entity_id=demo_id, values={"observers": "x"}
        )
    with store.read() as session:
        assert session.get(entity_class("conference"), demo_id).status is RecordStatus.WITHDRAWN  # type: ignore[union-attr]


def test_a_removed_part_is_named(store: Store, actor: Actor, demo_id: int) -> None:
    with pytest.raises(NotFoundError, match="That action no longer exists"):
        op.update(store, actor=actor, entity="action", entity_id=999_999, values={"what": "x"})


def test_a_score_out_of_the_scale_is_refused_in_words(
    store: Store, actor: Actor, demo_id: int
) -> None:
    score = first_id(store, SafetyScore, demo_id)
    with pytest.raises(ValidationError, match="from 0 to 10"):
        op.update(store, actor=actor, entity="safety_score", entity_id=score, values={"score": 11})


def test_many_saves_keep_the_chain_and_count_revisions(
    store: Store, actor: Actor, demo_id: int
) -> None:
    child = first_id(store, Child, demo_id)
    start = read_row(store, "child", child, [])["revision"]
    for n in range(6):
        op.update(store, actor=actor, entity="child", entity_id=child, values={"needs": f"v{n}"})
        op.update(
            store,
            actor=actor,
            entity="conference",
            entity_id=demo_id,
            values={"chair_summary": f"s{n}", "observers": f"o{n}"},
        )
    assert read_row(store, "child", child, [])["revision"] == start + 6
    with store.read() as session:
        assert verify_chain(session, demo_id).intact
