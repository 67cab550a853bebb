"""Write a PNG of every pane, in normal and presentation mode, with the demo conference.

Usage: python scripts/screenshots.py docs/screenshots [--only NAME ...]
Pictures this run does not write again (of a pane that is gone) are removed. With
``--only``, only the pictures whose name starts with one of the NAMEs are written (for
example ``--only start journey safety_scale-presentation``) and nothing is removed.
Files: start.png, <pane>-normal.png, <pane>-presentation.png; the same at 1280×720 in
1280x720/ (a council laptop, or a window Teams has scaled); the Marlowe case's panes
that differ for an unborn child and several children in marlowe-<pane>.png; for the
family's journey (two core groups and a review after the demo conference):
journey-<mode>.png (at 1280×720 too), journey-chart-<mode>.png (scrolled to the
first chart), review-<pane>-<mode>.png (what has changed, scaling beside last
time) and core-group-<pane>-<mode>.png.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.demo import add_demo_conference
from cprecorder.demo_marlowe import add_marlowe_conference
from cprecorder.model import ActionProgress, GoalProgress, PlanType, Role
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.recording.conference_view import ConferenceView
from cprecorder.ui.shell.app import create_main_window
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.settings import Settings

SIZE = (1440, 900)
#: The time the header's "All changes saved …" shows in every run (the Marlowe
#: conference's morning), so that a picture changes only when the window does.
SAVED_AT = dt.datetime(2026, 12, 10, 10, 42, 0)
SMALL = (1280, 720)
#: The Marlowe case's panes worth a look: an unborn child, each parent, several children.
MARLOWE_PANES = ("family", "involvement", "decision", "childrens_plan")


#: The beginnings of the names of the pictures to write; empty for every picture.
ONLY: tuple[str, ...] = ()


def wanted(path: Path) -> bool:
    """Whether the picture at ``path`` is to be written this run (see ``--only``)."""
    return not ONLY or path.name.startswith(ONLY)


def settle() -> None:
    """Let layouts and text fields fit their words before the picture is taken."""
    QTest.qWait(120)


def save_settled(widget: QWidget, path: str) -> None:
    """Save the widget's picture once two taken a moment apart are the same: text
    fields that grow to fit their words, and the layouts around them, have settled."""
    if not wanted(Path(path)):
        return
    picture = widget.grab().toImage()
    for _ in range(20):
        QTest.qWait(60)
        again = widget.grab().toImage()
        if again == picture:
            break
        picture = again
    picture.save(path)


def open_settled(window: MainWindow, conference_id: int) -> None:
    """Open a conference and wait until its view has settled: the header's review date
    comes once the first frame is painted, and a picture taken before it arrives (or
    before the header is laid out again around it) differs from run to run."""
    window.open_conference(conference_id)
    view = window.view
    assert view is not None
    done: list[bool] = []
    view.settled.connect(lambda: done.append(True))
    deadline = time.monotonic() + 5
    while not done and time.monotonic() < deadline:
        QTest.qWait(20)
    settle()


def show_from_top(view: ConferenceView, key: str, size: tuple[int, int] = SIZE) -> bool:
    """Show a pane, pictured from its top: its title and the picture under it (the safety
    scale's spread) whole, not scrolled to the field the cursor is in. ``False`` for a pane
    that is not shown (professionals-only is never on a shared screen)."""
    pane = view.show_pane(key)
    if pane is None:
        return False
    window = view.window()
    if (window.width(), window.height()) != size:
        window.resize(*size)
    settle()
    pane.scroller.verticalScrollBar().setValue(0)
    settle()
    return True


def shared_pictures(window: MainWindow, out: Path) -> None:
    """The shared window following the typing (shared-window.png), and blanked."""
    view = window.view
    assert view is not None
    view.recorder.clock = lambda: SAVED_AT
    shared = window.open_shared_window()
    shared.resize(*SMALL)
    view.show_pane("worries")
    settle()
    reason = (
        view.panes["worries"]
        .fields[("conference", view.conference_id, "reason_for_conference")]
        .as_widget()
    )
    reason.setFocus()
    QTest.keyClick(reason, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(reason, " The HV saw bruises on Rory's arm.")
    view.recorder.flush()  # saved, as a pause in the typing saves it: not "Saving…"
    settle()
    save_settled(shared, str(out / "shared-window.png"))
    save_settled(window, str(out / "shared-window-main.png"))
    shared.set_blanked(True)
    settle()
    save_settled(shared, str(out / "shared-window-blank.png"))
    shared.set_blanked(False)
    shared.close()


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    QApplication.instance() or QApplication(sys.argv)
    # A blinking cursor is drawn or not as the clock says: a steady one is in every picture.
    QApplication.styleHints().setCursorFlashTime(0)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open_sqlite(Path(folder) / "demo.sqlite3")
        conference_id = add_demo_conference(store)
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window = create_main_window(
            store, Actor("Gemma Stiles", Role.MINUTE_TAKER, "demo"), settings, reopen=False
        )
        window.resize(*SIZE)
        window.show()
        settle()
        open_settled(window, conference_id)
        view = window.view
        assert view is not None
        for mode in ("normal", "presentation"):
            window.set_presentation(mode == "presentation")
            for key in view.keys:
                if wanted(out / f"{key}-{mode}.png") and show_from_top(view, key):
                    save_settled(window, str(out / f"{key}-{mode}.png"))
        small = out / "1280x720"
        small.mkdir(exist_ok=True)
        window.resize(*SMALL)
        for mode in ("normal", "presentation"):
            window.set_presentation(mode == "presentation")
            for key in view.keys:
                if wanted(small / f"{key}-{mode}.png") and show_from_top(view, key, SMALL):
                    save_settled(window, str(small / f"{key}-{mode}.png"))
        window.set_presentation(False)
        window.resize(*SIZE)
        open_settled(window, add_marlowe_conference(store))
        view = window.view
        assert view is not None
        for key in MARLOWE_PANES:
            if wanted(out / f"marlowe-{key}.png") and show_from_top(view, key):
                save_settled(window, str(out / f"marlowe-{key}.png"))
        if wanted(out / "shared-window.png"):
            shared_pictures(window, out)
        window.close_conference()
        journey_pictures(window, store, conference_id, out)
        window.set_presentation(False)
        # The start view with every meeting of both families: as a person finds it.
        window.show_start()
        window.resize(*SIZE)
        settle()
        save_settled(window, str(out / "start.png"))
        window.resize(*SMALL)
        settle()
        save_settled(window, str(out / "1280x720" / "start.png"))
        window.close()
        store.close()
    # A picture this run did not write again is of a pane or view that is gone.
    for stale in sorted(p for p in out.rglob("*.png") if p.stat().st_mtime < started and not ONLY):
        stale.unlink()
        print(f"removed {stale}: no longer produced")
    written = sorted(p.name for p in out.rglob("*.png"))
    print(f"{len(written)} screenshots in {out}")
    return 0


def build_journey(store: Store, initial: int) -> tuple[int, int]:
    """The demo family's next meetings: two core groups and a review, with progress and
    scores. Returns (the first core group, the review)."""
    chair = Actor("Ruth Calloway", Role.CHAIR, "demo")
    op.sign_off(store, actor=chair, conference_id=initial, chair_name="Ruth Calloway")
    groups = []
    for day in (dt.datetime(2026, 12, 2, 15, 30), dt.datetime(2027, 1, 13, 15, 30)):
        meeting = op.start_core_group(store, actor=chair, meeting_id=initial, scheduled_at=day)
        groups.append(meeting.conference_id)
        with store.read() as session:
            action = load_conference(session, meeting.conference_id).actions[0]
        op.set_action_progress(
            store, actor=chair, action_id=action.id, progress=ActionProgress.DONE, note="Done."
        )
    review = op.start_review(store, actor=chair, conference_id=initial).conference_id
    with store.read() as session:
        record = load_conference(session, review)
    for index, action in enumerate(record.actions[:3]):
        progress = (ActionProgress.DONE, ActionProgress.PARTLY, ActionProgress.NOT_DONE)[index]
        op.set_action_progress(store, actor=chair, action_id=action.id, progress=progress)
    statement = record.danger_statements[0]
    op.update(
        store,
        actor=chair,
        entity="danger_statement",
        entity_id=statement.id,
        values={"goal_progress": GoalProgress.PARTLY, "goal_progress_note": "Most school days."},
    )
    for number, person in enumerate(record.people[:7]):
        if person.kind.value == "network" and number > 2:
            continue
        op.set_safety_score(
            store,
            actor=chair,
            conference_id=review,
            person_id=person.id,
            score=min(10, 5 + number % 3),
            reason="Things are calmer at home.",
        )
        op.set_danger_score(
            store,
            actor=chair,
            statement_id=statement.id,
            person_id=person.id,
            score=min(10, 4 + number % 4),
        )
    maisie, leo = record.children
    op.set_decision(
        store,
        actor=chair,
        conference_id=review,
        child_id=maisie.id,
        plan_type=PlanType.CHILD_IN_NEED,
        reasons="Maisie is safer at home.",
    )
    op.set_decision(
        store,
        actor=chair,
        conference_id=review,
        child_id=leo.id,
        plan_type=PlanType.CHILD_PROTECTION,
        categories=["neglect"],
        reasons="Leo's health appointments are still missed.",
    )
    return groups[0], review


def journey_pictures(window: object, store: Store, initial: int, out: Path) -> None:
    """The journey view, a review's panes that look back, a core group's progress."""
    from cprecorder.ui.shell.main_window import MainWindow

    assert isinstance(window, MainWindow)
    core_group, review = build_journey(store, initial)
    chair = Actor("Ruth Calloway", Role.CHAIR, "demo")
    op.set_case_details(store, actor=chair, meeting_id=review, reference="CP/2026/0117")
    with store.read() as session:
        case_id = load_conference(session, review).case_id
    for mode in ("normal", "presentation"):
        window.set_presentation(mode == "presentation")
        for size, name in ((SMALL, f"1280x720/journey-{mode}.png"), (SIZE, f"journey-{mode}.png")):
            window.resize(*size)
            window.show_journey(case_id)
            settle()
            window.statusBar().clearMessage()
            save_settled(window, str(out / name))
        journey = window.journey_view
        assert journey is not None and journey.chart_cards
        journey.chart_cards[0].setFocus()  # as Tab reaches it: the page scrolls to it
        settle()
        save_settled(window, str(out / f"journey-chart-{mode}.png"))
        for meeting, prefix, keys in (
            (review, "review", ("since_last", "danger", "safety_scale", "decision")),
            (core_group, "core-group", ("family", "since_last")),
        ):
            if not any(wanted(out / f"{prefix}-{key}-{mode}.png") for key in keys):
                continue
            open_settled(window, meeting)
            view = window.view
            assert view is not None
            for key in keys:
                if wanted(out / f"{prefix}-{key}-{mode}.png") and show_from_top(view, key):
                    save_settled(window, str(out / f"{prefix}-{key}-{mode}.png"))
            window.close_conference()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if "--only" in arguments:
        ONLY = tuple(arguments[arguments.index("--only") + 1 :])
        arguments = arguments[: arguments.index("--only")]
    sys.exit(main(Path(arguments[0] if arguments else "docs/screenshots")))
