"""Danger statements: each with its safety goal, scaled 0-10 by everyone present.

Up to the agenda's limit (four for Signs of Safety). Each statement is a card:
the statement, its paired safety goal and timescale, the spread of everyone's
scores as a picture, and the scaling grid where each person's score and reason
are typed. Enter in a statement adds the next one; past the limit the
operation refuses and the window says why.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from ... import operations as op
from ...model import Conference, DangerStatement, Person
from ..widgets.fields import Bound, FieldKey, LineField, TextField
from ..widgets.item_list import ItemList
from ..widgets.labels import Caption, SectionTitle
from .operation_fields import OperationPane
from .widgets.scaling import ScalingGrid, TextColumn, last_times_for, mark_for, scorers
from .widgets.score_spread import ScoreSpread

STATEMENT_PROMPT = (
    "Who is worried, about what the adults do (or don't do), what impact it has on the "
    "child, and what could happen if nothing changes?"
)
GOAL_PROMPT = "What the family needs to show, to whom, and for how long"
LOW = "0 — the danger is certain to happen"
HIGH = "10 — the safety goal has been reached"


class DangerPane(OperationPane):
    key = "danger"
    shows_names = frozenset({"person"})
    renames = frozenset({"person"})

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        limit = self.context.agenda.max_danger_statements
        statements = list(conference.danger_statements)
        self.spreads: dict[int, ScoreSpread] = {}
        self.last = last_times_for(self, conference)
        self.grids: dict[int, ScalingGrid] = {}
        scored = {s.person_id for d in statements for s in d.scores}
        people, everyone = scorers(conference, scored)
        self.everyone_listed = everyone

        intro = QLabel(
            f"Up to {limit} danger statements, each scaled by everyone present: 0 means the "
            "danger is certain to happen, 10 that the safety goal has been reached."
        )
        intro.setObjectName("sectionHint")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        def card(item: Any, line: QHBoxLayout) -> Bound:
            return self.statement_card(conference, item, line, people)

        self.statements = ItemList(
            self.recorder,
            conference_id=conference.id,
            entity="danger_statement",
            items=statements,
            build_row=card,
            add_label="Add danger statement",
            empty_text="No danger statements yet.",
        )
        layout.addWidget(self.statements)
        self.limit_note = QLabel(
            f"The agenda allows {limit} danger statements; "
            "combine or change one to add another worry."
        )
        self.limit_note.setObjectName("sectionHint")
        self.limit_note.setWordWrap(True)
        self.at_limit = len(statements) >= limit
        # Placed before it is shown: a parentless widget shown would become a window.
        layout.addWidget(self.limit_note)
        self.limit_note.setVisible(self.at_limit)

    def statement_card(
        self, conference: Conference, item: DangerStatement, line: QHBoxLayout, people: list[Person]
    ) -> Bound:
        r = self.recorder
        number = conference.danger_statements.index(item) + 1
        card = QFrame()
        card.setObjectName("section")
        body = QVBoxLayout(card)
        body.setContentsMargins(16, 12, 16, 16)
        body.setSpacing(6)

        statement = TextField(
            r,
            "danger_statement",
            item.id,
            "statement",
            item.statement,
            placeholder=STATEMENT_PROMPT,
            label=f"Danger statement {number}",
            min_lines=3,
        )
        self.register(statement)  # first: a new statement opens with the cursor in it
        title = SectionTitle(f"Danger statement {number}")
        title.setObjectName("sectionTitle")
        title.setBuddy(statement)
        body.addWidget(title)
        body.addWidget(statement)

        goal = TextField(
            r,
            "danger_statement",
            item.id,
            "safety_goal",
            item.safety_goal,
            placeholder=GOAL_PROMPT,
            label=f"Safety goal {number}",
            min_lines=2,
        )
        timescale = LineField(
            r,
            "danger_statement",
            item.id,
            "goal_timescale",
            item.goal_timescale,
            placeholder="For how long? e.g. six months",
            label=f"Timescale of safety goal {number}",
        )
        goal_title = QLabel("Safety goal")
        goal_title.setObjectName("subTitle")
        goal_title.setBuddy(goal)
        body.addWidget(goal_title)
        goal_row = QHBoxLayout()
        goal_row.setSpacing(12)
        goal_row.addWidget(goal, 3)
        time_box = QVBoxLayout()
        time_box.setSpacing(2)
        time_label = Caption("Timescale")
        time_label.setObjectName("fieldCaption")
        time_label.setBuddy(timescale)
        time_box.addWidget(time_label)
        time_box.addWidget(timescale)
        time_box.addStretch(1)
        goal_row.addLayout(time_box, 1)
        body.addLayout(goal_row)
        self.register(goal)
        self.register(timescale)

        scaling_title = QLabel("Scaling")
        scaling_title.setObjectName("subTitle")
        body.addWidget(scaling_title)
        by_id = {p.id: p for p in conference.people}
        before = {
            person_id: last
            for (statement_id, person_id), last in self.last.danger.items()
            if statement_id == item.id and person_id in by_id
        }
        spread = ScoreSpread(
            low_caption=LOW, high_caption=HIGH, name=f"Scores for danger statement {number}"
        )
        self.spreads[item.id] = spread
        self.show_marks(item, conference)
        body.addWidget(spread)
        if self.everyone_listed and people:
            note = QLabel("Nobody is marked present yet, so everyone invited is listed.")
            note.setObjectName("flag")
            note.setWordWrap(True)
            body.addWidget(note)
        if not people:
            empty = QLabel("Add the people at the conference under Family and network first.")
            empty.setObjectName("emptyNote")
            body.addWidget(empty)
        rows = {s.person_id: s for s in item.scores}
        grid = ScalingGrid(
            self,
            people=people,
            rows=rows,
            row_entity="danger_score",
            key_of=partial(self.score_key, item.id),
            on_score=partial(self.set_score, item.id),
            on_first_words=partial(self.first_reason, item.id),
            columns=[TextColumn("reason", "Why this score", "Why this score?")],
            what=f"danger statement {number}",
            last_time=before,
        )
        self.grids[item.id] = grid
        body.addWidget(grid)
        line.addWidget(card, 1)
        return statement

    def show_marks(self, item: DangerStatement, conference: Conference) -> None:
        """Everyone's score of one statement (and last time's) on its picture."""
        by_id = {p.id: p for p in conference.people}
        spread = self.spreads[item.id]
        spread.set_marks(
            [
                mark_for(by_id[s.person_id], s.score)
                for s in item.scores
                if s.score is not None and s.person_id in by_id
            ]
        )
        spread.set_previous(
            [
                mark_for(by_id[person_id], last.score)
                for (statement_id, person_id), last in self.last.danger.items()
                if statement_id == item.id and person_id in by_id
            ]
        )

    def rename_person(self, person: Person) -> None:
        """A new name in each statement's grid and on its picture, without a rebuild."""
        super().rename_person(person)
        if self.conference is None:
            return
        for statement in self.conference.danger_statements:
            if statement.id in self.grids:
                self.grids[statement.id].rename(person)
            if statement.id in self.spreads:
                self.show_marks(statement, self.conference)

    @staticmethod
    def score_key(statement_id: int, person: Person, field: str) -> FieldKey:
        return ("danger_statement", statement_id, f"{field}-{person.id}")

    def set_score(self, statement_id: int, person: Person, score: int | None) -> None:
        self.recorder.run(
            op.set_danger_score, statement_id=statement_id, person_id=person.id, score=score
        )

    def first_reason(self, statement_id: int, person: Person, field: str, words: str) -> None:
        """A reason typed before any score creates the person's row (with no score yet)."""
        self.recorder.run(
            op.set_danger_score,
            statement_id=statement_id,
            person_id=person.id,
            score=self.grids[statement_id].score_fields[person.id].score(),
            reason=words,
        )

    def apply_lock(self) -> None:
        super().apply_lock()
        if hasattr(self, "statements"):
            self.statements.set_locked(self.locked)
            if self.at_limit:
                self.statements.add_button.setVisible(False)


PANE = DangerPane
