"""Showing the plan works: the children's version of the plan, and how the family shows it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from ...model import Conference, DemonstrationMethodKind
from ..widgets.fields import Bound, CheckField, ChoiceField, DateField, LineField, TextField
from ..widgets.item_list import ItemKeys, ItemList
from .base import Pane

#: What to ask about each way of showing the plan working.
DETAILS_PROMPTS = {
    DemonstrationMethodKind.SAFETY_JOURNAL: "Who writes in it, how often, who reads it?",
    DemonstrationMethodKind.WHATSAPP_GROUP: "Who is in the group? What will they post?",
    DemonstrationMethodKind.FACEBOOK_GROUP: "Who is in the group? What will they post?",
    DemonstrationMethodKind.OTHER: "How will the family show the plan is working?",
}


class DemonstratingPane(Pane):
    key = "demonstrating"
    shows_names = frozenset()

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        r, cid = self.recorder, conference.id
        version = self.section(
            "The children's version of the plan",
            layout,
            "The plan in words and pictures the children can understand "
            "(written in the Children's plan part of the agenda).",
        )
        made = CheckField(
            r,
            "conference",
            cid,
            "childrens_version_made",
            conference.childrens_version_made,
            "A children's version of the plan has been &made",
        )
        shared = CheckField(
            r,
            "conference",
            cid,
            "childrens_version_shared",
            conference.childrens_version_shared,
            "It has been &shared with the children",
        )
        made.setAccessibleName("A children's version of the plan has been made")
        shared.setAccessibleName("It has been shared with the children")
        made_with = LineField(
            r,
            "conference",
            cid,
            "childrens_version_made_with",
            conference.childrens_version_made_with,
            placeholder="Who made it with the social worker: the child, a carer, a teacher…",
            label="Made with",
        )
        shared_on = DateField(
            r,
            "conference",
            cid,
            "childrens_version_shared_on",
            conference.childrens_version_shared_on,
            label="Shared with the children on",
        )
        version.addWidget(self.register(made).as_widget())
        form = self.form(version)
        form.addRow(self.label_for("Made &with", made_with), self.register(made_with).as_widget())
        version.addWidget(self.register(shared).as_widget())
        form = self.form(version)
        form.addRow(self.label_for("Shared &on", shared_on), self.register(shared_on).as_widget())

        methods = self.section(
            "How the family will show the plan working",
            layout,
            "A safety journal, a WhatsApp or Facebook group with the safety network, "
            "or another way everyone can see the plan working.",
        )
        kinds = [(kind.label, kind.value) for kind in DemonstrationMethodKind]

        def row(item: Any, line: QHBoxLayout) -> Bound:
            how = ChoiceField(
                r,
                "demonstration_method",
                item.id,
                "method",
                item.method.value,
                kinds,
                label="How the plan is shown",
            )
            details = TextField(
                r,
                "demonstration_method",
                item.id,
                "details",
                item.details,
                placeholder=DETAILS_PROMPTS[item.method],
                label="Details",
                min_lines=1,
            )
            how.currentIndexChanged.connect(
                lambda _i, c=how, d=details: d.setPlaceholderText(
                    DETAILS_PROMPTS[DemonstrationMethodKind(c.currentData())]
                )
            )
            line.addWidget(self.register(how).as_widget(), 1, Qt.AlignmentFlag.AlignTop)
            line.addWidget(self.register(details).as_widget(), 3)
            return how  # a new row starts at "how"

        used = {m.method for m in conference.demonstration_methods}
        # A new row starts on the first way not yet used: usually the next one wanted.
        unused = next((k for k in DemonstrationMethodKind if k not in used), None)
        shown = ItemList(
            r,
            conference_id=cid,
            entity="demonstration_method",
            items=list(conference.demonstration_methods),
            build_row=row,
            new_values={"method": (unused or DemonstrationMethodKind.OTHER).value},
            add_label="Add a way of showing the plan working",
            empty_text="Nothing agreed yet.",
        )
        # Enter at the end of a row (in the details) adds the next way, too.
        for method in conference.demonstration_methods:
            details = self.fields[("demonstration_method", method.id, "details")].as_widget()
            details.installEventFilter(ItemKeys(shown, method.id))
        methods.addWidget(shown)


PANE = DemonstratingPane
