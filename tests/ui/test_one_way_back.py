"""One way back from the store to the screen: the open record's dispatch, patches, actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from by_keyboard import go_to, press, type_here, wait_saved
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import Operation, RecordStatus, Role
from cprecorder.operations import Change
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.recording.open_record import OpenRecord, Stage
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.window_actions import ActionId, WindowState, offered


def words_in(widget: QWidget) -> str:
    """Every label's text and every choice offered, as a person could read them."""
    texts = [label.text() for label in widget.findChildren(QLabel)]
    for combo in widget.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    return "\n".join(texts)


def test_the_screens_hear_of_a_change_in_order_after_the_record(
    qtbot: QtBot, store: Store, actor: Actor, demo_id: int
) -> None:
    record = OpenRecord(store, actor, demo_id)
    heard: list[tuple[str, str]] = []

    def hear(stage: Stage) -> Callable[[Change], None]:
        return lambda _change: heard.append((stage.name, record.conference.observers))

    for stage in (Stage.ACTIONS, Stage.VIEW, Stage.REVIEW):
        record.listen(stage, hear(stage))
    record.recorder.edit("conference", demo_id, "observers", "A student social worker.")
    assert record.recorder.flush()
    assert heard == [
        ("VIEW", "A student social worker."),
        ("REVIEW", "A student social worker."),
        ("ACTIONS", "A student social worker."),
    ]
    record.close()


def test_what_is_typed_is_in_the_record_before_it_is_saved_and_nothing_else_sets_it(
    qtbot: QtBot, store: Store, actor: Actor, demo_id: int
) -> None:
    record = OpenRecord(store, actor, demo_id)
    person = record.conference.people[0]
    record.recorder.edit("person", person.id, "name", "Kerry Marlow")
    assert person.name == "Kerry Marlow"  # the quoracy line and names follow the keys
    assert record.recorder.has_pending()
    record.recorder.edit("person", person.id, "attendance", "no such attendance")
    assert person.attendance.value != "no such attendance"  # left for the save to refuse
    record.recorder.pending.clear()
    record.close()


def test_sign_off_goes_through_the_record_and_locks_every_pane(
    qtbot: QtBot, demo_window: MainWindow, store: Store, chair: Actor
) -> None:
    view = demo_window.view
    assert view is not None
    heard: list[Operation] = []
    view.record.listen(Stage.REVIEW, lambda change: heard.append(change.operation))
    view.record.actor = chair
    outcome = view.record.attempt(
        op.sign_off, conference_id=view.conference_id, chair_name="Ruth Calloway"
    )
    assert isinstance(outcome, Change) and outcome.lifecycle
    assert heard == [Operation.SIGN_OFF]
    assert view.conference.status is RecordStatus.SIGNED_OFF
    assert all(pane.locked for pane in view.panes.values())
    # A second sign-off is refused in words, and nothing is heard.
    again = view.record.attempt(
        op.sign_off, conference_id=view.conference_id, chair_name="Ruth Calloway"
    )
    assert again == "This record is already signed off."
    assert heard == [Operation.SIGN_OFF]


def test_a_rename_is_put_in_place_in_every_pane_without_rebuilding_them(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    view = demo_window.view
    assert view is not None
    for key in view.keys:
        go_to(qtbot, demo_window, key)
    person = next(p for p in view.conference.people if p.name == "Kerry Ashdown")
    showing = {key for key, pane in view.panes.items() if "Kerry Ashdown" in words_in(pane)}
    assert {"danger", "safety_scale", "actions", "plan_network"} <= showing
    bodies = {key: pane.body for key, pane in view.panes.items()}
    family = go_to(qtbot, demo_window, "family")
    family.focus_field(("person", person.id, "name"))
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_here(qtbot, "Kerry Marlow")
    wait_saved(qtbot, demo_window)
    for key in showing - {"family"}:
        pane = go_to(qtbot, demo_window, key)
        assert pane.body is bodies[key], f"{key} was rebuilt"
        words = words_in(pane)
        assert "Kerry Marlow" in words and "Kerry Ashdown" not in words, key


def test_an_addition_rebuilds_only_the_panes_that_show_it(
    qtbot: QtBot, demo_window: MainWindow, store: Store
) -> None:
    view = demo_window.view
    assert view is not None
    for key in view.keys:
        go_to(qtbot, demo_window, key)
    bodies = {key: pane.body for key, pane in view.panes.items()}
    go_to(qtbot, demo_window, "worries")
    worry = view.conference.worries[0]
    assert view.panes["worries"].focus_field(("worry", worry.id, "text"))
    press(qtbot, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Return)  # Enter at the end of a worry adds the next one
    type_here(qtbot, "Nana Margaret is worried about the stairs.")
    wait_saved(qtbot, demo_window)
    rebuilt = {key for key, pane in view.panes.items() if pane.body is not bodies[key]}
    assert rebuilt == {"worries"}
    for key in view.keys:  # the others still read the record as it is now
        assert view.panes[key].conference is view.conference
    with store.read() as session:
        saved = load_conference(session, view.conference_id)
    assert "Nana Margaret is worried about the stairs." in [w.text for w in saved.worries]


def test_which_actions_are_offered_is_one_rule_of_record_person_and_status(
    qtbot: QtBot, demo_window: MainWindow, actor: Actor, chair: Actor
) -> None:
    view = demo_window.view
    assert view is not None
    record = view.conference
    window = WindowState(records_open=True, record_menu=True)

    def offer(person: Actor, read_only: str = "") -> dict[ActionId, tuple[bool, str]]:
        return offered(record, person, window, read_only=read_only)

    assert offer(actor)[ActionId.HAND_OVER][0]
    assert offer(actor)[ActionId.SIGN_OFF] == (False, "&Sign off… (only the chair)")
    assert offer(chair)[ActionId.SIGN_OFF] == (True, "&Sign off…")
    assert not offer(actor, "Someone else has it open.")[ActionId.HAND_OVER][0]
    assert offer(chair)[ActionId.ADDENDUM] == (False, "A&dd an addendum… (after sign-off)")
    nothing_open = offered(None, actor, window)
    assert not any(nothing_open[a][0] for a in (ActionId.SAVE, ActionId.REVIEW, ActionId.SIGN_OFF))
    # The window shows what the rule says.
    demo_window.update_actions()
    for action_id, (enabled, words) in offered(
        record,
        actor,
        WindowState(records_open=True, record_menu=demo_window.record_menu_wired),
    ).items():
        assert demo_window.actions_[action_id].isEnabled() is enabled, action_id
        assert demo_window.actions_[action_id].text() == words, action_id
    assert actor.role is Role.MINUTE_TAKER
