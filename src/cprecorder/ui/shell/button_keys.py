"""Keys on a focused button do what the person means, or nothing, never something else.

* Enter presses the button, a tool button (the review's ✕) as well as a push button.
* Ctrl+Up and Ctrl+Down move an item; on a button there is no item to move, and Qt
  would take the arrow as a step to the next widget (past the end of a pane, the agenda
  list, whose type-ahead then took the letters typed next). They do nothing there.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QPushButton, QToolButton

MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ButtonKeys(QObject):
    """An event filter for the buttons of a window (see :func:`watch`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QAbstractButton):
            return False
        assert isinstance(event, QKeyEvent)
        key, modifiers = event.key(), event.modifiers()
        if key in MOVE_KEYS and modifiers & Qt.KeyboardModifier.ControlModifier:
            return True
        if (
            key in ENTER_KEYS
            and isinstance(watched, QToolButton)
            and not modifiers & ~Qt.KeyboardModifier.KeypadModifier
            and watched.isEnabled()
        ):
            watched.click()
            return True
        return False

    def watch(self, button: QAbstractButton) -> None:
        """A button that has the focus: Enter presses it (``autoDefault`` for a push
        button, as in a dialog; this filter for a tool button), Ctrl+arrows do nothing."""
        if isinstance(button, QPushButton) and not button.autoDefault():
            button.setAutoDefault(True)
        button.installEventFilter(self)  # once: Qt installs a filter only once
