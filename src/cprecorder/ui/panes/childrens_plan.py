"""The children's plan: for each child, the plan in words and pictures the child can read.

The social worker writes (or edits) the words here; the Word export lays them
out for the child. A child without a plan is offered one, started from the
plan the conference agreed, so nobody begins from a blank page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout

from ... import operations as op
from ...model import Child, ChildrensPlan, Conference
from ..widgets.fields import ChildsWords
from .base import Pane

# Reading ease (textstat) and the pictures (the exports, python-docx) are imported when
# the pane is built: importing this module for the agenda's marks must stay quick.

#: The parts of a child's plan: field, heading (as the child will read it), what to write.
PARTS: tuple[tuple[str, str, str], ...] = (
    (
        "worries",
        "Why the grown-ups are worried",
        "Gently: who is worried, and why. Say it is not the child's fault.",
    ),
    ("safety_people", "My safety people", "The people who will help keep me safe."),
    ("what_will_happen", "What will happen", "What the grown-ups will do, and when."),
    ("if_unsafe", "If I feel unsafe", "What I can do, where I can go, who I can ring."),
    ("who_to_talk_to", "Who I can talk to", "People I can tell how I feel."),
)


def first_name(child: Child) -> str:
    return child.first_name or ("the baby" if child.unborn else "this child")


class ChildrensPlanPane(Pane):
    key = "childrens_plan"
    shows_names = frozenset({"child"})

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        from ...export.childrens_plan import has_a_childrens_plan
        from ...language.readability import CHILDRENS_PLAN_READING_AGES

        if not conference.children:
            empty = QLabel("There are no children in this record yet.")
            empty.setObjectName("emptyNote")
            layout.addWidget(empty)
        low, high = CHILDRENS_PLAN_READING_AGES
        for child in conference.children:
            name = first_name(child)
            if not has_a_childrens_plan(child):
                unborn = QLabel(
                    f"{child.name} is not born yet, so has no children's plan: it is written "
                    "for a child once they are born."
                )
                unborn.setObjectName("emptyNote")
                unborn.setWordWrap(True)
                layout.addWidget(unborn)
                continue
            box = self.section(
                f"{name}'s plan" if child.first_name else f"Plan for {name}",
                layout,
                f"Short, plain sentences, written to {name}. "
                f"Aim for a reading age of {low} to {high}.",
            )
            plan = child.childrens_plan
            if plan is None:
                self._offer_plan(child, box)
            else:
                self._plan(child, plan, box)
        if not any(has_a_childrens_plan(child) for child in conference.children):
            self._offer_family(layout)

    def _offer_family(self, layout: QVBoxLayout) -> None:
        """Nothing to write here until a child is added (or born): the way to Family and
        network, so that the cursor has somewhere to be and Enter goes where to act."""
        from .family import ADD_A_CHILD

        family = QPushButton("Add a child under Family and network")
        family.setAccessibleName("Add a child under Family and network")
        family.setProperty("start", True)  # hidden, like the offers of a plan, when locked
        family.clicked.connect(lambda: self.context.go_to_control("family", ADD_A_CHILD))
        layout.addWidget(family, alignment=Qt.AlignmentFlag.AlignLeft)

    def _offer_plan(self, child: Child, box: QVBoxLayout) -> None:
        name = first_name(child)
        note = QLabel(
            f"{name} has no plan of their own yet. It starts with words written to {name} "
            "from the plan agreed today, for you to change."
        )
        note.setObjectName("emptyNote")
        note.setWordWrap(True)
        start = QPushButton(
            f"Write {name}'s plan" if child.first_name else f"Write a plan for {name}"
        )
        start.setObjectName("primary")
        start.setAccessibleName(start.text())
        start.setProperty("start", True)
        start.clicked.connect(
            lambda _c=False, i=child.id: self.recorder.run(op.create_childrens_plan, child_id=i)
        )
        box.addWidget(note)
        box.addWidget(start, alignment=Qt.AlignmentFlag.AlignLeft)

    def _plan(self, child: Child, plan: ChildrensPlan, box: QVBoxLayout) -> None:
        from ...export.childrens_plan import plan_written
        from ...language.readability import CHILDRENS_PLAN_READING_AGES, reading_ease
        from .widgets.picture_choice import PictureChoice

        r = self.recorder
        if not plan_written(child):
            unwritten = QLabel(
                f"Not yet written for {first_name(child)}: these are the words it was started "
                f"with. Put them in words {first_name(child)} knows before it is sent."
            )
            unwritten.setObjectName("flag")
            unwritten.setWordWrap(True)
            box.addWidget(unwritten)
        form = self.form(box)
        # Each heading above the child's words: beside them, a heading as long as "Why the
        # grown-ups are worried" left the words a narrow column in presentation mode.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        texts: list[ChildsWords] = []
        for field, heading, guide in PARTS:
            text = ChildsWords(
                r,
                "childrens_plan",
                plan.id,
                field,
                getattr(plan, field),
                placeholder=guide,
                label=f"{first_name(child)}: {heading}",
                min_lines=2,
            )
            texts.append(text)
            form.addRow(self.label_for(heading, text), self.register(text).as_widget())
        pictures = PictureChoice(r, "childrens_plan", plan.id, "pictures", plan.pictures)
        form.addRow(self.label_for("Pictures", pictures), self.register(pictures).as_widget())

        ease = QLabel()
        ease.setObjectName("status")
        ease.setWordWrap(True)
        form.addRow("", ease)

        def measure() -> None:
            words = "\n".join(t.toPlainText() for t in texts)
            reading = reading_ease(words)
            low, high = CHILDRENS_PLAN_READING_AGES
            if reading.words == 0:
                ease.setText("")
                return
            ok = reading.suits_childrens_plan()
            advice = (
                f"good for {low} to {high} year olds"
                if ok
                else "try shorter sentences and shorter words"
            )
            ease.setText(f"{reading.sentence} {advice[0].upper()}{advice[1:]}.")
            ease.setProperty("kind", "good" if ok else "bad")
            ease.style().unpolish(ease)
            ease.style().polish(ease)

        for text in texts:
            text.textChanged.connect(measure)
        measure()

    def apply_lock(self) -> None:
        super().apply_lock()
        for button in self.findChildren(QPushButton):
            if button.property("start"):
                button.setVisible(not self.locked)


PANE = ChildrensPlanPane
