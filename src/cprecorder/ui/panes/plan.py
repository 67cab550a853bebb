"""The plan: Immediate Safety, Bottom Lines and the Timeline, typed as lists."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from ...model import Conference, PlanSection
from ..widgets.fields import Bound, DateField, TextField
from ..widgets.item_list import ItemList
from ..widgets.labels import Caption
from .base import Pane

#: Section → (title, hint, placeholder, add label), in the order of the LCS form.
SECTIONS: dict[PlanSection, tuple[str, str, str, str]] = {
    PlanSection.IMMEDIATE_SAFETY: (
        "Immediate safety",
        "What happens from today to keep the children safe.",
        "What will happen from today? Who will do it?",
        "Add an immediate safety step",
    ),
    PlanSection.BOTTOM_LINE: (
        "Bottom lines",
        "What must happen, and what must not happen, whatever else changes.",
        "What must (or must not) happen?",
        "Add a bottom line",
    ),
}


class PlanPane(Pane):
    key = "plan"
    shows_names = frozenset()

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        r = self.recorder
        all_items = list(conference.plan_items)
        for section, (title, hint, placeholder, add_label) in SECTIONS.items():
            box = self.section(title, layout, hint)

            def row(item: Any, line: QHBoxLayout, prompt: str = placeholder) -> Bound:
                text = TextField(
                    r,
                    "plan_item",
                    item.id,
                    "text",
                    item.text,
                    placeholder=prompt,
                    label=f"{item.section.label} item",
                    min_lines=1,
                )
                line.addWidget(text, 1)
                return self.register(text)

            box.addWidget(
                ItemList(
                    r,
                    conference_id=conference.id,
                    entity="plan_item",
                    items=[i for i in all_items if i.section is section],
                    all_items=all_items,
                    build_row=row,
                    new_values={"section": section.value},
                    add_label=add_label,
                    empty_text="Nothing written yet.",
                )
            )

        timeline = self.section(
            "Timeline", layout, "What needs to happen by when, in the order it should happen."
        )
        heads = QHBoxLayout()
        heads.setContentsMargins(32, 0, 0, 0)
        for text, stretch in (("What", 1), ("By when", 0)):
            head = Caption(text)
            head.setObjectName("columnHeader")
            heads.addWidget(head, stretch)
        if conference.timeline:
            timeline.addLayout(heads)

        def timeline_row(item: Any, line: QHBoxLayout) -> Bound:
            what = TextField(
                r,
                "timeline_item",
                item.id,
                "what",
                item.what,
                placeholder="What needs to happen?",
                label="Timeline: what",
                min_lines=1,
            )
            when = DateField(r, "timeline_item", item.id, "by_when", item.by_when, label="By when")
            line.addWidget(self.register(what).as_widget(), 1)
            self.register(when)
            line.addWidget(when.beside(), 0, Qt.AlignmentFlag.AlignTop)
            return what

        timeline.addWidget(
            ItemList(
                r,
                conference_id=conference.id,
                entity="timeline_item",
                items=list(conference.timeline),
                build_row=timeline_row,
                add_label="Add to the timeline",
                empty_text="Nothing on the timeline yet.",
            )
        )


PANE = PlanPane
