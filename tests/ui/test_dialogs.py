"""Every dialog shows its focus, has a default button, names its controls, and keeps what
was typed.

Issue 10, problem 12: the sign-off dialog showed no focus; in the addendum dialog
Cancel came before "Add the addendum" and threw the typed addendum away without
asking; "+ Add…" buttons ignored Enter. The focus is checked as a person sees it:
each control in the dialog's Tab order is drawn with and without the keyboard,
and the two pictures must differ.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from by_keyboard import answering, focused, go_to, press, unnamed_controls
from cprecorder.actor import Actor
from cprecorder.model import RecordStatus, Role
from cprecorder.queries import list_conferences, load_conference
from cprecorder.review import review_record
from cprecorder.store import Store
from cprecorder.ui.dialogs.addendum import AddendumDialog
from cprecorder.ui.dialogs.export import ExportDialog
from cprecorder.ui.dialogs.form import DISCARD_TITLE, typed_text
from cprecorder.ui.dialogs.sign_off import SignOffDialog
from cprecorder.ui.dialogs.withdraw import WithdrawDialog
from cprecorder.ui.review.audit_trail import AuditDialog
from cprecorder.ui.shell.app import tell
from cprecorder.ui.shell.identity import IdentityDialog
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.start_view import NewConferenceDialog

DIALOGS = ["new", "identity", "export", "sign off", "addendum", "withdraw", "audit"]


def make_dialog(which: str, window: MainWindow, store: Store, demo_id: int) -> QDialog:
    view = window.view
    assert view is not None
    with store.read() as session:
        conference = load_conference(session, demo_id)
        summary = list_conferences(session, "")[0]
    if which == "new":
        return NewConferenceDialog(window, minute_taker="Gemma Stiles")
    if which == "identity":
        return IdentityDialog(window, window.actor)
    if which == "export":
        return ExportDialog(window, view)
    if which == "sign off":
        chair = Actor("Ruth Calloway", Role.CHAIR, "rc")
        return SignOffDialog(
            window, chair, conference, review_record(conference), submit=lambda _n: None
        )
    if which == "addendum":
        conference.status = RecordStatus.SIGNED_OFF
        return AddendumDialog(window, window.actor, conference, lambda *_a: None)
    if which == "withdraw":
        return WithdrawDialog(window, summary, lambda _r: None)
    return AuditDialog(window, store, demo_id)


def tab_chain(dialog: QDialog) -> list[QWidget]:
    """The controls Tab visits in the dialog, in order, each once."""
    start = dialog.focusWidget() or dialog.nextInFocusChain()
    chain: list[QWidget] = []
    widget = start
    for _ in range(200):
        assert widget is not None  # the focus chain is a ring
        if (
            widget is not dialog
            and widget.isVisibleTo(dialog)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None  # the proxy is checked itself
            and widget not in chain
        ):
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return chain


def holds_focus(dialog: QDialog) -> bool:
    widget = QApplication.focusWidget()
    return widget is not None and dialog.isAncestorOf(widget)


def took_focus(widget: QWidget, dialog: QDialog) -> bool:
    return QApplication.focusWidget() is widget or widget is dialog


def drawn(widget: QWidget) -> QImage:
    QApplication.processEvents()
    return widget.grab().toImage()


@pytest.mark.parametrize("which", DIALOGS)
def test_every_dialog_shows_its_focus_and_has_a_default_button(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int, which: str
) -> None:
    dialog = make_dialog(which, demo_window, store, demo_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    defaults = [b for b in dialog.findChildren(QPushButton) if b.isDefault()]
    assert len(defaults) == 1, f"{which}: default buttons {[b.text() for b in defaults]}"
    assert unnamed_controls(dialog) == [], f"{which}: without an accessible name"
    chain = tab_chain(dialog)
    assert chain, which
    for widget in chain:
        other = next(w for w in chain if w is not widget) if len(chain) > 1 else dialog
        other.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(partial(took_focus, other, dialog))
        without = drawn(widget)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        assert drawn(widget) != without, (
            f"{which}: {type(widget).__name__} {widget.accessibleName() or widget.objectName()!r} "
            "looks the same with and without the keyboard focus"
        )
    dialog.done(0)


@pytest.fixture
def addendum(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> Iterator[AddendumDialog]:
    """The addendum dialog, open with the cursor in it (closed without asking at the end)."""
    with store.read() as session:
        conference = load_conference(session, demo_id)
    conference.status = RecordStatus.SIGNED_OFF
    dialog = AddendumDialog(demo_window, demo_window.actor, conference, lambda *_a: None)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(partial(holds_focus, dialog))
    yield dialog
    dialog.done(0)
    dialog.deleteLater()


def test_the_addendum_is_added_before_cancel_is_reached(
    qtbot: QtBot, addendum: AddendumDialog
) -> None:
    dialog = addendum
    qtbot.keyClicks(focused(), "The date of the first core group was typed wrongly")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "The first core group is on 12 January, not 21 January.")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.add_button
    assert dialog.add_button.isDefault()


@pytest.mark.parametrize("how", ["escape", "cancel"])
def test_typed_words_are_not_thrown_away_unasked(
    qtbot: QtBot, addendum: AddendumDialog, how: str
) -> None:
    dialog = addendum
    qtbot.keyClicks(focused(), "A date was wrong")
    press(qtbot, Qt.Key.Key_Tab)
    words = "The first core group is on 12 January."
    qtbot.keyClicks(focused(), words)
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")

    def leave() -> None:
        if how == "escape":
            press(qtbot, Qt.Key.Key_Escape)
        else:
            cancel.setFocus(Qt.FocusReason.TabFocusReason)
            press(qtbot, Qt.Key.Key_Space)

    def answer(key: Qt.Key) -> Callable[[QMessageBox], None]:
        def reply(box: QMessageBox) -> None:
            assert box.windowTitle() == DISCARD_TITLE
            qtbot.keyClick(focused(), key)

        return reply

    with answering(QMessageBox, answer(Qt.Key.Key_Return)):  # Enter keeps typing
        leave()
    assert dialog.isVisible()
    assert dialog.findChildren(QPlainTextEdit)[0].toPlainText() == words
    with answering(QMessageBox, answer(Qt.Key.Key_T)):  # Alt-less letter: "Throw it away"
        leave()
    assert not dialog.isVisible()


def test_a_dialog_left_untouched_closes_without_asking(
    qtbot: QtBot, addendum: AddendumDialog
) -> None:
    press(qtbot, Qt.Key.Key_Escape)
    assert not addendum.isVisible()


def test_enter_presses_the_focused_add_button(qtbot: QtBot, demo_window: MainWindow) -> None:
    view = demo_window.view
    assert view is not None
    pane = go_to(qtbot, demo_window, "plan")
    before = len(view.conference.plan_items)
    add = next(b for b in pane.findChildren(QPushButton) if b.text().startswith("+ "))
    add.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(view.conference.plan_items) == before + 1)


def test_a_question_answered_gives_the_window_behind_its_shortcuts_back(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Where no window manager makes the window behind active again (a virtual screen),
    a question answered left it inactive: Tab moved, Ctrl+PgDn did nothing."""
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "summary")
    read: list[bool] = []
    box = tell(demo_window, "A sentence", "Read it.", then=lambda: read.append(True))
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert read == [True]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is demo_window)
    before = view.current_key()
    qtbot.keyClick(
        demo_window.windowHandle(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: view.current_key() != before)


def test_a_question_over_a_dialog_gives_that_dialog_the_keyboard_back(
    qtbot: QtBot, addendum: AddendumDialog
) -> None:
    """Esc with words typed asks first; Enter (Keep typing) makes the dialog the active
    window again (not the main window behind both), the cursor back in the words."""
    dialog = addendum
    qtbot.keyClicks(focused(), "Kept words")
    typing_in = focused()

    def keep(box: QMessageBox) -> None:
        qtbot.keyClick(box, Qt.Key.Key_Return)

    with answering(QMessageBox, keep):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert focused() is typing_in
    qtbot.keyClicks(focused(), " and more")
    assert "Kept words and more" in typed_text(typing_in)
