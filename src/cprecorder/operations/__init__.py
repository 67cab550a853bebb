"""Every change to a record goes through one of these keyword-only operations.

Each opens one unit of work, changes the record, commits (the audit trail is
written by the store in the same transaction) and returns a :class:`Change`
naming its :class:`Operation` (declared once, in :mod:`cprecorder.model.operation`,
with the words the audit trail shows), which the window passes to every screen.
"""

from typing import TYPE_CHECKING

from ..model.operation import Operation, Scope
from .action_owner import set_action_owner
from .change import Change
from .childrens_plan import create_childrens_plan
from .decision import set_decision
from .record import (
    add_item,
    create_conference,
    move_item,
    remove_item,
    restore_item,
    set_relationship,
    update,
)
from .scoring import set_danger_score, set_safety_score
from .signoff import (
    NotPermittedError,
    add_addendum,
    hand_over,
    sign_off,
    take_back,
    withdraw,
)

if TYPE_CHECKING:
    from .journey import set_action_progress, set_case_details, start_core_group, start_review

#: The operations over a family's journey, imported when first used: they bring in the
#: journey's rules, the bank holidays and the exports (python-docx), which reopening a
#: conference does not need (the window has the cursor in its field sooner without them).
_JOURNEY = frozenset(
    {"set_action_progress", "set_case_details", "start_core_group", "start_review"}
)


def __getattr__(name: str) -> object:
    if name in _JOURNEY:
        from . import journey

        return getattr(journey, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Change",
    "NotPermittedError",
    "Operation",
    "Scope",
    "add_addendum",
    "add_item",
    "create_childrens_plan",
    "create_conference",
    "hand_over",
    "move_item",
    "remove_item",
    "restore_item",
    "set_action_owner",
    "set_action_progress",
    "set_case_details",
    "set_danger_score",
    "set_decision",
    "set_relationship",
    "set_safety_score",
    "sign_off",
    "start_core_group",
    "start_review",
    "take_back",
    "update",
    "withdraw",
]
