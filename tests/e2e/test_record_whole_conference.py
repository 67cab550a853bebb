"""Record a whole conference with the keyboard alone, close, reopen, sign off, export.

A person starts at the start view, presses Ctrl+N, fills the new-conference
dialog, then walks every agenda item with Ctrl+PgDn, from the top of each pane
Tabbing through it: in every empty text field they type a unique phrase; on every
"+ Add" button (and "Write Poppy's plan") they press Space once and type into the
new item. Every pane must get at least one phrase. After closing the window, a
fresh store session must hold every phrase typed. The chair then opens the record
from the start view in a window of their own, signs it off from the Record menu,
and exports both versions with Ctrl+E: the professionals' version holds every
phrase, the family's every phrase but the professionals-only ones."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from by_keyboard import answering, focused, open_window, type_here
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.interchange import conference_to_dict
from cprecorder.model import PlanType, RecordStatus, Role
from cprecorder.queries import list_conferences, load_conference
from cprecorder.store import Store
from cprecorder.ui.dialogs.export import ExportDialog
from cprecorder.ui.dialogs.sign_off import SignOffDialog
from cprecorder.ui.shell.start_view import NewConferenceDialog
from cprecorder.ui.shell.window_actions import ActionId

MAX_TABS_PER_PANE = 80


def fill_new_conference_dialog(qtbot: QtBot) -> None:
    assert focused().accessibleName() == "Family name"  # the dialog puts the cursor there
    qtbot.keyClicks(focused(), "Quarrington")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Poppy Quarrington")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "Alfie Quarrington")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # kind
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # the date, typed as people type it
    qtbot.keyClicks(focused(), "6/12/26")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # the time
    qtbot.keyClicks(focused(), "2pm")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # how held
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Chair Ivo Marsh")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def go_to_the_top(qtbot: QtBot, pane: QWidget) -> None:
    """Shift+Tab from the pane's first field until the cursor leaves the pane, then Tab."""
    first = pane.first_field()  # type: ignore[attr-defined]
    if first is None:
        pane.setFocus()
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        return
    first.setFocus()
    for _step in range(MAX_TABS_PER_PANE):
        qtbot.keyClick(focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        if not pane.isAncestorOf(focused()):
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
            return


def walk_pane(qtbot: QtBot, window: object, key: str, typed: list[str]) -> None:
    """Tab through one pane, typing a phrase into each empty text field, adding items."""
    view = window.view  # type: ignore[attr-defined]
    pane = view.panes[key]
    go_to_the_top(qtbot, pane)
    pressed: set[str] = set()
    visited: set[int] = set()
    for _step in range(MAX_TABS_PER_PANE):
        widget = focused()
        if not pane.isAncestorOf(widget):
            break
        marker = id(widget)
        words_go_here = not (widget.property("dateField") or widget.property("scoreBox"))
        if isinstance(widget, QTextEdit | QLineEdit) and not widget.isReadOnly() and words_go_here:
            text = widget.toPlainText() if isinstance(widget, QTextEdit) else widget.text()
            if not text.strip() and marker not in visited:
                phrase = f"{key} words {len(typed) + 1}"
                type_here(qtbot, phrase)
                typed.append(phrase)
        elif (
            isinstance(widget, QAbstractButton)
            and (widget.objectName() == "editButton" or widget.property("start"))
            and not widget.text().replace("&", "").startswith("Remove")
            and widget.text() not in pressed
        ):
            pressed.add(widget.text())
            qtbot.keyClick(widget, Qt.Key.Key_Space)
            qtbot.wait(20)
            pane = view.panes[key]  # rebuilt; the new item has the focus
            continue
        visited.add(marker)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def test_record_a_whole_conference_by_keyboard(
    qtbot: QtBot, store: Store, actor: Actor, tmp_path: Path
) -> None:
    window = open_window(qtbot, store, actor, tmp_path / "s.ini")

    with answering(NewConferenceDialog, lambda _dialog: fill_new_conference_dialog(qtbot)):
        qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    view = window.view
    assert view is not None
    window.activateWindow()  # the dialog has closed: the window takes the keyboard back
    assert view.conference.family_name == "Quarrington"
    assert [c.name for c in view.conference.children] == ["Poppy Quarrington", "Alfie Quarrington"]
    assert view.conference.scheduled_at == dt.datetime(2026, 12, 6, 14, 0)  # day first
    assert view.conference.chair == "Chair Ivo Marsh"

    typed: list[str] = []
    seen = []
    for _ in range(len(view.keys)):
        key = view.current_key()
        seen.append(key)
        walk_pane(qtbot, window, key, typed)
        qtbot.keyClick(focused(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert seen == view.keys
    assert len(typed) >= 30, typed
    conference_id = view.conference_id
    window.close()

    with store.read() as session:
        [summary] = list_conferences(session, "quarrington")
        record = json.dumps(
            conference_to_dict(load_conference(session, summary.id)), ensure_ascii=False
        )
    missing = [phrase for phrase in typed if phrase not in record]
    assert missing == []

    # Every pane with room for words was typed into, the ones easy to miss included.
    typed_in = {phrase.rsplit(" words ", 1)[0] for phrase in typed}
    assert {"family", "safety_scale", "core_group", "childrens_plan"} <= typed_in
    assert typed_in == set(seen), set(seen) - typed_in

    # What a chair must settle before signing off is not typed above; it is set here.
    settle_what_blocks(store, conference_id, actor)

    # The chair opens the record from the start view, signs off, and exports both versions.
    chair = Actor("Ivo Marsh", Role.CHAIR, "imarsh")
    chair_window = open_window(qtbot, store, chair, tmp_path / "c.ini")
    qtbot.keyClicks(chair_window.start.search, "quarrington")
    qtbot.waitUntil(lambda: chair_window.start.model.rowCount() == 1, timeout=2000)
    qtbot.keyClick(chair_window.start.search, Qt.Key.Key_Return)
    qtbot.keyClick(chair_window.start.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: chair_window.view is not None, timeout=3000)

    sign = chair_window.actions_[ActionId.SIGN_OFF]
    assert sign.isEnabled()
    sign.trigger()  # Record → Sign off…
    dialog = chair_window.findChild(SignOffDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.blocking == [], [i.sentence for i in dialog.blocking]
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Space)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    with store.read() as session:
        assert load_conference(session, conference_id).status is RecordStatus.SIGNED_OFF

    professionals = export_by_keyboard(qtbot, chair_window, 0, tmp_path / "record.docx")
    family = export_by_keyboard(qtbot, chair_window, 1, tmp_path / "family.docx")
    chair_window.close()
    assert "Quarrington" in professionals and "Quarrington" in family
    # A relationship starts with a capital in its table cell ("Family words 21 of Poppy").
    professionals, family = professionals.casefold(), family.casefold()
    assert [p for p in typed if p not in professionals] == []
    hidden = [p for p in typed if p.startswith("professionals_only")]
    assert hidden and all(p in professionals for p in hidden)
    assert [p for p in hidden if p in family] == []
    assert [p for p in typed if p not in hidden and p not in family] == []


def settle_what_blocks(store: Store, conference_id: int, actor: Actor) -> None:
    """Each child gets a decision (a team around the child) and each action someone and a date."""
    with store.read() as session:
        conference = load_conference(session, conference_id)
    for child in conference.children:
        op.set_decision(
            store,
            actor=actor,
            conference_id=conference_id,
            child_id=child.id,
            plan_type=PlanType.TEAM_AROUND_THE_CHILD,
        )
    someone = conference.people[0].id
    for action in conference.actions:
        op.update(
            store,
            actor=actor,
            entity="action",
            entity_id=action.id,
            values={"owner_id": someone, "due_on": "2026-12-18"},
        )


def export_by_keyboard(qtbot: QtBot, window: object, steps_down: int, target: Path) -> str:
    """Ctrl+E, the document chosen with the arrow keys, the path typed, Return, Escape."""

    def export(dialog: ExportDialog) -> None:
        assert dialog.focusWidget() is dialog.kind  # the dialog opens at the choice
        for _ in range(steps_down):
            qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
        dialog.path.setFocus()
        dialog.path.selectAll()
        qtbot.keyClicks(dialog.path, str(target))
        qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # Export is the default button
        assert dialog.problem.text() == ""
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    with answering(ExportDialog, export):
        qtbot.keyClick(focused(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    document = docx.Document(str(target))
    return "\n".join(
        [p.text for p in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )
