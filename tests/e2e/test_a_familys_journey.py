"""A family's journey by keyboard: an initial conference signed off, two core group
meetings, a review that steps one child down to a child in need plan and keeps the
other on a plan with a changed category; the journey shows it all, the chart has two
points per person, and the exports carry "since the last conference" and nothing
professionals-only.

Everything after the initial conference is done with keys alone: the cursor reaches
each field with Tab from where the window put it, never by focusing a widget, and the
documents are exported from the window's Export dialog.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from by_keyboard import answering, focused, open_window, press, step_to, type_here, wait_saved
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.demo import add_demo_conference
from cprecorder.export import DocumentKind
from cprecorder.journey import Outcome, load_journey
from cprecorder.model import ActionProgress, ConferenceKind, PlanType
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.dialogs.export import ExportDialog
from cprecorder.ui.shell.main_window import MainWindow

POLICE_NOTE = "Police hold information from a third party"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def key(
    qtbot: QtBot, k: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), k, modifiers)


def tab_to(qtbot: QtBot, window: MainWindow, pane: str, field: tuple[str, int, str]) -> None:
    """Tab from where the cursor is until it is in the field, as a person does (a pane
    rebuilt on the way hands the cursor on, so the field is looked up at each step)."""
    # A pane rebuilt after a choice hands the cursor on a moment later: as a person
    # does, wait to see it in a field on screen before the next key.
    qtbot.waitUntil(lambda: focused().isVisible(), timeout=5000)
    passed: list[str] = []
    for _ in range(80):
        view = window.view
        assert view is not None
        bound = view.panes[pane].fields.get(field)
        here = focused()
        if bound is not None and (
            here is bound.as_widget() or bound.as_widget().isAncestorOf(here)
        ):
            return
        passed.append(here.accessibleName() or type(here).__name__)
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {field}: {passed}")


def record_progress(qtbot: QtBot, window: MainWindow, note: str) -> None:
    """In "Progress since the last meeting": the first action asked about, done, with a note."""
    step_to(qtbot, window, "since_last")
    view = window.view
    assert view is not None
    # The first action carried open from last time.
    first = next(k[1] for k in view.panes["since_last"].fields if k[2] == "progress")
    tab_to(qtbot, window, "since_last", ("action", first, "progress"))
    key(qtbot, Qt.Key.Key_Down)  # Done
    wait_saved(qtbot, window)
    tab_to(qtbot, window, "since_last", ("action", first, "progress_note"))
    type_here(qtbot, note)
    wait_saved(qtbot, window)


def export_by_keyboard(qtbot: QtBot, target: Path, *, family: bool) -> None:
    """Ctrl+E; the document (Down for the family's version); Alt+S, the file; Enter; Esc."""

    def fill(dialog: ExportDialog) -> None:
        assert focused() is dialog.kind
        if family:
            key(qtbot, Qt.Key.Key_Down)
        key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
        assert focused() is dialog.path
        key(qtbot, Qt.Key.Key_A, CTRL)
        type_here(qtbot, str(target))
        key(qtbot, Qt.Key.Key_Return)  # Export is the default button
        assert dialog.problem.text() == ""
        key(qtbot, Qt.Key.Key_Escape)

    with answering(ExportDialog, fill):
        key(qtbot, Qt.Key.Key_E, CTRL)


def test_a_family_from_the_initial_conference_to_a_review_by_keyboard(
    qtbot: QtBot, store: Store, actor: Actor, chair: Actor, tmp_path: Path
) -> None:
    initial = add_demo_conference(store, actor)
    op.sign_off(store, actor=chair, conference_id=initial, chair_name="Ruth Calloway")
    window = open_window(qtbot, store, chair, tmp_path / "s.ini")

    # The start view opens in its search box: find the family, Tab to their case, Enter
    # shows the journey.
    assert focused() is window.start.search
    type_here(qtbot, "Ashdown")
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.start.cases
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.journey_view is not None, timeout=5000)

    # The authority's case reference, typed in the journey (Alt+S) and kept.
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert window.journey_view is not None and focused() is window.journey_view.reference
    type_here(qtbot, "CP/2026/0117")
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: case_reference(store, initial) == "CP/2026/0117", timeout=5000)

    # Two core group meetings, each started from the latest meeting.
    key(qtbot, Qt.Key.Key_G, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.view is not None, timeout=5000)
    assert window.view is not None
    assert window.view.conference.kind is ConferenceKind.CORE_GROUP
    record_progress(qtbot, window, "Booked for 3 December.")
    key(qtbot, Qt.Key.Key_G, CTRL_SHIFT)
    qtbot.waitUntil(
        lambda: (
            window.view is not None
            and window.view.conference.scheduled_at.date() == dt.date(2027, 1, 13)
        ),
        timeout=5000,
    )
    record_progress(qtbot, window, "Going well.")

    # The review, from the journey: Ctrl+J, then the review button's Alt+C.
    key(qtbot, Qt.Key.Key_J, CTRL)
    qtbot.waitUntil(lambda: window.view is None and window.journey_view is not None)
    key(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(
        lambda: window.view is not None and window.view.conference.kind is ConferenceKind.REVIEW,
        timeout=5000,
    )
    view = window.view
    assert view is not None
    review = view.conference_id
    assert view.conference.scheduled_at == dt.datetime(2027, 2, 24, 10)
    maisie, leo = view.conference.children

    # Everyone scales again: last time's scores are beside today's.
    step_to(qtbot, window, "safety_scale")
    kerry, dean = view.conference.people[0], view.conference.people[1]
    for person, score in ((kerry, "7"), (dean, "6")):
        tab_to(qtbot, window, "safety_scale", ("person", person.id, "safety_score"))
        key(qtbot, Qt.Key.Key_A, CTRL)  # the whole box
        type_here(qtbot, score)
        key(qtbot, Qt.Key.Key_Tab)
        qtbot.waitUntil(saved_as(store, review, person.id, int(score)), timeout=5000)
        qtbot.wait(100)  # the pane is rebuilt with the cursor where it was

    # The decision: Maisie steps down to a child in need plan; Leo's plan continues,
    # now for neglect.
    step_to(qtbot, window, "decision")
    tab_to(qtbot, window, "decision", ("child", maisie.id, "decision_plan_type"))
    key(qtbot, Qt.Key.Key_C)  # child protection plan…
    key(qtbot, Qt.Key.Key_C)  # …child in need plan
    wait_saved(qtbot, window)
    tab_to(qtbot, window, "decision", ("child", leo.id, "decision_plan_type"))
    key(qtbot, Qt.Key.Key_C)
    tab_to(qtbot, window, "decision", ("child", leo.id, "category-neglect"))
    key(qtbot, Qt.Key.Key_Space)
    wait_saved(qtbot, window)

    # The review's own "what has changed": both actions were finished at a core group,
    # so they are said, not asked again.
    step_to(qtbot, window, "since_last")
    said = "\n".join(label.text() for label in view.panes["since_last"].findChildren(QLabel))
    assert "Done at the core group on 2 December 2026: Booked for 3 December." in said
    assert "Done at the core group on 13 January 2027: Going well." in said

    # The professionals' record and the family's version, exported from the window.
    exported = {
        DocumentKind.RECORD: tmp_path / "record.docx",
        DocumentKind.FAMILY: tmp_path / "family.docx",
    }
    for kind, target in exported.items():
        export_by_keyboard(qtbot, target, family=kind is DocumentKind.FAMILY)

    # The journey shows all of it.
    key(qtbot, Qt.Key.Key_J, CTRL)
    qtbot.waitUntil(lambda: window.view is None and window.journey_view is not None)
    journey = window.journey_view
    assert journey is not None
    kinds = [entry.kind for entry in journey.journey.entries]
    assert kinds == [
        ConferenceKind.INITIAL,
        ConferenceKind.CORE_GROUP,
        ConferenceKind.CORE_GROUP,
        ConferenceKind.REVIEW,
    ]
    outcomes = journey.journey.entries[-1].outcomes
    assert [o.outcome for o in outcomes] == [Outcome.STEPS_DOWN, Outcome.CONTINUES]
    outcome_cell = journey.model.index(3, journey.model.HEADERS.index("Outcome for each child"))
    assert "steps down to a child in need plan" in journey.model.data(outcome_cell)
    # The whole outcome on hover, however narrow the column.
    assert journey.model.data(outcome_cell, Qt.ItemDataRole.ToolTipRole) == journey.model.data(
        outcome_cell
    )
    safety = {s.label: s for s in journey.journey.scores.safety}
    kerry_line = next(s for label, s in safety.items() if label.startswith("Kerry Ashdown"))
    assert [p.score for p in kerry_line.points][-1] == 7
    # Two points for each person who scaled today: last time's and today's.
    scaled_today = [line for line in safety.values() if line.points[-1].meeting_id == review]
    assert len(scaled_today) == 2
    assert all(len(line.points) == 2 for line in scaled_today)
    assert "CP/2026/0117" in journey.reference.text()
    assert journey.charts and journey.charts[0].data.title == "The safety scale over time"
    journey.charts[0].grab()

    with store.read() as session:
        record = load_conference(session, review)
        assert [c.decision.plan_type for c in record.children if c.decision] == [
            PlanType.CHILD_IN_NEED,
            PlanType.CHILD_PROTECTION,
        ]
        assert record.children[1].initial_category_keys == ["emotional_abuse"]
        groups = load_journey(session, record.case_id).entries[1:3]
        for group in groups:
            actions = load_conference(session, group.meeting_id).actions
            assert ActionProgress.DONE in {a.progress for a in actions}
        assert load_journey(session, record.case_id).entries[-1].meeting_id == review
    texts = {kind: text_of(target.read_bytes()) for kind, target in exported.items()}
    for kind, text in texts.items():
        assert "What has changed since the last conference" in text
        assert "Core group meetings since the last conference" in text
        assert "Wednesday 2 December 2026" in text and "Wednesday 13 January 2027" in text
        assert "Scores over time" in text
        assert "Done at the core group on 2 December 2026" in text
        assert (POLICE_NOTE in text) is (kind is DocumentKind.RECORD)


def saved_as(store: Store, conference_id: int, person_id: int, score: int) -> Callable[[], bool]:
    """Whether the person's safety score is saved as ``score`` (to wait for)."""
    return lambda: saved_safety(store, conference_id, person_id) == score


def case_reference(store: Store, meeting_id: int) -> str:
    with store.read() as session:
        return load_conference(session, meeting_id).case.reference


def saved_safety(store: Store, conference_id: int, person_id: int) -> int | None:
    with store.read() as session:
        scores = load_conference(session, conference_id).safety_scores
        return next((s.score for s in scores if s.person_id == person_id), None)


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)
