"""The actions of one group (for professionals, or for the family and network) as a table.

Each row is bound fields in columns — what, who, by when, status — so typing
autosaves exactly as everywhere else; a small button moves an action to the
other group. A row with no one named, no date, or a date already passed is
marked where the gap is (a warning border and a tooltip in words) and in a
short note under the action, so the chair sees at a glance what still needs
sorting out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .... import operations as op
from ....model import Action, ActionFor, ActionStatus, Conference
from ....operations.action_owner import named_in_an_action
from ....rules.timescales import check_dates
from ...recording.recorder import Recorder
from ...widgets.fields import (
    Bound,
    ChoiceField,
    DateField,
    NameLine,
    RefitOnNewType,
    TextField,
    WheelOnlyWhenFocused,
)
from ...widgets.item_list import ItemList
from ...widgets.labels import Caption

NO_OWNER = "No one is named"
NO_DATE = "No date set"
OVERDUE = "Overdue"

#: Column stretch of "what" and "who" (the other columns fit their values).
WHAT_STRETCH, WHO_STRETCH = 5, 3
#: Narrower than this many average characters, "what" gets a line of its own.
WIDE_CHARS = 110


@dataclass(frozen=True)
class ActionMarks:
    """What is missing or late about one action, as the words shown to people."""

    no_owner: bool
    no_date: bool
    overdue: str  # the rule's sentence, or "" when not overdue

    @property
    def short(self) -> str:
        """The note under the action: what is wrong, in a few words."""
        parts = []
        if self.no_owner:
            parts.append(NO_OWNER)
        if self.no_date:
            parts.append(NO_DATE)
        if self.overdue:
            parts.append(OVERDUE)
        return "⚠ " + " · ".join(parts) if parts else ""

    @property
    def sentence(self) -> str:
        parts = []
        if self.no_owner:
            parts.append(f"{NO_OWNER}.")
        if self.no_date:
            parts.append(f"{NO_DATE}.")
        if self.overdue:
            parts.append(self.overdue)
        return " ".join(parts)


def overdue_sentences(conference: Conference, *, today: dt.date | None = None) -> dict[int, str]:
    """Action id → the sentence saying it is overdue, from the rules' date checks."""
    return {
        flag.item_id: flag.message
        for flag in check_dates(conference, today=today)
        if flag.item == "action" and flag.rule == "action_overdue" and flag.item_id is not None
    }


def marks_for(action: Action, overdue: dict[int, str]) -> ActionMarks:
    open_ = action.status is ActionStatus.OPEN
    return ActionMarks(
        no_owner=open_ and action.owner_id is None,
        no_date=open_ and action.due_on is None,
        overdue=overdue.get(action.id, ""),
    )


class ActionRow(QWidget):
    """One action's fields in columns; on a narrow or zoomed pane, "what" takes a line."""

    def __init__(
        self,
        what: TextField,
        owner: OwnerField,
        due: DateField,
        status: ChoiceField,
        move: QToolButton,
    ) -> None:
        super().__init__()
        self.what, self.owner, self.due, self.status, self.mover = what, owner, due, status, move
        self.mark = QLabel()
        self.mark.setObjectName("rowMark")
        self.mark.setWordWrap(True)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.wide: bool | None = None
        self.set_wide(True)

    def set_wide(self, wide: bool) -> None:
        if wide == self.wide:
            return
        self.wide = wide
        for widget in (
            self.what,
            self.mark,
            self.owner,
            self.due,
            self.due.note,
            self.status,
            self.mover,
        ):
            self.grid.removeWidget(widget)
        top = Qt.AlignmentFlag.AlignTop
        for column in range(5):
            self.grid.setColumnStretch(column, 0)
        if wide:
            # what | who | by when | status | move, with the note under "what"
            self.grid.addWidget(self.what, 0, 0)
            self.grid.addWidget(self.mark, 1, 0)
            self.grid.addWidget(self.owner, 0, 1, top)
            self.grid.addWidget(self.due, 0, 2, top)
            self.grid.addWidget(self.due.note, 1, 1, 1, 4)
            self.grid.addWidget(self.status, 0, 3, top)
            self.grid.addWidget(self.mover, 0, 4, top)
            self.grid.setColumnStretch(0, WHAT_STRETCH)
            self.grid.setColumnStretch(1, WHO_STRETCH)
        else:
            # what on its own line; who and by when under it, then status and move (two
            # to a line, so a 1280-pixel screen at the presentation zoom holds them); the note
            self.grid.addWidget(self.what, 0, 0, 1, 5)
            self.grid.addWidget(self.owner, 1, 0)
            self.grid.addWidget(self.due, 1, 1)
            self.grid.addWidget(self.status, 2, 0)
            self.grid.addWidget(self.mover, 2, 1, Qt.AlignmentFlag.AlignLeft)
            self.grid.addWidget(self.mark, 3, 0, 1, 5)
            self.grid.addWidget(self.due.note, 4, 0, 1, 5)
            self.grid.setColumnStretch(0, 3)
            self.grid.setColumnStretch(4, 2)

    def show_marks(self, marks: ActionMarks) -> None:
        _warn(self.owner, marks.no_owner, NO_OWNER if marks.no_owner else "Who will do it")
        due_tip = marks.overdue or (NO_DATE if marks.no_date else "By when")
        _warn(self.due, marks.no_date or bool(marks.overdue), due_tip)
        self.mark.setText(marks.short)
        self.mark.setToolTip(marks.sentence)
        self.mark.setAccessibleName(marks.sentence)
        self.mark.setVisible(bool(marks.short))


class OwnerField(RefitOnNewType, WheelOnlyWhenFocused, QComboBox, Bound):
    """Who does an action: anyone, typed by name, or one of the conference's people.

    The box completes a name of the conference in itself as it is typed, never in a
    list that would take the next keys: Tab always goes on to "by when", with the name
    as shown. A name nobody in the conference has adds them to the family and network
    (the operation says so, and the window shows its note). The owner is given when the
    box is left or Enter pressed: one of the list is saved like any choice.
    """

    def __init__(
        self,
        recorder: Recorder,
        action_id: int,
        owner_id: int | None,
        people: list[tuple[str, Any]],
    ) -> None:
        super().__init__()
        self.bind(recorder, "action", action_id, "owner_id")
        self.setAccessibleName("Who")
        self.setEditable(True)
        self.line = NameLine()
        self.setLineEdit(self.line)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        for text, data in people:
            self.addItem(text, data)
        self.setCurrentIndex(self.findData(owner_id) if owner_id is not None else -1)
        self.line.setPlaceholderText("Type a name — anyone")
        names = QCompleter(self.model(), self)
        names.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        names.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(names)
        self._given = self.currentText().strip()
        self.show_start()
        self.line.editingFinished.connect(self._give)
        self.activated.connect(lambda _i: self._give())

    def show_start(self) -> None:
        """A name longer than the box shows its start (the name), not its end (the agency)."""
        if not self.line.hasFocus():
            self.line.setCursorPosition(0)

    def _give(self) -> None:
        self.show_start()
        if self.line.isReadOnly():
            return
        name = self.currentText().strip()
        if name == self._given:
            return
        self._given = name
        chosen = self.findText(name, Qt.MatchFlag.MatchFixedString)  # whatever the case
        if chosen >= 0 or not name:  # one of the list: saved like any choice
            if chosen >= 0:
                self.setCurrentIndex(chosen)
                self._given = self.currentText().strip()
            self.send(self.itemData(chosen) if chosen >= 0 else None)
            return
        known = {self.itemData(i) for i in range(self.count())}
        change = self.recorder.run(op.set_action_owner, action_id=self.key[1], name=name)
        if change is not None and change.values.get("owner_id") not in known | {None}:
            self.recorder.problem.emit(named_in_an_action(name))

    def set_locked(self, locked: bool) -> None:
        self.line.setReadOnly(locked)
        self.setEnabled(not locked)

    def text_for_search(self) -> str:
        return self.currentText()


def _warn(widget: QWidget, on: bool, tip: str) -> None:
    if widget.property("warn") != on:
        widget.setProperty("warn", on)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    widget.setToolTip(tip)


class ActionGroup(QWidget):
    """One group's actions: column headings and the rows."""

    def __init__(
        self,
        recorder: Recorder,
        conference: Conference,
        for_whom: ActionFor,
        *,
        people: list[tuple[str, Any]],
        register: Callable[[Bound], Bound],
        overdue: dict[int, str],
    ) -> None:
        super().__init__()
        self.rows: dict[int, ActionRow] = {}
        self.for_whom = for_whom
        r = recorder
        items = [a for a in conference.actions if a.for_whom is for_whom]
        other = next(f for f in ActionFor if f is not for_whom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.heads = QWidget()
        heads = QHBoxLayout(self.heads)
        heads.setSpacing(8)
        heads.setContentsMargins(32, 0, 0, 0)
        self.head_labels: list[QLabel] = []
        for text in ("What", "Who", "By when", "Status", ""):
            head = Caption(text)
            head.setObjectName("columnHeader")
            self.head_labels.append(head)
            heads.addWidget(head)
        heads.setStretch(0, WHAT_STRETCH)
        heads.setStretch(1, WHO_STRETCH)
        layout.addWidget(self.heads)  # parented before shown: never a window of its own
        self.heads.setVisible(bool(items))

        statuses = [(s.label, s.value) for s in ActionStatus]

        def row(item: Action, line: QHBoxLayout) -> Bound:
            what = TextField(
                r,
                "action",
                item.id,
                "what",
                item.what,
                placeholder="What needs to be done?",
                label="Action: what",
                min_lines=1,
            )
            who = OwnerField(r, item.id, item.owner_id, people)
            due = DateField(
                r, "action", item.id, "due_on", item.due_on, label="By when", short=True
            )
            status = ChoiceField(
                r, "action", item.id, "status", item.status.value, statuses, label="Status"
            )
            move = QToolButton()
            move.setObjectName("editButton")
            move.setText("⇄")
            tip = f"Move to the actions for {other.label.lower()}"
            move.setToolTip(tip)
            move.setAccessibleName(tip)
            move.clicked.connect(
                lambda _c=False, i=item.id: r.run(
                    op.update, entity="action", entity_id=i, values={"for_whom": other.value}
                )
            )
            for field in (what, who, due, status):
                register(field)
            shown = ActionRow(what, who, due, status, move)
            shown.show_marks(marks_for(item, overdue))
            line.addWidget(shown, 1)
            self.rows[item.id] = shown
            return what

        self.list = ItemList(
            r,
            conference_id=conference.id,
            entity="action",
            items=items,
            all_items=list(conference.actions),
            build_row=row,
            new_values={"for_whom": for_whom.value},
            add_label=(
                "Add an action for professionals"
                if for_whom is ActionFor.PROFESSIONALS
                else "Add an action for the family and network"
            ),
            empty_text="No actions yet.",
        )
        layout.addWidget(self.list)
        self._size_columns()

    def _size_columns(self) -> None:
        """Fixed columns fit their longest value in the current font, so they grow with zoom."""
        metrics = self.fontMetrics()
        button = int(metrics.height() * 2.2)
        date = metrics.horizontalAdvance("Wed 30 Sep 2026  ") + button // 2
        status = max(metrics.horizontalAdvance(s.label) for s in ActionStatus) + button
        move = int(metrics.height() * 2)
        for shown in self.rows.values():
            shown.due.setFixedWidth(date)
            shown.status.setFixedWidth(status)
            shown.mover.setFixedWidth(move)
        for head, width in zip(self.head_labels[2:], (date, status, move), strict=True):
            head.setFixedWidth(width)
        self._place_rows()

    def _place_rows(self) -> None:
        """Columns while "what" keeps room for a sentence; otherwise "what" has its own line."""
        wide = self.width() >= self.fontMetrics().averageCharWidth() * WIDE_CHARS
        for shown in self.rows.values():
            shown.set_wide(wide)
        self.heads.setVisible(wide and bool(self.rows))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_rows()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._size_columns()

    def refresh_marks(self, conference: Conference, overdue: dict[int, str]) -> None:
        """Show the marks of the record as saved (after each autosave)."""
        for action in conference.actions:
            shown = self.rows.get(action.id)
            if shown is not None:
                shown.show_marks(marks_for(action, overdue))
