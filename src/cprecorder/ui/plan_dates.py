"""Dates of the plan (by when, due on, meets on, the review) that can be typed straight in.

:class:`~cprecorder.ui.fields.DateField` starts a blank date at today when the
first digit is typed, but leaves the cursor in the year, so "15012027" typed
into a blank field comes out as a wrong date. Here the day is selected first,
so the digits land day, month, year, as a minute-taker types them. (The same
one-line fix belongs in ``DateField`` itself; until then the plan's dates use
this.)
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateTimeEdit

from .fields import BLANK_DATE, DateField


class PlanDateField(DateField):
    """A bound date that starts from today's date, at the day, when typed into blank."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.date() == BLANK_DATE and event.text().isdigit() and not self.isReadOnly():
            self.setDate(QDate.currentDate())
            self.setCurrentSection(QDateTimeEdit.Section.DaySection)
            self.setSelectedSection(QDateTimeEdit.Section.DaySection)
        super().keyPressEvent(event)
