"""The safety scale: everyone's 0-10 score, why, and what would move it one point up.

The line at the top is what everyone looks at on the shared screen; the grid
below is where the minute-taker types each person's score and words.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from ... import operations as op
from ...model import Attendance, Conference, Person
from ..widgets.fields import FieldKey
from .operation_fields import OperationPane
from .widgets.safety_line import SafetyLine
from .widgets.scaling import ScalingGrid, TextColumn, last_times_for, mark_for, scorers
from .widgets.score_spread import ScoreMark

#: Beside those present, who may have a safety score recorded.
REPORTS_SCALE = frozenset({Attendance.REPORT_ONLY})


class SafetyScalePane(OperationPane):
    key = "safety_scale"
    shows_names = frozenset({"person"})
    renames = frozenset({"person"})

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        rows = {s.person_id: s for s in conference.safety_scores}
        # Every family member and agency scales the child's safety: an agency that sent
        # a report only gives its score in the report (DOMAIN: the safety scale).
        people, everyone = scorers(conference, set(rows), also=REPORTS_SCALE)

        picture = self.section("Where everyone puts things today", layout)
        self.line = SafetyLine(self.marks(conference))
        picture.addWidget(self.line)

        scores = self.section(
            "Each person's score",
            layout,
            "Ask each person in turn: their score, why, and what would move it one point up.",
        )
        if everyone and people:
            note = QLabel("Nobody is marked present yet, so everyone invited is listed.")
            note.setObjectName("flag")
            note.setWordWrap(True)
            scores.addWidget(note)
        if not people:
            empty = QLabel("Add the people at the conference under Family and network first.")
            empty.setObjectName("emptyNote")
            scores.addWidget(empty)
        self.grid = ScalingGrid(
            self,
            people=people,
            rows=rows,
            row_entity="safety_score",
            key_of=self.score_key,
            on_score=self.set_score,
            on_first_words=self.first_words,
            columns=[
                TextColumn("reason", "Why this score", "Why this score?"),
                TextColumn("one_point_up", "One point up", "What would move it one point up?"),
            ],
            what="the safety scale",
            last_time=last_times_for(self, conference).safety,
        )
        scores.addWidget(self.grid)

    @staticmethod
    def marks(conference: Conference) -> list[ScoreMark]:
        by_id = {p.id: p for p in conference.people}
        return [
            mark_for(by_id[s.person_id], s.score)
            for s in conference.safety_scores
            if s.score is not None and s.person_id in by_id
        ]

    def rename_person(self, person: Person) -> None:
        """A new name in the grid and on the line, without a rebuild."""
        super().rename_person(person)
        if self.conference is not None:
            self.grid.rename(person)
            self.line.set_marks(self.marks(self.conference))

    @staticmethod
    def score_key(person: Person, field: str) -> FieldKey:
        return ("person", person.id, f"safety_{field}")

    def set_score(self, person: Person, score: int | None) -> None:
        assert self.conference is not None
        self.recorder.run(
            op.set_safety_score,
            conference_id=self.conference.id,
            person_id=person.id,
            score=score,
        )

    def first_words(self, person: Person, field: str, words: str) -> None:
        """Words typed before a score create the person's row (with no score yet)."""
        assert self.conference is not None
        self.recorder.run(
            op.set_safety_score,
            conference_id=self.conference.id,
            person_id=person.id,
            score=self.grid.score_fields[person.id].score(),
            **{field: words},
        )


PANE = SafetyScalePane
