"""The one date field of the window: typed the British way, read on leaving, shown in words.

A minute-taker types ``6/12/26``, ``06122026``, ``6 Dec 2026`` or ``6.12.26``; the
text is read (:func:`cprecorder.dates.read_date`, day first, always) when the
field is left or Enter is pressed, and the field then shows the date in words
("Sunday 6 December 2026") so a misreading is seen at once. Text that is not a
date is kept as typed, and what is wrong is said beside the field; the date
held is not replaced by another. Tab always leaves the field. Alt+Down opens a
calendar; Ctrl+Delete empties the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...dates import DateNotReadError, date_in_short_words, date_in_words, read_date


class DateEntry(QLineEdit):
    """A date that may be unset; ``date_read`` carries a newly read date (or ``None``)."""

    date_read = Signal(object)

    def __init__(
        self, value: dt.date | None = None, *, label: str = "", short: bool = False
    ) -> None:
        super().__init__()
        self._date: dt.date | None = None
        self.words: Callable[[dt.date], str] = date_in_short_words if short else date_in_words
        self.setAccessibleName(label or "date")
        self.setPlaceholderText("day/month/year")
        self.setToolTip(
            "Type the day first: 6/12/2026, 06122026 or 6 Dec 2026. "
            "Alt+Down opens a calendar; Ctrl+Delete empties the field."
        )
        self.setProperty("dateField", True)
        self.note = QLabel()
        self.note.setObjectName("flag")
        self.note.setWordWrap(True)
        self.note.hide()
        self._calendar: QCalendarWidget | None = None
        self.returnPressed.connect(self.read_typed)
        self.set_date(value)

    # -- the date held ------------------------------------------------------------
    def date_value(self) -> dt.date | None:
        return self._date

    def set_date(self, value: dt.date | None) -> None:
        """Show a date from the record (loading is never an edit)."""
        self._date = value
        self.setText(self.words(value) if value is not None else "")
        self._say("")

    def use_date(self, day: dt.date) -> None:
        """A date chosen for the person (a proposal, the calendar): as if typed."""
        self.setText(self.words(day))
        self.read_typed()

    def problem(self) -> str:
        return self.note.text()

    def read_typed(self) -> bool:
        """Read what was typed; False (and said beside the field) if it is not a date."""
        if self.isReadOnly():
            return True
        shown = self.words(self._date) if self._date is not None else ""
        if self.text() == shown:
            self._say("")
            return True
        try:
            value = read_date(self.text())
        except DateNotReadError as exc:
            self._say(str(exc))
            return False
        changed = value != self._date
        self.set_date(value)
        if changed:
            self.date_read.emit(value)
        return True

    def _say(self, sentence: str) -> None:
        self.note.setText(sentence)
        self.note.setVisible(bool(sentence))
        self.setAccessibleDescription(sentence)
        if bool(self.property("unread")) != bool(sentence):
            self.setProperty("unread", bool(sentence))
            self.style().unpolish(self)
            self.style().polish(self)

    def beside(self) -> QWidget:
        """The field with the place where a problem is said, to put in a layout."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.note)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        return box

    # -- keys and focus -------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers()
        if event.key() == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier:
            self.open_calendar()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            mods & Qt.KeyboardModifier.ControlModifier
        ):
            if not self.isReadOnly():
                self.clear()
                self.read_typed()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason and self.text():
            self.selectAll()  # typing replaces the date; the arrows keep it

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        calendar_open = self._calendar is not None and self._calendar.isVisible()
        if event.reason() != Qt.FocusReason.PopupFocusReason and not calendar_open:
            self.read_typed()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self._fit()

    def _fit(self) -> None:
        margins = self.textMargins()
        widest = self.words(dt.date(2026, 9, 30))  # a Wednesday in September
        width = self.fontMetrics().horizontalAdvance(widest + "  ")
        self.setMinimumWidth(width + margins.left() + margins.right() + 16)

    # -- the calendar ----------------------------------------------------------------
    def open_calendar(self) -> None:
        if self.isReadOnly():
            return
        calendar = self._calendar
        if calendar is None:
            calendar = QCalendarWidget()
            calendar.setWindowFlags(Qt.WindowType.Popup)
            # Digits typed into the calendar are read in its locale's order: day first,
            # whatever the system is set to (a US locale's M/d/yy puts the first digits
            # in the month and reads 06/12/2026 as no date at all).
            calendar.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
            calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            calendar.setGridVisible(True)
            calendar.setAccessibleName(f"Calendar for {self.accessibleName()}")
            calendar.activated.connect(self._picked)
            calendar.clicked.connect(self._picked)
            calendar.installEventFilter(self)
            self._calendar = calendar
        start = self._date
        if start is None:
            try:
                start = read_date(self.text())
            except DateNotReadError:
                start = None
        start = start or dt.date.today()
        calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        calendar.adjustSize()
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, day: QDate) -> None:
        assert self._calendar is not None
        if not dt.MINYEAR <= day.year() <= dt.MAXYEAR:  # typed, but no day: 31/02/2026
            return  # the calendar stays open to be typed again; Esc closes it
        self._calendar.hide()
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.use_date(dt.date(day.year(), day.month(), day.day()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._calendar
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self._calendar.hide()
            self.setFocus(Qt.FocusReason.PopupFocusReason)
            return True
        return False
