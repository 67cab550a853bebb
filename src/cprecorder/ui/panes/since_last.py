"""What has changed since the last meeting: each carried action's progress, each safety
goal at a review, the core groups held since, and the changes to the plan agreed."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from ...dates import long_date
from ...journey import SinceLast, since_last
from ...model import ActionProgress, Conference, GoalProgress
from ...operations import set_action_progress
from ..widgets.fields import ChoiceField, TextField
from .base import Pane
from .operation_fields import OperationChoice


class SinceLastPane(Pane):
    key = "since_last"
    shows_names = frozenset()

    def carried(self, conference: Conference) -> tuple[SinceLast, list[str], str]:
        """What this meeting carries from before, the core groups held since, and the
        meeting it follows, read from the case."""
        with self.recorder.store.read() as session:
            since = since_last(session, conference.id)
        before = (
            since.previous_conference if conference.kind.is_conference else since.previous_meeting
        )
        follows = (
            f"This {conference.kind.label.lower()} follows the {before.kind.label.lower()} "
            f"on {long_date(before.scheduled_at.date())}."
            if before is not None
            else "This is the first meeting of the case: nothing is carried from before."
        )
        held = [
            f"{long_date(m.on)}" + (f" ({m.present} present)" if m.present else "")
            for m in since.core_groups
        ]
        return since, held, follows

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        r = self.recorder
        self.title_label.setWordWrap(True)  # a long title, in large type on a shared screen
        since, held, follows = self.carried(conference)
        intro = QLabel(follows)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        progress_choices = [(p.label, p.value) for p in ActionProgress]
        actions = self.section(
            "How far each action got",
            layout,
            "For each action carried from last time: done, partly done, not done, or no "
            "longer needed (its status follows), and a note.",
        )
        by_id = {a.id: a for a in conference.actions}
        if not since.actions:
            actions.addWidget(QLabel("No action was carried open from last time."))
        for number, carried in enumerate(since.actions, start=1):
            action_id = carried.action_id
            action = by_id.get(action_id)
            if action is None:
                continue
            what = QLabel(f"{number}. {action.what or 'An action'}")
            what.setWordWrap(True)
            actions.addWidget(what)
            if carried.finished_at is not None:
                # Finished between the conferences: said, not asked again.
                done = carried.finished_at
                finished = QLabel(done.words + (f": {done.note}" if done.note else "."))
                finished.setObjectName("sectionHint")
                finished.setWordWrap(True)
                actions.addWidget(finished)
                continue
            line = QHBoxLayout()

            def choose(value: Any, action_id: int = action_id) -> None:
                r.run(
                    set_action_progress,
                    action_id=action_id,
                    progress=ActionProgress(value) if value else None,
                )

            progress = OperationChoice(
                r,
                ("action", action_id, "progress"),
                action.progress.value if action.progress else None,
                progress_choices,
                choose,
                label=f"Progress of action {number}",
                blank="Not asked yet",
            )
            note = TextField(
                r,
                "action",
                action_id,
                "progress_note",
                action.progress_note,
                placeholder="A note on the progress",
                label=f"Note on action {number}",
            )
            line.addWidget(self.register(progress).as_widget(), 1)
            line.addWidget(self.register(note).as_widget(), 3)
            actions.addLayout(line)

        if conference.kind.is_conference:
            goals = self.section(
                "How far each safety goal has been reached",
                layout,
                "For each danger statement carried from the last conference.",
            )
            statements = {d.id: (n, d) for n, d in enumerate(conference.danger_statements, 1)}
            goal_choices = [(g.label, g.value) for g in GoalProgress]
            if not since.goals:
                goals.addWidget(QLabel("No safety goal was carried from the last conference."))
            for goal_id in since.goals:
                number, statement = statements[goal_id]
                words = QLabel(f"Safety goal {number}: {statement.safety_goal or '(not written)'}")
                words.setWordWrap(True)
                goals.addWidget(words)
                line = QHBoxLayout()
                how_far = ChoiceField(
                    r,
                    "danger_statement",
                    goal_id,
                    "goal_progress",
                    statement.goal_progress.value if statement.goal_progress else None,
                    goal_choices,
                    label=f"How far safety goal {number} has been reached",
                    blank="Not asked yet",
                )
                note = TextField(
                    r,
                    "danger_statement",
                    goal_id,
                    "goal_progress_note",
                    statement.goal_progress_note,
                    placeholder="What shows it",
                    label=f"Note on safety goal {number}",
                )
                line.addWidget(self.register(how_far).as_widget(), 1)
                line.addWidget(self.register(note).as_widget(), 3)
                goals.addLayout(line)
            groups = self.section("Core group meetings since the last conference", layout)
            groups.addWidget(
                QLabel("\n".join(held) if held else "No core group met since the last conference.")
            )
        changes = self.section("Changes to the plan agreed", layout)
        changes.addWidget(
            self.register(
                TextField(
                    r,
                    "conference",
                    conference.id,
                    "plan_changes",
                    conference.plan_changes,
                    placeholder="A new action, an action done, a bottom line reworded…",
                    label="Changes to the plan agreed",
                )
            ).as_widget()
        )


PANE = SinceLastPane
