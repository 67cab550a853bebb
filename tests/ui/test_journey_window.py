"""The family's journey in the window: cases on the start view, the journey view with
its charts, starting a review and a core group, and what has changed since."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from by_keyboard import focused, go_to, press, type_here
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.changes import readable_trail
from cprecorder.model import ActionProgress, ActionStatus, ConferenceKind
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.panes.danger import DangerPane
from cprecorder.ui.panes.safety_scale import SafetyScalePane
from cprecorder.ui.shell.main_window import MainWindow


def test_cases_on_the_start_view_say_what_is_due(
    qtbot: QtBot, window: MainWindow, demo_id: int, qtmodeltester: object
) -> None:
    window.start.refresh()
    model = window.start.case_model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "Ashdown family"
    assert model.data(model.index(0, 1)) == "Maisie Ashdown, Leo Ashdown"
    assert str(model.data(model.index(0, 3))).startswith("Core group due by ")
    window.start.cases.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.journey_view is not None, timeout=3000)
    assert window.journey_view is not None
    assert window.stack.currentWidget() is window.journey_view


def test_start_the_review_from_the_start_view_and_record_progress(
    qtbot: QtBot, window: MainWindow, store: Store, chair: Actor, demo_id: int
) -> None:
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    window.start.refresh()
    window.start.table.setFocus()
    assert window.start.review_button.isEnabled()
    press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.view is not None, timeout=5000)
    view = window.view
    assert view is not None and view.conference.kind is ConferenceKind.REVIEW
    assert "since_last" in view.keys
    assert view.keys.index("since_last") == view.keys.index("family") + 1
    go_to(qtbot, window, "since_last")
    pane = view.panes["since_last"]
    first = view.conference.actions[0]
    progress = pane.fields[("action", first.id, "progress")].as_widget()
    assert isinstance(progress, QComboBox)
    progress.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # Done
    qtbot.waitUntil(
        lambda: _action(store, view.conference_id, first.id)[0] is ActionProgress.DONE,
        timeout=3000,
    )
    assert _action(store, view.conference_id, first.id)[1] is ActionStatus.DONE


def _action(store: Store, conference_id: int, action_id: int) -> tuple[object, object]:
    with store.read() as session:
        action = next(
            a for a in load_conference(session, conference_id).actions if a.id == action_id
        )
        return action.progress, action.status


def test_the_journey_from_the_open_conference_and_a_core_group(
    qtbot: QtBot, demo_window: MainWindow, store: Store
) -> None:
    window = demo_window
    press(qtbot, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.journey_view is not None, timeout=3000)
    journey = window.journey_view
    assert journey is not None
    assert journey.model.rowCount() == 1
    assert journey.charts, "the demo's scores are drawn"
    journey.grab()  # the charts paint
    assert focused() is journey.table
    press(
        qtbot, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: window.view is not None, timeout=5000)
    assert window.view is not None
    meeting = window.view.conference
    assert meeting.kind is ConferenceKind.CORE_GROUP
    assert window.view.keys[0] == "family"
    assert meeting.scheduled_at.date() == dt.date(2026, 12, 2)  # the first planned date
    # The header says the date as people write it: no leading zero.
    meta = window.view.header.meta.text().replace("\N{NO-BREAK SPACE}", " ")
    assert "Core group meeting  ·  Wed 2 Dec 2026, " in meta and "02 Dec" not in meta


def test_the_case_reference_is_typed_in_the_journey_and_kept(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int, actor: Actor
) -> None:
    window = demo_window
    # A later meeting of the case: the reference is still audited in the one open.
    op.start_core_group(store, actor=actor, meeting_id=demo_id)
    press(qtbot, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.journey_view is not None, timeout=3000)
    journey = window.journey_view
    assert journey is not None and journey.reference.text() == ""
    assert journey.journey.entries[-1].meeting_id != demo_id
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert focused() is journey.reference
    type_here(qtbot, "CP/2026/0042")
    press(qtbot, Qt.Key.Key_Tab)
    assert reference_of(store, demo_id) == "CP/2026/0042"
    assert "CP/2026/0042" in window.status.text()
    # Typed again and left by a menu key that takes no focus: kept all the same.
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_here(qtbot, "CP/2026/0043")
    window.show_start()
    assert reference_of(store, demo_id) == "CP/2026/0043"
    window.start.refresh()
    assert "(CP/2026/0043)" in str(
        window.start.case_model.data(window.start.case_model.index(0, 0))
    )
    window.show_journey(case_of_meeting(store, demo_id))
    assert window.journey_view is not None
    assert window.journey_view.reference.text() == "CP/2026/0043"
    with store.read() as session:
        trail = readable_trail(session, load_conference(session, demo_id))
    assert [
        (line.what, line.field, line.new) for line in trail if line.raw_field == "reference"
    ] == [
        ("The family's case", "Case reference", "CP/2026/0042"),
        ("The family's case", "Case reference", "CP/2026/0043"),
    ]


def reference_of(store: Store, meeting_id: int) -> str:
    with store.read() as session:
        return load_conference(session, meeting_id).case.reference


def case_of_meeting(store: Store, meeting_id: int) -> int:
    with store.read() as session:
        return load_conference(session, meeting_id).case_id


def test_a_review_shows_last_time_beside_this_time(
    qtbot: QtBot, window: MainWindow, store: Store, chair: Actor, demo_id: int
) -> None:
    from PySide6.QtWidgets import QLabel

    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    review = op.start_review(store, actor=chair, conference_id=demo_id).conference_id
    with store.read() as session:
        initial = load_conference(session, demo_id)
        kerry = next(p for p in initial.people if p.name == "Kerry Ashdown")
        safety = next(s.score for s in initial.safety_scores if s.person_id == kerry.id)
        first_statement = initial.danger_statements[0]
        danger = {s.person_id: s.score for s in first_statement.scores}[kerry.id]
    window.open_conference(review)
    view = window.view
    assert view is not None
    go_to(qtbot, window, "safety_scale")
    scale = view.panes["safety_scale"]
    assert isinstance(scale, SafetyScalePane)
    grid = scale.grid
    last_time = grid.findChildren(QLabel, "lastTime")
    earlier = {w.accessibleName() for w in last_time}
    # With its year: last time is often the year before.
    assert f"Kerry Ashdown last time: {safety}, on 24 November 2026" in earlier
    assert f"{safety} (24 Nov 2026)" in {w.text() for w in last_time}
    go_to(qtbot, window, "danger")
    pane = view.panes["danger"]
    assert isinstance(pane, DangerPane)
    spread = next(iter(pane.spreads.values()))
    assert any(m.name == "Kerry Ashdown" and m.score == danger for m in spread.previous)
    assert "Last time:" in spread.toolTip()
    spread.grab()  # draws today's dots and last time's rings


def test_the_review_list_flags_the_plans_rhythm(
    qtbot: QtBot, window: MainWindow, store: Store, chair: Actor, demo_id: int
) -> None:
    from cprecorder.ui.review.dock import meetings_of_case

    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    review = op.start_review(store, actor=chair, conference_id=demo_id).conference_id
    window.open_conference(review)
    view = window.view
    assert view is not None
    meetings = meetings_of_case(store, view.conference)
    assert meetings is not None and [m.id for m in meetings] == [demo_id, review]
    from cprecorder.review import review_record

    items = review_record(view.conference, meetings=meetings)
    flagged = [i for i in items if i.check == "core_groups_between_conferences"]
    assert flagged and flagged[0].pane == "since_last"
