"""Someone else saved the same words first: show both, and let the person choose.

Nothing is overwritten silently and nothing typed is lost: until a choice is made the
person's words are on screen and in the recovery file. Keep theirs, keep yours (saved
over theirs, knowingly), or put both together (theirs, then yours).

The question comes when a save finds the conflict, often in the middle of typing: it
does not take the keyboard, so the keys typed on still go into the field (the recorder
saves that part again only with the answer, which takes the words as they are then);
its buttons take no key or click for the first :data:`READ_FIRST_MS`, so nothing
answers it unread.
While the screen is shared, a part the family may not see is named without its words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from ...conflicts import EditConflictError
from ...dates import clock_time, local_moment
from .form import ask

#: The choices, by the words on their buttons.
CHOICES = (("Keep theirs", "theirs"), ("Keep yours", "yours"), ("Put both", "both"))
#: How long the question's buttons take no key after it appears (a browser's install
#: prompt waits as long, for the same reason).
READ_FIRST_MS = 1000


def shown(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 600 else text[:597] + "…"


#: What each choice does with the words typed on while the question is up.
TYPING_ON = (
    "You can go on typing: Keep yours and Put both keep everything you type until you "
    "choose; Keep theirs replaces your words with theirs."
)


def conflict_text(conflict: EditConflictError, *, words_shown: bool = True) -> str:
    """Both versions of the words; with ``words_shown`` False (a professionals-only part
    while the screen is shared) only who changed what, not the words."""
    when = f" at {clock_time(local_moment(conflict.at))}" if conflict.at is not None else ""
    if not words_shown:
        return (
            f"Someone else changed a professionals-only note{when} while you were writing. "
            "Its words are not shown while the screen is shared; yours are kept until "
            f"you choose. {TYPING_ON}"
        )
    theirs = "\n".join(shown(v) for v in conflict.theirs.values())
    yours = "\n".join(shown(v) for v in conflict.yours.values())
    return (
        f"{conflict.by} changed this{when} while you were writing:\n\n{theirs}\n\n"
        f"Your words:\n\n{yours}\n\n{TYPING_ON}"
    )


def ask_which(
    parent: QWidget,
    conflict: EditConflictError,
    then: Callable[[str], None],
    *,
    words_shown: bool = True,
) -> QMessageBox:
    """Asks, and calls ``then`` with "theirs", "yours" or "both"; closing the question
    keeps both, so nothing is lost. The buttons wait :data:`READ_FIRST_MS` before they
    take a key or a click; then the cursor is on "Put both"."""
    box = ask(
        parent,
        "Someone else changed this",
        conflict_text(conflict, words_shown=words_shown),
        [(words, QMessageBox.ButtonRole.AcceptRole) for words, _choice in CHOICES],
        lambda index: then(CHOICES[index][1]),
        default=len(CHOICES) - 1,  # put both
        takes_keyboard=False,  # it comes in the middle of typing: keys go on to the field
    )
    buttons = box.buttons()
    for button in buttons:
        button.setEnabled(False)  # a disabled button is pressed by no key, Esc included

    def readable() -> None:
        for button in buttons:
            button.setEnabled(True)
        box.defaultButton().setFocus()  # Enter answers it once the person switches to it

    QTimer.singleShot(READ_FIRST_MS, box, readable)
    return box
