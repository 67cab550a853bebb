"""The child's and the parents' involvement, typed and chosen with the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, wait_saved
from cprecorder.agenda import completeness as marks
from cprecorder.model import ParticipationCode
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.panes.involvement import InvolvementPane
from cprecorder.ui.shell.main_window import MainWindow


def widget(qtbot: QtBot, window: MainWindow, key: tuple[str, int, str]) -> QWidget:
    return go_to(qtbot, window, "involvement", InvolvementPane).fields[key].as_widget()


def test_views_participation_and_parents_agreement(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    demo_window.activateWindow()
    qtbot.waitUntil(demo_window.isActiveWindow, timeout=3000)
    with store.read() as session:
        conference = load_conference(session, demo_id)
        leo = conference.children[1].id
        conference_id = conference.id
    pane = go_to(qtbot, demo_window, "involvement", InvolvementPane)
    assert marks.involvement(pane.context.item, conference) == (4, 4)

    views = widget(qtbot, demo_window, ("child", leo, "views"))
    qtbot.mouseClick(views, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(views, "Leo said: Nana's house is fun.")
    qtbot.keyClick(views, Qt.Key.Key_Tab)  # on to how Leo took part
    participation = QApplication.focusWidget()
    assert isinstance(participation, QComboBox)
    assert participation is widget(qtbot, demo_window, ("child", leo, "participation"))
    qtbot.keyClicks(participation, "PN3")  # the national code, typed
    assert participation.currentText() == ParticipationCode.PN3.label

    agree = widget(qtbot, demo_window, ("conference", conference_id, "parents_agree_reports"))
    disagreement = widget(qtbot, demo_window, ("conference", conference_id, "parents_disagreement"))
    assert isinstance(agree, QComboBox)
    agree.setFocus()
    qtbot.keyClicks(agree, "No")
    assert disagreement.isVisible()
    disagreement.setFocus()
    qtbot.keyClick(disagreement, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(disagreement, " Kerry says the school dates are wrong.")
    wait_saved(qtbot, demo_window)

    with store.read() as session:
        conference = load_conference(session, demo_id)
        child = conference.children[1]
        assert child.views == "Leo said: Nana's house is fun."
        assert child.participation is ParticipationCode.PN3
        assert conference.parents_agree_reports is False
        assert conference.parents_disagreement == (
            "Dean does not agree that he pushed Kerry on 3 October. "
            "Kerry says the school dates are wrong."
        )


def test_not_asked_hides_an_empty_disagreement(
    qtbot: QtBot, demo_window: MainWindow, store: Store, demo_id: int
) -> None:
    with store.read() as session:
        conference_id = load_conference(session, demo_id).id
    disagreement = widget(qtbot, demo_window, ("conference", conference_id, "parents_disagreement"))
    disagreement.setFocus()
    qtbot.keyClick(disagreement, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(disagreement, Qt.Key.Key_Delete)
    agree = widget(qtbot, demo_window, ("conference", conference_id, "parents_agree_reports"))
    assert isinstance(agree, QComboBox)
    agree.setFocus()
    qtbot.keyClicks(agree, "Not")
    assert agree.currentText() == "Not asked yet"
    assert not disagreement.isVisible()
    wait_saved(qtbot, demo_window)
    with store.read() as session:
        conference = load_conference(session, demo_id)
        assert conference.parents_agree_reports is None
        assert conference.parents_disagreement == ""
