"""Quoracy: two agencies besides children's social care and the chair, present."""

from __future__ import annotations

import datetime as dt

import pytest

from cprecorder.model import Attendance, Conference, ConferenceKind, Person, PersonKind
from cprecorder.queries import load_conference
from cprecorder.rules.nation import load_rules
from cprecorder.rules.quoracy import check_quoracy, is_social_care, normalise_agency
from cprecorder.store import Store


def conference_with(*people: tuple[str, str, Attendance]) -> Conference:
    conference = Conference(
        kind=ConferenceKind.INITIAL,
        family_name="Ashdown",
        scheduled_at=dt.datetime(2026, 11, 24, 10),
        nation="england",
        chair="Ruth Calloway",
    )
    conference.people = [
        Person(
            name=f"Person {i}",
            kind=PersonKind.PROFESSIONAL,
            role=role,
            agency=agency,
            attendance=attendance,
        )
        for i, (role, agency, attendance) in enumerate(people)
    ]
    return conference


P = Attendance.PRESENT


@pytest.mark.parametrize(
    "name",
    [
        "Children's social care",
        "Childrens Social Care",
        "CHILDREN’S SOCIAL CARE",
        "Social care",
        "Children's services",
        "Northshire Children's Social Care",
        "Social Work Team",
        "CSC",
    ],
)
def test_names_of_childrens_social_care(name: str) -> None:
    assert is_social_care(name, load_rules("england"))


@pytest.mark.parametrize(
    "name", ["Police", "Health visiting service", "Adult Social Care", "Brookfield Primary School"]
)
def test_other_agencies(name: str) -> None:
    assert not is_social_care(name, load_rules("england"))


def test_normalise_agency() -> None:
    assert normalise_agency("  Children’s   Social-Care ") == "childrens social care"


def test_two_other_agencies_present_is_quorate() -> None:
    result = check_quoracy(
        conference_with(
            ("Social worker", "Children's Social Care", P),
            ("Health visitor", "Health visiting service", P),
            ("Teacher", "Brookfield Primary School", P),
        )
    )
    assert result.quorate
    assert result.agencies == ("Health visiting service", "Brookfield Primary School")
    assert result.sentence.startswith("The conference was quorate: 2 agencies")


def test_one_other_agency_is_not_quorate() -> None:
    result = check_quoracy(
        conference_with(
            ("Social worker", "Children's Social Care", P),
            ("Team manager", "Childrens social care", P),
            ("Health visitor", "Health visiting service", P),
        )
    )
    assert not result.quorate
    assert result.agencies == ("Health visiting service",)
    assert "only one agency" in result.sentence


def test_reports_apologies_and_absence_do_not_count() -> None:
    result = check_quoracy(
        conference_with(
            ("Social worker", "Children's Social Care", P),
            ("Police officer", "Police", Attendance.REPORT_ONLY),
            ("GP", "Elm Tree Surgery", Attendance.APOLOGIES),
            ("Teacher", "Brookfield Primary School", Attendance.DID_NOT_ATTEND),
            ("Nurse", "School nursing", Attendance.INVITED),
        )
    )
    assert not result.quorate and result.agencies == ()
    assert "no agency" in result.sentence


def test_one_agency_counts_once_and_a_blank_agency_counts_by_role() -> None:
    result = check_quoracy(
        conference_with(
            ("Police officer", "Police", P),
            ("Detective", "police", P),
            ("GP", "", P),
        )
    )
    assert result.quorate and result.agencies == ("Police", "GP")


def test_family_and_the_chair_do_not_count() -> None:
    conference = conference_with(("Health visitor", "Health visiting service", P))
    conference.people.append(
        Person(name="Kerry Ashdown", kind=PersonKind.FAMILY, agency="", role="Mother", attendance=P)
    )
    conference.people.append(
        Person(
            name="Ruth Calloway",
            kind=PersonKind.PROFESSIONAL,
            role="Independent chair",
            agency="Safeguarding unit",
            attendance=P,
        )
    )
    conference.people.append(
        Person(
            name="Sam Lee", kind=PersonKind.PROFESSIONAL, role="Chair", agency="QA", attendance=P
        )
    )
    result = check_quoracy(conference)
    assert result.agencies == ("Health visiting service",) and not result.quorate


def test_the_demo_conference_is_quorate(store: Store, demo_id: int) -> None:
    with store.read() as session:
        result = check_quoracy(load_conference(session, demo_id))
    # Social worker (social care) and the police (report only) do not count.
    assert result.quorate
    assert result.agencies == ("Health visiting service", "Brookfield Primary School")
