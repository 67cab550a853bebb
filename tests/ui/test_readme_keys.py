"""The README's key tables are true: every row's keys, pressed in a real window, do what
the row says.

The rows are read out of README.md (each markdown table whose first column is "Keys"), and
each row maps to one check in :data:`CHECKS`, keyed by the table's heading and the row's
keys as the README writes them. A row added to the README without a check, or a check
whose row is gone, fails :func:`test_every_readme_key_row_has_a_check`, so the table and
the app cannot drift apart. One window runs every check, in the README's order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QMessageBox,
    QTextEdit,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from by_keyboard import (
    agenda_entries,
    answering,
    focused,
    go_to,
    open_dialog,
    press,
    settled,
    type_here,
    wait_saved,
)
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import Role, SafetyScore
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.dialogs.export import ExportDialog
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.settings import SHARED_ZOOM, ZOOM, ZOOM_MAX, ZOOM_MIN, ZOOM_STEP
from cprecorder.ui.widgets.fields import CheckField, DateField, ScoreField
from cprecorder.ui.widgets.item_list import ItemList

README = Path(__file__).resolve().parents[2] / "README.md"

Ctrl = Qt.KeyboardModifier.ControlModifier
Alt = Qt.KeyboardModifier.AltModifier
Shift = Qt.KeyboardModifier.ShiftModifier


#: How a table of keys names its first column.
KEY_HEADERS = ("Key", "Keys", "Shortcut", "Shortcuts")


def readme_key_rows() -> list[tuple[str, str]]:
    """(the heading above the table, the row's keys) for every row of every key table."""
    rows: list[tuple[str, str]] = []
    heading = ""
    in_table = False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        cells = (
            [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        )
        if not cells:
            in_table = False
        elif cells[0] in KEY_HEADERS:
            in_table = True
        elif in_table and not re.fullmatch(r"-+", cells[0]):
            rows.append((heading, cells[0]))
    return rows


@dataclass
class Keys:
    """The window with the demo conference open, and where its record is kept."""

    qtbot: QtBot
    window: MainWindow
    store: Store
    conference_id: int

    def press(
        self, key: Qt.Key | str, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        press(self.qtbot, key, modifiers)

    def field(self, pane: str, key: tuple[str, int, str]) -> QWidget:
        """The field ``key`` of ``pane``, reached as a person does, with the cursor in it."""
        widget = go_to(self.qtbot, self.window, pane).fields[key].as_widget()
        widget.setFocus()
        self.qtbot.waitUntil(lambda: focused() is widget, timeout=2000)
        return widget

    def notes(self) -> list[str]:
        with self.store.read() as session:
            return [n.text for n in load_conference(session, self.conference_id).professionals_only]

    def first_note(self) -> QTextEdit:
        view = self.window.view
        assert view is not None
        pane = go_to(self.qtbot, self.window, "professionals_only")
        key = next(k for k in pane.fields if k[2] == "text")
        widget = pane.fields[key].as_widget()
        assert isinstance(widget, QTextEdit)
        widget.setFocus()
        self.qtbot.waitUntil(lambda: focused() is widget, timeout=2000)
        return widget

    def scores(self) -> dict[tuple[str, int], int | None]:
        """Each safety score given: by the name and id of who gave it."""
        with self.store.read() as session:
            people = {p.id: p.name for p in load_conference(session, self.conference_id).people}
            return {
                (people[s.person_id], s.person_id): s.score
                for s in session.query(SafetyScore)
                if s.person_id in people
            }

    def message(self) -> str:
        return self.window.status.text()


Check = Callable[[Keys], None]


# -- Recording a conference ---------------------------------------------------------


def tab_and_shift_tab(k: Keys) -> None:
    reason = k.field("worries", ("conference", k.conference_id, "reason_for_conference"))
    k.press(Qt.Key.Key_Tab)
    after = settled(k.qtbot)
    assert after is not reason, "Tab did not leave the field"
    route = [after]  # reading order: the first worry's words, who said it, its switch, Add
    for _ in range(3):
        k.press(Qt.Key.Key_Tab)
        route.append(settled(k.qtbot))
    worry = str(after.property("field_key")).rsplit(":", 1)[0]
    assert [str(w.property("field_key")) for w in route[:3]] == [
        f"{worry}:text",
        f"{worry}:contributor_id",
        f"{worry}:confidential",
    ]
    assert isinstance(route[3], QAbstractButton) and route[3].text().startswith("+ ")
    for back in reversed([reason, *route[:-1]]):
        k.press(Qt.Key.Key_Backtab, Shift)
        assert settled(k.qtbot) is back, "Shift+Tab did not go back the same way"
    date = k.field("before", ("conference", k.conference_id, "strategy_discussion_on"))
    assert isinstance(date, DateField)
    k.press(Qt.Key.Key_Tab)
    assert settled(k.qtbot) is not date, "Tab did not leave the date"


def enter_in_a_list_item(k: Keys) -> None:
    before = k.notes()
    note = k.first_note()
    note.moveCursor(note.textCursor().MoveOperation.End)
    k.press(Qt.Key.Key_Return, Shift)
    k.press(Qt.Key.Key_Return, Ctrl)
    assert note.toPlainText().endswith("\n\n"), "Shift+Enter / Ctrl+Enter made no new line"
    note.setPlainText(before[0])
    note.moveCursor(note.textCursor().MoveOperation.End)
    k.press(Qt.Key.Key_Return)
    added = settled(k.qtbot)
    assert added is not note and isinstance(added, QTextEdit)
    type_here(k.qtbot, "Second note")
    wait_saved(k.qtbot, k.window)
    assert k.notes() == [before[0], "Second note", *before[1:]]


def move_up_and_down(k: Keys) -> None:
    before = k.notes()
    assert before[1] == "Second note"
    k.first_note()
    k.press(Qt.Key.Key_Down, Ctrl)
    wait_saved(k.qtbot, k.window)
    assert k.notes()[:2] == [before[1], before[0]], "Ctrl+↓ did not move the item down"
    assert settled(k.qtbot).property("field_key").endswith(":text")
    k.press(Qt.Key.Key_Up, Ctrl)
    wait_saved(k.qtbot, k.window)
    assert k.notes() == before, "Ctrl+↑ did not move the item back up"


def remove_and_put_back(k: Keys) -> None:
    before = k.notes()
    k.first_note()
    k.press(Qt.Key.Key_Delete, Ctrl)
    assert k.notes() == before[1:], "Ctrl+Delete did not remove the item"
    k.press(Qt.Key.Key_Z, Ctrl | Alt)
    assert k.notes() == before, "Ctrl+Alt+Z did not put the item back"
    with k.store.read() as session:  # the note put back is a new row
        first_id, second = (
            n.id for n in load_conference(session, k.conference_id).professionals_only[:2]
        )
    first = f"professionals_only_note:{first_id}:text"
    k.field("professionals_only", ("professionals_only_note", second, "text"))
    k.press(Qt.Key.Key_Delete, Ctrl)
    assert k.notes() == before[:1] + before[2:]
    now = settled(k.qtbot).property("field_key")
    assert now == first, f"Ctrl+Delete left the cursor in {now}, not the item before"
    k.press(Qt.Key.Key_Z, Ctrl | Alt)
    assert k.notes() == before
    # a person goes with their scores, and comes back with them
    scored = k.scores()
    name, person = next(iter(scored))
    k.field("family", ("person", person, "name"))
    k.press(Qt.Key.Key_Delete, Ctrl)
    assert name not in {who for who, _ in k.scores()}
    k.press(Qt.Key.Key_Z, Ctrl | Alt)
    assert {(who, score) for (who, _), score in k.scores().items()} == {
        (who, score) for (who, _), score in scored.items()
    }, "the person came back without their scores"


def agenda_items(k: Keys) -> None:
    view = k.window.view
    assert view is not None
    go_to(k.qtbot, k.window, view.keys[0])
    k.press(Qt.Key.Key_PageDown, Ctrl)
    assert view.current_key() == view.keys[1]
    k.press(Qt.Key.Key_PageUp, Ctrl)
    assert view.current_key() == view.keys[0]
    for number in (3, 9, 1):
        k.press(getattr(Qt.Key, f"Key_{number}"), Alt)
        assert view.current_key() == view.keys[number - 1], f"Alt+{number}"


def find(k: Keys) -> None:
    view = k.window.view
    assert view is not None
    k.press(Qt.Key.Key_F, Ctrl)
    assert focused() is view.find_bar
    type_here(k.qtbot, "Maisie")
    k.press(Qt.Key.Key_Return)
    first = focused().property("field_key")
    assert k.message().startswith("Match 1 of "), k.message()
    k.press(Qt.Key.Key_F3)
    assert k.message().startswith("Match 2 of "), f"F3: {k.message()!r}"
    now = focused()
    words = now.toPlainText() if isinstance(now, QTextEdit) else getattr(now, "text", str)()
    assert now.property("field_key") != first and "maisie" in words.casefold()
    view.find_bar.hide()


def save_now(k: Keys) -> None:
    view = k.window.view
    assert view is not None
    observers = k.field("before", ("conference", k.conference_id, "observers"))
    assert isinstance(observers, QTextEdit)
    observers.moveCursor(observers.textCursor().MoveOperation.End)
    type_here(k.qtbot, " Saved at once.")
    assert view.recorder.has_pending()
    k.press(Qt.Key.Key_S, Ctrl)
    assert not view.recorder.has_pending(), "Ctrl+S left the words unsaved"
    with k.store.read() as session:
        assert load_conference(session, k.conference_id).observers.endswith(" Saved at once.")


def presentation(k: Keys) -> None:
    view = k.window.view
    assert view is not None
    k.press(Qt.Key.Key_F5)
    assert k.window.presentation and view.banner.isVisible()
    assert "professionals_only" not in agenda_entries(k.window)
    k.press(Qt.Key.Key_F5)
    assert not k.window.presentation and not view.banner.isVisible()


def answer_someone_else(k: Keys) -> None:
    """Someone else saves the words first; the question comes up beside the window, the
    save status names F6, F6 goes to it on Put both, Enter answers, the cursor is back."""
    view = k.window.view
    assert view is not None
    key = ("conference", k.conference_id, "observers")
    observers = k.field("before", key)
    assert isinstance(observers, QTextEdit)
    observers.moveCursor(observers.textCursor().MoveOperation.End)
    dana = Actor(name="Dana Okafor", role=Role.CHAIR, os_user="dokafor")
    op.update(
        k.store,
        actor=dana,
        entity="conference",
        entity_id=k.conference_id,
        values={"observers": "Dana's list."},
    )
    type_here(k.qtbot, " Typed on.")
    k.press(Qt.Key.Key_S, Ctrl)
    box = open_dialog(QMessageBox)
    assert box is not None, "no question came up"
    assert "F6 to answer" in view.header.save_state.text()
    k.press(Qt.Key.Key_F6)
    k.qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=2000)
    k.qtbot.waitUntil(lambda: focused() is box.defaultButton(), timeout=5000)
    k.press(Qt.Key.Key_Return)
    k.qtbot.waitUntil(lambda: QApplication.activeWindow() is k.window, timeout=2000)
    k.qtbot.waitUntil(lambda: focused() is view.panes["before"].fields[key].as_widget())
    with k.store.read() as session:
        saved = load_conference(session, k.conference_id).observers
    assert saved.startswith("Dana's list.") and saved.endswith(" Typed on.")


def shared_window_from_recording(k: Keys) -> None:
    """Ctrl+Shift+S, and the Ctrl+Shift+P and Ctrl+Shift+B the row names beside it."""
    open_shared(k)
    pause_shared(k)
    blank_shared(k)


def zoom(k: Keys) -> None:
    before = k.window.zoom_percent()
    k.press(Qt.Key.Key_Equal, Ctrl)
    assert k.window.zoom_percent() == before + 10
    assert k.message() == f"Zoom {before + 10}%"
    assert k.window.settings.get(ZOOM) == before + 10  # remembered
    assert k.window._message_passes.isActive()  # the size is said for a few seconds
    k.press(Qt.Key.Key_Minus, Ctrl)
    assert k.window.zoom_percent() == before
    assert k.message() == f"Zoom {before}%"
    for _ in range((before - ZOOM_MIN) // ZOOM_STEP + 1):
        k.press(Qt.Key.Key_Minus, Ctrl)
    assert k.window.zoom_percent() == ZOOM_MIN == 100
    k.window.settings.set(ZOOM, ZOOM_MAX - ZOOM_STEP)  # the other end, without 15 steps
    k.press(Qt.Key.Key_Equal, Ctrl)
    k.press(Qt.Key.Key_Equal, Ctrl)
    assert k.window.zoom_percent() == ZOOM_MAX == 250
    assert k.message() == "Zoom 250%"
    k.window.settings.set(ZOOM, before + ZOOM_STEP)
    k.press(Qt.Key.Key_Minus, Ctrl)
    assert k.window.zoom_percent() == before


def export(k: Keys) -> None:
    with answering(ExportDialog, lambda dialog: k.qtbot.keyClick(dialog, Qt.Key.Key_Escape)):
        k.press(Qt.Key.Key_E, Ctrl)


def undo_redo(k: Keys) -> None:
    field = k.field("summary", ("conference", k.conference_id, "chair_summary"))
    assert isinstance(field, QTextEdit)
    field.moveCursor(field.textCursor().MoveOperation.End)
    before = field.toPlainText()
    type_here(k.qtbot, " and more")
    k.press(Qt.Key.Key_Z, Ctrl)
    assert field.toPlainText() != before + " and more", "Ctrl+Z undid nothing"
    k.press(Qt.Key.Key_Y, Ctrl)
    assert field.toPlainText() == before + " and more", "Ctrl+Y redid nothing"


def enter_on_a_button(k: Keys) -> None:
    before = len(k.notes())
    k.first_note()
    add = next(
        b.add_button
        for b in k.window.findChildren(ItemList)
        if b.isVisible() and b.add_button.isVisible()
    )
    add.setFocus()
    k.qtbot.waitUntil(lambda: focused() is add, timeout=2000)
    k.press(Qt.Key.Key_Up, Ctrl)
    k.press(Qt.Key.Key_Down, Ctrl)
    assert focused() is add and len(k.notes()) == before, "Ctrl+↑/↓ on a button did something"
    k.press(Qt.Key.Key_Return)
    assert len(k.notes()) == before + 1, "Enter did not press the button"
    assert not isinstance(settled(k.qtbot), QAbstractButton)
    add.setFocus()
    k.qtbot.waitUntil(lambda: focused() is add, timeout=2000)
    k.press(Qt.Key.Key_Space)
    k.qtbot.waitUntil(lambda: len(k.notes()) == before + 2, timeout=2000)
    assert k.notes()[-2:] == ["", ""]
    with k.store.read() as session:
        empty = [n.id for n in load_conference(session, k.conference_id).professionals_only]
    # the two empty notes go again, one Ctrl+Delete each: the first leaves the cursor in
    # the note before, where the next Ctrl+Delete works as in the one removed
    k.field("professionals_only", ("professionals_only_note", empty[-1], "text"))
    k.press(Qt.Key.Key_Delete, Ctrl)
    after = settled(k.qtbot).property("field_key")
    assert after == f"professionals_only_note:{empty[-2]}:text", f"Ctrl+Delete left {after}"
    k.press(Qt.Key.Key_Delete, Ctrl)
    assert len(k.notes()) == before
    k.press(Qt.Key.Key_R, Ctrl)  # the review panel, and its ✕
    close = k.window.findChild(QToolButton, "closeReview")
    assert close is not None and close.isVisible(), "Ctrl+R opened no review"
    review = close.parentWidget()
    assert review is not None
    close.setFocus()
    k.qtbot.waitUntil(lambda: focused() is close, timeout=2000)
    k.press(Qt.Key.Key_Return)
    assert not review.isVisible(), "Enter on the review's ✕ did not close it"
    assert not isinstance(settled(k.qtbot), QAbstractButton)


def calendar_in_a_date(k: Keys) -> None:
    date = k.field("before", ("conference", k.conference_id, "strategy_discussion_on"))
    assert isinstance(date, DateField)
    held = date.date_value()
    assert held is not None
    k.press(Qt.Key.Key_Down, Alt)
    calendar = date._calendar
    assert calendar is not None and calendar.isVisible(), "Alt+↓ opened no calendar"
    k.press(Qt.Key.Key_Escape)
    assert not calendar.isVisible() and date.date_value() == held, "Esc did not close it"
    date.setFocus()
    k.press(Qt.Key.Key_Down, Alt)
    k.press(Qt.Key.Key_Right)
    k.press(Qt.Key.Key_Return)
    assert not calendar.isVisible()
    day_after = held.toordinal() + 1
    taken = date.date_value()
    assert taken is not None and taken.toordinal() == day_after
    with k.store.read() as session:
        saved = load_conference(session, k.conference_id).strategy_discussion_on
    assert saved is not None and saved.toordinal() == day_after


def empty_a_date(k: Keys) -> None:
    date = k.field("before", ("conference", k.conference_id, "strategy_discussion_on"))
    assert isinstance(date, DateField) and date.date_value() is not None
    k.press(Qt.Key.Key_Delete, Ctrl)
    assert date.text() == "" and date.date_value() is None
    wait_saved(k.qtbot, k.window)
    with k.store.read() as session:
        assert load_conference(session, k.conference_id).strategy_discussion_on is None


def professionals_only_worry(k: Keys) -> None:
    view = k.window.view
    assert view is not None
    pane = go_to(k.qtbot, k.window, "worries")
    key = next(key for key in pane.fields if key[0] == "worry" and key[2] == "text")
    worry = k.field("worries", key)
    box = pane.fields[("worry", key[1], "confidential")].as_widget()
    assert isinstance(box, CheckField)

    def confidential() -> bool:
        with k.store.read() as session:
            conference = load_conference(session, k.conference_id)
            return next(w.confidential for w in conference.worries if w.id == key[1])

    was = confidential()
    k.press(Qt.Key.Key_O, Ctrl | Shift)
    k.qtbot.waitUntil(lambda: confidential() is not was, timeout=2000)
    assert box.isChecked() is not was and focused() is worry
    k.press(Qt.Key.Key_O, Ctrl | Shift)
    k.qtbot.waitUntil(lambda: confidential() is was, timeout=2000)


def score(k: Keys) -> None:
    pane = go_to(k.qtbot, k.window, "safety_scale")
    key = next(key for key in pane.fields if key[2] == "safety_score")
    k.field("safety_scale", key)

    def box() -> str:  # the pane is drawn again once a score is saved
        shown = settled(k.qtbot)
        assert isinstance(shown, ScoreField)
        return shown.text()

    def saved() -> int | None:
        with k.store.read() as session:
            entry = session.query(SafetyScore).filter_by(person_id=key[1]).one_or_none()
            return None if entry is None else entry.score

    k.press("1")
    k.press("0")
    assert box() == "10"
    k.press(Qt.Key.Key_Return)
    k.qtbot.waitUntil(lambda: saved() == 10, timeout=2000)
    k.press(Qt.Key.Key_Down)
    k.press(Qt.Key.Key_Down)
    assert box() == "8"
    k.press(Qt.Key.Key_Up)
    k.press(Qt.Key.Key_Return)
    k.qtbot.waitUntil(lambda: saved() == 9, timeout=2000)
    k.press("4")  # the score typed over
    k.press(Qt.Key.Key_Return)
    k.qtbot.waitUntil(lambda: saved() == 4, timeout=2000)


# -- The shared window ------------------------------------------------------------


def open_shared(k: Keys) -> None:
    k.press(Qt.Key.Key_S, Ctrl | Shift)
    shared = k.window.shared
    assert shared is not None and shared.isVisible()
    assert shared.view is k.window.view, "it does not follow the conference open"
    k.window.activateWindow()
    k.qtbot.waitUntil(k.window.isActiveWindow, timeout=2000)


def pause_shared(k: Keys) -> None:
    from cprecorder.ui.shared.window import PAUSED

    shared = k.window.shared
    assert shared is not None
    summary = k.field("summary", ("conference", k.conference_id, "chair_summary"))
    assert isinstance(summary, QTextEdit)
    summary.moveCursor(summary.textCursor().MoveOperation.End)
    k.press(Qt.Key.Key_P, Ctrl | Shift)
    assert shared.paused and shared.banner.isVisibleTo(shared) and shared.banner.text() == PAUSED
    shown = shared.page.toPlainText()
    type_here(k.qtbot, " Quokka")  # held while paused: the page stays on what it showed
    k.qtbot.wait(100)
    assert shared.page.toPlainText() == shown
    k.press(Qt.Key.Key_P, Ctrl | Shift)
    assert not shared.paused and not shared.banner.isVisibleTo(shared)
    k.qtbot.waitUntil(lambda: "Quokka" in shared.page.toPlainText(), timeout=2000)


def blank_shared(k: Keys) -> None:
    from cprecorder.ui.shared.window import ONE_MOMENT

    shared = k.window.shared
    assert shared is not None
    k.press(Qt.Key.Key_B, Ctrl | Shift)
    assert shared.blanked and shared.stack.currentWidget() is shared.blank
    assert ONE_MOMENT in shared.blank.text()
    k.press(Qt.Key.Key_B, Ctrl | Shift)
    assert not shared.blanked and shared.stack.currentWidget() is shared.page


def zoom_shared(k: Keys) -> None:
    shared = k.window.shared
    assert shared is not None
    main = k.window.zoom_percent()
    before = shared.point_size()
    remembered = k.window.settings.get(SHARED_ZOOM)
    k.press(Qt.Key.Key_Equal, Ctrl | Alt)
    assert shared.point_size() > before, "Ctrl+Alt+= did not enlarge the shared window's type"
    assert k.window.settings.get(SHARED_ZOOM) > remembered, "not remembered"
    k.press(Qt.Key.Key_Minus, Ctrl | Alt)
    assert shared.point_size() == before
    assert k.window.zoom_percent() == main, "the main window's zoom changed"


RECORDING = "Recording a conference"
SHARED = "The shared window: share only what the family may see"

#: Every README key row, by its table's heading and its keys, with what proves it.
CHECKS: dict[tuple[str, str], Check] = {
    (RECORDING, "Tab / Shift+Tab"): tab_and_shift_tab,
    (RECORDING, "Enter (in a list item)"): enter_in_a_list_item,
    (RECORDING, "Ctrl+↑ / Ctrl+↓"): move_up_and_down,
    (RECORDING, "Ctrl+Delete"): remove_and_put_back,
    (RECORDING, "Ctrl+PgUp / Ctrl+PgDn, Alt+1…9"): agenda_items,
    (RECORDING, "Ctrl+F, F3"): find,
    (RECORDING, "Ctrl+S"): save_now,
    (RECORDING, "F5"): presentation,
    (RECORDING, "F6"): answer_someone_else,
    (RECORDING, "Ctrl+Shift+S"): shared_window_from_recording,
    (RECORDING, "Ctrl+= / Ctrl+-"): zoom,
    (RECORDING, "Ctrl+E"): export,
    (RECORDING, "Ctrl+Z / Ctrl+Y"): undo_redo,
    (RECORDING, "Enter (on a button)"): enter_on_a_button,
    (RECORDING, "Alt+↓ (in a date)"): calendar_in_a_date,
    (RECORDING, "Ctrl+Delete (in a date)"): empty_a_date,
    (RECORDING, "Ctrl+Shift+O (in a worry)"): professionals_only_worry,
    (RECORDING, "0–9, ↑ / ↓ (in a score)"): score,
    (SHARED, "Ctrl+Shift+S"): open_shared,
    (SHARED, "Ctrl+Shift+P"): pause_shared,
    (SHARED, "Ctrl+Shift+B"): blank_shared,
    (SHARED, "Ctrl+Alt+= / Ctrl+Alt+-"): zoom_shared,
}


def test_every_readme_key_row_has_a_check() -> None:
    rows = readme_key_rows()
    assert len(rows) == len(set(rows)), "a key table repeats a row"
    assert {RECORDING, SHARED} <= {heading for heading, _ in rows}
    assert sorted(set(rows) - set(CHECKS)) == [], "README rows with no check here"
    assert sorted(set(CHECKS) - set(rows)) == [], "checks whose README row is gone"


def test_the_keys_do_what_the_readme_says(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    keys = Keys(qtbot, demo_window, store, demo_id)
    failed: list[str] = []
    for row in readme_key_rows():
        check = CHECKS.get(row)  # a row with no check fails the test above
        if check is None:
            continue
        try:
            check(keys)
        except AssertionError as exc:
            failed.append(f"{row[1]!r} ({row[0]}): {exc}")
            QApplication.processEvents()
    assert not failed, "\n".join(failed)
