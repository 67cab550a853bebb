"""The window on the team server: the role is the login's, a data officer's window changes
nothing, and the audit view names the login that made each change."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from by_keyboard import go_to, open_window
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.demo import add_demo_conference
from cprecorder.model import AuditEntry, Role
from cprecorder.queries import load_conference
from cprecorder.ui.review.audit_trail import AuditDialog
from cprecorder.ui.shell.window_actions import ActionId
from team_logins import as_login, person
from throwaway_server import ThrowawayServer


def a_conference(pg_server: ThrowawayServer, team_db: str) -> int:
    writer = as_login(pg_server, team_db, "gemma_stiles")
    conference_id = add_demo_conference(writer, person("gemma_stiles"))
    op.update(
        writer,
        actor=Actor(name="Gemma Stiles", role=Role.MINUTE_TAKER, os_user="laptop-user"),
        entity="conference",
        entity_id=conference_id,
        values={"chair_summary": "Typed by the minute-taker."},
    )
    writer.close()
    return conference_id


def test_a_data_officers_window_reads_and_changes_nothing(
    qtbot: QtBot, pg_server: ThrowawayServer, team_db: str, tmp_path: Path
) -> None:
    conference_id = a_conference(pg_server, team_db)
    store = as_login(pg_server, team_db, "dana_okafor")
    said = Actor(name="Dana Okafor", role=Role.CHAIR, os_user="dana")  # not what the login is
    window = open_window(qtbot, store, said, tmp_path / "officer.ini")
    assert window.actor.role is Role.OTHER
    assert not window.actions_[ActionId.NEW_CONFERENCE].isEnabled()
    assert window.open_conference(conference_id)
    view = window.view
    assert view is not None
    sentence = "You are signed in to the team server as dana_okafor, a data officer's login"
    assert view.recorder.read_only.startswith(sentence)
    assert not window.actions_[ActionId.SIGN_OFF].isEnabled()
    assert window.actions_[ActionId.EXPORT].isEnabled()
    go_to(qtbot, window, "summary")
    pane = view.panes["summary"]
    assert pane.lock_label.isVisibleTo(window) and sentence in pane.lock_label.text()
    field = pane.fields[("conference", conference_id, "chair_summary")].as_widget()
    assert isinstance(field, QTextEdit)
    with store.read() as session:
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
    field.setFocus()
    qtbot.keyClicks(field, " Changed by the data officer")
    view.recorder.flush()
    with store.read() as session:
        assert load_conference(session, conference_id).chair_summary == (
            "Typed by the minute-taker."
        )
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == entries
    window.close()
    store.close()


def test_the_chairs_login_makes_a_chair_and_the_trail_names_each_login(
    qtbot: QtBot, pg_server: ThrowawayServer, team_db: str, tmp_path: Path
) -> None:
    conference_id = a_conference(pg_server, team_db)
    store = as_login(pg_server, team_db, "ruth_calloway")
    said = Actor(name="Ruth Calloway", role=Role.MINUTE_TAKER, os_user="ruth")
    window = open_window(qtbot, store, said, tmp_path / "chair.ini")
    assert window.actor.role is Role.CHAIR
    assert window.open_conference(conference_id)
    assert window.view is not None and window.view.recorder.read_only == ""
    assert window.actions_[ActionId.SIGN_OFF].isEnabled()
    window.actions_[ActionId.AUDIT].trigger()
    dialog = next(d for d in window.findChildren(AuditDialog) if d.isVisible())
    model = dialog.trail_model
    row = next(n for n, line in enumerate(model.lines) if line.raw_field == "chair_summary")
    who = model.index(row, 2)
    assert who.data() == "Gemma Stiles (Minute-taker), login gemma_stiles"
    assert who.data(Qt.ItemDataRole.ToolTipRole) == (
        "Signed in to the team server as gemma_stiles and to the computer as laptop-user"
    )
    assert "team-server login" in dialog.about.text()
    dialog.close()
    window.close()
    store.close()
