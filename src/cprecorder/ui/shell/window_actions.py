"""Every window action, declared once with its words and shortcut."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

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
    ActionId.ADDENDUM: ActionSpec("Add an &addendum…"),
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
        "&Pause the shared window",
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
