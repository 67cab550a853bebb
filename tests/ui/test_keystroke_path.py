"""What a keystroke does in the window, kept small without changing what a person sees.

Each test types into the demo conference with real key clicks and checks the work a key
does (what is painted, what the header is told, the underlines) rather than timing it:
the times are ``make bench``'s (``window.keystroke_p99``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget
from pytestqt.qtbot import QtBot

import by_keyboard
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.widgets.fields import TextField


def chair_summary(qtbot: QtBot, window: MainWindow, conference_id: int) -> TextField:
    view = window.view
    assert view is not None
    by_keyboard.go_to(qtbot, window, "summary")
    field = view.panes["summary"].fields[("conference", conference_id, "chair_summary")]
    assert isinstance(field, TextField)
    field.setFocus()
    return field


class PaintCount(QObject):
    """How many times each watched widget was painted where ``field`` is.

    A paint elsewhere (the header saying "All changes saved" once the autosave has run)
    is not the field's doing, and is not counted.
    """

    def __init__(self, field: QWidget, widgets: list[QWidget]) -> None:
        super().__init__()
        self.field = field
        self.counts: Counter[str] = Counter()
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            assert isinstance(event, QPaintEvent)
            if watched is self.field or self.field.isAncestorOf(watched):
                where = watched.rect()
            else:  # beneath the field: where the field is on it
                where = QRect(self.field.mapTo(watched, QPoint(0, 0)), self.field.size())
            if event.region().intersects(where):
                self.counts[watched.objectName() or type(watched).__name__] += 1
        return False


def test_a_keystroke_repaints_the_field_not_the_window_beneath_it(
    qtbot: QtBot, demo_window: MainWindow, demo_id: int
) -> None:
    field = chair_summary(qtbot, demo_window, demo_id)
    qtbot.waitUntil(lambda: field.isVisible() and field.hasFocus())
    # A new line (the field grows: the pane is laid out again) and the header saying
    # "Saving…" repaint the window; that is once, not per key: done before counting.
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClicks(field, "The")
    qtbot.wait(50)
    beneath: list[QWidget] = []
    parent = field.parentWidget()
    while parent is not None:
        beneath.append(parent)
        parent = parent.parentWidget()
    painted = PaintCount(field, [field.viewport(), *beneath])
    qtbot.keyClicks(field, " family")
    qtbot.waitUntil(lambda: painted.counts[field.viewport().objectName()] > 0)
    assert field.toPlainText().endswith("\nThe family")
    # The field, its section, the pane, the splitter and the window are not painted
    # again for a letter typed: only the words' area is.
    assert [name for name in painted.counts if name != field.viewport().objectName()] == []


def test_the_field_looks_the_same_with_its_words_area_filled(
    qtbot: QtBot, demo_window: MainWindow, demo_id: int
) -> None:
    """The filled area is the colour the style sheet gives the field, in every state."""
    field = chair_summary(qtbot, demo_window, demo_id)
    qtbot.waitUntil(field.hasFocus)
    fields = [f for f in demo_window.findChildren(TextField) if f.isVisible()]
    assert fields and all(f.viewport().autoFillBackground() for f in fields)

    def unchanged_without_filling() -> bool:
        filled = demo_window.grab().toImage()
        for f in fields:
            f.viewport().setAutoFillBackground(False)  # the style sheet's own background
        see_through = demo_window.grab().toImage()
        for f in fields:
            f.viewport().setAutoFillBackground(True)
        return bool(filled == see_through)

    assert unchanged_without_filling()  # focused, with the focus border
    by_keyboard.press(qtbot, Qt.Key.Key_Tab)
    assert unchanged_without_filling()  # and not focused
    view = demo_window.view
    assert view is not None
    view.set_read_only("Another window holds this record.")
    assert unchanged_without_filling()  # read-only: dashed, the window's colour


def test_typing_tells_the_header_saving_once_and_then_saved(
    qtbot: QtBot,
    demo_window: MainWindow,
    demo_id: int,
    wait_saved: Callable[[MainWindow], None],
) -> None:
    field = chair_summary(qtbot, demo_window, demo_id)
    view = demo_window.view
    assert view is not None
    told: list[str] = []
    view.recorder.save_state_changed.connect(lambda state, _sentence: told.append(state))
    qtbot.keyClicks(field, " Nobody disagreed")
    assert told == ["pending"]
    assert view.header.save_state.text() == "Saving…"
    wait_saved(demo_window)
    assert told == ["pending", "saving", "saved"]
    assert view.header.save_state.text().startswith("All changes saved")
    qtbot.keyClicks(field, ".")
    assert told[-1] == "pending" and view.header.save_state.text() == "Saving…"


def test_a_locked_field_still_says_why_and_an_unlocked_one_takes_the_keys(
    qtbot: QtBot, demo_window: MainWindow, demo_id: int
) -> None:
    """Fields answer keys with the reason only while locked, in panes built before and after."""
    reason = "Another window holds this record."
    field = chair_summary(qtbot, demo_window, demo_id)
    before = field.toPlainText()
    view = demo_window.view
    assert view is not None
    view.set_read_only(reason)
    for key, field_key in (
        ("summary", ("conference", demo_id, "chair_summary")),
        ("worries", ("conference", demo_id, "reason_for_conference")),  # built locked
    ):
        by_keyboard.go_to(qtbot, demo_window, key)
        widget = view.panes[key].fields[field_key].as_widget()
        widget.setFocus()
        QToolTip.hideText()
        qtbot.keyClicks(widget, "x")
        assert QToolTip.text() == reason
    assert field.toPlainText() == before
    view.set_read_only("")  # editable again
    QToolTip.hideText()
    field = chair_summary(qtbot, demo_window, demo_id)
    qtbot.keyClicks(field, "y")
    assert field.toPlainText() == before + "y"
    assert QToolTip.text() != reason or not QToolTip.isVisible()
