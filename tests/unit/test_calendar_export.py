"""The conference's dates as an .ics file, read back with icalendar."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import icalendar
import pytest

from cprecorder.calendar_export import conference_calendar
from cprecorder.cli import main
from cprecorder.model import ActionStatus
from cprecorder.queries import load_conference
from cprecorder.store import Store


def events(data: bytes) -> list[tuple[dt.date, str, str]]:
    calendar = icalendar.Calendar.from_ical(data)
    found = []
    for event in calendar.walk("VEVENT"):
        start = event.get("dtstart").dt
        end = event.get("dtend").dt
        assert not isinstance(start, dt.datetime), "events are all-day"
        assert end == start + dt.timedelta(days=1)
        found.append((start, str(event.get("summary")), str(event.get("description", ""))))
    return found


def test_demo_conference_dates(store: Store, demo_id: int) -> None:
    with store.read() as session:
        conference = load_conference(session, demo_id)
        data = conference_calendar(conference, stamp=dt.datetime(2026, 11, 24, tzinfo=dt.UTC))
        uids = [str(e.get("uid")) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    found = events(data)
    day = dt.date(2026, 11, 24)
    later = [(d - day).days for d, _, _ in found]
    assert later == sorted(later)
    summaries = {(d, s) for d, s, _ in found}
    assert (day + dt.timedelta(8), "First core group meeting – Ashdown family") in summaries
    assert (day + dt.timedelta(50), "Core group meeting – Ashdown family") in summaries
    assert (day + dt.timedelta(84), "Review conference – Ashdown family") in (summaries)
    actions = [(d, desc) for d, s, desc in found if s == "Action due – Ashdown family"]
    assert (
        day + dt.timedelta(7),
        "Refer Dean to the Calmer Choices course.\nWho: Hannah Okafor",
    ) in (actions)
    assert len(actions) == 3  # the action with no date is left out
    assert len(uids) == len(set(uids)) == 6
    # Nothing from the professionals-only section.
    assert b"third party" not in data and b"Police hold" not in data


def test_closed_actions_are_left_out(store: Store, demo_id: int) -> None:
    with store.read() as session:
        conference = load_conference(session, demo_id)
        for action in conference.actions:
            action.status = ActionStatus.DONE
        conference.core_group_meetings.clear()
        conference.review_conference_on = None
        data = conference_calendar(conference)
        session.rollback()
    assert events(data) == []


def test_cli_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(tmp_path / "cli")
    assert main(["--data-dir", folder, "demo"]) == 0
    target = tmp_path / "out" / "ashdown.ics"
    assert main(["--data-dir", folder, "calendar", "1", "-o", str(target)]) == 0
    assert len(events(target.read_bytes())) == 6
    assert main(["--data-dir", folder, "calendar", "99", "-o", str(target)]) == 1
    assert "There is no conference 99." in capsys.readouterr().err


def test_the_calendar_is_in_plain_words(store: Store, demo_id: int) -> None:
    with store.read() as session:
        conference = load_conference(session, demo_id)
        conference.actions[0].what = "Refer Dean to CAMHS and tell the HV."
        data = conference_calendar(conference)
        session.rollback()
    found = events(data)
    descriptions = "\n".join(desc for _, _, desc in found)
    assert "Refer Dean to the children's mental health service and tell the health visitor." in (
        descriptions
    )
    assert "CAMHS" not in descriptions and "HV" not in descriptions
    core = [desc for _, s, desc in found if s.startswith("First core group meeting")]
    assert core == ["At Brookfield Primary, 3.30pm.\nCore group: group who carry out the plan."]


def test_no_control_character_reaches_the_file(store: Store, demo_id: int) -> None:
    """RFC 5545 text holds no control but the tab; a pasted name must not break the file."""
    controls = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)])
    with store.read() as session:
        conference = load_conference(session, demo_id)
        conference.family_name = f"Ash{controls}down"  # as an old SQLite file may hold it
        conference.actions[0].what = "Call\x00 the\r\nschool\x1b[31m"
        data = conference_calendar(conference)
    for line in data.split(b"\r\n"):
        text = line.decode("utf-8")
        bad = [f"U+{ord(ch):04X}" for ch in text if ch != "\t" and unicodedata.category(ch) == "Cc"]
        assert not bad, (bad, line)
    summaries = [summary for _, summary, _ in events(data)]
    assert summaries and all("Ash" in s and "down family" in s for s in summaries)
    descriptions = [d for _, _, d in events(data) if d.startswith("Call")]
    assert descriptions and descriptions[0].startswith("Call the\nschool[31m")


def test_a_date_no_calendar_can_hold_is_a_sentence(
    store: Store, demo_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cprecorder import operations as op
    from cprecorder.actor import Actor

    op.update(
        store,
        actor=Actor.current("Test"),
        entity="conference",
        entity_id=demo_id,
        values={"review_conference_on": "9999-12-31"},
    )
    target = tmp_path / "dates.ics"
    assert main(["calendar", str(demo_id), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "31 December 9999" in err and "no calendar can hold" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not target.exists()


def test_the_calendar_follows_the_authoritys_jargon_setting(
    store: Store, demo_id: int, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.toml").write_text(
        '[family_documents]\njargon = "explain"\n', encoding="utf-8"
    )
    with store.read() as session:
        conference = load_conference(session, demo_id)
        conference.actions[0].what = "Refer Dean to CAMHS and tell the HV."
        data = conference_calendar(conference)
        session.rollback()
    descriptions = [desc for _, _, desc in events(data)]
    assert (
        "Refer Dean to CAMHS and tell the HV.\nWho: Hannah Okafor\n"
        "CAMHS: children's mental health service.\nHV: health visitor."
    ) in descriptions
    assert not any("children's mental health service and" in d for d in descriptions)
