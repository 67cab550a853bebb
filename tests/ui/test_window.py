"""The recording window: start view, autosave, navigation, lists, find, presentation mode."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from by_keyboard import agenda_entries, answering, focused, go_to, open_window, press, type_here
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import ConferenceKind, PlanSection
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.recording.conference_view import ConferenceView
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.settings import Settings
from cprecorder.ui.widgets.fields import TextField

SENTINEL = "ZEBRA-CONFIDENTIAL-7741"


def test_start_view_lists_and_searches_as_you_type(
    qtbot: QtBot, window: MainWindow, demo_id: int, qtmodeltester: object
) -> None:
    window.start.refresh()
    model = window.start.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "Ashdown family"
    qtbot.keyClicks(window.start.search, "zzz")
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=2000)
    assert window.start.empty.isVisible()
    window.start.search.clear()
    qtbot.keyClicks(window.start.search, "maisie")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    qtbot.keyClick(window.start.search, Qt.Key.Key_Return)
    qtbot.keyClick(window.start.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.view is not None, timeout=2000)
    assert window.view is not None and window.view.conference_id == demo_id


def test_autosave_within_a_second_and_read_back(
    qtbot: QtBot,
    demo_window: MainWindow,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "summary")
    field = view.panes["summary"].fields[("conference", demo_id, "chair_summary")].as_widget()
    assert isinstance(field, QTextEdit)
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    view.recorder.clock = lambda: dt.datetime(2026, 11, 24, 10, 42, 7)
    qtbot.keyClicks(field, " Nana will help.")
    assert "Saving" in view.header.save_state.text()
    wait_saved(demo_window)
    # The time is the recorder's clock's (make screenshots sets one that does not move).
    assert view.header.save_state.text() == "All changes saved 10:42:07"
    with store.read() as session:
        assert load_conference(session, demo_id).chair_summary.endswith(
            "what Maisie sees and hears. Nana will help."
        )


def test_closing_mid_typing_loses_nothing(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "before")
    field = view.panes["before"].fields[("conference", demo_id, "observers")].as_widget()
    field.setFocus()
    qtbot.keyClicks(field, " A student social worker.")
    demo_window.close()  # at once, before the autosave timer fires
    with store.read() as session:
        assert load_conference(session, demo_id).observers == "None. A student social worker."


def test_agenda_navigation_by_keyboard(qtbot: QtBot, demo_window: MainWindow) -> None:
    view = demo_window.view
    assert view is not None
    first = view.current_key()
    qtbot.keyClick(focused(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.current_key() == view.keys[1]
    qtbot.keyClick(focused(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert view.current_key() == first
    qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert view.current_key() == view.keys[1]


def test_enter_adds_ctrl_arrows_move_ctrl_delete_removes(
    qtbot: QtBot,
    demo_window: MainWindow,
    store: Store,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "professionals_only")
    pane = view.panes["professionals_only"]
    first = next(f for k, f in pane.fields.items() if k[2] == "text").as_widget()
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "Second note")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "Third note")
    qtbot.keyClick(focused(), Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    wait_saved(demo_window)
    with store.read() as session:
        notes = [n.text for n in load_conference(session, demo_id).professionals_only]
    assert notes[1:] == ["Third note", "Second note"]
    qtbot.keyClick(focused(), Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    with store.read() as session:
        notes = [n.text for n in load_conference(session, demo_id).professionals_only]
    assert notes[1:] == ["Second note"]
    qtbot.keyClick(
        focused(),
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    with store.read() as session:
        notes = [n.text for n in load_conference(session, demo_id).professionals_only]
    assert notes[1:] == ["Third note", "Second note"]


def test_find_jumps_to_the_field(qtbot: QtBot, demo_window: MainWindow, demo_id: int) -> None:
    view = demo_window.view
    assert view is not None
    qtbot.keyClick(focused(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.find_bar.hasFocus()
    qtbot.keyClicks(view.find_bar, "hides under her bed")
    qtbot.keyClick(view.find_bar, Qt.Key.Key_Return)
    assert view.current_key() == "worries"
    assert focused().property("field_key") == f"conference:{demo_id}:reason_for_conference"


def visible_texts(root: QWidget) -> str:
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QTextEdit):
            texts.append(widget.toPlainText())
        elif hasattr(widget, "text"):
            with contextlib.suppress(TypeError):
                texts.append(str(widget.text()))
    return "\n".join(texts)


def test_presentation_mode_never_shows_professionals_only(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    from cprecorder import operations as op

    with store.read() as session:
        conference = load_conference(session, demo_id)
        note = conference.professionals_only[0].id
        worry = conference.worries[1].id
    actor = demo_window.actor
    op.update(
        store,
        actor=actor,
        entity="professionals_only_note",
        entity_id=note,
        values={"text": SENTINEL},
    )
    op.update(
        store,
        actor=actor,
        entity="worry",
        entity_id=worry,
        values={"text": SENTINEL + " worry", "confidential": True},
    )
    view = demo_window.view
    assert view is not None
    view.reload()
    shown = ""
    for key in view.keys:  # not yet shared: the sentinel is on screen somewhere
        go_to(qtbot, demo_window, key)
        shown += visible_texts(demo_window)
    assert shown.count(SENTINEL) >= 2
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    assert demo_window.presentation and view.banner.isVisible()
    assert "professionals_only" not in agenda_entries(demo_window)
    for key in agenda_entries(demo_window):
        go_to(qtbot, demo_window, key)
        assert SENTINEL not in visible_texts(demo_window), key
    view.open_find()
    qtbot.keyClicks(view.find_bar, SENTINEL)
    qtbot.keyClick(view.find_bar, Qt.Key.Key_Return)
    assert demo_window.status.text() == "No match in this record."
    view.find_bar.clear()
    assert SENTINEL not in visible_texts(demo_window)


def test_presentation_mode_keeps_cursor_and_text(
    qtbot: QtBot, demo_window: MainWindow, demo_id: int
) -> None:
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "summary")
    field = view.panes["summary"].fields[("conference", demo_id, "decision_statement")]
    widget = field.as_widget()
    widget.setFocus()
    qtbot.keyClicks(widget, "X")
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    assert focused() is widget
    qtbot.keyClicks(focused(), "Y")
    assert isinstance(widget, QTextEdit)
    assert widget.toPlainText().endswith("emotional abuse.XY")


def agenda_titles_cut(view: ConferenceView) -> list[str]:
    """Agenda entries wider than the list, or too short for their words wrapped at the
    width the theme leaves them (Qt draws them inside the text rectangle less a margin at
    each side): either way the title ends in an ellipsis."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    nav = view.nav
    width = nav.viewport().width()
    margin = nav.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, nav) + 1
    cut = []
    for row in range(nav.count()):
        entry = nav.item(row)
        option = QStyleOptionViewItem()
        nav.initViewItemOption(option)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        option.rect = nav.visualItemRect(entry)
        option.text = entry.text()
        words = nav.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, nav)
        needed = option.fontMetrics.boundingRect(
            QRect(0, 0, words.width() - 2 * margin, 10_000), Qt.TextFlag.TextWordWrap, entry.text()
        )
        if entry.isHidden():
            continue
        if option.rect.right() >= width or needed.height() > words.height():
            cut.append(entry.text())
    return cut


def agenda_titles_cut_at_any_width(view: ConferenceView) -> dict[int, list[str]]:
    """:func:`agenda_titles_cut` with the list at every width from 250 to 420 pixels."""
    cut = {}
    for width in range(250, 420, 2):
        view.nav.resize(width, view.nav.height())
        view.nav.doItemsLayout()
        if titles := agenda_titles_cut(view):
            cut[view.nav.viewport().width()] = titles
    return cut


def test_every_agenda_title_is_shown_whole(qtbot: QtBot, demo_window: MainWindow) -> None:
    view = demo_window.view
    assert view is not None
    assert agenda_titles_cut(view) == []
    assert agenda_titles_cut_at_any_width(view) == {}
    for _ in range(4):  # larger type: the titles wrap again
        qtbot.keyClick(focused(), Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert agenda_titles_cut(view) == []


def test_a_core_group_agenda_title_is_shown_whole(
    demo_window: MainWindow, store: Store, demo_id: int, chair: Actor
) -> None:
    """ "Next core group and review" was cut with "…" with the list 266 pixels wide."""
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name=chair.name)
    meeting = op.start_core_group(store, actor=chair, meeting_id=demo_id).conference_id
    demo_window.open_conference(meeting)
    view = demo_window.view
    assert view is not None and view.conference.kind is ConferenceKind.CORE_GROUP
    assert agenda_titles_cut_at_any_width(view) == {}


def test_agenda_entries_span_the_list_after_f5_both_ways(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Each entry is fitted once for the width it gets: the list's whole width, or what
    the scroll bar leaves of it. An entry fitted for the other width would be cut at the
    edge, or its highlight would stop short of it."""
    view = demo_window.view
    assert view is not None
    nav = view.nav
    for on in (True, False, True):
        press(qtbot, Qt.Key.Key_F5)

        def switched(on: bool = on) -> bool:
            return demo_window.presentation is on

        qtbot.waitUntil(switched)
        QApplication.processEvents()
        widths = {
            nav.visualItemRect(nav.item(row)).width()
            for row in range(nav.count())
            if not nav.item(row).isHidden()
        }
        assert widths == {nav.viewport().width()}
        assert agenda_titles_cut(view) == []


def test_zoom_is_remembered(qtbot: QtBot, demo_window: MainWindow) -> None:
    before = demo_window.zoom_percent()
    qtbot.keyClick(focused(), Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.zoom_percent() == before + 10
    qtbot.keyClick(focused(), Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(focused(), Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.zoom_percent() == max(100, before - 10)


def test_the_last_conference_reopens_where_work_stopped(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int, settings: Settings
) -> None:
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "before")
    field = view.panes["before"].fields[("conference", demo_id, "equality_notes")].as_widget()
    field.setFocus()
    qtbot.keyClicks(field, "!")
    demo_window.close()
    again = open_window(qtbot, store, demo_window.actor, settings, reopen=True)
    assert again.view is not None and again.view.current_key() == "before"
    assert focused().property("field_key") == f"conference:{demo_id}:equality_notes"
    again.close()


def test_a_refused_structural_change_is_a_message(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    from cprecorder import operations as op

    view = demo_window.view
    assert view is not None
    for _ in range(2):
        op.add_item(
            store, actor=demo_window.actor, conference_id=demo_id, entity="danger_statement"
        )
    view.reload()
    assert view.recorder.run(op.add_item, conference_id=demo_id, entity="danger_statement") is None
    assert "allows 4 danger statements" in demo_window.status.text()
    assert PlanSection.BOTTOM_LINE  # the record is otherwise untouched
    with store.read() as session:
        assert len(load_conference(session, demo_id).danger_statements) == 4


@pytest.mark.parametrize(
    "typed", ["15/1/27", "15/01/2027", "15012027", "15 Jan 2027", "15.1.27", "15 january 2027"]
)
def test_typing_a_date_into_a_blank_date_field(
    qtbot: QtBot,
    demo_window: MainWindow,
    store: Store,
    demo_id: int,
    typed: str,
) -> None:
    import datetime as dt

    from cprecorder import operations as op
    from cprecorder.ui.widgets.fields import DateField

    op.update(
        store,
        actor=demo_window.actor,
        entity="conference",
        entity_id=demo_id,
        values={"strategy_discussion_on": None},
    )
    view = demo_window.view
    assert view is not None
    view.reload()
    pane = view.panes[view.current_key()]
    blank = DateField(
        view.recorder,
        "conference",
        demo_id,
        "strategy_discussion_on",
        None,
        label="Strategy discussion",
    )
    after = TextField(view.recorder, "conference", demo_id, "observers", "", label="after")
    pane.body_layout.addWidget(blank.beside())
    pane.body_layout.addWidget(after)
    qtbot.waitUntil(after.isVisible)
    blank.setFocus()
    qtbot.keyClicks(blank, typed)
    qtbot.keyClick(blank, Qt.Key.Key_Tab)  # Tab always leaves the field; the date is read
    assert QApplication.focusWidget() is after
    assert blank.text() == "Friday 15 January 2027"  # shown back in words
    assert blank.date_value() == dt.date(2027, 1, 15)
    with store.read() as session:
        assert load_conference(session, demo_id).strategy_discussion_on == dt.date(2027, 1, 15)


def test_a_date_that_cannot_be_read_is_said_beside_it_and_kept_as_typed(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    import datetime as dt

    from cprecorder.dates import date_in_words
    from cprecorder.ui.widgets.fields import DateField

    view = demo_window.view
    assert view is not None
    pane = view.panes[view.current_key()]
    held = view.conference.strategy_discussion_on
    assert held is not None
    field = DateField(view.recorder, "conference", demo_id, "strategy_discussion_on", held)
    pane.body_layout.addWidget(field.beside())
    qtbot.waitUntil(field.isVisible)
    field.setFocus()
    qtbot.keyClicks(field, "31/04/2026")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "31/04/2026"  # kept as typed, never replaced by another date
    assert field.note.isVisible() and "April 2026 has no day 31" in field.note.text()
    assert field.date_value() == held
    with store.read() as session:
        assert load_conference(session, demo_id).strategy_discussion_on == held
    # Alt+Down opens a calendar at the date; Enter takes the day chosen with the arrows.
    field.clear()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field._calendar
    assert calendar is not None and calendar.isVisible()
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    next_day = held + dt.timedelta(days=1)
    assert field.date_value() == next_day
    assert field.text() == date_in_words(next_day) and not field.note.isVisible()
    with store.read() as session:
        assert load_conference(session, demo_id).strategy_discussion_on == next_day


def test_dates_saved_to_a_calendar_from_the_window(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    from icalendar import Calendar
    from PySide6.QtWidgets import QFileDialog

    from cprecorder.ui.shell.window_actions import ActionId

    target = tmp_path / "dates.ics"

    def where(dialog: QFileDialog) -> None:  # the file's name typed over the one suggested
        qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(focused(), str(target))
        qtbot.keyClick(focused(), Qt.Key.Key_Return)

    with answering(QFileDialog, where):
        demo_window.actions_[ActionId.CALENDAR].trigger()
    qtbot.waitUntil(target.exists, timeout=3000)
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert any("Core group" in s for s in summaries)
    assert any("Review" in s for s in summaries)
    assert "Dates saved to" in demo_window.status.text()


def test_new_conferences_follow_the_authoritys_nation(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cprecorder.queries import list_conferences
    from cprecorder.ui.shell.start_view import NewConferenceDialog

    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.toml").write_text('nation = "wales"\n', encoding="utf-8")

    def fill(dialog: NewConferenceDialog) -> None:
        assert focused() is dialog.family  # the dialog puts the cursor in the family name
        type_here(qtbot, "Pennant")
        press(qtbot, Qt.Key.Key_Return)

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    with answering(NewConferenceDialog, fill):
        press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    with store.read() as session:
        [row] = list_conferences(session, "pennant")
        assert load_conference(session, row.id).nation == "wales"
    view = window.view
    assert view is not None
    due = "Review due by".replace(" ", "\N{NO-BREAK SPACE}")  # the header keeps it whole
    qtbot.waitUntil(lambda: due in view.header.meta.text(), timeout=3000)


def test_scrolling_the_pane_does_not_change_a_choice_under_the_pointer(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    from cprecorder.ui.widgets.fields import ChoiceField

    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "worries")
    combo = next(iter(view.panes["worries"].findChildren(ChoiceField)))
    before = combo.currentIndex()
    centre = QPointF(combo.rect().center())
    event = QWheelEvent(
        centre,
        combo.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(combo, event)
    assert combo.currentIndex() == before


def test_ctrl_y_redoes_what_ctrl_z_undid(qtbot: QtBot, demo_window: MainWindow) -> None:
    view = demo_window.view
    assert view is not None
    pane = view.panes[view.current_key()]
    field = next(
        f.as_widget() for f in pane.fields.values() if isinstance(f.as_widget(), QTextEdit)
    )
    assert isinstance(field, QTextEdit)
    field.setFocus()
    before = field.toPlainText()
    qtbot.keyClicks(field, " and more")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.toPlainText() != before + " and more"
    qtbot.keyClick(field, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert field.toPlainText() == before + " and more"
