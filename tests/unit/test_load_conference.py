"""Loading a whole record reads each table once; items point at the people read with it."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import event

from cprecorder.queries import load_conference
from cprecorder.store import Store


def test_a_record_reads_its_people_and_children_once(store: Store, demo_id: int) -> None:
    statements: list[str] = []

    def seen(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        with store.read() as session:
            conference = load_conference(session, demo_id)
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)

    def reading(table: str) -> list[str]:
        return [s for s in statements if re.search(rf"\bFROM {table}\b", s)]

    assert len(reading("people")) == 1, reading("people")
    assert len(reading("children")) == 1, reading("children")
    # Read after the session closed, every link is there, and is the record's own.
    people = {id(person) for person in conference.people}
    children = {id(child) for child in conference.children}
    linked = [item.contributor for item in conference.worries if item.contributor_id]
    linked += [
        score.person for statement in conference.danger_statements for score in statement.scores
    ]
    linked += [score.person for score in conference.safety_scores]
    linked += [action.owner for action in conference.actions if action.owner_id]
    linked += [member.person for member in conference.plan_network]
    linked += [member.person for member in conference.core_group_members]
    linked += [view.person for view in conference.agency_views if view.person_id]
    linked += [dissent.person for dissent in conference.dissents if dissent.person_id]
    linked += [c.lead_social_worker for c in conference.children if c.lead_social_worker_id]
    assert linked and all(id(person) in people for person in linked)
    links = [link.child for person in conference.people for link in person.relationships]
    assert links and all(id(child) in children for child in links)
    assert all(item.contributor is None for item in conference.worries if not item.contributor_id)
