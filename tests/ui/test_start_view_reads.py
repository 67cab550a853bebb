"""The start view is used by keyboard and says what happens next: ↓ from the search goes
into the list, ↑/↓ choose, Enter opens; the chosen row shows where the keyboard is; the
line under the list says what Enter does; no word is cut at 1280×720 in large type."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from by_keyboard import focused, press, type_here
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.demo_marlowe import add_marlowe_conference
from cprecorder.store import Store
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.widgets.rows_table import RowsTable

SMALL = (1280, 720)


def chosen_colour(table: RowsTable) -> QColor:
    """The colour the chosen row is painted in, away from its words."""
    QTest.qWait(50)
    row = table.currentIndex().row()
    picture = table.viewport().grab().toImage()
    last = table.model().columnCount() - 1
    x = table.columnViewportPosition(last) + table.columnWidth(last) - 3
    return picture.pixelColor(x, table.rowViewportPosition(row) + 3)


def test_down_from_the_search_enters_the_list_arrows_choose_and_enter_opens(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    marlowe = add_marlowe_conference(store, actor)
    start = window.start
    start.refresh()
    start.search.setFocus()
    assert focused() is start.search
    assert [c.id for c in start.model.rows] == [marlowe, demo_id]  # newest first
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is start.table and start.table.currentIndex().row() == 0
    assert "Marlowe family's initial conference" in start.next_step.text()
    press(qtbot, Qt.Key.Key_Down)
    assert start.table.currentIndex().row() == 1
    assert start.next_step.text() == (
        "Enter opens the Ashdown family's initial conference of Tue 24 Nov 2026, 10:00 to go "
        "on recording. Delete withdraws it, if it was made by mistake."
    )
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Up)  # from the first row, back to the search
    assert focused() is start.search
    type_here(qtbot, "ashdown")
    press(qtbot, Qt.Key.Key_Down)  # the list as searched, straight away
    assert [c.id for c in start.model.rows] == [demo_id]
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.view is not None, timeout=5000)
    assert window.view is not None and window.view.conference_id == demo_id


def test_the_line_under_the_list_says_what_a_signed_off_record_offers(
    qtbot: QtBot, window: MainWindow, store: Store, chair: Actor, demo_id: int
) -> None:
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    window.start.refresh()
    assert window.start.next_step.text() == (
        "Enter opens the Ashdown family's initial conference of Tue 24 Nov 2026, 10:00, "
        "signed off: it can be read, not changed. Alt+C starts its review conference."
    )
    assert window.start.case_step.text().startswith("Enter shows the Ashdown family's journey.")


def test_the_chosen_row_shows_which_list_has_the_keyboard(
    qtbot: QtBot, window: MainWindow, demo_id: int
) -> None:
    start = window.start
    start.refresh()
    start.search.setFocus()
    away = chosen_colour(start.table)
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is start.table
    here = chosen_colour(start.table)
    assert here != away, "the chosen row looks the same with and without the keyboard"
    assert chosen_colour(start.cases) == away  # the cases' chosen row: not where Enter goes
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is start.cases
    assert chosen_colour(start.cases) == here and chosen_colour(start.table) == away


def words_cut_in_the_lists(window: MainWindow) -> list[str]:
    """Where a word of the start view's lists does not fit its column or row."""
    start = window.start
    cut = []
    for table in (start.table, start.cases):
        name = table.accessibleName()
        header = table.horizontalHeader()
        if table.textElideMode() != Qt.TextElideMode.ElideNone or not table.wordWrap():
            cut.append(f"{name}: words too long for a column are cut short")
        for column in range(table.model().columnCount()):
            stretched = header.sectionResizeMode(column) == header.ResizeMode.Stretch
            if not stretched and table.sizeHintForColumn(column) > header.sectionSize(column):
                cut.append(f"{name}: column {column} is narrower than its words")
        for row in range(table.model().rowCount()):
            if table.sizeHintForRow(row) > table.rowHeight(row):
                cut.append(f"{name}: row {row} is shorter than its words")
        if table.height() < table.minimumSizeHint().height():
            cut.append(f"{name}: squeezed shorter than its rows")
    return cut


def test_no_word_of_the_lists_is_cut_at_1280_by_720_in_large_type(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    add_marlowe_conference(store, actor)  # three children: the longest names
    start = window.start
    start.refresh()
    start.search.setFocus()
    for _step in range(6):  # the presentation zoom's size, 160 %
        press(qtbot, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom_percent() == 160
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.width() <= SMALL[0], timeout=1000)
    QTest.qWait(100)
    cut = words_cut_in_the_lists(window)
    assert cut == [], "\n".join(cut)


def names_on_screen(window: MainWindow) -> list[str]:
    """Every family or child name any visible widget of the window shows or says."""
    names = ("Ashdown", "Maisie", "Leo", "Marlowe")
    seen = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        words = [widget.accessibleName(), widget.toolTip()]
        for kind in (QLabel, QLineEdit, QAbstractButton):
            if isinstance(widget, kind):
                words.append(widget.text())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            words += [
                str(model.index(row, column).data())
                for row in range(model.rowCount())
                for column in range(model.columnCount())
            ]
        seen += [f"{type(widget).__name__}: {w}" for w in words if any(n in w for n in names)]
    return seen


def test_on_the_shared_screen_the_start_view_lists_no_family(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    add_marlowe_conference(store, actor)
    start = window.start
    start.refresh()
    start.search.setFocus()
    type_here(qtbot, "ma")  # Maisie Ashdown and the Marlowes
    press(qtbot, Qt.Key.Key_Down)
    assert names_on_screen(window), "the check sees the names in the lists"
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.presentation, timeout=2000)
    assert names_on_screen(window) == []
    assert start.model.rowCount() == 0 and start.case_model.rowCount() == 0
    assert start.hidden_note.isVisible() and "hidden while the screen is shared" in (
        start.hidden_note.text()
    )
    assert start.banner.isVisible()
    assert focused() is start.new_button, "the keyboard is not left on a hidden list"
    press(qtbot, Qt.Key.Key_F5)  # the screen is no longer shared: the lists come back
    qtbot.waitUntil(lambda: not window.presentation, timeout=2000)
    assert start.search.text() == "ma", "what was typed in the search is kept"
    assert start.model.rowCount() == 2 and start.table.isVisible()


def test_back_from_a_shared_journey_the_start_view_lists_no_family(
    qtbot: QtBot, window: MainWindow, demo_id: int
) -> None:
    start = window.start
    start.refresh()
    start.search.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is start.cases
    press(qtbot, Qt.Key.Key_Return)  # the Ashdown family's journey
    qtbot.waitUntil(lambda: window.journey_view is not None, timeout=3000)
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.presentation, timeout=2000)
    press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # Back to the list
    qtbot.waitUntil(lambda: window.stack.currentWidget() is start, timeout=2000)
    assert names_on_screen(window) == []
    assert start.hidden_note.isVisible()
    assert focused() is start.new_button


def test_the_lists_take_a_new_type_given_while_a_conference_was_open(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    """Behind an open conference the lists are not measured at each zoom step or F5 (that
    cost every F5 its share); back on screen they are measured for the type they now have."""
    add_marlowe_conference(store, actor)
    window.start.refresh()
    window.resize(*SMALL)
    window.open_conference(demo_id)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    for _step in range(6):  # 160 %, typed while the lists are behind the conference
        press(qtbot, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom_percent() == 160
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # back to the list
    qtbot.waitUntil(lambda: window.start.isVisible(), timeout=3000)
    QTest.qWait(100)
    assert words_cut_in_the_lists(window) == []
