"""Where the keys go: each fault met typing a conference live, reproduced as a person met it.

Issue 10 lists what went wrong on a real screen: focus lost after a dialog, after the
last item of a list was removed or after choosing a pane in the agenda list (problem
1); the view jumping to the top after a change (2); a second F5, pressed because
nothing seemed to happen, switching presentation mode straight back off (8); status
messages outliving their truth (9); the hand-over on one keystroke (6); a read-only
record whose fields looked editable and ignored typing (7). One test each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextEdit,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from by_keyboard import answering, focused, go_to, press, type_here
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import ConferenceKind, RecordStatus
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.dialogs.export import ExportDialog
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.window_actions import ActionId
from cprecorder.ui.widgets.fields import TextField

Ctrl = Qt.KeyboardModifier.ControlModifier


def on_screen(widget: QWidget) -> bool:
    """The widget (for text, the line with the cursor) is inside its pane's viewport."""
    area: QWidget | None = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        return widget.isVisible()
    assert isinstance(area, QAbstractScrollArea)
    viewport = area.viewport()
    if isinstance(widget, QTextEdit):
        spot = widget.cursorRect()
        corner = widget.viewport().mapTo(viewport, spot.topLeft())
    else:
        spot = widget.rect()
        corner = widget.mapTo(viewport, QPoint(0, 0))
    return widget.isVisible() and QRect(corner, spot.size()).intersects(viewport.rect())


def field(qtbot: QtBot, window: MainWindow, pane: str, key: tuple[str, int, str]) -> QWidget:
    return go_to(qtbot, window, pane).fields[key].as_widget()


def marsh(store: Store, actor: Actor, children: tuple[str, ...] = ("Ivy Marsh",)) -> int:
    """A second conference, new and almost empty: Ivy Marsh's initial conference."""
    return op.create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name="Marsh",
        scheduled_at=dt.datetime(2026, 12, 7, 10, 0),
        children=list(children),
    ).conference_id


# -- problem 1: focus ------------------------------------------------------------------


def test_after_a_dialog_closes_the_keys_go_back_to_the_field(
    qtbot: QtBot, demo_window: MainWindow, demo_id: int
) -> None:
    summary = field(qtbot, demo_window, "summary", ("conference", demo_id, "chair_summary"))
    summary.setFocus()
    with answering(ExportDialog, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape)):
        press(qtbot, Qt.Key.Key_E, Ctrl)
    assert focused() is summary
    type_here(qtbot, " Closing words.")
    assert isinstance(summary, QTextEdit)
    assert summary.toPlainText().endswith("Closing words.")


def test_after_the_last_item_is_removed_the_cursor_is_still_in_the_pane(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor
) -> None:
    cid = marsh(store, actor)
    note = op.add_item(
        store, actor=actor, conference_id=cid, entity="professionals_only_note", values={}
    )
    assert note.entity_id is not None
    window.open_conference(cid)
    text = field(
        qtbot, window, "professionals_only", ("professionals_only_note", note.entity_id, "text")
    )
    text.setFocus()
    press(qtbot, Qt.Key.Key_Delete, Ctrl)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    now = focused()
    assert window.view is not None
    assert window.view.panes["professionals_only"].isAncestorOf(now)
    assert on_screen(now)
    # a space there presses the button the person sees ("+ Add …"), never one out of sight
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    with store.read() as session:
        assert len(load_conference(session, cid).professionals_only) == 1


def test_a_pane_chosen_in_the_agenda_list_takes_the_typing(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    view = demo_window.view
    assert view is not None
    row = view.keys.index("summary")
    rect = view.nav.visualItemRect(view.nav.item(row))
    qtbot.mouseClick(view.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current_key() == "summary"
    now = focused()
    assert view.panes["summary"].isAncestorOf(now) and now.property("field_key")
    type_here(qtbot, "sw")  # letters in the agenda list would jump to "Safety scale"
    assert view.current_key() == "summary"


def test_a_pane_with_nothing_to_type_in_yet_offers_the_way_to_fill_it(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor
) -> None:
    """Ctrl+PgDown onto the children's plan of a record with no children (the monkey's seed
    149162 had removed them): the cursor went nowhere and the next keys were lost."""
    cid = marsh(store, actor, children=())
    window.open_conference(cid)
    view = window.view
    assert view is not None
    go_to(qtbot, window, "summary")
    press(qtbot, Qt.Key.Key_PageDown, Ctrl)
    assert view.current_key() == "childrens_plan"
    offer = focused()
    assert isinstance(offer, QPushButton), f"the cursor is on {offer!r}, not where to act"
    assert view.panes["childrens_plan"].isAncestorOf(offer) and on_screen(offer)
    press(qtbot, Qt.Key.Key_Return)  # the button the cursor is on: to where children are added
    assert view.current_key() == "family"
    add = focused()
    assert add.accessibleName() == "Add a child" and on_screen(add)
    press(qtbot, Qt.Key.Key_Return)
    type_here(qtbot, "Ivy Marsh")
    view.recorder.flush()
    with store.read() as session:
        assert [child.name for child in load_conference(session, cid).children] == ["Ivy Marsh"]


def test_enter_on_the_reviews_close_button_puts_the_cursor_back_in_the_field(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    typed_in = focused()
    press(qtbot, Qt.Key.Key_R, Ctrl)  # the review opens with the cursor in its list...
    press(qtbot, Qt.Key.Key_Escape)  # ...and Esc goes back to the record, the list open
    assert focused() is typed_in
    for _ in range(40):  # Tab on to the review's ✕
        press(qtbot, Qt.Key.Key_Tab)
        if focused().accessibleName() == "Close the review":
            break
    close = focused()
    assert close.accessibleName() == "Close the review"
    press(qtbot, Qt.Key.Key_Return)
    assert not close.isVisible()  # the review is closed...
    assert focused() is typed_in  # ...and the keys go where the person was typing


def test_esc_in_the_review_after_the_field_it_came_from_was_removed_goes_to_the_record(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """The review remembered the widget the cursor came from; once that item was removed
    (its pane rebuilt), Esc raised "Internal C++ object already deleted" and the cursor
    stayed in the review list (the keyboard monkey's seed 724974)."""
    pane = go_to(qtbot, demo_window, "plan")
    item = focused()
    assert pane.isAncestorOf(item) and item.property("field_key")
    press(qtbot, Qt.Key.Key_R, Ctrl)  # the review remembers where the cursor came from
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is item
    press(qtbot, Qt.Key.Key_Delete, Ctrl)  # that item is removed: its widget goes
    qtbot.wait(50)
    for _ in range(40):  # Tab on into the review panel
        press(qtbot, Qt.Key.Key_Tab)
        if focused().accessibleName() == "Close the review":
            break
    press(qtbot, Qt.Key.Key_R, Ctrl)  # from the panel: the cursor goes to its list
    press(qtbot, Qt.Key.Key_Escape)  # ...and back to the record
    assert demo_window.view is not None
    assert demo_window.view.panes["plan"].isAncestorOf(focused())


def test_in_a_signed_off_record_with_no_children_every_pane_has_the_cursor_in_view(
    qtbot: QtBot, window: MainWindow, store: Store, chair: Actor
) -> None:
    """A signed-off record has no "Add" buttons, and one with no children no choices
    per child: stepping onto such a pane left the cursor on the pane itself (nothing
    showed where keys went) or, by chance, in the agenda list. It goes to the banner
    that says why nothing can be typed there, scrolled into view."""
    cid = marsh(store, chair, children=())
    op.sign_off(store, actor=chair, conference_id=cid, chair_name="Ruth Calloway")
    window.open_conference(cid)
    view = window.view
    assert view is not None
    for key in view.keys[1:]:
        press(qtbot, Qt.Key.Key_PageDown, Ctrl)
        assert view.current_key() == key
        here = focused()
        pane = view.panes[key]
        assert pane.isAncestorOf(here), f"on {key!r} the cursor is on {here!r}"
        assert here.focusPolicy() != Qt.FocusPolicy.NoFocus and on_screen(here), key
        if not pane.fields:
            assert here is pane.lock_label, f"on {key!r} the cursor is on {here!r}"
            press(qtbot, "x")  # answered with why, where the cursor is
            assert QToolTip.text() == pane.lock_reason
            assert view.current_key() == key


def test_a_pane_with_nothing_at_all_to_type_in_leaves_the_cursor_on_its_agenda_entry(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor
) -> None:
    """The safety scale of a new record with nobody in it has no box and no button: the
    cursor was left on the pane itself, where nothing showed it. It goes to the agenda,
    and Ctrl+PgDown from there still takes it into the next pane."""
    cid = marsh(store, actor, children=())
    window.open_conference(cid)
    view = window.view
    assert view is not None
    go_to(qtbot, window, "danger")
    while view.current_key() != "safety_scale":
        press(qtbot, Qt.Key.Key_PageDown, Ctrl)
    assert focused() is view.nav and view.nav.currentItem().isSelected()
    press(qtbot, Qt.Key.Key_PageDown, Ctrl)
    after = view.current_key()
    assert view.panes[after].isAncestorOf(focused()), f"on {after!r}: {focused()!r}"


def test_ctrl_arrows_on_a_button_leave_the_cursor_on_it(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Ctrl+Up/Down move an item; on "+ Add a rule…" (the last of its pane) they used to
    step to the next widget, the agenda list, whose type-ahead then took the letters."""
    go_to(qtbot, demo_window, "plan_rules")
    for _ in range(60):
        press(qtbot, Qt.Key.Key_Tab)
        if focused().accessibleName() == "Add a rule for another behaviour":
            break
    add = focused()
    assert add.accessibleName() == "Add a rule for another behaviour"
    press(qtbot, Qt.Key.Key_Down, Ctrl)
    press(qtbot, Qt.Key.Key_Up, Ctrl)
    assert focused() is add


# -- problem 2: the view stays where the person types -------------------------------------


def test_saving_a_score_keeps_the_view_where_it_was(
    qtbot: QtBot, demo_window: MainWindow, wait_saved: Callable[[MainWindow], None]
) -> None:
    view = demo_window.view
    assert view is not None
    pane = go_to(qtbot, demo_window, "family")
    last = list(pane.fields.values())[-1].as_widget()
    last.setFocus()
    pane.keep_in_view(last)
    QApplication.processEvents()
    top = pane.scroller.verticalScrollBar().value()
    assert top > 0  # the family pane is long: the last field is below the first screen
    if isinstance(last, QTextEdit):
        type_here(qtbot, " and more")
    press(qtbot, Qt.Key.Key_Tab)
    wait_saved(demo_window)
    qtbot.wait(50)
    assert pane.scroller.verticalScrollBar().value() >= top - 5
    assert on_screen(focused())


# -- problem 8: F5 pressed again while presentation mode is switching ----------------------


def test_a_second_f5_while_switching_is_ignored(qtbot: QtBot, demo_window: MainWindow) -> None:
    view = demo_window.view
    assert view is not None
    switch = view.set_presentation

    def slow_switch(on: bool) -> None:
        # The person presses F5 again while the first press is being answered: the key
        # is waiting in the queue until the window gets back to it.
        QTimer.singleShot(0, lambda: qtbot.keyClick(focused(), Qt.Key.Key_F5))
        switch(on)

    view.set_presentation = slow_switch  # type: ignore[method-assign]
    press(qtbot, Qt.Key.Key_F5)
    qtbot.wait(100)
    assert demo_window.presentation
    assert demo_window.actions_[ActionId.PRESENTATION].isChecked()
    view.set_presentation = switch  # type: ignore[method-assign]
    press(qtbot, Qt.Key.Key_F5)  # once it is answered, F5 switches back, as it should
    assert not demo_window.presentation


# -- problem 9: status messages -----------------------------------------------------------


def test_a_status_message_goes_when_it_stops_being_true(
    qtbot: QtBot, demo_window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    with answering(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click()):
        demo_window.actions_[ActionId.HAND_OVER].trigger()
    assert "Handed over" in demo_window.status.text()
    demo_window.open_conference(marsh(store, actor))
    assert "Handed over" not in demo_window.status.text()

    # A removal's note is for the minute-taker, never for the shared screen.
    demo_window.open_conference(demo_id)
    assert demo_window.view is not None
    worry = next(w for w in demo_window.view.conference.worries if not w.confidential)
    text = field(qtbot, demo_window, "worries", ("worry", worry.id, "text"))
    text.setFocus()
    press(qtbot, Qt.Key.Key_F5)
    assert demo_window.presentation
    press(qtbot, Qt.Key.Key_Delete, Ctrl)
    assert "removed" not in demo_window.status.text()


def test_a_zoom_step_says_so_for_a_moment_only(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cprecorder.ui.shell import main_window

    monkeypatch.setattr(main_window, "PASSING_MESSAGE_MS", 300)
    press(qtbot, Qt.Key.Key_Equal, Ctrl)
    assert demo_window.status.text().startswith("Zoom ")
    qtbot.waitUntil(lambda: demo_window.status.text() == "", timeout=3000)
    # A message that stays true (a refusal) is not cleared by an earlier zoom's timer.
    press(qtbot, Qt.Key.Key_Minus, Ctrl)
    demo_window.show_message("This record is read-only here.")
    qtbot.wait(600)
    assert demo_window.status.text() == "This record is read-only here."


# -- problem 6: the hand-over asks, can be taken back, and is offered only while it applies --


def test_the_hand_over_asks_first_and_can_be_taken_back(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    hand_over = demo_window.actions_[ActionId.HAND_OVER]
    take_back = demo_window.actions_[ActionId.TAKE_BACK]
    assert hand_over.isEnabled() and not take_back.isEnabled()

    with answering(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.No).click()):
        hand_over.trigger()
    with store.read() as session:
        assert load_conference(session, demo_id).status is RecordStatus.DRAFT

    with answering(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click()):
        hand_over.trigger()
    with store.read() as session:
        assert load_conference(session, demo_id).status is RecordStatus.IN_REVIEW
    assert take_back.isEnabled() and not hand_over.isEnabled()

    take_back.trigger()
    with store.read() as session:
        assert load_conference(session, demo_id).status is RecordStatus.DRAFT
    assert hand_over.isEnabled()


# -- problem 7: a read-only record says so in the field ------------------------------------


def test_typing_into_a_read_only_field_is_answered_in_the_field(
    qtbot: QtBot, demo_window: MainWindow, demo_id: int
) -> None:
    view = demo_window.view
    assert view is not None
    view.set_read_only("Priya Sandhu has this record open on another computer.")
    summary = field(qtbot, demo_window, "summary", ("conference", demo_id, "chair_summary"))
    assert isinstance(summary, QTextEdit)
    before = summary.toPlainText()
    summary.setFocus()
    type_here(qtbot, "x")
    assert summary.toPlainText() == before
    assert QToolTip.isVisible()
    assert "Priya Sandhu has this record open" in QToolTip.text()
    # an empty field shows it instead of its prompt ("Why are we meeting today?")
    assert "read only" in summary.placeholderText().lower()


def test_ctrl_arrows_in_a_box_that_is_not_an_item_leave_the_view_where_it_is(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Ctrl+↓ in the safety scale's "One point up" (a box, not an item to move) came up to
    the pane and scrolled it a step; four took the box being typed in off screen (the
    keyboard monkey's seed 524977)."""
    pane = go_to(qtbot, demo_window, "safety_scale")
    box = next(
        w
        for w in pane.findChildren(TextField)
        if w.accessibleName().startswith("One point up") and w.isVisibleTo(pane)
    )
    qtbot.mouseClick(box.viewport(), Qt.MouseButton.LeftButton)
    assert focused() is box
    top = pane.scroller.verticalScrollBar().value()
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Down, Ctrl)
    assert pane.scroller.verticalScrollBar().value() == top
    assert focused() is box


def test_the_field_typed_in_stays_in_view_when_its_page_is_laid_out_again(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """The cursor's field was scrolled into view, then the page was laid out anew (the
    fields fitting their words once a pane rebuilt off screen was shown, at a new type
    size) and it was left below the edge (the keyboard monkey's seed 458764). Here the
    page is laid out anew by a narrower window: the long words above wrap onto more
    lines and push the card typed in down; the view follows it."""
    pane = go_to(qtbot, demo_window, "plan_rules")
    behaviour = next(
        w for w in pane.findChildren(TextField) if w.accessibleName() == "Concerning behaviour"
    )
    qtbot.mouseClick(behaviour.viewport(), Qt.MouseButton.LeftButton)
    press(qtbot, Qt.Key.Key_End, Ctrl)
    for n in range(4):  # Enter in the behaviour adds the next card
        press(qtbot, Qt.Key.Key_Return)
        type_here(qtbot, f"Rule {n}: " + "the words of a long behaviour " * 6)
    typing = focused()
    assert typing.accessibleName() == "Concerning behaviour" and on_screen(typing)

    tall = pane.page.height()
    demo_window.resize(900, 850)  # as the person drags the window's edge
    qtbot.waitUntil(lambda: pane.page.height() > tall)  # laid out at the new width
    assert focused() is typing
    assert on_screen(typing)


def test_shift_tab_to_a_long_name_beside_brings_that_field_into_view(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """The keyboard monkey's seed 145277: a click on a child's last name, Shift+Tab, and
    the first name (where the cursor now is, its long words all selected) was off screen
    to the left. A line field places its cursor from where its words were last painted:
    moved to the end of words longer than the field and not painted since, it said its
    cursor was far right of the field, and the page was scrolled there."""
    pane = go_to(qtbot, demo_window, "family")
    for _ in range(6):  # larger type, and the window as narrow as it goes: a child's card
        press(qtbot, Qt.Key.Key_Equal, Ctrl)  # is wider than the page's view
        qtbot.wait(50)
    demo_window.resize(600, 760)
    bar = pane.scroller.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 300, timeout=3000)
    first, last = (
        next(w for w in pane.findChildren(QLineEdit) if w.accessibleName() == f"{name} of child")
        for name in ("First name", "Last name")
    )
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    type_here(qtbot, " known at school and at home as Maisie Rose Ashdown-Whitlock-Penhaligon")
    press(qtbot, Qt.Key.Key_Home)
    qtbot.wait(50)  # the start of the name painted, its end beyond the field's right edge
    for _ in range(10):  # the scroll bar clicked, right of its handle, to the last name
        if bar.value() == bar.maximum():
            break
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() * 3 // 4, 4))
    assert bar.value() == bar.maximum() and not on_screen(first)
    qtbot.mouseClick(last, Qt.MouseButton.LeftButton)
    assert focused() is last and on_screen(last)
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is first and first.selectedText() == first.text()
    assert on_screen(first)
    qtbot.wait(50)  # and still once the window has caught up
    assert on_screen(first)


def test_esc_in_the_review_goes_back_to_where_the_person_typed_last_not_to_an_older_place(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """The keyboard monkey's seed 463829: Ctrl+R from the agenda list, Esc back to it;
    later, typing in the chair's summary, Shift+Tab onto the review's "Changes since the
    meeting…", Ctrl+R and Esc, and the cursor went to the agenda list, the place the
    review had remembered from the time before, not the summary the person was typing in."""
    view = demo_window.view
    assert view is not None
    pane = go_to(qtbot, demo_window, "summary")
    summary = focused()
    assert pane.isAncestorOf(summary) and isinstance(summary, QTextEdit)
    press(qtbot, Qt.Key.Key_R, Ctrl)  # the review opens...
    press(qtbot, Qt.Key.Key_Escape)  # ...and stays open beside the record
    for _ in range(40):  # Shift+Tab back to the agenda list
        press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        if focused() is view.nav:
            break
    assert focused() is view.nav
    press(qtbot, Qt.Key.Key_R, Ctrl)
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is view.nav  # the person chose the list: back to it
    qtbot.mouseClick(summary.viewport(), Qt.MouseButton.LeftButton)
    type_here(qtbot, " The chair thanked the family.")
    for _ in range(40):  # Shift+Tab back into the review panel
        press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        if isinstance(focused(), QPushButton):
            break
    assert isinstance(focused(), QPushButton) and not view.isAncestorOf(focused())
    press(qtbot, Qt.Key.Key_R, Ctrl)  # from the panel: the cursor goes to its list...
    press(qtbot, Qt.Key.Key_Escape)  # ...and back to the record
    assert focused() is summary
