"""Before the meeting: the chair's pre-meeting with the parents; equality and access."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from ...agenda import AgendaItem
from ...model import Conference
from ..widgets.fields import LineField, TextField
from .base import Pane


class BeforePane(Pane):
    key = "before"

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        r, cid = self.recorder, conference.id
        meeting = self.section(
            "The chair's meeting with the parents",
            layout,
            "Usually 30 minutes before the conference.",
        )
        notes = TextField(
            r,
            "conference",
            cid,
            "pre_meeting_notes",
            conference.pre_meeting_notes,
            placeholder="When they met, and anything agreed (who sits in which "
            "part; a parent joining separately…)",
            label="Meeting with the parents",
            min_lines=3,
        )
        meeting.addWidget(self.register(notes).as_widget())

        access = self.section("Equality and access", layout)
        form = self.form(access)
        interpreter = LineField(
            r,
            "conference",
            cid,
            "interpreter_language",
            conference.interpreter_language,
            placeholder="Language, if an interpreter was used",
            label="Interpreter",
        )
        form.addRow(
            self.label_for("&Interpreter", interpreter), self.register(interpreter).as_widget()
        )
        needs = TextField(
            r,
            "conference",
            cid,
            "equality_notes",
            conference.equality_notes,
            placeholder="Faith, culture, disability or other needs the chair took into account",
            label="Needs taken into account",
        )
        form.addRow(self.label_for("&Needs", needs), self.register(needs).as_widget())
        observers = TextField(
            r,
            "conference",
            cid,
            "observers",
            conference.observers,
            placeholder="Observers the family agreed to",
            label="Observers",
        )
        form.addRow(self.label_for("&Observers", observers), self.register(observers).as_widget())

    @classmethod
    def completeness(cls, item: AgendaItem, conference: Conference) -> tuple[int, int]:
        return (int(bool(conference.pre_meeting_notes.strip())), 1)


PANE = BeforePane
