"""How a benchmark reaches an agenda item: by the keys a person presses, not a method.

Alt+1…9 chooses one of the first nine items; past them, Ctrl+PgUp steps round the
agenda to it. Where a figure times a switch between panes against a bare
``QStackedWidget.setCurrentIndex`` (the floor), the benchmark calls ``show_pane``
instead: that is the floor's equivalent, and the keys' own cost is not the figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cprecorder.ui.recording.conference_view import ConferenceView


def reach(view: ConferenceView, key: str) -> None:
    """Show the agenda item ``key`` as a person does with the keyboard."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    window = view.window()
    window.activateWindow()  # the keys go to the window a person is in (a floor's may be)
    number = view.keys.index(key) + 1
    if number <= 9:
        QTest.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.AltModifier)
    for _ in view.keys:
        QApplication.processEvents()
        if view.current_key() == key:
            return
        QTest.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    raise AssertionError(f"the keys did not reach {key!r}; {view.current_key()!r} is shown")
