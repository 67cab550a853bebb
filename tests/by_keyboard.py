"""Driving the window as a person does: keys where the cursor is, dialogs answered when they open.

One helper for the UI and end-to-end tests:

* :func:`focused` is the widget with the keyboard focus (waiting a moment for a
  rebuilt pane to hand it on);
* :func:`settled` is that widget once a rebuilt pane is on screen;
* :func:`press` and :func:`type_here` send keys to it, one by one;
* :func:`wait_saved` waits for the autosave instead of forcing it;
* :func:`go_to` chooses an agenda item as a person does, with a click on its entry in
  the agenda (:func:`agenda_entries` lists the entries the agenda shows now), and
  :func:`step_to` reaches it with Ctrl+PgDown / Ctrl+PgUp;
* :func:`open_window` opens the main window as a person finds it;
* :func:`answering` answers a dialog once it is open, however long it takes
  to open, and closes it if the answer fails, so a broken answer fails the test
  instead of leaving ``exec()`` waiting for ever;
* :func:`unnamed_controls` lists the buttons and fields a screen reader would have no
  name of our own for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, overload

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

if TYPE_CHECKING:
    from cprecorder.actor import Actor
    from cprecorder.recovery import RecoveryJournal
    from cprecorder.store import Store
    from cprecorder.ui.panes import Pane
    from cprecorder.ui.shell.main_window import MainWindow
    from cprecorder.ui.shell.settings import Settings

D = TypeVar("D", bound=QDialog)
P = TypeVar("P", bound="Pane")

#: A rebuilt pane hands the focus on within this long.
FOCUS_WAIT_MS = 1000
#: A dialog is answered within this long of opening, or the test fails.
DIALOG_WAIT_MS = 10_000


def focused() -> QWidget:
    """The widget with the keyboard focus; a rebuilt pane takes a moment to hand it on."""
    for _ in range(FOCUS_WAIT_MS // 25):
        widget = QApplication.focusWidget()
        if widget is not None:
            return widget
        QTest.qWait(25)
    raise AssertionError("nothing has the keyboard focus")


def settled(qtbot: QtBot) -> QWidget:
    """The focused field once the rebuilt pane is on screen (a person types after that)."""
    qtbot.waitUntil(lambda: focused().isVisible(), timeout=2000)
    return focused()


def press(
    qtbot: QtBot,
    key: Qt.Key | str,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """One key (with modifiers) where the cursor is now, after the window has caught up,
    as between a person's keystrokes (a rebuilt pane is shown by the event loop)."""
    QApplication.processEvents()
    qtbot.keyClick(focused(), key, modifiers)


def type_here(qtbot: QtBot, text: str) -> None:
    """Key by key into whatever has the focus, as a person types.

    The first words of some fields create their row and move the cursor to the
    field bound to it; the next key must go where the cursor now is.
    """
    for char in text:
        press(qtbot, char)


def open_window(
    qtbot: QtBot,
    store: Store,
    who: Actor,
    settings: Path | Settings,
    *,
    journal: RecoveryJournal | None = None,
    reopen: bool = False,
) -> MainWindow:
    """A main window as a person finds it: shown, active, the cursor somewhere in it.

    ``settings`` are the window's own (or the ini file that keeps them); ``journal`` keeps
    what could not be saved, where a test looks at recovery; ``reopen`` opens the last
    conference where work stopped, as the app does when it starts.
    """
    from cprecorder.ui.shell.app import create_main_window
    from cprecorder.ui.shell.settings import Settings

    if not isinstance(settings, Settings):
        settings = Settings(QSettings(str(settings), QSettings.Format.IniFormat))
    window = create_main_window(store, who, settings, reopen=reopen, journal=journal)
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)  # for its shortcuts
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def agenda_entries(window: MainWindow) -> list[str]:
    """The agenda items whose entries the agenda shows now (on a shared screen, not the
    professionals-only one)."""
    view = window.view
    assert view is not None, "no conference is open"
    return [key for row, key in enumerate(view.keys) if not view.nav.item(row).isHidden()]


@overload
def go_to(qtbot: QtBot, window: MainWindow, key: str) -> Pane: ...
@overload
def go_to(qtbot: QtBot, window: MainWindow, key: str, kind: type[P]) -> P: ...
def go_to(qtbot: QtBot, window: MainWindow, key: str, kind: type[Pane] | None = None) -> Pane:
    """Choose the agenda item ``key`` as a person does: a click on its entry in the agenda
    down the left (scrolled to it first if the list is longer than the window). The pane
    is shown with the cursor in it; it is returned (checked to be a ``kind``)."""
    view = window.view
    assert view is not None, "no conference is open"
    assert key in agenda_entries(window), f"the agenda does not show {key!r} now"
    QApplication.processEvents()  # a person clicks once the window has caught up
    nav = view.nav
    entry = nav.item(view.keys.index(key))
    if not nav.viewport().rect().contains(nav.visualItemRect(entry)):
        nav.scrollToItem(entry)  # the list's scroll bar
    spot = nav.visualItemRect(entry).center()
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert view.current_key() == key, f"a click on {key!r} showed {view.current_key()!r}"
    pane = view.panes[key]
    assert isinstance(pane, kind or QWidget), f"{key!r} is a {type(pane).__name__}"
    return pane


def step_to(qtbot: QtBot, window: MainWindow, key: str) -> None:
    """Ctrl+PgDown / Ctrl+PgUp through the agenda until the item ``key`` is on screen, as a
    person does with the hands on the keyboard (every item on the way is shown)."""
    view = window.view
    assert view is not None, "no conference is open"
    for _ in range(len(view.keys) * 2):
        if view.current_key() == key:
            break
        later = view.keys.index(key) > view.keys.index(view.current_key())
        step = Qt.Key.Key_PageDown if later else Qt.Key.Key_PageUp
        press(qtbot, step, Qt.KeyboardModifier.ControlModifier)
    assert view.current_key() == key, f"Ctrl+PgDown/PgUp did not reach {key!r}"


class _HasRecorder(Protocol):
    @property
    def view(self) -> object: ...


def wait_saved(qtbot: QtBot, window: _HasRecorder, timeout: int = 5000) -> None:
    """Autosave runs within a second of the last keystroke: wait for it, do not flush."""

    def saved() -> bool:
        view = window.view
        return view is not None and not view.recorder.has_pending()  # type: ignore[attr-defined]

    qtbot.waitUntil(saved, timeout=timeout)


@contextmanager
def answering(kind: type[D], answer: Callable[[D], None]) -> Iterator[None]:
    """Answer the next dialog of ``kind`` with ``answer`` once it is open.

    Use it around the key that opens the dialog::

        with answering(NewConferenceDialog, fill):
            press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    The dialog is found by looking for it (every 20 ms), not by guessing how long it
    takes to open, and answered once the cursor is in it. A modal dialog (its ``exec()``
    waits) is answered before the key returns; one opened over the window (the key
    returns at once) before the block ends. If ``answer`` raises, or the dialog is still
    open ``DIALOG_WAIT_MS`` after it opened, it is rejected so that ``exec()`` returns,
    and the failure is raised when the block ends.
    """
    failures: list[BaseException] = []
    state: dict[str, D | None] = {"dialog": None}
    waited = {"ms": 0}
    poll = QTimer()
    poll.setInterval(20)

    def look() -> None:
        answered = state["dialog"]
        if answered is not None:
            if isValid(answered) and answered.isVisible():
                give_up(answered)
            else:
                poll.stop()  # answered and closed (a dialog closed may be deleted)
            return
        shown = open_dialog(kind)
        if shown is None:
            return
        focus = QApplication.focusWidget()
        if focus is None or not (focus is shown or shown.isAncestorOf(focus)):
            shown.activateWindow()  # keys go where the dialog puts the cursor
            give_up(shown)
            return
        state["dialog"] = shown
        try:
            answer(shown)
        except BaseException as exc:  # the test fails; the dialog must not stay open
            failures.append(exc)
            shown.reject()
            poll.stop()

    def give_up(dialog: QDialog) -> None:
        waited["ms"] += poll.interval()
        if waited["ms"] > DIALOG_WAIT_MS:
            failures.append(AssertionError(f"{kind.__name__} was left open"))
            dialog.reject()
            poll.stop()

    poll.timeout.connect(look)
    poll.start()
    try:
        yield
        for _ in range(DIALOG_WAIT_MS // 20):  # a dialog opened over the window: its answer
            if not poll.isActive():
                break
            QTest.qWait(20)
    finally:
        poll.stop()
    if failures:
        raise failures[0]
    if state["dialog"] is None:
        raise AssertionError(f"no {kind.__name__} opened")


def open_dialog(kind: type[D]) -> D | None:
    """The dialog of ``kind`` on screen: the modal one, else one opened over a window."""
    modal = QApplication.activeModalWidget()
    if isinstance(modal, kind) and modal.isVisible():
        return modal
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()),
        None,
    )


def unnamed_controls(top: QWidget) -> list[str]:
    """Every button and field in ``top`` that the keyboard reaches and that has no
    accessible name of its own (a button's words keep their "&" and "…", a field has none).

    A choice's drop-down list and a date's or a number's own text box are parts of the
    control named, not controls of their own.
    """
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    kinds = (
        QAbstractButton,
        QLineEdit,
        QTextEdit,
        QPlainTextEdit,
        QComboBox,
        QAbstractSpinBox,
        QAbstractItemView,
    )
    unnamed = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, kinds) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        part_of = widget.parentWidget()
        while part_of is not None and part_of is not top:
            if isinstance(part_of, QComboBox | QAbstractSpinBox):
                break
            part_of = part_of.parentWidget()
        if part_of is not None and part_of is not top:
            continue
        if not widget.accessibleName().strip():
            words = widget.text() if isinstance(widget, QAbstractButton) else ""
            unnamed.append(f"{type(widget).__name__} {widget.objectName()!r} {words!r}")
    return unnamed
