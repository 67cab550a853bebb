"""The child's and the parents' involvement: their views, in their own words.

For each child: what they said (their words, not a summary of them), how they
took part (the national participation codes PN0-PN7, in words), and notes.
Then the parents' views and whether they agree the reports are factually
correct, and if not, what they disagree with.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from ...agenda import AgendaItem
from ...model import Child, Conference, ParticipationCode
from ..widgets.fields import ChoiceField, TextField
from .base import Pane

PARTICIPATION_CHOICES = [(code.label, code) for code in ParticipationCode]
AGREE_CHOICES = [("Yes, they agree", True), ("No, they disagree with parts", False)]


class InvolvementPane(Pane):
    key = "involvement"

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        if not conference.children:
            self.section(
                "The children",
                layout,
                "Add the children under Family and network to record their views here.",
            )
        for child in conference.children:
            self.child_section(child, layout)
        self.parents_section(conference, layout)

    def child_section(self, child: Child, layout: QVBoxLayout) -> None:
        r, cid = self.recorder, child.id
        name = child.first_name or child.name
        section = self.section(
            f"{child.name}",
            layout,
            f"What {name} said, in {name}'s own words, and how {name} took part.",
        )
        form = self.form(section)
        views = TextField(
            r,
            "child",
            cid,
            "views",
            child.views,
            placeholder=f"“I like it when…” — write down what {name} said, as {name} said it",
            label=f"{child.name}'s views in their own words",
            min_lines=3,
        )
        views.setProperty("words", "child")
        participation = ChoiceField(
            r,
            "child",
            cid,
            "participation",
            child.participation,
            PARTICIPATION_CHOICES,
            label=f"How {child.name} took part",
            blank="Not recorded yet",
        )
        notes = TextField(
            r,
            "child",
            cid,
            "participation_notes",
            child.participation_notes,
            placeholder=f"Who spoke with {name}, where, and how (drawings, a video, an advocate)",
            label=f"Notes on how {child.name} took part",
        )
        form.addRow(self.label_for("In their &words", views), self.register(views).as_widget())
        form.addRow(
            self.label_for("&Took part", participation), self.register(participation).as_widget()
        )
        form.addRow(self.label_for("&Notes", notes), self.register(notes).as_widget())

    def parents_section(self, conference: Conference, layout: QVBoxLayout) -> None:
        r, cid = self.recorder, conference.id
        section = self.section(
            "The parents' views",
            layout,
            "From their “My Views” form and what they said today, in their words.",
        )
        form = self.form(section)
        views = TextField(
            r,
            "conference",
            cid,
            "parents_views",
            conference.parents_views,
            placeholder="What do the parents think about the worries, what is working well, "
            "and what needs to happen?",
            label="The parents' views",
            min_lines=3,
        )
        agree = ChoiceField(
            r,
            "conference",
            cid,
            "parents_agree_reports",
            conference.parents_agree_reports,
            AGREE_CHOICES,
            label="Do the parents agree the reports are factually correct?",
            blank="Not asked yet",
        )
        disagreement = TextField(
            r,
            "conference",
            cid,
            "parents_disagreement",
            conference.parents_disagreement,
            placeholder="Which facts they disagree with, and what they say happened",
            label="What the parents disagree with",
        )
        form.addRow(self.label_for("Their &views", views), self.register(views).as_widget())
        form.addRow(self.label_for("Reports &correct?", agree), self.register(agree).as_widget())
        disagreement_label = self.label_for("&Disagree with", disagreement)
        form.addRow(disagreement_label, self.register(disagreement).as_widget())

        def show_disagreement(_index: int = 0) -> None:
            # Kept on screen whenever there are words in it, whatever the answer.
            visible = agree.currentData() is False or bool(disagreement.toPlainText().strip())
            disagreement.setVisible(visible)
            disagreement_label.setVisible(visible)

        show_disagreement()
        agree.currentIndexChanged.connect(show_disagreement)

    @classmethod
    def completeness(cls, item: AgendaItem, conference: Conference) -> tuple[int, int]:
        """Each child's words or a code; the parents' views; whether they agree the reports."""
        filled = sum(
            1 for c in conference.children if c.participation is not None or c.views.strip()
        )
        filled += bool(conference.parents_views.strip())
        filled += conference.parents_agree_reports is not None
        return (filled, len(conference.children) + 2)


PANE = InvolvementPane
