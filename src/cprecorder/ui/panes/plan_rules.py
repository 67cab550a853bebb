"""Plan rules: for each concerning behaviour, a card with what works and what to do."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout

from ...model import Conference
from ..widgets.fields import Bound, TextField
from ..widgets.item_list import ItemList
from ..widgets.labels import Caption
from .base import Pane

#: The parts of a rule after its behaviour: field, label, the question to ask.
PARTS: tuple[tuple[str, str, str], ...] = (
    ("working_well", "What is working well", "When has this gone better? What helped?"),
    ("triggers", "Stressors and triggers", "What makes this more likely to happen?"),
    ("red_flags", "Red flags and emergency signs", "What would tell us it is happening again?"),
    (
        "contingency",
        "Who will do what when problems arise",
        "Who steps in, what do they do, who do they call?",
    ),
)


class PlanRulesPane(Pane):
    key = "plan_rules"
    shows_names = frozenset()

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        r = self.recorder
        box = self.section(
            "Rules for each concerning behaviour",
            layout,
            "One card per behaviour the conference is worried about. Enter in the behaviour "
            "adds the next card.",
        )

        def card(item: Any, line: QHBoxLayout) -> Bound:
            frame = QFrame()
            frame.setObjectName("card")
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(14, 10, 14, 14)
            inner.setSpacing(6)
            behaviour = TextField(
                r,
                "plan_rule",
                item.id,
                "behaviour",
                item.behaviour,
                placeholder="Which behaviour is this rule about?",
                label="Concerning behaviour",
                min_lines=1,
            )
            heading = Caption("Concerning behaviour")
            heading.setObjectName("columnHeader")
            heading.setBuddy(behaviour)
            inner.addWidget(heading)
            inner.addWidget(self.register(behaviour).as_widget())
            grid = QGridLayout()
            grid.setHorizontalSpacing(16)
            grid.setVerticalSpacing(4)
            for index, (field, title, question) in enumerate(PARTS):
                text = TextField(
                    r,
                    "plan_rule",
                    item.id,
                    field,
                    getattr(item, field),
                    placeholder=question,
                    label=title,
                    min_lines=2,
                )
                label = Caption(title)
                label.setObjectName("columnHeader")
                label.setWordWrap(True)  # zoomed in, a long heading wraps, never widens
                label.setBuddy(text)
                row, column = divmod(index, 2)
                grid.addWidget(label, row * 2, column, Qt.AlignmentFlag.AlignBottom)
                grid.addWidget(self.register(text).as_widget(), row * 2 + 1, column)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 1)
            inner.addLayout(grid)
            line.addWidget(frame, 1)
            return behaviour

        box.addWidget(
            ItemList(
                r,
                conference_id=conference.id,
                entity="plan_rule",
                items=list(conference.plan_rules),
                build_row=card,
                add_label="Add a rule for another behaviour",
                empty_text="No plan rules yet.",
            )
        )


PANE = PlanRulesPane
