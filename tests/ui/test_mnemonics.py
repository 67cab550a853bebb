"""Alt+letter keys are unique in every window and dialog: one key, one place.

Alt+R was both the Record menu and the "Review conference on" field, so the key
did one thing or the other depending on focus. Each pane is checked with the
window's menu bar, each dialog on its own, and each menu (and submenu) of the menu bar
for its own items: a menu's letters are its own, so two items sharing one made Alt+V
then P move between "Presentation mode" and "Pause the shared window" instead of
choosing either.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QWidget,
)
from pytestqt.qtbot import QtBot

from by_keyboard import go_to
from cprecorder.model import RecordStatus, Role
from cprecorder.queries import load_conference
from cprecorder.review import review_record
from cprecorder.store import Store
from cprecorder.ui.dialogs.addendum import AddendumDialog
from cprecorder.ui.dialogs.export import ExportDialog
from cprecorder.ui.dialogs.sign_off import SignOffDialog
from cprecorder.ui.shell.identity import IdentityDialog
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.start_view import NewConferenceDialog

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else ""


def alt_keys(root: QWidget, inside: QWidget | None = None) -> dict[str, list[str]]:
    """Every Alt+letter shown in ``root`` (its menu bar, and what is inside ``inside``)."""
    keys: dict[str, list[str]] = defaultdict(list)
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            if action.isVisible() and mnemonic(action.text()):
                keys[mnemonic(action.text())].append(f"menu {action.text()!r}")
    scope = inside or root
    for widget in scope.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        text = ""
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        if mnemonic(text):
            keys[mnemonic(text)].append(f"{type(widget).__name__} {text!r}")
    return keys


def duplicated(root: QWidget, inside: QWidget | None = None) -> dict[str, list[str]]:
    return {k: v for k, v in alt_keys(root, inside).items() if len(v) > 1}


def menu_clashes(menu: QMenu, path: str) -> dict[str, list[str]]:
    """Letters shared by two of ``menu``'s visible items, and the same in its submenus."""
    keys: dict[str, list[str]] = defaultdict(list)
    clashes: dict[str, list[str]] = {}
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        if mnemonic(action.text()):
            keys[mnemonic(action.text())].append(action.text())
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            clashes.update(menu_clashes(submenu, f"{path} > {action.text()}"))
    clashes.update({f"{path}: {k}": v for k, v in keys.items() if len(v) > 1})
    return clashes


def test_mnemonic_reading() -> None:
    assert mnemonic("Revie&w conference on") == "w"
    assert mnemonic("Fish && &Chips") == "c"
    assert mnemonic("No key") == ""


def test_every_pane_with_the_menu_bar_has_each_alt_key_once(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    view = demo_window.view
    assert view is not None
    for key in view.keys:
        go_to(qtbot, demo_window, key)
        qtbot.wait(1)
        pane = view.panes[key]
        assert duplicated(demo_window, pane) == {}, key


def test_every_menu_has_each_letter_once_among_its_items(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    menus = [a for a in demo_window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    assert len(menus) >= 4
    clashes: dict[str, list[str]] = {}
    for action in menus:
        menu = action.menu()
        assert isinstance(menu, QMenu)
        clashes.update(menu_clashes(menu, action.text()))
    assert clashes == {}


def test_the_journey_with_the_menu_bar_has_each_alt_key_once(
    qtbot: QtBot, window: MainWindow, store: Store, demo_id: int
) -> None:
    with store.read() as session:
        window.show_journey(load_conference(session, demo_id).case_id)
    assert window.journey_view is not None
    qtbot.waitExposed(window.journey_view)
    assert duplicated(window, window.journey_view) == {}


@pytest.mark.parametrize("which", ["new", "identity", "export", "sign off", "addendum"])
def test_every_dialog_has_each_alt_key_once(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int, which: str
) -> None:
    view = demo_window.view
    assert view is not None
    with store.read() as session:
        conference = load_conference(session, demo_id)
    dialog: QDialog
    if which == "new":
        dialog = NewConferenceDialog(demo_window, minute_taker="Gemma Stiles")
    elif which == "identity":
        dialog = IdentityDialog(demo_window, demo_window.actor)
    elif which == "export":
        dialog = ExportDialog(demo_window, view)
    elif which == "sign off":
        chair = demo_window.actor.__class__("Ruth Calloway", Role.CHAIR, "rc")
        dialog = SignOffDialog(
            demo_window, chair, conference, review_record(conference), submit=lambda _n: None
        )
    else:
        conference.status = RecordStatus.SIGNED_OFF
        dialog = AddendumDialog(demo_window, demo_window.actor, conference, lambda *_a: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert duplicated(dialog) == {}
    dialog.reject()
