"""The chair's summary and decision statement."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from ...model import Conference
from ..widgets.fields import TextField
from .base import Pane


class SummaryPane(Pane):
    key = "summary"
    shows_names = frozenset()

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        r, cid = self.recorder, conference.id
        summary = self.section("Chair's summary", layout)
        text = TextField(
            r,
            "conference",
            cid,
            "chair_summary",
            conference.chair_summary,
            placeholder="What the conference found, in everyday words",
            label="Chair's summary",
            min_lines=5,
        )
        summary.addWidget(self.register(text).as_widget())
        decision = self.section("Decision statement", layout)
        statement = TextField(
            r,
            "conference",
            cid,
            "decision_statement",
            conference.decision_statement,
            placeholder="What was decided for each child, and why",
            label="Decision statement",
            min_lines=3,
        )
        decision.addWidget(self.register(statement).as_widget())


PANE = SummaryPane
