"""The conference decision: for each child, the plan, its categories and the reasons.

Then each agency's view (what they recommended and why) and any dissent. The
plan type and categories go through ``set_decision``, which clears categories
when the plan is not a child protection plan; the categories are the nation's
(England and Wales differ from Scotland and Northern Ireland), from the rules.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ... import operations as op
from ...export.wording import child_first_name
from ...model import Child, Conference, PlanType
from ...rules.categories import categories_for
from ...rules.nation import load_rules
from ..widgets.fields import Bound, ChoiceField, TextField
from ..widgets.item_list import ItemList
from ..widgets.labels import Caption
from .base import people_choices
from .operation_fields import FirstWords, OperationCheck, OperationChoice, OperationPane

PLAN_CHOICES = [(plan.label, plan) for plan in PlanType]


def plan_type(value: str | None) -> PlanType | None:
    """A choice comes back from Qt as the plain string value of the vocabulary."""
    return PlanType(value) if value else None


class DecisionPane(OperationPane):
    key = "decision"
    renames = frozenset({"person"})

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        self.category_boxes: dict[int, QWidget] = {}
        self.plan_choices: dict[int, OperationChoice] = {}
        if not conference.children:
            self.section(
                "The children",
                layout,
                "Add the children under Family and network to record a decision for each.",
            )
        for child in conference.children:
            self.child_section(conference, child, layout)
        self.views_section(conference, layout)
        self.dissent_section(conference, layout)

    # -- each child's plan --------------------------------------------------------
    def child_section(self, conference: Conference, child: Child, layout: QVBoxLayout) -> None:
        decision = child.decision
        plan = decision.plan_type if decision is not None else None
        chosen = set(decision.category_keys) if decision is not None else set()
        section = self.section(f"Decision for {child.name}", layout)
        form = self.form(section)

        plan_choice = OperationChoice(
            self.recorder,
            ("child", child.id, "decision_plan_type"),
            plan,
            PLAN_CHOICES,
            partial(self.choose_plan, child),
            label=f"Plan for {child.name}",
            blank="Not decided yet",
        )
        self.plan_choices[child.id] = plan_choice
        form.addRow(self.label_for("&Plan", plan_choice), self.register(plan_choice).as_widget())

        rules = load_rules(conference.nation or "england")
        boxes = QWidget()
        # Two to a line: four categories side by side do not fit a 1280-pixel screen at
        # the presentation zoom.
        row = QGridLayout(boxes)
        row.setContentsMargins(0, 0, 0, 0)
        row.setHorizontalSpacing(18)
        row.setVerticalSpacing(6)
        for index, (key, words) in enumerate(
            categories_for(conference.nation or "england").items()
        ):
            tick = OperationCheck(
                self.recorder,
                ("child", child.id, f"category-{key}"),
                key in chosen,
                f"✓ {words}" if key in chosen else words,
                partial(self.tick_category, child, key),
            )
            # A chip that fills when ticked: large and plain on a shared screen, where
            # the style's own tick box stays tiny at any zoom.
            tick.setProperty("chip", True)
            tick.setAccessibleName(f"{words}, a category of {child.name}'s plan")
            row.addWidget(self.register(tick).as_widget(), index // 2, index % 2)
        row.setColumnStretch(2, 1)
        caption = QLabel(rules.categories_are.capitalize())
        caption.setBuddy(boxes)
        form.addRow(caption, boxes)
        shown = plan is PlanType.CHILD_PROTECTION
        boxes.setVisible(shown)
        caption.setVisible(shown)
        self.category_boxes[child.id] = boxes
        if shown and not chosen:
            missing = QLabel(
                f"A child protection plan needs at least one of the {rules.categories_are}."
            )
            missing.setObjectName("flag")
            missing.setWordWrap(True)
            form.addRow("", missing)

        placeholder = f"Why this plan is right for {child.first_name or child.name}"
        label = f"Reasons for the decision for {child.name}"
        if decision is not None:
            reasons: TextField = TextField(
                self.recorder,
                "child_decision",
                decision.id,
                "reasons",
                decision.reasons,
                placeholder=placeholder,
                label=label,
                min_lines=2,
            )
            self.alias(("child", child.id, "decision_reasons"), reasons)
        else:
            reasons = FirstWords(
                self.recorder,
                ("child", child.id, "decision_reasons"),
                partial(self.first_reasons, child),
                placeholder=placeholder,
                label=label,
                min_lines=2,
            )
        form.addRow(self.label_for("&Reasons", reasons), self.register(reasons).as_widget())

    def current_categories(self, child: Child) -> list[str]:
        decision = child.decision
        return list(decision.category_keys) if decision is not None else []

    def choose_plan(self, child: Child, value: str | None) -> None:
        plan = plan_type(value)
        keep = self.current_categories(child) if plan is PlanType.CHILD_PROTECTION else []
        self.category_boxes[child.id].setVisible(plan is PlanType.CHILD_PROTECTION)
        self.run_decision(child, plan, keep)

    def tick_category(self, child: Child, key: str, ticked: bool) -> None:
        chosen = [k for k in self.current_categories(child) if k != key]
        if ticked:
            chosen.append(key)
        self.run_decision(child, PlanType.CHILD_PROTECTION, chosen)

    def first_reasons(self, child: Child, words: str) -> None:
        plan = plan_type(self.plan_choices[child.id].currentData())
        keep = self.current_categories(child) if plan is PlanType.CHILD_PROTECTION else []
        self.run_decision(child, plan, keep, reasons=words)

    def run_decision(
        self,
        child: Child,
        plan: PlanType | None,
        categories: list[str],
        reasons: str | None = None,
    ) -> None:
        assert self.conference is not None
        self.recorder.run(
            op.set_decision,
            conference_id=self.conference.id,
            child_id=child.id,
            plan_type=plan,
            categories=categories,
            reasons=reasons,
        )

    # -- agencies' views and dissent ------------------------------------------------
    def about_children(self, conference: Conference, entity: str, item: Any) -> QWidget:
        """A chip per child: which children a view or a dissent is about (all, by default)."""
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(8)
        caption = Caption("About:")
        caption.setObjectName("fieldCaption")
        line.addWidget(caption)
        chosen = set(item.child_ids) or {child.id for child in conference.children}
        ticks: dict[int, OperationCheck] = {}

        def toggled(_ticked: bool) -> None:
            ids = [child_id for child_id, tick in ticks.items() if tick.isChecked()]
            self.recorder.run(
                op.update, entity=entity, entity_id=item.id, values={"child_ids": ids}
            )

        for child in conference.children:
            name = child_first_name(child)
            tick = OperationCheck(
                self.recorder,
                (entity, item.id, f"child-{child.id}"),
                child.id in chosen,
                name,
                toggled,
            )
            tick.setProperty("chip", True)
            tick.setAccessibleName(f"About {name}")
            ticks[child.id] = tick
            line.addWidget(self.register(tick).as_widget())
            if not caption.buddy():
                caption.setBuddy(tick)
        line.addStretch(1)
        holder.setToolTip("Every child ticked (or none) means all the children.")
        return holder

    def views_section(self, conference: Conference, layout: QVBoxLayout) -> None:
        section = self.section(
            "Each agency's view",
            layout,
            "What each agency recommends, and why. The chair decides.",
        )
        professionals = people_choices(conference, professionals_only=True)

        def row(view: Any, line: QHBoxLayout) -> Bound:
            grid = QGridLayout()
            grid.setHorizontalSpacing(8)
            grid.setVerticalSpacing(4)
            who = ChoiceField(
                self.recorder,
                "agency_view",
                view.id,
                "person_id",
                view.person_id,
                professionals,
                label="Whose view",
                blank="Who?",
            )
            recommends = ChoiceField(
                self.recorder,
                "agency_view",
                view.id,
                "recommendation",
                view.recommendation,
                PLAN_CHOICES,
                label="Recommends",
                blank="Recommends…",
            )
            words = TextField(
                self.recorder,
                "agency_view",
                view.id,
                "view",
                view.view,
                placeholder="Their view, and why",
                label="The agency's view",
                min_lines=1,
            )
            # The words first: a new view opens with the cursor in them (Enter adds the
            # next), and Tab goes on to who said it, for which child, and what they recommend.
            grid.addWidget(self.register(words).as_widget(), 0, 0, 1, 2)
            grid.addWidget(self.register(who).as_widget(), 1, 0)
            grid.addWidget(self.register(recommends).as_widget(), 1, 1)
            if len(conference.children) > 1:
                grid.addWidget(self.about_children(conference, "agency_view", view), 2, 0, 1, 2)
            for column in range(2):
                grid.setColumnStretch(column, 1)
            line.addLayout(grid, 1)
            return words

        section.addWidget(
            ItemList(
                self.recorder,
                conference_id=conference.id,
                entity="agency_view",
                items=list(conference.agency_views),
                build_row=row,
                add_label="Add an agency's view",
                empty_text="No agency's view recorded yet.",
            )
        )

    def dissent_section(self, conference: Conference, layout: QVBoxLayout) -> None:
        section = self.section(
            "Dissent",
            layout,
            "A professional who disagrees with the decision has their dissent recorded, "
            "with their reasons.",
        )
        professionals = people_choices(conference, professionals_only=True)

        def row(dissent: Any, line: QHBoxLayout) -> Bound:
            grid = QGridLayout()
            grid.setHorizontalSpacing(8)
            grid.setVerticalSpacing(4)
            who = ChoiceField(
                self.recorder,
                "dissent",
                dissent.id,
                "person_id",
                dissent.person_id,
                professionals,
                label="Who disagrees",
                blank="Who?",
            )
            reasons = TextField(
                self.recorder,
                "dissent",
                dissent.id,
                "reasons",
                dissent.reasons,
                placeholder="What they disagree with, and why",
                label="Reasons for the dissent",
                min_lines=1,
            )
            grid.addWidget(self.register(reasons).as_widget(), 0, 0, 1, 2)
            grid.addWidget(self.register(who).as_widget(), 1, 0)
            if len(conference.children) > 1:
                grid.addWidget(self.about_children(conference, "dissent", dissent), 2, 0, 1, 2)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 1)
            line.addLayout(grid, 1)
            return reasons

        section.addWidget(
            ItemList(
                self.recorder,
                conference_id=conference.id,
                entity="dissent",
                items=list(conference.dissents),
                build_row=row,
                add_label="Record a dissent",
                empty_text="Nobody has disagreed with the decision.",
            )
        )


PANE = DecisionPane
