"""The audit trail in words, and what changed after the minute-taker handed over."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator

import pytest

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.changes import (
    NOTHING,
    changes_since_hand_over,
    read_entry,
    readable_trail,
    shorten,
)
from cprecorder.changes import ReadableEntry as Line
from cprecorder.dates import local_moment, moment_in_words
from cprecorder.model import AuditEntry, Conference
from cprecorder.queries import load_conference
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends


def changes(store: Store, conference_id: int) -> list[Line]:
    with store.read() as session:
        conference = load_conference(session, conference_id)
        return changes_since_hand_over(session, conference)


def load(store: Store, conference_id: int) -> Conference:
    with store.read() as session:
        return load_conference(session, conference_id)


def test_nothing_is_listed_before_the_hand_over(store: Store, demo_id: int, actor: Actor) -> None:
    op.update(
        store, actor=actor, entity="conference", entity_id=demo_id, values={"observers": "One."}
    )
    assert changes(store, demo_id) == []


def test_changes_after_hand_over_read_as_who_when_what_old_and_new(
    store: Store, demo_id: int, actor: Actor, chair: Actor
) -> None:
    conference = load(store, demo_id)
    names = {p.name: p.id for p in conference.people}
    leo = conference.children[1]
    action = next(a for a in conference.actions if a.what.startswith("Book a health"))
    # Before the hand-over: not listed.
    op.update(store, actor=actor, entity="conference", entity_id=demo_id, values={"observers": ""})
    op.hand_over(store, actor=actor, conference_id=demo_id)
    # Autosave writes typing as a run of small saves: one line for the chair.
    for typed in ("Everyone", "Everyone agreed", "Everyone agreed the plan."):
        op.update(
            store,
            actor=chair,
            entity="conference",
            entity_id=demo_id,
            values={"chair_summary": typed},
        )
    op.update(
        store,
        actor=chair,
        entity="action",
        entity_id=action.id,
        values={"owner_id": names["Tom Reyes"], "due_on": dt.date(2026, 12, 1)},
    )
    op.update(store, actor=chair, entity="child", entity_id=leo.id, values={"participation": "PN7"})
    op.update(
        store,
        actor=chair,
        entity="person",
        entity_id=names["Priya Desai"],
        values={"report_shared_with_family": True},
    )
    lines = changes(store, demo_id)
    shown = [(line.what, line.field, line.old, line.new) for line in lines]
    assert shown == [
        (
            "The conference",
            "Chair's summary",
            conference.chair_summary,
            "Everyone agreed the plan.",
        ),
        ("Action “Book a health review for Leo.”", "Who does it", NOTHING, "Tom Reyes"),
        ("Action “Book a health review for Leo.”", "By when", NOTHING, "1 December 2026"),
        (
            "Child: Leo Ashdown",
            "How the child took part",
            "PN0 – under 4",
            "PN7 – absent, views not conveyed",
        ),
        ("Person: Priya Desai", "Report shared with the family", "No", "Yes"),
    ]
    assert conference.chair_summary.startswith("Everyone agreed that Maisie and Leo are loved")
    assert lines[0].edits == 3
    assert {(line.who, line.role) for line in lines} == {("Ruth Calloway", "Chair")}
    assert all(line.first_at is not None and line.first_at <= line.at for line in lines)


def test_an_item_added_is_named_from_what_it_holds(
    store: Store, demo_id: int, actor: Actor, chair: Actor
) -> None:
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.add_item(
        store,
        actor=chair,
        conference_id=demo_id,
        entity="action",
        values={"what": "Ring Nana Margaret every Friday."},
    )
    lines = changes(store, demo_id)
    assert [(line.action, line.what, line.old, line.new) for line in lines] == [
        (
            "Added",
            "Action “Ring Nana Margaret every Friday.”",
            NOTHING,
            "Ring Nana Margaret every Friday.",
        )
    ]


def test_an_item_removed_is_named_from_the_values_kept_in_its_entry(
    store: Store, demo_id: int
) -> None:
    conference = load(store, demo_id)
    kerry = conference.people[0]
    entry = AuditEntry(
        id=1,
        conference_id=demo_id,
        at=dt.datetime(2026, 11, 25, 9, 0),
        actor="Ruth Calloway",
        role="chair",
        operation="remove_plan_network_member",
        target="PlanNetworkMember#99",
        field="",
        old_value=json.dumps({"person_id": str(kerry.id), "part": "Collects the children."}),
        new_value=None,
    )
    line = read_entry(entry, conference)
    assert (line.action, line.what, line.old, line.new, line.role) == (
        "Removed",
        "Safety network — Kerry Ashdown",
        "Collects the children.",
        NOTHING,
        "Chair",
    )


def test_sign_off_is_not_a_change_but_an_addendum_is(
    store: Store, demo_id: int, actor: Actor, chair: Actor
) -> None:
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    op.add_addendum(
        store,
        actor=chair,
        conference_id=demo_id,
        author="Ruth Calloway",
        reason="A date was wrong",
        text="The first core group is on 2 December.",
    )
    lines = changes(store, demo_id)
    assert [(line.action, line.what) for line in lines] == [
        ("Added an addendum", "Addendum by Ruth Calloway")
    ]


@pytest.mark.usefixtures("clock_ahead_of_utc")
def test_the_whole_trail_reads_one_line_per_entry(
    store: Store, demo_id: int, actor: Actor, chair: Actor
) -> None:
    """One line per entry; the moment of the sign-off on the local clock, not in UTC."""
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    with store.read() as session:
        conference = load_conference(session, demo_id)
        count = session.query(AuditEntry).filter_by(conference_id=demo_id).count()
        trail = readable_trail(session, conference)
    assert len(trail) == count
    assert [line.entry_id for line in trail] == sorted(line.entry_id for line in trail)
    signed = [line for line in trail if line.action == "Signed off"]
    assert {line.field for line in signed} == {"Status", "Signed off at", "Signed off by"}
    status = next(line for line in signed if line.field == "Status")
    assert (status.old, status.new, status.role) == (
        "With the chair for review",
        "Signed off",
        "Chair",
    )
    assert conference.signed_off_at is not None
    at = next(line for line in signed if line.field == "Signed off at")
    local = conference.signed_off_at + dt.timedelta(hours=1)
    assert at.new == moment_in_words(local).replace(" at ", ", ")


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("london")
def test_times_are_shown_on_the_local_clock() -> None:
    assert local_moment(dt.datetime(2026, 7, 1, 12, 0)) == dt.datetime(2026, 7, 1, 13, 0)
    assert local_moment(dt.datetime(2026, 12, 1, 12, 0)) == dt.datetime(2026, 12, 1, 12, 0)


def test_long_values_are_shortened_at_a_word() -> None:
    text = "Kerry will take the children to Nana's house whenever an argument starts at home."
    short = shorten(text, 40)
    assert len(short) <= 40 and short.endswith("…")
    assert text.startswith(short[:-1])
    assert shorten("  two\nlines ") == "two lines"
