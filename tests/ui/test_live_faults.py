"""Faults the live typing run (scripts/live_typing.py, a real X screen typed at with
xdotool) found, each reproduced here with real widgets and keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from by_keyboard import answering, focused, go_to, open_window, press, settled
from cprecorder.actor import Actor
from cprecorder.store import Store
from cprecorder.ui.panes import Pane
from cprecorder.ui.shell.app import Records, show_then_open
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.settings import LAST_CONFERENCE, LAST_FIELD, LAST_PANE, Settings
from cprecorder.ui.shell.start_view import NewConferenceDialog
from cprecorder.ui.widgets.fields import ScoreField, TextField

Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier


def test_after_the_new_conference_dialog_the_window_shortcuts_work(
    qtbot: QtBot, store: Store, actor: Actor, tmp_path: Path
) -> None:
    """Without a window manager to hand it back, the window never became active again
    after the dialog: Tab still moved, but Ctrl+PgDn did nothing and the whole
    conference was typed round the first pane's fields."""
    window = open_window(qtbot, store, actor, tmp_path / "s.ini")

    def fill(dialog: NewConferenceDialog) -> None:
        qtbot.keyClicks(focused(), "Fenwick")
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        qtbot.keyClicks(focused(), "Poppy Fenwick")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.keyClicks(focused(), "Alfie Fenwick")
        for _ in range(5):  # kind, date, time, how held, chair: Enter there starts it
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        qtbot.keyClicks(focused(), "Ivo Marsh")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)

    window.setFocus()
    with answering(NewConferenceDialog, fill):
        press(qtbot, Qt.Key.Key_N, Ctrl)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    view = window.view
    assert view is not None
    settled(qtbot)
    first = view.current_key()
    press(qtbot, Qt.Key.Key_PageDown, Ctrl)
    assert view.current_key() == view.keys[view.keys.index(first) + 1]
    here = focused()
    assert view.panes[view.current_key()].isAncestorOf(here)


def test_keys_typed_while_the_records_open_land_in_the_field(
    qtbot: QtBot, store: Store, actor: Actor, demo_id: int, settings: Settings
) -> None:
    """The window is painted before the last conference is reopened; a minute-taker who
    starts typing at once had those keys thrown away (no field existed to take them)."""
    summary_key = f"conference:{demo_id}:chair_summary"
    settings.set(LAST_CONFERENCE, demo_id)
    settings.set(LAST_PANE, "summary")
    settings.set(LAST_FIELD, summary_key)
    window = show_then_open(settings, lambda: Records(store, actor))
    qtbot.addWidget(window)
    assert window.view is None  # "Opening your records…"
    qtbot.keyClicks(window, "Typed early")
    qtbot.keyClick(window, Qt.Key.Key_Tab)  # kept too: the next field takes what follows
    qtbot.keyClicks(window, "next")
    qtbot.waitUntil(lambda: window.view is not None, timeout=10_000)
    view = window.view
    assert view is not None
    qtbot.waitUntil(lambda: focused().property("field_key") != summary_key, timeout=2000)
    summary = view.panes["summary"].fields[("conference", demo_id, "chair_summary")]
    decision = view.panes["summary"].fields[("conference", demo_id, "decision_statement")]
    assert isinstance(summary, QTextEdit) and isinstance(decision, QTextEdit)
    assert summary.toPlainText().endswith("Typed early")
    assert decision.toPlainText().endswith("next")
    window.close()


def test_a_capital_letter_in_a_score_box_is_refused_like_any_other(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """A name typed into a score box by mistake ("Maureen…", the cursor one row further
    than the minute-taker thought) came with Shift: the box took the capital as text,
    and every key after it raised an error ("CP Recorder met a problem")."""
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "safety_scale")
    box = next(
        w for w in view.panes["safety_scale"].findChildren(ScoreField) if w.isVisibleTo(view)
    )
    box.setFocus()
    before = box.text()
    qtbot.keyClick(box, Qt.Key.Key_M, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(box, "aureen")
    assert box.text() == before  # refused: the box keeps the last score
    assert "number from 0 to 10" in demo_window.status.text()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClick(box, Qt.Key.Key_7)
    assert box.text() == "7"


def test_ctrl_enter_in_a_list_item_is_a_new_line(qtbot: QtBot, demo_window: MainWindow) -> None:
    """Ctrl+Enter in the middle of a plan step did nothing: "Nadia rings Bethan" and
    "if he comes." were saved run together."""
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "plan")
    step = next(w for w in view.panes["plan"].findChildren(TextField) if w.isVisibleTo(view))
    step.setFocus()
    step.moveCursor(step.textCursor().MoveOperation.End)
    qtbot.keyClicks(step, " Nadia rings Bethan")
    qtbot.keyClick(step, Qt.Key.Key_Return, Ctrl)
    qtbot.keyClicks(step, "if he comes.")
    assert step.toPlainText().endswith(" Nadia rings Bethan\nif he comes.")


def test_a_confidential_worry_being_typed_in_shows_both_borders(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """The keyboard's focus border replaced the amber "professionals only" border: while
    the minute-taker typed in a confidential worry, nothing on screen said it was one."""
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "worries")
    worry = next(
        w
        for w in view.panes["worries"].findChildren(TextField)
        if w.isVisibleTo(view) and str(w.property("field_key")).startswith("worry:")
    )
    worry.setFocus()
    if not worry.property("confidential"):
        qtbot.keyClick(worry, Qt.Key.Key_O, Ctrl | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(focused().property("confidential")), timeout=2000)
    field = focused()
    image = field.grab().toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 1)
        for y in (image.height() // 2, 1, image.height() - 2)
    }
    amber, accent = "#8a4b08", "#1f6f78"  # the theme's confidential and accent colours
    assert amber in colours  # professionals only
    assert accent in colours  # the keyboard is here


def shared_safety_scale(qtbot: QtBot, window: MainWindow, width: int, height: int) -> Pane:
    """The safety scale in presentation mode (F5), the window at this size."""
    window.resize(width, height)
    pane = go_to(qtbot, window, "safety_scale")
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.presentation, timeout=3000)
    qtbot.wait(50)
    return pane


def test_on_the_shared_screen_a_score_box_leaves_room_for_the_words(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """At 1600×1000 in presentation mode the score box ("6") took a third of the row and
    "Why this score" was squeezed to two words a line in front of the family."""
    pane = shared_safety_scale(qtbot, demo_window, 1600, 1000)
    box = next(w for w in pane.findChildren(ScoreField) if w.isVisibleTo(pane))
    reason = next(
        w
        for w in pane.findChildren(TextField)
        if w.isVisibleTo(pane) and w.accessibleName().startswith("Why this score")
    )
    assert box.width() <= box.fontMetrics().horizontalAdvance("10") * 6
    assert reason.width() > box.width()


def test_on_the_shared_screen_an_empty_fields_prompt_is_read_whole(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """At 1280×720 in presentation mode the safety scale's empty "One point up" showed
    "What would" and nothing more: Qt draws a prompt on one line, cut at the edge."""
    pane = shared_safety_scale(qtbot, demo_window, 1280, 720)
    field = next(
        w
        for w in pane.findChildren(TextField)
        if w.isVisibleTo(pane) and not w.toPlainText() and w.placeholderText().startswith("What")
    )
    metrics = field.viewport().fontMetrics()
    margin = int(field.document().documentMargin())
    inside = field.viewport().rect().adjusted(margin, margin, -margin, -margin)
    wrapped = metrics.boundingRect(
        QRect(0, 0, inside.width(), 100_000), int(Qt.TextFlag.TextWordWrap), field.placeholderText()
    )
    assert wrapped.height() > metrics.lineSpacing()  # it needs more than one line here...
    assert wrapped.height() <= inside.height()  # ...and the field is as tall as that
    # ...and the prompt is drawn on each of those lines, not on the first alone.
    picture = field.viewport().grab().toImage()
    background = picture.pixelColor(picture.width() - 2, picture.height() - 2)
    below_first_line = range(margin + metrics.lineSpacing() + 2, margin + wrapped.height())
    inked = [
        y
        for y in below_first_line
        if any(picture.pixelColor(x, y) != background for x in range(margin, inside.right()))
    ]
    assert inked, "nothing of the prompt is drawn below its first line"


def test_a_window_deleted_with_words_unsaved_saves_them_and_says_nothing(
    qtbot: QtBot, store: Store, actor: Actor, demo_id: int, settings: Settings
) -> None:
    """A window that goes without being closed (the typist's, at the end of its run)
    saved the words its field still held as the field lost the cursor, then told the
    window, half gone, to offer its actions again: a ``TypeError`` on
    ``actions_changed.emit()`` was printed on stderr (pytest-qt fails on it here)."""
    import shiboken6

    from cprecorder.queries import load_conference
    from cprecorder.ui.shell.app import create_main_window

    window = create_main_window(store, actor, settings, reopen=False)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.open_conference(demo_id)
    go_to(qtbot, window, "summary")
    view = window.view
    assert view is not None
    summary = view.panes["summary"].fields[("conference", demo_id, "chair_summary")]
    assert isinstance(summary, QTextEdit)
    summary.setFocus()
    qtbot.keyClick(summary, Qt.Key.Key_End, Ctrl)
    qtbot.keyClicks(summary, " Said last")
    assert view.recorder.has_pending()  # not saved yet: autosave waits for a pause
    shiboken6.delete(window)
    with store.read() as session:
        assert load_conference(session, demo_id).chair_summary.endswith(" Said last")
