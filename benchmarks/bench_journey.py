"""A family's journey: a case of 10 conferences and 20 core group meetings.

Figures, each against a floor measured in the same run:

* ``journey.open_p95``: reading the whole journey of the case (every meeting with its
  decisions and scores, the rules checked, what is due next, the score history), as
  the window and ``cprecorder journey`` do before drawing. The issue holds it to 100 ms.
  Floor: reading one whole conference (``load_conference``), the work of opening one.
* ``journey.window_p95``: the same, then the window's journey view built and painted
  with its charts (QPainter, offscreen), as Enter on a case does. The issue holds it
  to 100 ms. Floor: reading the journey alone (``journey.open_p95``'s value).
* ``journey.start_review``: starting a review conference from the last one (date by
  the rules, everything carried forward), median of fresh copies of the store with
  the conference open, as in the window. The issue holds it to 300 ms. Floor:
  creating a bare conference in the same store.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks.figure import Figure, median, percentile, time_ms
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.demo import add_demo_conference
from cprecorder.journey import case_of, load_journey
from cprecorder.model import ConferenceKind, PlanType, Role
from cprecorder.queries import load_conference
from cprecorder.store import Store

CONFERENCES = 10
CORE_GROUPS_BETWEEN = 2  # 20 core groups over 10 conferences

CHAIR = Actor("Ruth Calloway", Role.CHAIR, "bench")


def build(path: Path) -> tuple[int, int]:
    """The case: returns (case id, the latest conference's id)."""
    store = Store.open_sqlite(path)
    conference = add_demo_conference(store, CHAIR, dt.datetime(2020, 1, 6, 10))
    try:
        for number in range(CONFERENCES):
            op.sign_off(store, actor=CHAIR, conference_id=conference, chair_name="Ruth Calloway")
            with store.read() as session:
                held = load_conference(session, conference).scheduled_at
            for week in range(CORE_GROUPS_BETWEEN):
                op.start_core_group(
                    store,
                    actor=CHAIR,
                    meeting_id=conference,
                    scheduled_at=held + dt.timedelta(weeks=2 + 5 * week),
                )
            if number == CONFERENCES - 1:
                break
            conference = op.start_review(store, actor=CHAIR, conference_id=conference).conference_id
            with store.read() as session:
                review = load_conference(session, conference)
                children = [c.id for c in review.children]
                people = [p.id for p in review.people][:6]
            for child in children:
                op.set_decision(
                    store,
                    actor=CHAIR,
                    conference_id=conference,
                    child_id=child,
                    plan_type=PlanType.CHILD_PROTECTION,
                    categories=["neglect"],
                )
            for index, person in enumerate(people):
                op.set_safety_score(
                    store,
                    actor=CHAIR,
                    conference_id=conference,
                    person_id=person,
                    score=(number + index) % 11,
                    reason="Bench.",
                )
        with store.read() as session:
            return case_of(session, conference), conference
    finally:
        store.close()


def open_journey(store: Store, case_id: int) -> None:
    with store.read() as session:
        load_journey(session, case_id)


def show_journey(store: Store, case_id: int) -> None:
    """What Enter on a case does: read the journey, build its view, paint it."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from cprecorder.ui.shell.journey_view import JourneyView

    QApplication.instance() or QApplication([])
    with store.read() as session:
        journey = load_journey(session, case_id)
    view = JourneyView(journey)
    view.resize(1440, 900)
    view.grab()
    view.deleteLater()
    # Gone now, not at an event loop this run never enters: a view left behind would
    # take every later benchmark's F5 and zoom too.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run() -> Iterator[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        built = Path(folder) / "case.sqlite3"
        case_id, latest = build(built)
        store = Store.open_sqlite(built)
        with store.read() as session:
            meetings = len(load_journey(session, case_id).entries)
        open_journey(store, case_id)  # warm
        value = percentile(time_ms(lambda: open_journey(store, case_id), 30), 95)

        def one_conference() -> None:
            with store.read() as session:
                load_conference(session, latest)

        floor = median(time_ms(one_conference, 30))
        yield Figure(
            "journey.open_p95",
            value,
            floor,
            note=f"{meetings} meetings; {'held' if value <= 100 else 'MISSED'}: p95 <= 100 ms",
        )
        read_only = value
        shown = percentile(time_ms(lambda: show_journey(store, case_id), 20), 95)
        store.close()
        yield Figure(
            "journey.window_p95",
            shown,
            read_only,
            note=f"charts drawn; {'held' if shown <= 100 else 'MISSED'}: p95 <= 100 ms",
        )

        starts, bare = [], []
        for attempt in range(5):
            copy = Path(folder) / f"copy-{attempt}.sqlite3"
            shutil.copyfile(built, copy)
            opened = Store.open_sqlite(copy)
            with opened.read() as session:  # the window has the conference open
                load_conference(session, latest)
            starts += time_ms(
                lambda s=opened: op.start_review(s, actor=CHAIR, conference_id=latest), 1
            )
            bare += time_ms(
                lambda s=opened: op.create_conference(
                    s,
                    actor=CHAIR,
                    kind=ConferenceKind.INITIAL,
                    family_name="Floor",
                    scheduled_at=dt.datetime(2030, 1, 1, 10),
                ),
                1,
            )
            opened.close()
        value = median(starts)
        yield Figure(
            "journey.start_review",
            value,
            median(bare),
            note=f"{'held' if value <= 300 else 'MISSED'}: <= 300 ms",
        )
