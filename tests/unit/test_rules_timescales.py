"""Due dates of a conference, and the recorded dates that break a rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from cprecorder.dates import long_date
from cprecorder.model import (
    Action,
    ActionStatus,
    Attendance,
    Conference,
    ConferenceKind,
    CoreGroupMeeting,
    Person,
    PersonKind,
)
from cprecorder.queries import load_conference
from cprecorder.rules.authority import (
    SettingsFormatError,
    load_authority_settings,
    settings_path,
)
from cprecorder.rules.nation import load_rules
from cprecorder.rules.timescales import check_dates, due_dates
from cprecorder.rules.working_days import is_working_day
from cprecorder.store import Store

D = dt.date


def make(
    kind: ConferenceKind, on: dt.date, nation: str = "england", **fields: object
) -> Conference:
    return Conference(
        id=1,
        kind=kind,
        family_name="Ashdown",
        scheduled_at=dt.datetime.combine(on, dt.time(10)),
        nation=nation,
        **fields,
    )


def professional(name: str, **fields: object) -> Person:
    values: dict[str, object] = {
        "name": name,
        "kind": PersonKind.PROFESSIONAL,
        "role": "Health visitor",
        "agency": "Health visiting service",
        "attendance": Attendance.PRESENT,
        "report_expected": True,
    }
    values.update(fields)
    return Person(**values)


def test_initial_conference_due_dates() -> None:
    # Tuesday 24 November 2026.
    due = due_dates(
        make(ConferenceKind.INITIAL, D(2026, 11, 24), strategy_discussion_on=D(2026, 11, 2))
    )
    assert due.reports_due_on == D(2026, 11, 20)  # Friday: 2 working days before
    assert due.first_core_group_latest == D(2026, 12, 8)  # 10 working days after
    assert due.first_core_group_proposed == D(2026, 12, 1)  # 5 working days after
    assert due.review_due_by == D(2027, 2, 24)  # 3 months
    assert due.record_sent_by == D(2026, 12, 15)  # 15 working days
    assert due.initial_target_on == D(2026, 11, 23)  # 15 working days after 2 November


def test_review_conference_due_dates_across_christmas() -> None:
    # Monday 14 December 2026; Christmas, and Boxing Day's substitute on 28 December.
    due = due_dates(make(ConferenceKind.REVIEW, D(2026, 12, 14)))
    assert due.reports_due_on == D(2026, 12, 7)  # 5 working days before
    # Tue 15 … Thu 24 are 8; Fri 25 and Mon 28 are off; Tue 29 is 9, Wed 30 is 10.
    assert due.first_core_group_latest == D(2026, 12, 30)
    assert due.review_due_by == D(2027, 6, 14)  # 6 months after a review
    assert due.record_sent_by == D(2027, 1, 7)  # 1 January is off too
    assert due.initial_target_on is None  # only for an initial conference


def test_pre_birth_and_transfer_in_review_timing() -> None:
    assert due_dates(make(ConferenceKind.PRE_BIRTH, D(2026, 11, 30))).review_due_by == D(
        2027, 2, 28
    )
    transfer = due_dates(make(ConferenceKind.TRANSFER_IN, D(2026, 11, 30)))
    assert transfer.review_due_by == D(2027, 2, 28)
    assert transfer.reports_due_on == D(2026, 11, 26)


def test_an_initial_conference_without_a_strategy_discussion_has_no_target() -> None:
    assert due_dates(make(ConferenceKind.INITIAL, D(2026, 11, 24))).initial_target_on is None


def test_scotland_counts_saint_andrews_day() -> None:
    england = due_dates(make(ConferenceKind.INITIAL, D(2026, 11, 24)))
    scotland = due_dates(make(ConferenceKind.INITIAL, D(2026, 11, 24), nation="scotland"))
    assert scotland.first_core_group_latest == england.first_core_group_latest + dt.timedelta(1)


def test_authority_settings_change_a_deadline(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(
        'nation = "wales"\nmarking = "OFFICIAL-SENSITIVE"\n'
        "[deadlines]\nrecord_sent_working_days = 20\npre_birth_review_months = 1\n",
        encoding="utf-8",
    )
    settings = load_authority_settings()
    assert settings.nation == "wales" and settings.marking == "OFFICIAL-SENSITIVE"
    rules = settings.rules()
    assert rules.nation == "wales"
    assert rules.deadline("record_sent_working_days") == 20
    assert rules.deadline("first_core_group_working_days") == 10  # unchanged
    conference = make(ConferenceKind.INITIAL, D(2026, 11, 24))
    assert due_dates(conference, rules).record_sent_by == D(2026, 12, 22)
    pre_birth = make(ConferenceKind.PRE_BIRTH, D(2026, 11, 24))
    assert due_dates(pre_birth, settings.rules("england")).review_due_by == D(2026, 12, 24)
    # The nation's own rules are untouched.
    assert load_rules("wales").deadline("record_sent_working_days") == 15


def test_no_settings_file_means_the_nations_rules() -> None:
    settings = load_authority_settings()
    assert settings.nation is None and settings.deadlines == {}
    assert settings.rules("england") == load_rules("england")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[deadlines]\nrecord_sent_days = 20\n", "no deadline called 'record_sent_days'"),
        ("[deadlines]\nrecord_sent_working_days = -1\n", "whole number from 0 to 366"),
        ("[deadlines]\nrecord_sent_working_days = '20'\n", "whole number"),
        ('nation = "atlantis"\n', "no rules for the nation 'atlantis'"),
        ("nation = [\n", "not a valid settings file"),
        ("marking = 3\n", "marking must be text"),
    ],
)
def test_a_bad_settings_file_is_refused_with_a_sentence(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsFormatError, match=message):
        load_authority_settings(path)


def test_dates_within_the_rules_are_not_flagged() -> None:
    on = D(2026, 11, 24)
    conference = make(
        ConferenceKind.INITIAL,
        on,
        strategy_discussion_on=D(2026, 11, 10),
        review_conference_on=D(2027, 2, 24),
    )
    conference.people = [professional("Tom Reyes", report_received_on=D(2026, 11, 20))]
    conference.core_group_meetings = [CoreGroupMeeting(id=1, position=0, meets_on=D(2026, 12, 8))]
    conference.actions = [
        Action(id=1, what="Book a visit.", due_on=D(2026, 12, 1), status=ActionStatus.OPEN),
        Action(id=2, what="Done already.", due_on=D(2026, 11, 25), status=ActionStatus.DONE),
    ]
    assert check_dates(conference, today=D(2026, 11, 30)) == []


def test_each_broken_rule_is_flagged_in_words() -> None:
    on = D(2026, 11, 24)
    conference = make(
        ConferenceKind.INITIAL,
        on,
        strategy_discussion_on=D(2026, 10, 26),
        review_conference_on=D(2027, 2, 25),
    )
    conference.people = [
        professional("Tom Reyes", id=6, report_received_on=D(2026, 11, 23)),
        professional("Priya Desai", id=7, role="Teacher", agency="Brookfield Primary School"),
        professional("Aaron Blake", id=8, report_expected=False),  # no report asked for
        Person(id=9, name="Kerry Ashdown", kind=PersonKind.FAMILY, report_expected=False),
    ]
    conference.core_group_meetings = [
        CoreGroupMeeting(id=2, position=1, meets_on=D(2027, 1, 20)),
        CoreGroupMeeting(id=1, position=0, meets_on=D(2026, 12, 9)),
    ]
    conference.actions = [
        Action(
            id=4, what="Refer Dean to the course.", due_on=D(2026, 12, 1), status=ActionStatus.OPEN
        ),
        Action(id=5, what="Later.", due_on=D(2026, 12, 20), status=ActionStatus.OPEN),
        Action(id=6, what="Cancelled.", due_on=D(2026, 11, 1), status=ActionStatus.CANCELLED),
    ]
    flags = check_dates(conference, today=D(2026, 12, 10))
    by_rule = {(f.rule, f.item, f.item_id): f for f in flags}
    assert set(by_rule) == {
        ("initial_within_working_days", "conference", 1),
        ("report_late", "person", 6),
        ("report_missing", "person", 7),
        ("action_overdue", "action", 4),
        ("first_core_group_within_working_days", "core_group_meeting", 1),
        ("review_within_months", "conference", 1),
    }
    assert by_rule[("first_core_group_within_working_days", "core_group_meeting", 1)].message == (
        "The first core group is after 8 December 2026, the latest date allowed "
        "(10 working days after the conference)."
    )
    late = by_rule[("report_late", "person", 6)]
    assert late.field == "report_received_on"
    assert "arrived on 23 November 2026, after 20 November 2026" in late.message
    assert "2 working days before the conference" in late.message
    assert "has not been received" in by_rule[("report_missing", "person", 7)].message
    overdue = by_rule[("action_overdue", "action", 4)].message
    assert overdue == (
        "The action “Refer Dean to the course” was due by 1 December 2026 and is still open."
    )
    review = by_rule[("review_within_months", "conference", 1)]
    assert review.field == "review_conference_on"
    assert "after 24 February 2027" in review.message and "3 months" in review.message
    initial = by_rule[("initial_within_working_days", "conference", 1)].message
    assert "after 16 November 2026" in initial and "15 working days" in initial


def test_a_missing_report_is_not_late_before_its_due_date() -> None:
    conference = make(ConferenceKind.REVIEW, D(2026, 11, 24))
    conference.people = [professional("Tom Reyes", id=6)]
    assert check_dates(conference, today=D(2026, 11, 17)) == []
    flags = check_dates(conference, today=D(2026, 11, 18))
    assert [f.rule for f in flags] == ["report_missing"]
    assert "17 November 2026" in flags[0].message and "5 working days" in flags[0].message


def test_report_only_counts_as_a_report_expected() -> None:
    conference = make(ConferenceKind.INITIAL, D(2026, 11, 24))
    conference.people = [
        professional("Aaron Blake", id=8, report_expected=False, attendance=Attendance.REPORT_ONLY)
    ]
    assert [f.rule for f in check_dates(conference, today=D(2026, 11, 24))] == ["report_missing"]


def test_authority_rules_move_the_limits() -> None:
    conference = make(ConferenceKind.INITIAL, D(2026, 11, 24))
    conference.core_group_meetings = [CoreGroupMeeting(id=1, position=0, meets_on=D(2026, 12, 9))]
    assert [f.rule for f in check_dates(conference, today=D(2026, 11, 24))] == [
        "first_core_group_within_working_days"
    ]
    rules = load_rules("england")
    longer = dataclasses.replace(
        rules, deadlines={**rules.deadlines, "first_core_group_working_days": 12}
    )
    assert check_dates(conference, longer, today=D(2026, 11, 24)) == []


def test_a_core_group_before_the_conference_is_flagged() -> None:
    conference = make(ConferenceKind.INITIAL, D(2026, 11, 24))
    conference.core_group_meetings = [CoreGroupMeeting(id=1, position=0, meets_on=D(2026, 11, 20))]
    flags = check_dates(conference, today=D(2026, 11, 24))
    assert [f.rule for f in flags] == ["first_core_group_before_conference"]


def test_the_demo_conference(store: Store, demo_id: int) -> None:
    with store.read() as session:
        conference = load_conference(session, demo_id)
        due = due_dates(conference)
        flags = check_dates(conference, today=D(2026, 12, 2))
    assert due.first_core_group_latest == D(2026, 12, 8)
    # The demo's strategy discussion was 16 days before: within the 15 working days.
    assert "initial_within_working_days" not in {f.rule for f in flags}
    assert "action_overdue" in {f.rule for f in flags}


def test_long_date() -> None:
    assert long_date(D(2026, 12, 9)) == "9 December 2026"


def test_suggested_dates_are_working_days() -> None:
    # Three months after Monday 30 November 2026 is Sunday 28 February 2027.
    due = due_dates(make(ConferenceKind.INITIAL, D(2026, 11, 30)))
    assert due.review_due_by == D(2027, 2, 28)
    assert due.review_proposed == D(2027, 2, 26)  # the Friday before, never the Sunday
    # Six months after Monday 28 June 2027 is Tuesday 28 December 2027, a substitute
    # bank holiday (as is Monday 27): the review is offered on Friday 24 December.
    review = due_dates(make(ConferenceKind.REVIEW, D(2027, 6, 28)))
    assert review.review_proposed == D(2027, 12, 24)
    for held_on in (D(2026, 11, 24), D(2026, 12, 14), D(2027, 3, 31), D(2027, 8, 30)):
        for kind in ConferenceKind:
            suggested = due_dates(make(kind, held_on))
            for day in (suggested.review_proposed, suggested.first_core_group_proposed):
                assert is_working_day(day, "england"), (kind, held_on, day)
                assert day <= suggested.review_due_by
