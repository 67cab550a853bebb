"""Who is in the plan: the safety network, one person and their part per row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from ...model import Conference, Person, PersonKind
from ..widgets.fields import Bound, ChoiceField, TextField
from ..widgets.item_list import ItemKeys, ItemList
from ..widgets.labels import Caption
from .base import Pane, people_choices


class PlanNetworkPane(Pane):
    key = "plan_network"
    shows_names = frozenset({"person"})
    renames = frozenset({"person"})

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        r = self.recorder
        box = self.section(
            "The safety network",
            layout,
            "Family, friends and professionals who will help keep the children safe, "
            "and what each will do.",
        )
        # Family and network first: they are who a safety network is mostly made of.
        people = sorted(
            people_choices(conference),
            key=lambda choice: _kind_order(conference, choice[1]),
        )
        members = list(conference.plan_network)
        if members:
            heads = QHBoxLayout()
            heads.setContentsMargins(32, 0, 0, 0)
            who_head = Caption("Who")
            who_head.setObjectName("columnHeader")
            part_head = Caption("Their part in the plan")
            part_head.setObjectName("columnHeader")
            heads.addWidget(who_head, 2)
            heads.addWidget(part_head, 3)
            box.addLayout(heads)

        def row(item: Any, line: QHBoxLayout) -> Bound:
            who = ChoiceField(
                r,
                "plan_network_member",
                item.id,
                "person_id",
                item.person_id,
                people,
                label="Person in the safety network",
                blank="Choose who…",
            )
            who.setProperty("warn", item.person_id is None)
            who.currentIndexChanged.connect(lambda _i, w=who: _mark_blank(w))
            part = TextField(
                r,
                "plan_network_member",
                item.id,
                "part",
                item.part,
                placeholder="What will they do? When will they step in?",
                label="Their part in the plan",
                min_lines=1,
            )
            line.addWidget(self.register(who).as_widget(), 2, Qt.AlignmentFlag.AlignTop)
            line.addWidget(self.register(part).as_widget(), 3)
            return who  # a new row starts at "who"

        network = ItemList(
            r,
            conference_id=conference.id,
            entity="plan_network_member",
            items=members,
            build_row=row,
            add_label="Add someone to the safety network",
            empty_text="No one is in the safety network yet.",
        )
        # Enter at the end of a row (in "their part") adds the next person, too.
        for member in members:
            part = self.fields[("plan_network_member", member.id, "part")].as_widget()
            part.installEventFilter(ItemKeys(network, member.id))
        box.addWidget(network)
        self.missing = QLabel()
        self.missing.setObjectName("sectionHint")
        self.missing.setWordWrap(True)
        box.addWidget(self.missing)
        self.show_missing(conference)

    def show_missing(self, conference: Conference) -> None:
        """The family and network not yet in the plan, by name."""
        members = {m.person_id for m in conference.plan_network}
        missing = [
            p.name
            for p in conference.people
            if p.kind is not PersonKind.PROFESSIONAL and p.name and p.id not in members
        ]
        self.missing.setText(
            "Family and network not yet in the plan: " + ", ".join(missing) + "." if missing else ""
        )
        self.missing.setVisible(bool(missing))

    def rename_person(self, person: Person) -> None:
        super().rename_person(person)
        if self.conference is not None:
            self.show_missing(self.conference)


def _kind_order(conference: Conference, person_id: Any) -> int:
    order = {PersonKind.FAMILY: 0, PersonKind.NETWORK: 1, PersonKind.PROFESSIONAL: 2}
    for person in conference.people:
        if person.id == person_id:
            return order.get(person.kind, 3)
    return 3


def _mark_blank(combo: ChoiceField) -> None:
    """A row with no one chosen keeps its warning border until someone is picked."""
    combo.setProperty("warn", combo.currentData() is None)
    combo.style().unpolish(combo)
    combo.style().polish(combo)


PANE = PlanNetworkPane
