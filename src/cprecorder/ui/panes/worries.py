"""Worries and what's working well: the agenda's headings side by side, as on the LCS form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...model import Conference
from ..widgets.fields import Bound, ChoiceField, TextField
from ..widgets.item_list import ItemList
from .base import Pane, people_choices


class WorriesPane(Pane):
    key = "worries"
    shows_names = frozenset({"person"})
    renames = frozenset({"person"})

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
        sides = {"worries": 0, "working_well": 1}
        titles = ("What are we worried about?", "What's working well?")
        stacks = []
        for title in titles:
            stack = QVBoxLayout()
            stack.setSpacing(16)
            label = QLabel(title)
            label.setObjectName("sideTitle")
            label.setWordWrap(True)
            stack.addWidget(label)
            stacks.append(stack)
            columns.addLayout(stack, 1)
        people = people_choices(conference)
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
                who = ChoiceField(
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
                stack = QVBoxLayout()
                stack.setSpacing(2)
                stack.addWidget(text)
                stack.addWidget(
                    self.register(who).as_widget(), alignment=Qt.AlignmentFlag.AlignRight
                )
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


PANE = WorriesPane
