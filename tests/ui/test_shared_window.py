"""The shared window: opened from the main window, follows the typing, pauses and blanks,
and never shows anything the family may not see, whatever is done in the main window."""

from __future__ import annotations

import string
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from by_keyboard import agenda_entries, go_to
from cprecorder.actor import Actor
from cprecorder.demo_marlowe import POLICE_INFORMATION, add_marlowe_conference
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.shared.window import ONE_MOMENT, PAUSED, TITLE, SharedWindow
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.settings import SHARED_GEOMETRY, SHARED_ZOOM, Settings

CONFIDENTIAL_WORRY = "seen with a man they are investigating"


def everything_shown(shared: QWidget) -> str:
    """Every word the shared window holds: titles, texts, tooltips, accessible names."""
    parts = [shared.windowTitle()]
    for widget in [shared, *shared.findChildren(QWidget)]:
        parts += [
            widget.windowTitle(),
            widget.toolTip(),
            widget.accessibleName(),
            widget.accessibleDescription(),
            widget.statusTip(),
            widget.whatsThis(),
        ]
        if isinstance(widget, QLabel):
            parts.append(widget.text())
        if isinstance(widget, QTextEdit):
            parts += [widget.toPlainText(), widget.toHtml()]
    return "\n".join(parts)


def page_text(shared: SharedWindow) -> str:
    return shared.page.toPlainText()


@pytest.fixture
def marlowe(window: MainWindow, store: Store, actor: Actor) -> Iterator[tuple[MainWindow, int]]:
    conference_id = add_marlowe_conference(store, actor)
    window.open_conference(conference_id)
    yield window, conference_id


def open_shared(qtbot: QtBot, window: MainWindow) -> SharedWindow:
    window.activateWindow()
    qtbot.keyClick(
        window,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    shared = window.shared
    assert shared is not None
    qtbot.addWidget(shared)
    qtbot.waitUntil(shared.isVisible, timeout=2000)
    return shared


def field(qtbot: QtBot, window: MainWindow, pane: str, key: tuple[str, int, str]) -> QWidget:
    go_to(qtbot, window, pane)
    QApplication.processEvents()
    assert window.view is not None
    return window.view.panes[pane].fields[key].as_widget()


def type_at_end(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def test_opened_from_the_main_window_titled_for_teams(
    qtbot: QtBot, marlowe: tuple[MainWindow, int]
) -> None:
    window, _ = marlowe
    toolbar = [a.text() for a in window.findChildren(QWidget, "mainToolbar")[0].actions()]
    assert "Open the &shared window" in toolbar
    view_menu = [a.text() for a in window.menuBar().actions() if a.text() == "&View"]
    assert view_menu
    shared = open_shared(qtbot, window)
    assert shared.windowTitle() == TITLE == "CP Recorder — shared with the family"
    assert shared.isWindow() and shared.windowTitle() != window.windowTitle()
    assert page_text(shared).startswith("Before the meeting")  # where the minute-taker is
    # The main window keeps the keyboard: the minute-taker types on.
    assert window.isActiveWindow() or not shared.isActiveWindow()


def test_typing_in_the_main_window_shows_in_the_shared_window(
    qtbot: QtBot, marlowe: tuple[MainWindow, int]
) -> None:
    window, conference_id = marlowe
    shared = open_shared(qtbot, window)
    reason = field(qtbot, window, "worries", ("conference", conference_id, "reason_for_conference"))
    qtbot.waitUntil(lambda: "Worries and what's working well" in page_text(shared))
    type_at_end(qtbot, reason, " The HV saw it too.")
    # Before any save, and in the family's words.
    qtbot.waitUntil(lambda: "The health visitor saw it too." in page_text(shared), timeout=1000)
    assert "typing" in shared.page.toHtml() or "fff3b0" in shared.page.toHtml()


def test_pause_and_blank_hold_across_edits(
    qtbot: QtBot, marlowe: tuple[MainWindow, int], store: Store
) -> None:
    window, conference_id = marlowe
    shared = open_shared(qtbot, window)
    reason = field(qtbot, window, "worries", ("conference", conference_id, "reason_for_conference"))
    qtbot.waitUntil(lambda: "Worries" in page_text(shared))
    before = page_text(shared)
    paused = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(reason, Qt.Key.Key_P, paused)
    assert shared.paused and shared.banner.isVisible() and shared.banner.text() == PAUSED
    type_at_end(qtbot, reason, " Said while paused.")
    qtbot.wait(300)
    assert page_text(shared) == before
    qtbot.keyClick(reason, Qt.Key.Key_B, paused)
    assert shared.blanked and shared.stack.currentWidget() is shared.blank
    assert shared.blank.text() == ONE_MOMENT
    type_at_end(qtbot, reason, " Said while blank.")
    qtbot.keyClick(reason, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)
    assert shared.stack.currentWidget() is shared.blank and shared.paused
    qtbot.keyClick(window, Qt.Key.Key_B, paused)  # back from blank: still paused
    assert shared.stack.currentWidget() is shared.page and page_text(shared) == before
    qtbot.keyClick(window, Qt.Key.Key_P, paused)  # following again
    qtbot.waitUntil(lambda: "Said while blank." not in page_text(shared), timeout=1000)
    assert not shared.banner.isVisible()


def test_own_zoom_and_remembered_size(
    qtbot: QtBot, marlowe: tuple[MainWindow, int], settings: Settings
) -> None:
    window, _ = marlowe
    shared = open_shared(qtbot, window)
    start = settings.get(SHARED_ZOOM)
    main_font = window.font().pointSizeF()
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(window, Qt.Key.Key_Equal, keys)
    assert settings.get(SHARED_ZOOM) == start + 10
    assert window.font().pointSizeF() == main_font
    shared.resize(700, 500)  # within the test screen (restoring keeps a window on it)
    shared.close()
    assert settings.get(SHARED_GEOMETRY)
    again = SharedWindow(settings)
    qtbot.addWidget(again)
    again.open()
    assert (again.width(), again.height()) == (700, 500)


def hidden_things(store: Store, conference_id: int) -> tuple[int, int]:
    with store.read() as session:
        conference = load_conference(session, conference_id)
        note = conference.professionals_only[0].id
        worry = next(w.id for w in conference.worries if w.confidential)
    return note, worry


sentinels = st.text(alphabet=string.ascii_letters, min_size=6, max_size=12).map(
    lambda s: f"QZX{s}XZQ"
)
PANES = [
    "before",
    "family",
    "worries",
    "involvement",
    "decision",
    "plan",
    "professionals_only",
    "summary",
    "childrens_plan",
]
steps = st.lists(
    st.one_of(
        st.tuples(st.just("note"), st.booleans()),
        st.tuples(st.just("worry"), st.booleans()),
        st.tuples(st.just("mark_confidential"), st.booleans()),
        st.tuples(st.just("family_words"), st.booleans()),
        st.tuples(st.just("pane"), st.sampled_from(PANES)),
        st.tuples(st.just("presentation"), st.booleans()),
        st.tuples(st.just("pause"), st.booleans()),
        st.tuples(st.just("save"), st.booleans()),
    ),
    min_size=1,
    max_size=10,
)


@settings(
    max_examples=8,
    deadline=None,
    # One window for every example: each sequence goes on from the last, as a day does.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sentinel=sentinels, actions=steps)
def test_nothing_professionals_only_ever_reaches_the_shared_window(
    qtbot: QtBot,
    marlowe: tuple[MainWindow, int],
    store: Store,
    sentinel: str,
    actions: list[tuple[str, object]],
) -> None:
    window, conference_id = marlowe
    shared = window.shared or open_shared(qtbot, window)
    view = window.view
    assert view is not None
    note, worry = hidden_things(store, conference_id)
    family_words = f"Family {sentinel[3:-3]} words"
    for action, value in actions:
        if action == "note" and not window.presentation:
            type_at_end(
                qtbot,
                field(
                    qtbot, window, "professionals_only", ("professionals_only_note", note, "text")
                ),
                f" {sentinel}",
            )
        elif action == "worry" and not window.presentation:
            type_at_end(
                qtbot, field(qtbot, window, "worries", ("worry", worry, "text")), f" {sentinel}"
            )
        elif action == "mark_confidential":
            # A worry that holds the sentinel is marked confidential before it is saved.
            reason = field(qtbot, window, "worries", ("worry", worry - 1, "text"))
            type_at_end(qtbot, reason, f" {sentinel}")
            view.recorder.edit("worry", worry - 1, "confidential", True)
        elif action == "family_words":
            summary = field(
                qtbot, window, "summary", ("conference", conference_id, "chair_summary")
            )
            type_at_end(qtbot, summary, f" {family_words}")
            qtbot.waitUntil(
                lambda: shared.paused or shared.blanked or family_words in page_text(shared),
                timeout=1000,
            )
        elif action == "pane":
            if value in agenda_entries(window):  # not professionals-only on a shared screen
                go_to(qtbot, window, str(value))
        elif action == "presentation":
            window.set_presentation(bool(value))
        elif action == "pause":
            shared.set_paused(bool(value))
        elif action == "save":
            window.save_now()
        QApplication.processEvents()
        shown = everything_shown(shared)
        assert sentinel not in shown, action
        assert "DC Holt told professionals" not in shown and POLICE_INFORMATION not in shown
        assert CONFIDENTIAL_WORRY not in shown
    shared.set_paused(False)
