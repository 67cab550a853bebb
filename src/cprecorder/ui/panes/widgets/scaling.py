"""A scaling grid: one row per person, their 0-10 score and why.

Danger statements and the safety scale are both scaled by everyone in the room.
The grid lists the people present (and anyone who already gave a score, so a
score is never hidden); while nobody is marked present yet it lists everyone
invited and says so. A score runs an operation (it may create the person's
row); a reason typed before any score creates the row with its first words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ....dates import long_date, short_date
from ....journey import LastTime, LastTimes, case_facts, last_times
from ....model import Attendance, Conference, Person, PersonKind
from ...widgets.fields import FieldKey, TextField
from ...widgets.labels import Caption
from ..operation_fields import FirstWords, OperationPane, OperationScore
from .score_spread import ScoreMark, initials


def scorers(
    conference: Conference, scored: set[int], *, also: frozenset[Attendance] = frozenset()
) -> tuple[list[Person], bool]:
    """Who scales, and whether that is everyone because nobody is marked present yet.

    Those present, and those ``also`` (an agency that sent a report only may scale the
    child's safety in it); anyone already given a score stays listed.
    """
    asked = {Attendance.PRESENT} | also
    present = [p for p in conference.people if p.attendance in asked or p.id in scored]
    if any(p.attendance is Attendance.PRESENT for p in conference.people):
        return present, False
    return list(conference.people), True


def last_times_for(pane: OperationPane, conference: Conference) -> LastTimes:
    """Last time's scores for this meeting, from the earlier meetings of its case."""
    if conference.previous_conference_id is None:
        return LastTimes({}, {})
    with pane.recorder.store.read() as session:
        case = case_facts(session, conference.case_id)
    return last_times(case, conference)


def who_detail(person: Person) -> str:
    """The role, or the agency, as a short line under a name."""
    return person.role or person.agency or person.kind.value.capitalize()


def mark_for(person: Person, score: int) -> ScoreMark:
    return ScoreMark(
        name=person.name or "(no name)",
        score=score,
        family=person.kind is not PersonKind.PROFESSIONAL,
        detail=who_detail(person),
    )


@dataclass(frozen=True)
class TextColumn:
    """A text column of the grid: the field on the score row, its heading, a prompt."""

    field: str
    title: str
    placeholder: str


class ScalingGrid(QWidget):
    """Rows of person, score and text columns, registered with the pane."""

    def __init__(
        self,
        pane: OperationPane,
        *,
        people: Sequence[Person],
        rows: dict[int, Any],
        row_entity: str,
        key_of: Callable[[Person, str], FieldKey],
        on_score: Callable[[Person, int | None], None],
        on_first_words: Callable[[Person, str, str], None],
        columns: Sequence[TextColumn],
        what: str,
        last_time: dict[int, LastTime] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("scalingGrid")
        self.score_fields: dict[int, OperationScore] = {}
        #: Each row's words about its person, to put a new name in place (:meth:`rename`).
        self._named: dict[int, list[Callable[[Person], None]]] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        last_time = last_time or {}
        #: Last time's score sits, greyed, just before the field for today's.
        shift = 1 if last_time else 0
        titles = ["Who", *(["Last time"] if shift else []), "Score", *(c.title for c in columns)]
        for column, title in enumerate(titles):
            heading = Caption(title)
            heading.setObjectName("gridHeading")
            heading.setWordWrap(True)  # long headings must not widen a small screen
            grid.addWidget(heading, 0, column)
        for line, person in enumerate(people, start=1):
            row = rows.get(person.id)
            who = QWidget()
            stack = QVBoxLayout(who)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.setSpacing(0)
            name = QLabel(f"{person.name or '(no name)'}")
            name.setObjectName("scorerName")
            badge = f"{initials(person.name)} · " if person.name else ""
            detail = Caption(f"{badge}{who_detail(person)}")
            detail.setObjectName("scorerDetail")
            detail.setWordWrap(True)
            stack.addWidget(name)
            stack.addWidget(detail)
            grid.addWidget(who, line, 0, Qt.AlignmentFlag.AlignTop)
            if shift:
                before = last_time.get(person.id)
                earlier = QLabel(f"{before.score} ({short_date(before.on)})" if before else "—")
                earlier.setObjectName("lastTime")
                earlier.setEnabled(False)  # greyed: for comparison, not for typing
                then = f"{before.score}, on {long_date(before.on)}" if before else "none"

                def name_earlier(p: Person, label: QLabel = earlier, then: str = then) -> None:
                    label.setAccessibleName(f"{p.name or 'No name'} last time: {then}")

                name_earlier(person)
                self._named.setdefault(person.id, []).append(name_earlier)
                grid.addWidget(earlier, line, 1, Qt.AlignmentFlag.AlignTop)

            score = OperationScore(
                pane.recorder,
                key_of(person, "score"),
                row.score if row is not None else None,
                partial(on_score, person),
                label=f"{person.name or 'No name'}'s score for {what}",
            )
            score.setMinimumWidth(int(score.fontMetrics().horizontalAdvance("10") * 4))
            name.setBuddy(score)

            def name_row(
                p: Person, name: QLabel = name, detail: QLabel = detail, score: QWidget = score
            ) -> None:
                name.setText(p.name or "(no name)")
                badge = f"{initials(p.name)} · " if p.name else ""
                detail.setText(f"{badge}{who_detail(p)}")
                score.setAccessibleName(f"{p.name or 'No name'}'s score for {what}")

            self._named.setdefault(person.id, []).append(name_row)
            self.score_fields[person.id] = score
            pane.register(score)
            grid.addWidget(score, line, 1 + shift, Qt.AlignmentFlag.AlignTop)

            for column, text in enumerate(columns, start=2 + shift):
                label = f"{text.title} — {person.name or 'no name'}"
                if row is not None:
                    field: TextField = TextField(
                        pane.recorder,
                        row_entity,
                        row.id,
                        text.field,
                        getattr(row, text.field),
                        placeholder=text.placeholder,
                        label=label,
                        min_lines=1,
                    )
                    pane.alias(key_of(person, text.field), field)
                else:
                    field = FirstWords(
                        pane.recorder,
                        key_of(person, text.field),
                        partial(on_first_words, person, text.field),
                        placeholder=text.placeholder,
                        label=label,
                    )
                pane.register(field)
                self._named.setdefault(person.id, []).append(
                    partial(_name_column, field, text.title)
                )
                grid.addWidget(field, line, column)
        grid.setColumnStretch(0, 0)
        grid.setColumnStretch(1, 0)
        grid.setColumnStretch(1 + shift, 0)
        for column in range(len(columns)):
            grid.setColumnStretch(column + 2 + shift, 1)

    def rename(self, person: Person) -> None:
        """Put a person's new name (role, agency) in their row."""
        for name in self._named.get(person.id, []):
            name(person)


def _name_column(field: QWidget, title: str, person: Person) -> None:
    field.setAccessibleName(f"{title} — {person.name or 'no name'}")
