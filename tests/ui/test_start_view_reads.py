"""The start view is used by keyboard and says what happens next: ↓ from the search goes
into the list, ↑/↓ choose, Enter opens; the chosen row shows where the keyboard is; the
line under the list says what Enter does; no word is cut at 1280×720 in large type."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
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


def test_no_word_of_the_lists_is_cut_at_1280_by_720_on_the_shared_screen(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, demo_id: int
) -> None:
    add_marlowe_conference(store, actor)  # three children: the longest names
    start = window.start
    start.refresh()
    start.search.setFocus()
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.presentation, timeout=2000)
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.width() <= SMALL[0], timeout=1000)
    QTest.qWait(100)
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
    assert cut == [], "\n".join(cut)
