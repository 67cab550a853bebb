"""Someone else saved the same words first: show both, and let the person choose.

Nothing is overwritten silently and nothing typed is lost: until a choice is made the
person's words are on screen and in the recovery file. Keep theirs, keep yours (saved
over theirs, knowingly), or put both together (theirs, then yours).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from ...conflicts import EditConflictError
from ...dates import clock_time, local_moment
from .form import ask

#: The choices, by the words on their buttons.
CHOICES = (("Keep theirs", "theirs"), ("Keep yours", "yours"), ("Put both", "both"))


def shown(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 600 else text[:597] + "…"


def conflict_text(conflict: EditConflictError) -> str:
    when = f" at {clock_time(local_moment(conflict.at))}" if conflict.at is not None else ""
    theirs = "\n".join(shown(v) for v in conflict.theirs.values())
    yours = "\n".join(shown(v) for v in conflict.yours.values())
    return (
        f"{conflict.by} changed this{when} while you were writing:\n\n{theirs}\n\n"
        f"Your words:\n\n{yours}"
    )


def ask_which(parent: QWidget, conflict: EditConflictError, then: Callable[[str], None]) -> None:
    """Asks, and calls ``then`` with "theirs", "yours" or "both"; closing the question
    keeps both, so nothing is lost."""
    ask(
        parent,
        "Someone else changed this",
        conflict_text(conflict),
        [(words, QMessageBox.ButtonRole.AcceptRole) for words, _choice in CHOICES],
        lambda index: then(CHOICES[index][1]),
        default=len(CHOICES) - 1,  # put both
    )
