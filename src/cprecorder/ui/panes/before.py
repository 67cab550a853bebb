"""Before the meeting: the chair's pre-meeting with the parents; equality and access."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from ...dates import long_date
from ...model import Conference
from ...rules.timescales import check_dates, due_dates
from ..widgets.fields import DateField, LineField, TextField
from .base import Pane


class BeforePane(Pane):
    key = "before"
    shows_names = frozenset()

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

        strategy = self.section(
            "The strategy discussion",
            layout,
            "When the professionals' strategy discussion was held. An initial conference "
            "is due within 15 working days of it (the national dataset's target date).",
        )
        when = DateField(
            r,
            "conference",
            cid,
            "strategy_discussion_on",
            conference.strategy_discussion_on,
            label="Strategy discussion held on",
        )
        form = self.form(strategy)
        form.addRow(self.label_for("&Strategy discussion", when), self.register(when).as_widget())
        self.target = QLabel()
        self.target.setObjectName("sectionHint")
        self.target.setWordWrap(True)
        strategy.addWidget(self.target)
        self.show_target(conference)

        def changed(*_args: object) -> None:
            conference.strategy_discussion_on = when.date_value()
            self.show_target(conference)

        when.date_read.connect(changed)
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

    def show_target(self, conference: Conference) -> None:
        """Whether the conference is within the working days allowed, said as it is typed."""
        due = due_dates(conference)
        flagged = [f for f in check_dates(conference) if f.rule == "initial_within_working_days"]
        if flagged:
            self.target.setText(f"⚠  {flagged[0].message}")
            self.target.setObjectName("flag")
        elif due.initial_target_on is not None:
            self.target.setText(
                f"Within the {due.initial_target_working_days} working days: the conference "
                f"was due by {long_date(due.initial_target_on)}."
            )
            self.target.setObjectName("sectionHint")
        else:
            self.target.setText("")
        self.target.style().unpolish(self.target)
        self.target.style().polish(self.target)


PANE = BeforePane
