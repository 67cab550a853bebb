"""Professionals-only information: never on the shared screen, never to the family."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from ...model import Conference
from ...sharing import family_may_see
from ..widgets.fields import Bound, LineField, TextField
from ..widgets.item_list import ItemList
from .base import Pane


class ProfessionalsOnlyPane(Pane):
    key = "professionals_only"
    shows_names = frozenset()

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        tag = QLabel(
            "CONFIDENTIAL — professionals only. Hidden in presentation mode and "
            "left out of everything the family receives."
        )
        tag.setObjectName("confidentialTag")
        tag.setWordWrap(True)
        layout.addWidget(tag)
        notes = self.section(
            "Information the family must not hear",
            layout,
            confidential=not family_may_see(self.key),
        )

        def row(item: Any, line: QHBoxLayout) -> Bound:
            text = TextField(
                self.recorder,
                "professionals_only_note",
                item.id,
                "text",
                item.text,
                placeholder="Third-party or police information",
                label="Professionals-only information",
            )
            source = LineField(
                self.recorder,
                "professionals_only_note",
                item.id,
                "source",
                item.source,
                placeholder="From (agency)",
                label="Source",
            )
            source.setMaximumWidth(220)
            self.register(source, part=item)
            line.addWidget(text, 1)
            line.addWidget(source)
            self.register(text, part=item)
            return text

        notes.addWidget(
            ItemList(
                self.recorder,
                conference_id=conference.id,
                entity="professionals_only_note",
                items=list(conference.professionals_only),
                build_row=row,
                add_label="Add professionals-only information",
                empty_text="Nothing recorded.",
            )
        )


PANE = ProfessionalsOnlyPane
