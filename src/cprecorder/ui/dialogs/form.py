"""What every dialog of the window does with the keyboard.

* It has a default button (``setDefault``): Enter in a one-line field presses it.
* Enter on a focused button presses that button (Qt does this in a dialog).
* Words typed into it are never thrown away unasked: Esc, Cancel or closing the
  dialog with typed text asks first, and "Keep typing" is what Enter answers.
* Closed, it hands the keyboard back to the window it was opened from.
* Opened with :func:`open_over`, keys typed before it is on screen go into it.

How each dialog shows which control has the focus is the theme's (a border in
the accent colour on every kind of control).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent, QWindow
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..widgets.labels import DialogTitle

TextInput = QLineEdit | QPlainTextEdit | QTextEdit

DISCARD_TITLE = "Throw away what you typed?"
DISCARD_QUESTION = "What you typed in this window has not been used yet. Throw it away?"


def typed_text(widget: QWidget) -> str:
    """The words in a text input (an empty string for anything else)."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    return ""


#: What a person does to the window behind a dialog with the mouse: nothing, while it is up.
CLICKS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
    }
)
KEYS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease})


class HeldWindow(QObject):
    """The window a dialog was opened from, while the dialog is up: what reaches it goes
    into the dialog or nowhere, as a modal dialog would have it, but without dropping keys.

    Qt throws away a key that reaches a window blocked by a modal dialog, before any
    filter sees it, and an X server sends the keys to the window behind until the dialog
    has the keyboard: "Fenwick" and a Tab typed on after Ctrl+N, while the dialog was
    coming up, were lost on a real screen. So the dialog is not modal, and this filter on
    the window behind sends each key that reaches it, as it comes (in order with those
    that reach the dialog itself), to the dialog's window, which gives it to the field
    its cursor is in. The window behind takes no click, runs no shortcut and cannot be
    closed meanwhile. Nothing here runs an event loop: a key is passed on and returns.
    """

    def __init__(self, dialog: QDialog, behind: QWindow) -> None:
        super().__init__(dialog)  # goes with the dialog
        self.dialog = dialog
        self.behind = behind
        behind.installEventFilter(self)
        dialog.finished.connect(self.release)

    def release(self) -> None:
        """The dialog is closed: the window behind is the person's again."""
        self.behind.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.dialog.isVisible():  # closed: what it does now runs in the window
            return False
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # no shortcut of the window behind: the key is the dialog's
            return True
        if kind in KEYS:
            assert isinstance(event, QKeyEvent)
            into = self.dialog.windowHandle()
            if into is not None:
                copy = QKeyEvent(
                    kind,
                    event.key(),
                    event.modifiers(),
                    event.text(),
                    event.isAutoRepeat(),
                    event.count(),
                )
                QCoreApplication.sendEvent(into, copy)
            return True
        if kind == QEvent.Type.Close and event.spontaneous():
            assert isinstance(event, QCloseEvent)
            event.ignore()  # the window manager's close button: the dialog first
            return True
        return kind in CLICKS


def open_over(dialog: QDialog) -> None:
    """Show ``dialog`` in front of the window it was opened from, with the keyboard.

    Returns at once: what the dialog does when closed is connected to its ``finished``
    (or ``accepted``) signal, not run after a nested event loop. Keys typed before the
    dialog is on screen and has the keyboard go into it, in order (:class:`HeldWindow`);
    its cursor starts in its first field that takes Tab unless it chose one.
    """
    owner = dialog.parentWidget()
    behind = owner.window().windowHandle() if owner is not None else None
    if behind is not None:
        HeldWindow(dialog, behind)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.show()
    if dialog.focusWidget() is None:
        dialog.focusNextChild()  # where keys typed before it has the keyboard go
    dialog.raise_()
    dialog.activateWindow()  # with no window manager, nobody else gives it the keyboard


class FormDialog(QDialog):
    """A dialog that asks before throwing away what was typed into it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Each text input's words when the dialog was shown: what counts as typed is new.
        self._shown_with: list[tuple[QWidget, str]] | None = None
        #: Where a refusal is said (see :meth:`refuse`), once :meth:`main_buttons` made it.
        self.problem = QLabel()

    def page(self, name: str, title: str, width: int) -> QVBoxLayout:
        """The dialog's layout, with its title on top."""
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        heading = DialogTitle(title)
        heading.setObjectName("dialogTitle")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        return layout

    def main_buttons(
        self, layout: QVBoxLayout, text: str, *, before: QWidget | None = None
    ) -> QPushButton:
        """The line for a refusal, then the main button (the default) and Cancel after it.

        The main button comes first, on screen and for Tab: the key after the last field
        never reaches Cancel. ``before`` stands at the left of the row.
        """
        self.problem.setObjectName("flag")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        row = QHBoxLayout()
        if before is not None:
            row.addWidget(before)
        row.addStretch(1)
        main = QPushButton(text)
        main.setAccessibleName(text.replace("&", ""))
        main.setObjectName("primary")
        main.setDefault(True)
        main.clicked.connect(self.accept)
        cancel = QPushButton("Cancel")
        cancel.setAccessibleName("Cancel")
        cancel.clicked.connect(self.reject)
        row.addWidget(main)
        row.addWidget(cancel)
        layout.addLayout(row)
        self.setTabOrder(main, cancel)
        return main

    def refuse(self, sentence: str) -> None:
        """Say why the main button did not do it; the dialog stays open."""
        self.problem.setText(sentence)
        self.problem.show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._shown_with is None:
            self._shown_with = [(w, typed_text(w)) for w in self._inputs()]

    def _inputs(self) -> list[QWidget]:
        inputs: list[QWidget] = [w for w in self.findChildren(QLineEdit) if not w.isReadOnly()]
        inputs += [w for w in self.findChildren(QPlainTextEdit) if not w.isReadOnly()]
        inputs += [w for w in self.findChildren(QTextEdit) if not w.isReadOnly()]
        return inputs

    def has_typed_text(self) -> bool:
        """Whether a text input holds words it did not hold when the dialog opened."""
        before = dict(self._shown_with or [])
        return any(
            typed_text(w).strip() and typed_text(w) != before.get(w, "") for w in self._inputs()
        )

    def may_throw_away(self) -> bool:
        """Ask before typed words are thrown away; "Keep typing" unless the person says so."""
        if not self.has_typed_text():
            return True
        typing_in = self.focusWidget()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(DISCARD_TITLE)
        box.setText(DISCARD_QUESTION)
        keep = box.addButton("&Keep typing", QMessageBox.ButtonRole.RejectRole)
        discard = box.addButton("&Throw it away", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        if box.clickedButton() is discard:
            return True
        self.activateWindow()  # back to the words, the cursor where it was
        if typing_in is not None:
            typing_in.setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    def reject(self) -> None:
        """Esc, Cancel and closing the dialog all come here."""
        if self.may_throw_away():
            super().reject()

    def done(self, result: int) -> None:
        """A closed dialog hands the keyboard back to the window it was opened from.

        Where no window manager does it (a virtual screen, some remote desktops), the
        window stayed inactive: Tab still moved, but its shortcuts (Ctrl+PgDn, Alt+1…9,
        F5) did nothing, and a conference was typed round and round its first pane.
        """
        super().done(result)
        owner = self.parentWidget()
        if owner is not None:
            owner.window().activateWindow()
