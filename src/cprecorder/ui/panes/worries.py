"""Worries and what's working well: the agenda's headings side by side, as on the LCS form
(one below the other where side by side would cut who said each item)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...model import Conference, Operation
from ...operations import Change
from ..widgets.fields import Bound, CheckField, ChoiceField, TextField, text_room
from ..widgets.item_list import ItemList
from ..widgets.labels import SideTitle
from .base import Pane, people_choices


class SaidBy(ChoiceField):
    """Who said a worry, in small type under its words (the theme's ``TYPE_SCALES``)."""


class WorriesPane(Pane):
    key = "worries"
    shows_names = frozenset({"person"})
    renames = frozenset({"person"})
    # Who said a worry, by name and role: the agency would not fit a column at 1280 pixels.
    people_agency = False

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        r = self.recorder
        reason = self.section(
            "What has brought us here", layout, "The reason for the conference, in everyday words."
        )
        text = TextField(
            r,
            "conference",
            conference.id,
            "reason_for_conference",
            conference.reason_for_conference,
            placeholder="Why are we meeting today?",
            label="Reason for the conference",
            min_lines=2,
        )
        reason.addWidget(self.register(text).as_widget())

        headings = self.context.item.headings
        columns = QHBoxLayout()
        columns.setSpacing(24)
        self._columns = columns
        sides = {"worries": 0, "working_well": 1}
        titles = ("What are we worried about?", "What's working well?")
        stacks = []
        for title in titles:
            stack = QVBoxLayout()
            stack.setSpacing(16)
            label = SideTitle(title)
            label.setObjectName("sideTitle")
            label.setWordWrap(True)
            stack.addWidget(label)
            stacks.append(stack)
            columns.addLayout(stack, 1)
        people = people_choices(conference, agency=self.people_agency)
        for heading in headings:
            column = sides.get(heading.side, 0)
            items = [w for w in conference.worries if w.heading == heading.key]
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            section = self.section(heading.title, inner, heading.prompt)

            def row(item: Any, line: QHBoxLayout, prompt: str = heading.prompt) -> Bound:
                text = TextField(
                    r,
                    "worry",
                    item.id,
                    "text",
                    item.text,
                    placeholder=prompt,
                    label=f"{item.heading.replace('_', ' ')} item",
                )
                who = SaidBy(
                    r,
                    "worry",
                    item.id,
                    "contributor_id",
                    item.contributor_id,
                    people,
                    label="Said by",
                    blank="Said by…",
                )
                who.setObjectName("contributor")
                private = CheckField(
                    r, "worry", item.id, "confidential", item.confidential, "Professionals only"
                )
                private.setToolTip(
                    f"{PROFESSIONALS_ONLY_KEY} in the words: the family never sees this item "
                    "(hidden in presentation mode and from the family's documents)"
                )
                # The switch itself is for the minute-taker: never on the shared screen.
                private.setProperty("confidential", True)
                mark = QShortcut(QKeySequence(PROFESSIONALS_ONLY_KEY), text)
                mark.setContext(Qt.ShortcutContext.WidgetShortcut)
                mark.activated.connect(private.toggle)
                # Who said it and the switch each take a line of their own under the
                # words, so a half-width column still fits 1280 px at the presentation zoom;
                # who said it has the whole line, so a name and role read in full.
                who.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                stack = QVBoxLayout()
                stack.setSpacing(2)
                stack.addWidget(text)
                stack.addWidget(self.register(who).as_widget())
                stack.addWidget(self.register(private).as_widget(), 0, Qt.AlignmentFlag.AlignLeft)
                line.addLayout(stack, 1)
                return self.register(text, part=item)

            section.addWidget(
                ItemList(
                    r,
                    conference_id=conference.id,
                    entity="worry",
                    items=items,
                    all_items=list(conference.worries),
                    build_row=row,
                    new_values={"heading": heading.key},
                    add_label=f"Add to {heading.title.lower()}",
                    add_text="Add",
                    register=None,
                )
            )
            stacks[column].addWidget(box)
        for stack in stacks:
            stack.addStretch(1)
        layout.addLayout(columns)
        self._stacks = stacks
        self._fit_soon()

    @property
    def side_by_side(self) -> bool:
        """Worries and what's working well in two columns (else one below the other)."""
        columns: QBoxLayout | None = getattr(self, "_columns", None)
        return columns is None or columns.direction() is QBoxLayout.Direction.LeftToRight

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_soon()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_soon()

    def _fit_soon(self) -> None:
        """Fit the columns once the layouts have caught up; the timer is the pane's own,
        so it never fires after the pane is gone."""
        timer: QTimer | None = getattr(self, "_fit_timer", None)
        if timer is None:
            timer = self._fit_timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(self._fit_columns)
        timer.start(0)

    def _fit_columns(self, body_width: int | None = None) -> None:
        """Worries beside what's working well while who said each item reads whole under
        it; one below the other when a half-width column would cut a name and role (a
        1280-pixel window at the presentation zoom)."""
        columns: QBoxLayout | None = getattr(self, "_columns", None)
        stacks: list[QVBoxLayout] = getattr(self, "_stacks", [])
        combos = [
            c for c in self.body.findChildren(QComboBox, "contributor") if c.isVisibleTo(self)
        ]
        if columns is None or not stacks or not combos:
            return
        need = max(c.fontMetrics().horizontalAdvance(c.currentText()) for c in combos)
        side_by_side = self.side_by_side
        width = stacks[0].geometry().width()
        # A column to come (the body's width given) is wider or narrower than now by as
        # much as the choices' room in it.
        coming = width
        if body_width is not None:
            coming = (body_width - columns.spacing()) // 2 if side_by_side else body_width
        room = min(text_room(c) for c in combos) + coming - width
        if side_by_side and need > room:
            columns.setDirection(QBoxLayout.Direction.TopToBottom)
        elif not side_by_side and need <= room - (coming + columns.spacing()) // 2:
            columns.setDirection(QBoxLayout.Direction.LeftToRight)

    def fit_to(self, body_width: int) -> None:
        self._fit_columns(body_width)

    def on_change(self, change: Change) -> None:
        """A worry marked professionals-only (or shared again) is shown so in place."""
        super().on_change(change)
        if (
            change.operation is Operation.UPDATE
            and change.entity == "worry"
            and "confidential" in change.fields
            and change.entity_id is not None
        ):
            self._show_confidential(change.entity_id, bool(change.values["confidential"]))

    def _show_confidential(self, worry_id: int, confidential: bool) -> None:
        text = self.fields.get(("worry", worry_id, "text"))
        private = self.fields.get(("worry", worry_id, "confidential"))
        if text is None:
            return
        text.confidential = confidential
        widget = text.as_widget()
        if isinstance(private, CheckField) and private.isChecked() != confidential:
            blocked = private.blockSignals(True)
            private.setChecked(confidential)
            private.blockSignals(blocked)
        row = widget.parentWidget()
        while row is not None and row.objectName() != "itemRow":
            row = row.parentWidget()
        for shown in (widget, row):
            if shown is None:
                continue
            shown.setProperty("confidential", confidential)
            shown.style().unpolish(shown)
            shown.style().polish(shown)
        if self.presentation and row is not None:
            cursor = QApplication.focusWidget()
            had_cursor = cursor is not None and row.isAncestorOf(cursor)
            row.setVisible(not confidential)
            widget.setVisible(not confidential)
            self._confidential_hidden = True
            if had_cursor and confidential:  # never typing on in words the family cannot see
                first = self.first_field()
                if first is not None:
                    first.setFocus(Qt.FocusReason.OtherFocusReason)


#: Marks the worry being typed as professionals-only, or shared again.
PROFESSIONALS_ONLY_KEY = "Ctrl+Shift+O"


PANE = WorriesPane
