"""Actions: what needs doing, who does it, by when — for professionals and for the family."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from ...agenda.completeness import action_is_complete
from ...model import ActionFor, Conference, Operation, PersonKind
from ...operations import Change
from .base import Pane, PaneContext, people_choices
from .widgets.action_table import ActionGroup, overdue_sentences

TITLES = {
    ActionFor.PROFESSIONALS: (
        "For professionals",
        "What each agency will do. Enter in an action adds the next one.",
    ),
    ActionFor.FAMILY: (
        "For the family and network",
        "What the parents, family and safety network will do.",
    ),
}


class ActionsPane(Pane):
    key = "actions"
    shows_names = frozenset({"person"})
    renames = frozenset({"person"})

    def __init__(self, context: PaneContext) -> None:
        super().__init__(context)
        self.groups: list[ActionGroup] = []
        self.summary = QLabel()

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        self.groups = []
        overdue = overdue_sentences(conference)
        self.summary = QLabel()
        self.summary.setObjectName("dueNote")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        for for_whom, (title, hint) in TITLES.items():
            box = self.section(title, layout, hint)
            # Whoever the group is for comes first in the list of people.
            first = PersonKind.PROFESSIONAL if for_whom is ActionFor.PROFESSIONALS else None
            people = people_choices(conference)
            if first is not None:
                kinds = {p.id: p.kind for p in conference.people}
                people.sort(key=lambda choice: kinds.get(choice[1]) is not first)
            group = ActionGroup(
                self.recorder,
                conference,
                for_whom,
                people=people,
                register=self.register,
                overdue=overdue,
            )
            self.groups.append(group)
            box.addWidget(group)
        self._show_summary(conference, overdue)

    def on_change(self, change: Change) -> None:
        """Marks follow the record as saved: every autosave may fill a gap or make one."""
        super().on_change(change)
        if change.operation is Operation.UPDATE and change.entity == "action" and self.conference:
            if "for_whom" in change.fields and self.isVisible():
                # The action belongs in the other group now: show it there.
                self.context.refresh()
                return
            overdue = overdue_sentences(self.conference)
            for group in self.groups:
                group.refresh_marks(self.conference, overdue)
            self._show_summary(self.conference, overdue)

    def _show_summary(self, conference: Conference, overdue: dict[int, str]) -> None:
        actions = conference.actions
        if not actions:
            self.summary.setText("No actions yet. Start with the first one below.")
            return
        gaps = sum(1 for a in actions if not action_is_complete(a))
        parts = [_count(len(actions), "action")]
        if gaps:
            parts.append(f"{gaps} still {'needs' if gaps == 1 else 'need'} a person or a date")
        if overdue:
            parts.append(f"{len(overdue)} overdue")
        if not gaps and not overdue:
            parts.append("every one has a person and a date")
        self.summary.setText(" · ".join(parts))


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


PANE = ActionsPane
