"""What every dialog of the window does with the keyboard.

* It has a default button (``setDefault``): Enter in a one-line field presses it.
* Enter on a focused button presses that button (Qt does this in a dialog).
* Words typed into it are never thrown away unasked: Esc, Cancel or closing the
  dialog with typed text asks first, and "Keep typing" is what Enter answers.
* Closed, it hands the keyboard back to the window it was opened from.
* Opened with :func:`open_over`, keys typed before it is on screen go into it;
  a question is asked with :func:`ask`, built on it.

How each dialog shows which control has the focus is the theme's (a border in
the accent colour on every kind of control).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QShowEvent, QWindow
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QFileDialog,
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
    """The app's other windows, while a dialog is up: what reaches them goes into the
    dialog or nowhere, as a modal dialog would have it, but without dropping keys.

    Qt throws away a key that reaches a window blocked by a modal dialog, before any
    filter sees it, and an X server sends the keys to the window behind until the dialog
    has the keyboard: "Fenwick" and a Tab typed on after Ctrl+N, while the dialog was
    coming up, were lost on a real screen. So the dialog is not modal, and this filter on
    each window behind (the main window, the shared window shown to the family, a dialog
    a question was asked over) sends each key that reaches it, as it comes (in order
    with those that reach the dialog itself), to the dialog's window, which gives it to
    the field its cursor is in; an Alt+letter does what the dialog's mnemonic for it
    does (:func:`press_mnemonic`). The windows behind take no click, run no shortcut and
    cannot be closed meanwhile. Nothing here runs an event loop: a key is passed on and
    returns.

    A key passed on is tried as a shortcut of the active window, and that is still the
    window behind: F5, Ctrl+PgDn, Ctrl+N typed before the dialog had the keyboard
    switched the main window's mode and opened a second dialog. So while the dialog is
    not the active window, no key reaching it is a shortcut (the filter is the dialog's
    too): it goes to the dialog's field, which does with it what it does.

    The dialog closed, the window it was opened from (its parent's window: the main
    window, or a dialog still open) is made the active one again, before anything the
    dialog's answer runs: where no window manager does it (a virtual screen, some
    remote desktops) that window stayed inactive, Tab still moved, but its shortcuts
    (Ctrl+PgDn, Alt+1…9, F5) did nothing.
    """

    def __init__(self, dialog: QDialog, behind: list[QWindow]) -> None:
        super().__init__(dialog)  # goes with the dialog
        self.dialog = dialog
        self.behind = behind
        for window in behind:
            window.installEventFilter(self)
        dialog.installEventFilter(self)  # its Hide comes before its finished signal
        dialog.finished.connect(self.release)

    def hand_back(self) -> None:
        """The keyboard back to the window the dialog was opened from."""
        owner = self.dialog.parentWidget()
        if owner is not None and owner.window().isVisible():
            owner.window().activateWindow()

    def release(self) -> None:
        """The dialog is closed: the windows behind are the person's again."""
        self.dialog.removeEventFilter(self)
        for window in self.behind:
            if shiboken6.isValid(window):  # a window closed for good meanwhile is gone
                window.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not shiboken6.isValid(self.dialog):  # going: what reaches it is nothing of ours
            return False
        kind = event.type()
        if watched is self.dialog:
            if kind == QEvent.Type.Hide:
                self.hand_back()
            elif kind == QEvent.Type.ShortcutOverride and not self.dialog.isActiveWindow():
                event.accept()  # not the window behind's shortcut: a key of the field's
                return True
            return False
        if not self.dialog.isVisible():  # closed: what it does now runs in the window
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # no shortcut of the window behind: the key is the dialog's
            return True
        if kind in KEYS:
            assert isinstance(event, QKeyEvent)
            if kind == QEvent.Type.KeyPress and press_mnemonic(self.dialog, event):
                return True
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


def press_mnemonic(dialog: QDialog, event: QKeyEvent) -> bool:
    """Do what Alt+letter does in ``dialog`` once it has the keyboard, for a key typed
    before it had it (Qt tries a window's mnemonics only while that window is active).

    A button with that letter underlined is pressed; a label's puts the cursor in the
    field it names. Where the letter is underlined more than once, each press moves the
    cursor to the next of them, and nothing is pressed. False if the letter is nobody's.
    """
    if event.modifiers() != Qt.KeyboardModifier.AltModifier:
        return False
    typed = QKeySequence(event.keyCombination())
    owners: list[tuple[QWidget, QAbstractButton | None]] = []  # (where the cursor goes, press)
    for widget in dialog.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled()) or widget.window() is not dialog:
            continue
        if isinstance(widget, QAbstractButton) and widget.shortcut() == typed:
            owners.append((widget, widget))
        elif isinstance(widget, QLabel) and QKeySequence.mnemonic(widget.text()) == typed:
            buddy: QWidget | None = widget.buddy()
            while buddy is not None and buddy.focusProxy() is not None:
                buddy = buddy.focusProxy()
            if buddy is not None:
                owners.append((buddy, buddy if isinstance(buddy, QAbstractButton) else None))
    if not owners:
        return False
    if len(owners) > 1:  # the next one after the cursor, as Qt goes round them
        places = [place for place, _pressed in owners]
        here = dialog.focusWidget()
        after = places.index(here) + 1 if here in places else 0
        places[after % len(places)].setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True
    place, pressed = owners[0]
    if place.focusPolicy() != Qt.FocusPolicy.NoFocus and pressed is None:
        place.setFocus(Qt.FocusReason.ShortcutFocusReason)
    if pressed is not None:
        pressed.click()  # at once, so that the keys typed after it go where it leads
    return True


def open_over(dialog: QDialog) -> None:
    """Show ``dialog`` in front of the app's windows, with the keyboard.

    Every dialog and question of the app opens here. It returns at once: what the
    dialog does when closed is connected to its ``finished`` (or ``accepted``) signal,
    not run after a nested event loop. Keys typed before the dialog is on screen and has
    the keyboard go into it, in order (:class:`HeldWindow`); its cursor starts in its
    first field that takes Tab unless it chose one.
    """
    behind = [
        window
        for window in QGuiApplication.topLevelWindows()
        if window.isVisible()
        and window.type() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        and window is not dialog.windowHandle()
    ]
    HeldWindow(dialog, behind)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.show()
    if dialog.focusWidget() is None:
        dialog.focusNextChild()  # where keys typed before it has the keyboard go
    dialog.raise_()
    dialog.activateWindow()  # with no window manager, nobody else gives it the keyboard


#: A button of a question: one of Qt's, or words and what they do.
Choice = QMessageBox.StandardButton | tuple[str, QMessageBox.ButtonRole]


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: Sequence[Choice],
    then: Callable[[int], object],
    *,
    default: int = 0,
    escape: int | None = None,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    takes_keyboard: bool = True,
) -> QMessageBox:
    """A question over ``parent`` (or over whatever is open), opened with :func:`open_over`;
    with ``takes_keyboard`` False, shown beside the field being typed in instead
    (:func:`show_beside`).

    ``choices`` are the buttons, in order: Qt's own (Yes, No, OK, in the person's
    language) or words (with their ``&`` mnemonic) and a role;
    ``then`` is called with the index of the one chosen once the question is closed
    and the window it was asked over has the keyboard again (:class:`HeldWindow`).
    Enter answers ``default``; Esc and the window's close button answer ``escape``
    (``default`` when not given). Returns the question, already on screen.
    """
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    buttons = [
        box.addButton(choice)
        if isinstance(choice, QMessageBox.StandardButton)
        else box.addButton(*choice)
        for choice in choices
    ]
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[default if escape is None else escape])

    def answered(_result: int) -> None:
        clicked = box.clickedButton()
        chosen = [b for b in buttons if b is clicked]
        then(buttons.index(chosen[0]) if chosen else default if escape is None else escape)

    box.finished.connect(answered)
    if takes_keyboard:
        open_over(box)
    else:
        show_beside(box)
    return box


def show_beside(dialog: QDialog) -> None:
    """Show ``dialog`` in front without taking the keyboard: keys typed on still go
    into the field the person is typing in (none is held, none dropped); it is answered
    with a click, or from the keyboard once the person switches to it. Closed, it hands
    the keyboard back to the window it was opened from."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    owner = dialog.parentWidget()
    behind = owner.window() if owner is not None else None

    def hand_back(_result: int = 0) -> None:
        if behind is not None and shiboken6.isValid(behind) and behind.isVisible():
            behind.activateWindow()

    dialog.finished.connect(hand_back)
    dialog.show()
    dialog.raise_()
    hand_back()  # where the platform activates every window shown (no window manager)


def choose_where_to_save(
    parent: QWidget, title: str, suggested: str, kinds: str, then: Callable[[str], None]
) -> QFileDialog:
    """Where to save a file, asked with :func:`open_over` (Qt's own dialog, the same on
    every desktop); ``then`` gets the path chosen, or nothing if the person cancelled."""
    dialog = QFileDialog(parent, title, suggested, kinds)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # a native one cannot be held
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.finished.connect(
        lambda result: then(
            dialog.selectedFiles()[0]
            if result == QDialog.DialogCode.Accepted and dialog.selectedFiles()
            else ""
        )
    )
    open_over(dialog)
    return dialog


#: A yes-or-no question's buttons, for :func:`ask`: Yes is answer 0, No answer 1.
YES_NO = (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)


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

    def reject(self) -> None:
        """Esc, Cancel and closing the dialog all come here: typed words are not thrown
        away unasked, and "Keep typing" is what Enter answers."""
        if not self.has_typed_text():
            super().reject()
            return
        typing_in = self.focusWidget()

        def answered(choice: int) -> None:
            if choice == 1:
                super(FormDialog, self).reject()
                return
            if typing_in is not None:  # back to the words, the cursor where it was
                typing_in.setFocus(Qt.FocusReason.OtherFocusReason)

        ask(
            self,
            DISCARD_TITLE,
            DISCARD_QUESTION,
            (
                ("&Keep typing", QMessageBox.ButtonRole.RejectRole),
                ("&Throw it away", QMessageBox.ButtonRole.DestructiveRole),
            ),
            answered,
        )
