"""Fields whose edits run a structural operation instead of a plain update.

A score, a plan type, a category tick or the first words of a reason change
more than one value (a danger score row is created, categories are cleared when
the plan is not a child protection plan), so they go through the operations
``set_danger_score``, ``set_safety_score``, ``set_decision`` and
``set_relationship``. They still have a key, so the pane registers them like
any bound field: the window can put the cursor back on them after the pane is
rebuilt, lock them after sign-off and reopen where work stopped.

Their keys name the thing they stand for, not a column: for example
``("danger_statement", 3, "score-7")`` is person 7's score of statement 3.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QTextCursor
from PySide6.QtWidgets import QLineEdit, QTextEdit

from ...model import Conference
from ..recording.recorder import Recorder
from ..widgets.fields import (
    Bound,
    CheckField,
    ChoiceField,
    FieldKey,
    LineField,
    ScoreField,
    TextField,
)
from .base import Pane


class OperationChoice(ChoiceField):
    """A choice that runs an operation when it changes (a plan type, for example)."""

    def __init__(
        self,
        recorder: Recorder,
        key: FieldKey,
        value: Any,
        choices: Sequence[tuple[str, Any]],
        on_choice: Callable[[Any], None],
        *,
        label: str,
        blank: str | None = None,
    ) -> None:
        self._on_choice: Callable[[Any], None] | None = None
        super().__init__(recorder, *key, value, choices, label=label, blank=blank)
        self._on_choice = on_choice

    def send(self, value: Any) -> None:
        if self._on_choice is not None:
            self._on_choice(value)


class OperationCheck(CheckField):
    """A tick box that runs an operation when ticked or cleared (a category)."""

    def __init__(
        self,
        recorder: Recorder,
        key: FieldKey,
        value: bool,
        text: str,
        on_toggle: Callable[[bool], None],
    ) -> None:
        self._on_toggle: Callable[[bool], None] | None = None
        super().__init__(recorder, *key, value, text)
        self._on_toggle = on_toggle

    def send(self, value: Any) -> None:
        if self._on_toggle is not None:
            self._on_toggle(bool(value))


class OperationScore(ScoreField):
    """A 0-10 score saved when the person has finished with it (left the box, or Enter)."""

    def __init__(
        self,
        recorder: Recorder,
        key: FieldKey,
        value: int | None,
        on_score: Callable[[int | None], None],
        *,
        label: str,
    ) -> None:
        super().__init__(recorder, key, value, label=label)
        self.score_changed.connect(on_score)


class FirstWords(TextField):
    """Text for a row that does not exist yet: the first keystroke creates the row.

    A reason can be typed before a score is given; the first words run the
    operation that creates the row (with the words), the pane is rebuilt with a
    field bound to that row, and typing carries on there.
    """

    def __init__(
        self,
        recorder: Recorder,
        key: FieldKey,
        on_first_words: Callable[[str], None],
        *,
        placeholder: str,
        label: str,
        min_lines: int = 1,
    ) -> None:
        self._on_first_words: Callable[[str], None] | None = None
        super().__init__(
            recorder, *key, "", placeholder=placeholder, label=label, min_lines=min_lines
        )
        self._on_first_words = on_first_words
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def send(self, value: Any) -> None:
        if self._on_first_words is not None and str(value):
            callback, self._on_first_words = self._on_first_words, None
            callback(str(value))


class OperationPane(Pane):
    """A pane with operation fields: keeps the cursor where it was when a row appears.

    When the first words of a reason create a row, the pane is rebuilt and the
    words now live in a field bound to that row. ``aliases`` maps the key of the
    field that was being typed in to the key of the field that replaces it, so
    the window's "put the cursor back" lands in the right place, at the end of
    the words.
    """

    def load(self, conference: Conference) -> None:
        self.aliases: dict[FieldKey, FieldKey] = {}
        super().load(conference)

    def alias(self, stands_for: FieldKey, field: Bound) -> Bound:
        """``field`` now holds what was typed into the field with key ``stands_for``."""
        self.aliases[stands_for] = field.key
        return field

    def focus_field(self, key: FieldKey) -> bool:
        real = getattr(self, "aliases", {}).get(key)
        if real is None or real not in self.fields:
            return super().focus_field(key)
        found = super().focus_field(real)
        widget = self.fields[real].as_widget()
        if found and isinstance(widget, QTextEdit):
            widget.moveCursor(QTextCursor.MoveOperation.End)
        elif found and isinstance(widget, QLineEdit):
            widget.end(False)
        return found


class FirstWordsLine(LineField):
    """One line for a row that does not exist yet (a relationship to a child)."""

    def __init__(
        self,
        recorder: Recorder,
        key: FieldKey,
        on_first_words: Callable[[str], None],
        *,
        placeholder: str,
        label: str,
    ) -> None:
        self._on_first_words: Callable[[str], None] | None = None
        super().__init__(recorder, *key, "", placeholder=placeholder, label=label)
        self._on_first_words = on_first_words

    def send(self, value: Any) -> None:
        if self._on_first_words is not None and str(value).strip():
            callback, self._on_first_words = self._on_first_words, None
            callback(str(value))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        QLineEdit.focusOutEvent(self, event)
