"""An agency's view or a dissent about some of the children: the record, the JSON form,
the operation and the migration that moved the single child to a list."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.audit import verify_chain
from cprecorder.demo import demo_conference
from cprecorder.demo_marlowe import marlowe_conference
from cprecorder.errors import RecordLockedError, ValidationError
from cprecorder.interchange import conference_to_dict, import_conference
from cprecorder.migrations import alembic_config
from cprecorder.model import AgencyView, AuditEntry, Dissent, Operation
from cprecorder.queries import load_conference
from cprecorder.store import Store


def test_the_json_form_lists_the_children_and_reads_the_old_single_child(
    store: Store, actor: Actor
) -> None:
    conference_id = import_conference(store, actor=actor, data=marlowe_conference())
    with store.read() as session:
        data = conference_to_dict(load_conference(session, conference_id))
    assert data["conference"]["dissents"][0]["children"] == ["child:1", "child:2"]
    assert data["conference"]["agency_views"][0]["children"] == []

    old = copy.deepcopy(demo_conference())
    for item in old["conference"]["dissents"] + old["conference"]["agency_views"]:
        del item["children"]
        item["child"] = None
    old["conference"]["dissents"][0]["child"] = "child:2"
    old_id = import_conference(store, actor=actor, data=old)
    with store.read() as session:
        conference = load_conference(session, old_id)
        assert conference.dissents[0].child_ids == [conference.children[1].id]
        assert conference.agency_views[0].child_ids == []


def test_a_child_not_in_the_file_is_a_problem_with_its_path(store: Store, actor: Actor) -> None:
    data = marlowe_conference()
    data["conference"]["dissents"][0]["children"] = ["child:1", "child:9", "child:1"]
    with pytest.raises(Exception) as caught:
        import_conference(store, actor=actor, data=data)
    problems = getattr(caught.value, "problems", [])
    assert "dissents[0].children[1]: no such child in this file: 'child:9'" in problems
    assert "dissents[0].children[2]: 'child:1' is listed twice" in problems


def test_choosing_the_children_of_a_dissent(store: Store, actor: Actor, chair: Actor) -> None:
    conference_id = import_conference(store, actor=actor, data=marlowe_conference())
    with store.read() as session:
        conference = load_conference(session, conference_id)
        dissent_id = conference.dissents[0].id
        view_id = conference.agency_views[0].id
        isla, rory, baby = (child.id for child in conference.children)
    change = op.update(
        store,
        actor=actor,
        entity="dissent",
        entity_id=dissent_id,
        values={"child_ids": [baby, isla]},
    )
    assert change.values == {"child_ids": [isla, baby]}  # in the conference's order
    assert change.operation is Operation.UPDATE
    op.update(
        store, actor=actor, entity="agency_view", entity_id=view_id, values={"child_ids": [rory]}
    )
    with store.read() as session:
        assert session.get(AgencyView, view_id).child_ids == [rory]  # type: ignore[union-attr]
    op.update(
        store,
        actor=actor,
        entity="agency_view",
        entity_id=view_id,
        values={"child_ids": [isla, rory, baby]},
    )
    with store.read() as session:
        conference = load_conference(session, conference_id)
        dissent = session.get(Dissent, dissent_id)
        assert dissent is not None and set(dissent.child_ids) == {baby, isla}
        # Every child is "all the children".
        assert session.get(AgencyView, view_id).child_ids == []  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="not part of this conference"):
        op.update(
            store,
            actor=actor,
            entity="dissent",
            entity_id=dissent_id,
            values={"child_ids": [99999]},
        )
    with pytest.raises(ValidationError):
        op.update(
            store, actor=actor, entity="action", entity_id=dissent_id, values={"child_ids": [isla]}
        )
    with store.read() as session:
        assert verify_chain(session, conference_id).intact
        operations = {
            row.operation
            for row in session.scalars(
                select(AuditEntry).where(AuditEntry.conference_id == conference_id)
            )
        }
    assert "update" in operations  # the children chosen, audited as any edit


def test_signed_off_children_of_a_dissent_cannot_change(
    store: Store, actor: Actor, chair: Actor
) -> None:
    data = marlowe_conference()
    conference_id = import_conference(store, actor=actor, data=data)
    with store.read() as session:
        conference = load_conference(session, conference_id)
        dissent_id = conference.dissents[0].id
        isla = conference.children[0].id
        for child in conference.children:
            assert child.decision is not None
    op.hand_over(store, actor=actor, conference_id=conference_id)
    op.sign_off(store, actor=chair, conference_id=conference_id, chair_name="Anita Kowalczyk")
    with pytest.raises(RecordLockedError):
        op.update(
            store, actor=chair, entity="dissent", entity_id=dissent_id, values={"child_ids": [isla]}
        )


def test_the_migration_moves_the_single_child_into_the_list(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        conn.execute(
            text(
                "INSERT INTO conferences (id, kind, family_name, scheduled_at, how_held, chair, "
                "minute_taker, authority, nation, agenda_key, status, pre_meeting_notes, "
                "interpreter_language, equality_notes, observers, inquorate_reason, "
                "reason_for_conference, parents_views, parents_disagreement, "
                "childrens_version_made, childrens_version_shared, chair_summary, "
                "decision_statement, handed_over_by, signed_off_by, created_at, updated_at, "
                "revision) VALUES (1, 'initial', 'Fenn', '2026-11-24 10:00:00', 'teams', '', "
                "'', '', 'england', 'signs-of-safety', 'draft', '', '', '', '', '', '', '', '', "
                "0, 0, '', '', '', '', '2026-11-24 10:00:00', '2026-11-24 10:00:00', 0)"
            )
        )
        for child_id, name in ((1, "Ada"), (2, "Ben")):
            conn.execute(
                text(
                    "INSERT INTO children (id, conference_id, position, first_name, last_name, "
                    "unborn, gender, ethnicity, language, needs, views, participation_notes) "
                    f"VALUES ({child_id}, 1, {child_id - 1}, '{name}', 'Fenn', 0, '', '', '', "
                    "'', '', '')"
                )
            )
        conn.execute(
            text(
                "INSERT INTO dissents (id, conference_id, position, child_id, reasons) "
                "VALUES (1, 1, 0, 2, 'Not for Ben'), (2, 1, 1, NULL, 'Not for anyone')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO agency_views (id, conference_id, position, child_id, view) "
                "VALUES (1, 1, 0, 1, 'Ada only')"
            )
        )
    engine.dispose()
    store = Store.open_sqlite(path)
    with store.read() as session:
        conference = load_conference(session, 1)
        assert [d.child_ids for d in conference.dissents] == [[2], []]
        assert [v.child_ids for v in conference.agency_views] == [[1]]
        assert conference.children[0].not_yet_named is False
        assert conference.people == []
    store.close()
