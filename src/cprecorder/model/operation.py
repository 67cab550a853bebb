"""What was done to a record: one name shared by the change report, the audit trail and its words.

Every operation returns a :class:`cprecorder.operations.Change` naming one
:class:`Operation`; the store writes the same member's value into each audit entry's
``operation`` column; :mod:`cprecorder.changes` shows the member's words ("Put
back", "Signed off"). There is no other list of operations.

Adding an operation: one member here, with the value stored in the trail (never
change a stored value: entries already written keep it, and it is part of their
hash), the words a chair reads, and its :class:`Scope`. A test checks that every
member has words and a distinct value.
"""

from __future__ import annotations

import enum


class Scope(enum.Flag):
    """What a change touches beyond the values it names, so each screen can decide cheaply.

    * ``STRUCTURE``: parts of the record were added, removed or reordered (a screen
      listing them needs rebuilding, not patching);
    * ``PEOPLE``: who is in the conference or what they are called (names, choices
      of people, relationships, the words never flagged as misspelt);
    * ``LIFECYCLE``: a step in the record's life (hand-over, sign-off…) that changes
      no words but what may be done with the record and by whom; the chair's list of
      changes since the hand-over leaves these out.
    """

    NONE = 0
    STRUCTURE = enum.auto()
    PEOPLE = enum.auto()
    LIFECYCLE = enum.auto()


class Operation(enum.Enum):
    """Every kind of change a record can undergo. The value is what the audit trail stores."""

    #: The typed value of one or more fields.
    UPDATE = ("update", "Changed", Scope.NONE)
    ADD = ("add", "Added", Scope.STRUCTURE)
    MOVE = ("move", "Moved", Scope.STRUCTURE)
    REMOVE = ("remove", "Removed", Scope.STRUCTURE)
    #: A removed item put back where it was (Ctrl+Alt+Z).
    RESTORE = ("restore", "Put back", Scope.STRUCTURE)
    CREATE = ("create_conference", "Started the record", Scope.STRUCTURE)
    IMPORT = ("import_conference", "Imported", Scope.STRUCTURE)
    START_REVIEW = ("start_review", "Started the review conference", Scope.STRUCTURE)
    START_CORE_GROUP = ("start_core_group", "Started the core group meeting", Scope.STRUCTURE)
    DECISION = ("set_decision", "Decision", Scope.STRUCTURE)
    DANGER_SCORE = ("set_danger_score", "Scored", Scope.STRUCTURE)
    SAFETY_SCORE = ("set_safety_score", "Scored", Scope.STRUCTURE)
    RELATIONSHIP = ("set_relationship", "Relationship", Scope.PEOPLE)
    CHILDRENS_PLAN = ("create_childrens_plan", "Started a children's plan", Scope.STRUCTURE)
    #: Who does an action, by name: someone not yet in the conference is added.
    ACTION_OWNER = ("set_action_owner", "Who does it", Scope.STRUCTURE | Scope.PEOPLE)
    #: How far a carried action got since the last meeting (its status follows).
    ACTION_PROGRESS = ("set_action_progress", "Progress", Scope.NONE)
    CASE_DETAILS = ("set_case_details", "Case details", Scope.NONE)
    HAND_OVER = ("hand_over", "Handed over to the chair", Scope.LIFECYCLE)
    TAKE_BACK = ("take_back", "Hand-over taken back", Scope.LIFECYCLE)
    WITHDRAW = ("withdraw", "Withdrawn (created by mistake)", Scope.LIFECYCLE)
    SIGN_OFF = ("sign_off", "Signed off", Scope.LIFECYCLE)
    #: After sign-off, the only change a record takes.
    ADDENDUM = ("add_addendum", "Added an addendum", Scope.STRUCTURE)
    #: A document, calendar or dump written out from the record: which one (the field) to
    #: which file (the new value). Not a change to the record, so it is allowed after
    #: sign-off and left out of the chair's changes since the hand-over.
    EXPORT = ("export", "Exported", Scope.NONE)
    RELEASE_CRASHED_HOLD = (
        "release_crashed_hold",
        "Released the hold of a window that had stopped",
        Scope.LIFECYCLE,
    )

    # Declared for the type checker; set for each member in ``__init__``.
    stored: str
    words: str
    scope: Scope

    def __init__(self, stored: str, words: str, scope: Scope) -> None:
        self.stored = stored
        self.words = words
        self.scope = scope

    def __str__(self) -> str:
        return self.stored

    def __repr__(self) -> str:
        return f"<Operation.{self.name}>"

    @classmethod
    def read(cls, stored: str) -> Operation | None:
        """The operation an audit entry names, including entries written before this enum.

        Older trails name updates, additions, moves and removals with the part of the
        record after them (``update_worry``, ``add_action``); they are read as the
        operation they were.
        """
        found = _BY_STORED.get(stored)
        if found is not None:
            return found
        verb, _, rest = stored.partition("_")
        if rest:
            return _BY_STORED.get(verb)
        return None


_BY_STORED: dict[str, Operation] = {member.stored: member for member in Operation}

#: Operations that start a record: its first entry reads as what they did ("Imported").
STARTING = frozenset(
    {Operation.CREATE, Operation.IMPORT, Operation.START_REVIEW, Operation.START_CORE_GROUP}
)
