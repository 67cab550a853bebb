"""The child's and the parents' involvement: their views, in their own words.

For each child: what they said (their words, not a summary of them), how they
took part (the national participation codes PN0-PN7, in words), and notes. An
unborn child has no words yet: the pane asks for the expected date and the
parents' plans instead. Then each parent's and carer's own views, whether they
agree the reports are factually correct, and if not, what they disagree with;
and, for parents who spoke as one, their views together.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from ...export.wording import in_sentence, relation_to_children
from ...model import Child, Conference, ParticipationCode, Person, PersonKind
from ..widgets.fields import ChildsWords, ChoiceField, DateField, TextField
from .base import Pane

PARTICIPATION_CHOICES = [(code.label, code) for code in ParticipationCode]
AGREE_CHOICES = [("Yes, they agree", True), ("No, they disagree with parts", False)]
AGREE_ONE_CHOICES = [("Yes, agrees", True), ("No, disagrees with parts", False)]


class InvolvementPane(Pane):
    key = "involvement"
    shows_names = frozenset({"child", "person"})
    #: A parent's name is in their section's words: a rename puts it in place.
    renames = frozenset({"person"})

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        #: Each parent's section: its heading, its hint and its three fields.
        self._parents: dict[int, tuple[QLabel, QLabel, TextField, ChoiceField, TextField]] = {}
        self._build(conference, layout)

    def _build(self, conference: Conference, layout: QVBoxLayout) -> None:
        if not conference.children:
            self.section(
                "The children",
                layout,
                "Add the children under Family and network to record their views here.",
            )
        for child in conference.children:
            if child.unborn:
                self.unborn_section(child, layout)
            else:
                self.child_section(child, layout)
        for person in conference.people:
            if person.kind is PersonKind.FAMILY:
                self.parent_section(conference, person, layout)
        self.parents_section(conference, layout)

    def unborn_section(self, child: Child, layout: QVBoxLayout) -> None:
        """Not "what Baby said": when the baby is expected, and the parents' plans."""
        r, cid = self.recorder, child.id
        section = self.section(
            child.name,
            layout,
            "Not born yet: when the baby is expected, and the parents' plans for the birth "
            "and the first weeks.",
        )
        form = self.form(section)
        expected = DateField(r, "child", cid, "expected_on", child.expected_on, label="Expected on")
        plans = TextField(
            r,
            "child",
            cid,
            "parents_plans",
            child.parents_plans,
            placeholder="Where the baby will be born, who will help, where the baby will sleep",
            label=f"The parents' plans for {child.name}",
            min_lines=3,
        )
        notes = TextField(
            r,
            "child",
            cid,
            "participation_notes",
            child.participation_notes,
            placeholder="Anything else about the pregnancy the conference heard",
            label=f"Notes about {child.name}",
        )
        form.addRow(self.label_for("E&xpected on", expected), self.register(expected).as_widget())
        form.addRow(self.label_for("Parents' &plans", plans), self.register(plans).as_widget())
        form.addRow(self.label_for("&Notes", notes), self.register(notes).as_widget())

    def parent_section(self, conference: Conference, person: Person, layout: QVBoxLayout) -> None:
        """One parent's or carer's own views, and whether they agree the reports are right."""
        r, pid = self.recorder, person.id
        section = self.section("", layout, " ")
        frame = section.parentWidget()
        assert frame is not None
        heading, hint = frame.findChildren(QLabel)[:2]  # the section's title and its hint
        form = self.form(section)
        views = TextField(r, "person", pid, "views", person.views, min_lines=2)
        agree = ChoiceField(
            r,
            "person",
            pid,
            "agrees_reports",
            person.agrees_reports,
            AGREE_ONE_CHOICES,
            blank="Not asked yet",
        )
        disagreement = TextField(
            r,
            "person",
            pid,
            "disagrees_with",
            person.disagrees_with,
            placeholder="Which facts they disagree with, and what they say happened",
        )
        self._parents[pid] = (heading, hint, views, agree, disagreement)
        self.name_parent(conference, person)
        form.addRow(self.label_for("Their views", views), self.register(views).as_widget())
        form.addRow(self.label_for("Reports correct?", agree), self.register(agree).as_widget())
        disagreement_label = self.label_for("Disagree with", disagreement)
        form.addRow(disagreement_label, self.register(disagreement).as_widget())
        self.show_disagreement_with(agree, disagreement, disagreement_label)

    def name_parent(self, conference: Conference, person: Person) -> None:
        """The words of a parent's section that hold their name."""
        heading, hint, views, agree, disagreement = self._parents[person.id]
        who = person.name or "This parent"
        relation = relation_to_children(person, conference, mid_sentence=True) or in_sentence(
            person.role
        )
        heading.setText(f"{who}'s views" + (f" ({relation})" if relation else ""))
        hint.setText(
            f"What {who} said, in their own words, and whether they agree the reports are right."
        )
        views.setPlaceholderText(
            f"What {who} thinks about the worries, what is working well, and what needs to happen"
        )
        views.setAccessibleName(f"{who}'s views")
        agree.setAccessibleName(f"Does {who} agree the reports are factually correct?")
        disagreement.setAccessibleName(f"What {who} disagrees with")

    def rename_person(self, person: Person) -> None:
        super().rename_person(person)
        if self.conference is not None and person.id in self._parents:
            self.name_parent(self.conference, person)

    @staticmethod
    def show_disagreement_with(agree: ChoiceField, disagreement: TextField, label: QLabel) -> None:
        def show(_index: int = 0) -> None:
            # Kept on screen whenever there are words in it, whatever the answer.
            visible = agree.currentData() is False or bool(disagreement.toPlainText().strip())
            disagreement.setVisible(visible)
            label.setVisible(visible)

        show()
        agree.currentIndexChanged.connect(show)

    def child_section(self, child: Child, layout: QVBoxLayout) -> None:
        r, cid = self.recorder, child.id
        name = child.first_name or child.name
        section = self.section(
            f"{child.name}",
            layout,
            f"What {name} said, in {name}'s own words, and how {name} took part.",
        )
        form = self.form(section)
        views = ChildsWords(
            r,
            "child",
            cid,
            "views",
            child.views,
            placeholder=f"“I like it when…” — write down what {name} said, as {name} said it",
            label=f"{child.name}'s views in their own words",
            min_lines=3,
        )
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
            "The parents' views together",
            layout,
            "When the parents speak as one: from their “My Views” form and what they said "
            "today, in their words. Each parent's own views go above.",
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
        self.show_disagreement_with(agree, disagreement, disagreement_label)


PANE = InvolvementPane
