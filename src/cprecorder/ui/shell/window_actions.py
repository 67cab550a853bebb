"""Every window action, declared once with its words and shortcut, and when it is offered.

:func:`offered` is the one rule for which actions are enabled (and in which words)
for the record open, the person at the keyboard and the record's status; the window
applies it after every change. The operations refuse the same things whatever the
menus offer; the menus only save people from trying.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ...actor import Actor
    from ...model import Conference

#: The menu bar's menus; their Alt+letters are taken in every pane (see Pane.label_for).
MENU_TITLES = {"file": "&File", "edit": "&Edit", "view": "&View", "record": "&Record"}


def alt_letter(text: str) -> str:
    """The letter after the "&" that makes an Alt+letter key, or ""."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else ""


class ActionId(enum.Enum):
    NEW_CONFERENCE = "new_conference"
    OPEN_CONFERENCES = "open_conferences"
    SAVE = "save"
    EXPORT = "export"
    CALENDAR = "calendar"
    QUIT = "quit"
    FIND = "find"
    FIND_NEXT = "find_next"
    UNDO_REMOVE = "undo_remove"
    PRESENTATION = "presentation"
    HIGH_CONTRAST = "high_contrast"
    ZOOM_IN = "zoom_in"
    ZOOM_OUT = "zoom_out"
    NEXT_ITEM = "next_item"
    PREVIOUS_ITEM = "previous_item"
    HAND_OVER = "hand_over"
    TAKE_BACK = "take_back"
    REVIEW = "review"
    SIGN_OFF = "sign_off"
    ADDENDUM = "addendum"
    AUDIT = "audit"
    WHO_AM_I = "who_am_i"
    JOURNEY = "journey"
    START_REVIEW = "start_review"
    START_CORE_GROUP = "start_core_group"
    SHARED_WINDOW = "shared_window"
    SHARED_PAUSE = "shared_pause"
    SHARED_BLANK = "shared_blank"
    SHARED_ZOOM_IN = "shared_zoom_in"
    SHARED_ZOOM_OUT = "shared_zoom_out"
    SHARED_HIGH_CONTRAST = "shared_high_contrast"


@dataclass(frozen=True)
class ActionSpec:
    text: str
    shortcuts: tuple[QKeySequence | QKeySequence.StandardKey | str, ...] = ()
    tip: str = ""
    checkable: bool = False


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW_CONFERENCE: ActionSpec("&New conference…", (QKeySequence.StandardKey.New,)),
    ActionId.OPEN_CONFERENCES: ActionSpec(
        "&Conferences…", (QKeySequence.StandardKey.Open,), "Back to the list of conferences"
    ),
    ActionId.SAVE: ActionSpec(
        "&Save now",
        (QKeySequence.StandardKey.Save,),
        "Everything is saved as you type; this saves at once",
    ),
    ActionId.EXPORT: ActionSpec("&Export…", ("Ctrl+E",)),
    ActionId.CALENDAR: ActionSpec(
        "Save &dates to a calendar…",
        (),
        "Core group meetings, the review conference and action deadlines as an .ics file",
    ),
    ActionId.QUIT: ActionSpec("&Quit", (QKeySequence.StandardKey.Quit,)),
    ActionId.FIND: ActionSpec("&Find in record…", (QKeySequence.StandardKey.Find,)),
    ActionId.FIND_NEXT: ActionSpec("Find &next", (QKeySequence.StandardKey.FindNext,)),
    ActionId.UNDO_REMOVE: ActionSpec("&Put back removed item", ("Ctrl+Alt+Z",)),
    ActionId.PRESENTATION: ActionSpec(
        "&Presentation mode (shared screen)",
        ("F5",),
        "Large type; professionals-only information hidden",
        checkable=True,
    ),
    ActionId.HIGH_CONTRAST: ActionSpec("&High contrast", (), checkable=True),
    ActionId.ZOOM_IN: ActionSpec("Zoom &in", ("Ctrl+=", "Ctrl++")),
    ActionId.ZOOM_OUT: ActionSpec("Zoom &out", ("Ctrl+-",)),
    ActionId.NEXT_ITEM: ActionSpec("Next agenda item", ("Ctrl+PgDown",)),
    ActionId.PREVIOUS_ITEM: ActionSpec("Previous agenda item", ("Ctrl+PgUp",)),
    ActionId.HAND_OVER: ActionSpec("&Hand over to the chair…"),
    ActionId.TAKE_BACK: ActionSpec("&Take the hand-over back"),
    ActionId.REVIEW: ActionSpec("&Review before sign-off", ("Ctrl+R",)),
    ActionId.SIGN_OFF: ActionSpec("&Sign off…"),
    ActionId.ADDENDUM: ActionSpec("A&dd an addendum…"),
    ActionId.AUDIT: ActionSpec("&Audit trail"),
    ActionId.WHO_AM_I: ActionSpec("&Who is using CP Recorder…"),
    ActionId.JOURNEY: ActionSpec(
        "The family's &journey",
        ("Ctrl+J",),
        "Every meeting of this family's case, what is due, and the scores over time",
    ),
    ActionId.START_REVIEW: ActionSpec(
        "Start the &review conference",
        ("Ctrl+Shift+R",),
        "A review of this signed-off conference, starting from the case's latest meeting",
    ),
    ActionId.START_CORE_GROUP: ActionSpec(
        "Start a core &group meeting",
        ("Ctrl+Shift+G",),
        "The next core group meeting, starting from the case's latest meeting",
    ),
    ActionId.SHARED_WINDOW: ActionSpec(
        "Open the &shared window",
        ("Ctrl+Shift+S",),
        "A window for Teams that only ever shows what the family may see",
    ),
    ActionId.SHARED_PAUSE: ActionSpec(
        "Pa&use the shared window",
        ("Ctrl+Shift+P",),
        "Keep the shared window on what it shows now",
        checkable=True,
    ),
    ActionId.SHARED_BLANK: ActionSpec(
        "&Blank the shared window",
        ("Ctrl+Shift+B",),
        "Show “One moment, please” while professionals speak alone",
        checkable=True,
    ),
    ActionId.SHARED_ZOOM_IN: ActionSpec("Shared window: larger type", ("Ctrl+Alt+=",)),
    ActionId.SHARED_ZOOM_OUT: ActionSpec("Shared window: smaller type", ("Ctrl+Alt+-",)),
    ActionId.SHARED_HIGH_CONTRAST: ActionSpec("Shared window: high &contrast", checkable=True),
}


def build_actions(parent: QWidget) -> dict[ActionId, QAction]:
    actions: dict[ActionId, QAction] = {}
    for action_id, spec in SPECS.items():
        action = QAction(spec.text, parent)
        action.setObjectName(action_id.value)
        sequences: list[QKeySequence] = []
        for shortcut in spec.shortcuts:
            if isinstance(shortcut, QKeySequence.StandardKey):
                sequences.extend(QKeySequence.keyBindings(shortcut))
            else:
                sequences.append(QKeySequence(shortcut))
        if sequences:
            action.setShortcuts(sequences)
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        action.setCheckable(spec.checkable)
        parent.addAction(action)
        actions[action_id] = action
    return actions


#: Actions that need the records open (the rest work on an empty window).
NEED_RECORDS = (ActionId.NEW_CONFERENCE, ActionId.OPEN_CONFERENCES, ActionId.WHO_AM_I)

#: Actions on the family's journey: offered with a conference or a journey open.
JOURNEY_ACTIONS = (ActionId.JOURNEY, ActionId.START_REVIEW, ActionId.START_CORE_GROUP)

#: Actions that add to the records without an open record's hold: never for a reader.
WRITES_WITHOUT_A_RECORD = (
    ActionId.NEW_CONFERENCE,
    ActionId.START_REVIEW,
    ActionId.START_CORE_GROUP,
)

#: Actions that need a conference open.
NEED_CONFERENCE = (
    ActionId.SAVE,
    ActionId.EXPORT,
    ActionId.CALENDAR,
    ActionId.FIND,
    ActionId.FIND_NEXT,
    ActionId.UNDO_REMOVE,
    ActionId.NEXT_ITEM,
    ActionId.PREVIOUS_ITEM,
)

#: Actions wired by the Record menu (``ui/review/record_menu.py``) once it is set up.
RECORD_MENU = (ActionId.REVIEW, ActionId.SIGN_OFF, ActionId.ADDENDUM, ActionId.AUDIT)

#: The shared window's actions, in the View menu (offered whatever is open: the
#: shared window says when nothing is being shared yet).
SHARED_ACTIONS = (
    ActionId.SHARED_WINDOW,
    ActionId.SHARED_PAUSE,
    ActionId.SHARED_BLANK,
    ActionId.SHARED_ZOOM_IN,
    ActionId.SHARED_ZOOM_OUT,
    ActionId.SHARED_HIGH_CONTRAST,
)


@dataclass(frozen=True)
class WindowState:
    """What the window has on screen besides the record, for :func:`offered`."""

    #: The store is open (conferences can be listed and opened).
    records_open: bool = False
    #: The Record menu's review, sign-off, addendum and audit trail are wired.
    record_menu: bool = False
    #: A family's journey is on screen (instead of a conference).
    journey_on_screen: bool = False
    #: The person's login may only read (a data officer's on the team server).
    reading_only: bool = False


def offered(
    record: Conference | None,
    person: Actor | None,
    window: WindowState,
    *,
    read_only: str = "",
) -> dict[ActionId, tuple[bool, str]]:
    """Each action the window may offer: whether it is enabled, and its words.

    ``record`` is the conference open (None: the start view or a journey), ``person``
    who is at the keyboard, ``read_only`` why this window may not change the record.
    """
    words = {action_id: spec.text for action_id, spec in SPECS.items()}
    recording = record is not None
    result: dict[ActionId, tuple[bool, str]] = {}
    for action_id in NEED_RECORDS:
        result[action_id] = (window.records_open, words[action_id])
    for action_id in NEED_CONFERENCE:
        result[action_id] = (recording, words[action_id])
    for action_id in JOURNEY_ACTIONS:
        result[action_id] = (
            window.records_open and (recording or window.journey_on_screen),
            words[action_id],
        )
    if window.reading_only:
        for action_id in WRITES_WITHOUT_A_RECORD:
            result[action_id] = (False, words[action_id])
    menu = recording and window.record_menu
    result[ActionId.REVIEW] = (menu, words[ActionId.REVIEW])
    result[ActionId.AUDIT] = (menu, words[ActionId.AUDIT])
    if record is None or person is None:
        for action_id in (ActionId.HAND_OVER, ActionId.TAKE_BACK, ActionId.SIGN_OFF):
            result[action_id] = (False, words[action_id])
        result[ActionId.ADDENDUM] = (False, words[ActionId.ADDENDUM])
        return result
    # Only with a record open: the rules of its life (they need the model).
    from ...lifecycle import hand_over_refusal, take_back_refusal
    from ...model import RecordStatus, Role

    status = record.status
    writable = not read_only
    chair = person.role is Role.CHAIR
    signed = status is RecordStatus.SIGNED_OFF
    result[ActionId.HAND_OVER] = (
        writable and hand_over_refusal(status) is None,
        words[ActionId.HAND_OVER],
    )
    result[ActionId.TAKE_BACK] = (
        writable and take_back_refusal(status, person.role, chair_has_changed_it=False) is None,
        words[ActionId.TAKE_BACK],
    )
    sign_words = words[ActionId.SIGN_OFF]
    if not chair:
        sign_words = f"{sign_words} (only the chair)"
    elif signed:
        sign_words = "Signed off"
    result[ActionId.SIGN_OFF] = (menu and chair and not signed, sign_words)
    addendum_words = words[ActionId.ADDENDUM]
    result[ActionId.ADDENDUM] = (
        window.record_menu and signed and not window.reading_only,
        addendum_words if signed else f"{addendum_words} (after sign-off)",
    )
    return result
