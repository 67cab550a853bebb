"""Fields bound to one value of the record; every edit goes to the recorder.

A bound field knows which part of the record it shows (entity, id, field), so
the window can find it (Ctrl+F, reopening where work stopped) and lock it
after sign-off. Loading a value never counts as an edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from PySide6.QtCore import QEvent, QMimeData, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QStylePainter,
    QTextEdit,
    QWidget,
)

from ...rules.scale import (
    NO_SCORE,
    ScoreTyping,
    score_after_backspace,
    score_of,
    type_into_score,
)
from ..recording.recorder import Recorder
from .dates import DateEntry

FieldKey = tuple[str, int, str]


class Bound:
    """What every bound field has: its key in the record and a way to lock it."""

    recorder: Recorder
    key: FieldKey
    confidential: bool = False

    def bind(self, recorder: Recorder, entity: str, entity_id: int, field: str) -> None:
        self.recorder = recorder
        self.key = (entity, entity_id, field)
        widget = self.as_widget()
        widget.setProperty("field_key", f"{entity}:{entity_id}:{field}")
        widget.setObjectName(f"{entity}-{entity_id}-{field}")

    def as_widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def send(self, value: Any) -> None:
        entity, entity_id, field = self.key
        self.recorder.edit(entity, entity_id, field, value)

    def set_locked(self, locked: bool) -> None:
        self.as_widget().setEnabled(not locked)

    def text_for_search(self) -> str:
        return ""


def is_redo(event: QKeyEvent) -> bool:
    """Ctrl+Y redoes, as people expect, as well as the platform's own redo key."""
    return event.key() == Qt.Key.Key_Y and (
        event.modifiers() == Qt.KeyboardModifier.ControlModifier
    )


class LineField(QLineEdit, Bound):
    """One line of text: a name, a role, an agency."""

    def __init__(
        self,
        recorder: Recorder,
        entity: str,
        entity_id: int,
        field: str,
        value: str | None,
        *,
        placeholder: str = "",
        label: str = "",
    ) -> None:
        super().__init__()
        self.bind(recorder, entity, entity_id, field)
        self.setText(value or "")
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(label or placeholder or field.replace("_", " "))
        self.textEdited.connect(self.send)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.recorder.flush()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_redo(event) and not self.isReadOnly():
            self.redo()
            return
        super().keyPressEvent(event)

    def set_locked(self, locked: bool) -> None:
        self.setReadOnly(locked)

    def text_for_search(self) -> str:
        return self.text()


#: Characters other programs use for a line break, which Qt would draw as a box: Word's
#: manual line break is a vertical tab; a form feed and Unicode's separators also come.
LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})


class TextField(QTextEdit, Bound):
    """Free text that grows with what is typed; Tab moves on, as in a form.

    Plain text only (pasted formatting is dropped, the words are kept).
    """

    #: Fits the words when the event loop next turns (:meth:`fit_soon`); the field's own,
    #: so it goes with the field.
    _fit_timer: QTimer | None = None

    def __init__(
        self,
        recorder: Recorder,
        entity: str,
        entity_id: int,
        field: str,
        value: str | None,
        *,
        placeholder: str = "",
        label: str = "",
        min_lines: int = 2,
    ) -> None:
        super().__init__()
        self.bind(recorder, entity, entity_id, field)
        self.setAcceptRichText(False)
        self._loading = True
        shown = (value or "").translate(LINE_BREAKS)
        self.setPlainText(shown)
        self._last_text = shown
        self._loading = False
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(label or placeholder or field.replace("_", " "))
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._min_lines = min_lines
        self.textChanged.connect(self._changed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Pasted text as plain text, Word's line breaks (a vertical tab) as line breaks."""
        if source.hasText():
            self.insertPlainText(source.text().translate(LINE_BREAKS))
            return
        super().insertFromMimeData(source)

    def _changed(self) -> None:
        # Highlighting and layout also signal a change; only new words are an edit.
        if self._loading or self.isReadOnly():
            return
        text = self.toPlainText()
        if text != self._last_text:
            self._last_text = text
            self.send(text)

    def _fit(self, *_args: object) -> None:
        width = self.viewport().width()
        if self.document().textWidth() != width:  # setting it lays out every line again
            self.document().setTextWidth(width)
        line = self.fontMetrics().lineSpacing()
        doc_height = int(self.document().size().height() + 0.999)
        if self.document().isEmpty():
            # An empty field's prompt is read whole: in a narrow column at the shared
            # screen's type size "What would move it one point up?" takes three lines.
            doc_height = max(doc_height, self._prompt_height())
        frame = (
            self.frameWidth() * 2 + self.contentsMargins().top() + self.contentsMargins().bottom()
        )
        wanted = (
            max(doc_height, int(self._min_lines * line + self.document().documentMargin() * 2))
            + frame
        )
        if self.height() != wanted:
            self.setFixedHeight(wanted)

    # -- the prompt an empty field shows ---------------------------------------------
    # Qt draws a text box's placeholder on one line, cut at the edge: in a narrow column at
    # the shared screen's type size "What would move it one point up?" read "What would".
    # The field keeps its prompt itself and draws it wrapped, as tall as it needs.
    _prompt = ""

    def setPlaceholderText(self, placeholderText: str, /) -> None:
        self._prompt = placeholderText
        self.viewport().update()
        if hasattr(self, "_min_lines"):  # built: the field fits the new prompt
            self.fit_soon()

    def placeholderText(self) -> str:
        return self._prompt

    def _prompt_height(self) -> int:
        """The height of the prompt wrapped inside the margins, as :meth:`paintEvent`
        draws it (in the font of the area the words are in)."""
        if not self._prompt:
            return 0
        margin = int(self.document().documentMargin())
        width = max(1, self.viewport().width() - 2 * margin)
        wrapped = (
            self.viewport()
            .fontMetrics()
            .boundingRect(QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), self._prompt)
        )
        return wrapped.height() + 2 * margin

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._prompt or not self.document().isEmpty():
            return
        margin = int(self.document().documentMargin())
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            self.viewport().rect().adjusted(margin, margin, -margin, -margin),
            int(Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap),
            self._prompt,
        )
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:
        return QSize(320, self.height())

    def fit_soon(self) -> None:
        """Fit the words once the event loop turns. A new type size sends each field a
        style change and a font change, and the window asks again after its layout: one
        fit answers them all."""
        if self._fit_timer is None:
            self._fit_timer = QTimer(self)
            self._fit_timer.setSingleShot(True)
            self._fit_timer.setInterval(0)
            self._fit_timer.timeout.connect(self._fit)
        self._fit_timer.start()  # asked again before it ran: still one fit

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_soon()
        if event.type() == QEvent.Type.StyleChange:
            self._fill_viewport()

    def showEvent(self, event: QShowEvent) -> None:
        self._fill_viewport()  # polished by now (a style sheet is applied before showing)
        super().showEvent(event)

    def _fill_viewport(self) -> None:
        """The words' area paints its own background, so a keystroke repaints only it.

        The style sheet draws the field's rounded background on the field and leaves
        the area the words are in see-through; every keystroke then repainted the whole
        window beneath it (the pane, its sections, the splitter, the window: 13 paints a
        key instead of 1). Filled with the same colour (the style sheet sets the
        palette's base to the field's background), it looks the same and stops there.
        The area lies inside the border and padding, clear of the rounded corners.
        """
        viewport = self.viewport()
        if not viewport.autoFillBackground():
            viewport.setAutoFillBackground(True)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Arriving by keyboard, a minute-taker carries on at the end of what is there.
        if (
            event.reason() != Qt.FocusReason.MouseFocusReason
            and not self.textCursor().hasSelection()
        ):
            self.moveCursor(QTextCursor.MoveOperation.End)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_redo(event) and not self.isReadOnly():
            self.redo()
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and not self.isReadOnly()
        ):
            # Ctrl+Enter is a new line, as Shift+Enter is; Qt's text box ignored it, so a
            # line break the minute-taker typed was silently not there.
            self.textCursor().insertText("\n")
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.recorder.flush()

    def set_locked(self, locked: bool) -> None:
        self.setReadOnly(locked)

    def text_for_search(self) -> str:
        return self.toPlainText()


class ChildsWords(TextField):
    """A child's own words, in a larger type than the professionals' (the theme's
    ``TYPE_SCALES``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._type_to_viewport()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._type_to_viewport()

    def _type_to_viewport(self) -> None:
        # The area the words are in draws the placeholder, in its own font: the body's.
        font = self.font()
        font.setPointSizeF(font.pointSizeF())  # its own size, not "as inherited"
        self.viewport().setFont(font)


class WheelOnlyWhenFocused:
    """Scrolling the pane must not change a choice, date or score under the pointer."""

    def wheelEvent(self, event: Any) -> None:
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()


def text_room(combo: QComboBox) -> int:
    """How wide the words of a combo box's choice may be before they are cut."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width()


def elided_at_a_word(metrics: QFontMetrics, text: str, room: int) -> str:
    """The words that fit in ``room`` pixels, ending in "…" after a whole word ("Hannah
    Okafor (Social…"), never cut inside one; the text itself when it fits. A single word
    wider than the room is cut where it must be."""
    if metrics.horizontalAdvance(text) <= room:
        return text
    kept = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room).removesuffix("…")
    if kept and len(kept) < len(text) and not text[len(kept)].isspace() and " " in kept:
        kept = kept.rsplit(" ", 1)[0]  # the word it ended in was cut: leave it out
    return kept.rstrip(" ,;:(–-") + "…"


class ElidesItsChoice:
    """A combo box too narrow for its choice shows it ending in "…" after a whole word,
    not cut at the edge in the middle of one ("Priya Desai (Designated s"); the list shows
    it whole."""

    def shown_text(self) -> str:
        combo = cast(QComboBox, self)
        return elided_at_a_word(combo.fontMetrics(), combo.currentText(), text_room(combo))

    def paintEvent(self, event: QPaintEvent) -> None:
        combo = cast(QComboBox, self)
        if combo.isEditable():  # its line edit shows the words
            super().paintEvent(event)  # type: ignore[misc]
            return
        painter = QStylePainter(combo)
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class NameLine(QLineEdit):
    """The words of a choice typed into (who does an action): while the cursor is
    elsewhere, a name too long for the box ends in "…" after a whole word, as a choice
    box's does (:class:`ElidesItsChoice`), not cut at the edge in the middle of one
    ("Hannah Okafor (Social worl"). With the cursor in it, the whole name, to edit."""

    #: The room Qt's line edit leaves each side of its words.
    MARGIN = 2

    def room(self) -> int:
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        contents = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        margins = self.textMargins()
        return contents.width() - margins.left() - margins.right() - 2 * self.MARGIN

    def words_wider_than_room(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.room()

    def shown_text(self) -> str:
        if self.hasFocus() or not self.text():
            return self.text()
        return elided_at_a_word(self.fontMetrics(), self.text(), self.room())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()  # drawn again, ending in "…" if it must

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self.shown_text()
        if shown == self.text():
            super().paintEvent(event)
            return
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        painter = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelLineEdit, option, painter, self)
        contents = (
            self.style()
            .subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
            .marginsRemoved(self.textMargins())
        )
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.drawText(
            contents.adjusted(self.MARGIN, 0, -self.MARGIN, 0),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            shown,
        )


class RefitOnNewType:
    """A combo box that works out its least size again when its type size changes.

    Qt's combo box forgets the least width it needs on a change of style, not of font:
    one built at 100 % kept that width at the presentation zoom, cutting the name it
    shows. A new type size is now a font change (F5, a zoom).
    """

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)  # type: ignore[misc]
        if event.type() == QEvent.Type.FontChange:
            QApplication.sendEvent(self, QEvent(QEvent.Type.StyleChange))  # type: ignore[arg-type]


class ChoiceBox(ElidesItsChoice, RefitOnNewType, QComboBox):
    """A plain combo box (not bound to the record) that fits its type after F5 or a zoom."""


class ChoiceField(ElidesItsChoice, RefitOnNewType, WheelOnlyWhenFocused, QComboBox, Bound):
    """A choice from a vocabulary; ``None`` is offered as a blank when allowed."""

    def __init__(
        self,
        recorder: Recorder,
        entity: str,
        entity_id: int,
        field: str,
        value: Any,
        choices: Sequence[tuple[str, Any]],
        *,
        label: str = "",
        blank: str | None = None,
    ) -> None:
        super().__init__()
        self.bind(recorder, entity, entity_id, field)
        self.setAccessibleName(label or field.replace("_", " "))
        if blank is not None:
            self.addItem(blank, None)
        for text, data in choices:
            self.addItem(text, data)
        index = self.findData(value)
        self.setCurrentIndex(index if index >= 0 else 0)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Long names must not widen the pane: the combo shrinks, the list shows all.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        self.currentIndexChanged.connect(lambda _i: self.send(self.currentData()))

    def text_for_search(self) -> str:
        return self.currentText()


class DateField(DateEntry, Bound):
    """A date of the record; saved when it is read (on leaving the field, or Enter)."""

    def __init__(
        self,
        recorder: Recorder,
        entity: str,
        entity_id: int,
        field: str,
        value: dt.date | None,
        *,
        label: str = "",
        short: bool = False,
    ) -> None:
        super().__init__(value, label=label or field.replace("_", " "), short=short)
        self.bind(recorder, entity, entity_id, field)
        self.date_read.connect(self._save)

    def _save(self, value: dt.date | None) -> None:
        self.send(value)
        self.recorder.flush()

    def set_locked(self, locked: bool) -> None:
        self.setReadOnly(locked)

    def text_for_search(self) -> str:
        return self.text() if self.date_value() else ""


class CheckField(QCheckBox, Bound):
    def __init__(
        self,
        recorder: Recorder,
        entity: str,
        entity_id: int,
        field: str,
        value: bool | None,
        text: str,
    ) -> None:
        super().__init__(text)
        self.bind(recorder, entity, entity_id, field)
        self.setAccessibleName(text)
        self.setChecked(bool(value))
        self.toggled.connect(self.send)


class ScoreField(QLineEdit, Bound):
    """A 0-10 score typed as a number; shown as "–" until someone gives one.

    Keys follow :mod:`cprecorder.rules.scale`: the first digit always counts, "1"
    then "0" is 10, over 10 is refused (``refused`` carries the sentence) and the
    box keeps the last valid score. Up and Down step the score. The score is
    given (``score_changed``) when the box is left or Enter is pressed.
    """

    score_changed = Signal(object)
    refused = Signal(str)

    def __init__(
        self, recorder: Recorder | None, key: FieldKey | None, value: int | None, *, label: str = ""
    ) -> None:
        super().__init__()
        if recorder is not None and key is not None:
            self.bind(recorder, *key)
        self.setAccessibleName(label or "score from 0 to 10")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._given = value
        self.setText(NO_SCORE if value is None else str(value))
        self.setProperty("scoreBox", True)
        # As wide as "10" needs at the type size of the moment, never wider: a score box
        # that grew with its column squeezed the words beside it on the shared screen.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setToolTip("0 to 10: type a number; Up and Down step it; Backspace clears it.")
        self.editingFinished.connect(self._give)
        if recorder is not None:
            self.refused.connect(recorder.problem)

    def score(self) -> int | None:
        return score_of(self.text())

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("10") * 4, super().sizeHint().height())

    def set_score(self, value: int | None) -> None:
        self._given = value
        self.setText(NO_SCORE if value is None else str(value))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selectAll()  # however the box is reached, the next digit starts a new score

    def _give(self) -> None:
        if self.isReadOnly():
            return
        score = self.score()
        if score != self._given:
            self._given = score
            self.score_changed.emit(score)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        # Shift is how a capital letter is typed: it is a key like any other here, never
        # text for the box (a capital taken as text made every later key fail).
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
        )
        if self.isReadOnly() or not plain:
            super().keyPressEvent(event)
            return
        replacing = self.hasSelectedText()
        if text.isdigit():
            self._show(type_into_score(self.text(), text, replacing=replacing))
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self._show(score_after_backspace(self.text(), replacing=replacing))
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            now = self.score()
            after = min(10, (-1 if now is None else now) + (1 if key == Qt.Key.Key_Up else -1))
            self._show(ScoreTyping(NO_SCORE, None) if after < 0 else ScoreTyping(str(after), after))
        elif text and text.isprintable() and key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._show(type_into_score(self.text(), text, replacing=replacing))
        else:
            super().keyPressEvent(event)

    def _show(self, typed: ScoreTyping) -> None:
        self.setText(typed.shown)
        self.end(False)
        if typed.refused:
            self.setToolTip(typed.refused)
            self.refused.emit(typed.refused)

    def set_locked(self, locked: bool) -> None:
        self.setReadOnly(locked)

    def text_for_search(self) -> str:
        score = self.score()
        return "" if score is None else str(score)
