"""A family's case details may be corrected for the meetings to come; a signed-off (or
withdrawn) meeting's record still shows them as it was signed off with them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.interchange import conference_to_dict
from cprecorder.model import Conference
from cprecorder.queries import load_conference
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends


def dumped(store: Store, conference_id: int) -> str:
    """What ``cprecorder dump`` writes for the meeting."""
    with store.read() as session:
        data = conference_to_dict(load_conference(session, conference_id))
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def case_in(dump: str) -> dict[str, Any]:
    case: dict[str, Any] = json.loads(dump)["case"]
    return case


@pytest.mark.parametrize("locked_by", ["sign-off", "withdrawal"])
def test_a_locked_record_keeps_the_case_details_it_was_locked_with(
    store: Store, actor: Actor, chair: Actor, demo_id: int, locked_by: str
) -> None:
    op.set_case_details(store, actor=actor, meeting_id=demo_id, reference="CP-2026-0117")
    family = case_in(dumped(store, demo_id))["family_name"]
    if locked_by == "sign-off":
        op.sign_off(store, actor=chair, conference_id=demo_id, chair_name=chair.name)
    else:
        op.withdraw(store, actor=actor, conference_id=demo_id, reason="Created twice")
    locked = dumped(store, demo_id)
    assert (case_in(locked)["family_name"], case_in(locked)["reference"]) == (
        family,
        "CP-2026-0117",
    )

    # Corrected for the meetings to come: the case says so, the locked record does not.
    op.set_case_details(
        store, actor=chair, meeting_id=demo_id, family_name="Ashworth", reference="CP-2026-0118"
    )
    assert family != "Ashworth"
    assert dumped(store, demo_id) == locked
    with store.read() as session:
        case = session.get(Conference, demo_id).case  # type: ignore[union-attr]
        assert (case.family_name, case.reference) == ("Ashworth", "CP-2026-0118")


def test_the_next_meeting_has_the_corrected_details(
    store: Store, actor: Actor, chair: Actor, demo_id: int
) -> None:
    op.set_case_details(store, actor=actor, meeting_id=demo_id, reference="CP-2026-0117")
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name=chair.name)
    op.set_case_details(store, actor=chair, meeting_id=demo_id, reference="CP-2026-0118")
    review = op.start_review(store, actor=chair, conference_id=demo_id).conference_id
    assert case_in(dumped(store, review))["reference"] == "CP-2026-0118"
    assert case_in(dumped(store, demo_id))["reference"] == "CP-2026-0117"
    # A draft shows the case as it is: corrected again, the review's record follows.
    op.set_case_details(store, actor=chair, meeting_id=review, reference="CP-2026-0119")
    assert case_in(dumped(store, review))["reference"] == "CP-2026-0119"
    assert case_in(dumped(store, demo_id))["reference"] == "CP-2026-0117"
