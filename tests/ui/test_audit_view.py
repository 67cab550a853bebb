"""The audit trail view: readable entries, changes since hand-over, and Verify."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

import by_keyboard
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.changes import ReadableEntry
from cprecorder.model import AuditEntry
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.review.audit_trail import HIDDEN, AuditDialog, AuditTableModel
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.window_actions import ActionId


@pytest.fixture
def chair_window(
    qtbot: QtBot, store: Store, chair: Actor, demo_id: int, tmp_path: Path
) -> Iterator[MainWindow]:
    window = by_keyboard.open_window(qtbot, store, chair, tmp_path / "audit.ini")
    yield window
    window.close()


def open_audit(qtbot: QtBot, window: MainWindow) -> AuditDialog:
    action = window.actions_[ActionId.AUDIT]
    assert action.isEnabled()
    action.trigger()
    dialog = next(d for d in window.findChildren(AuditDialog) if d.isVisible())
    qtbot.waitExposed(dialog)
    return dialog


def cells(model: AuditTableModel, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_verify_says_the_trail_is_intact_then_finds_a_changed_row(
    qtbot: QtBot, chair_window: MainWindow, store: Store, demo_id: int
) -> None:
    chair_window.open_conference(demo_id)
    dialog = open_audit(qtbot, chair_window)
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert dialog.verdict.text().startswith("The audit trail is intact:")
    assert dialog.verdict.property("kind") == "good"

    with store.read() as session:
        ids = session.scalars(
            select(AuditEntry.id).where(AuditEntry.conference_id == demo_id).order_by(AuditEntry.id)
        ).all()
    tampered = ids[len(ids) // 2]
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE audit_entries SET new_value = 'Someone else' WHERE id = :id"),
            {"id": tampered},
        )
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    verdict = dialog.verdict.text()
    assert verdict.startswith(f"The audit trail is broken at entry {tampered}:")
    assert "changed after it was written" in verdict
    assert dialog.verdict.property("kind") == "bad"
    # The broken entry is shown, selected, with what it now says.
    assert dialog.tabs.currentWidget() is dialog.trail_table
    row = dialog.trail_table.currentIndex().row()
    shown = cells(dialog.trail_model, row)
    assert shown[0] == str(tampered)
    assert dialog.trail_model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_a_removed_row_breaks_the_chain_where_it_was(
    qtbot: QtBot, chair_window: MainWindow, store: Store, demo_id: int
) -> None:
    chair_window.open_conference(demo_id)
    dialog = open_audit(qtbot, chair_window)
    with store.read() as session:
        ids = session.scalars(
            select(AuditEntry.id).where(AuditEntry.conference_id == demo_id).order_by(AuditEntry.id)
        ).all()
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_entries WHERE id = :id"), {"id": ids[5]})
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert f"broken at entry {ids[6]}" in dialog.verdict.text()
    assert "removed or reordered" in dialog.verdict.text()


def test_changes_since_hand_over_are_listed_in_words(
    qtbot: QtBot,
    chair_window: MainWindow,
    store: Store,
    demo_id: int,
    actor: Actor,
    chair: Actor,
) -> None:
    with store.read() as session:
        conference = load_conference(session, demo_id)
    action = next(a for a in conference.actions if a.owner_id is None)
    tom = next(p.id for p in conference.people if p.name == "Tom Reyes")
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.update(store, actor=chair, entity="action", entity_id=action.id, values={"owner_id": tom})
    op.update(
        store,
        actor=chair,
        entity="conference",
        entity_id=demo_id,
        values={"review_conference_on": dt.date(2027, 2, 10)},
    )
    chair_window.open_conference(demo_id)
    dialog = open_audit(qtbot, chair_window)
    assert dialog.tabs.currentIndex() == 0
    model = dialog.changes_model
    assert model.rowCount() == 2
    first, second = cells(model, 0), cells(model, 1)
    assert first[2:] == [
        "Ruth Calloway (Chair)",
        "Changed",
        "Action “Book a health review for Leo.”",
        "Who does it",
        "—",
        "Tom Reyes",
    ]
    assert second[5:] == ["Review conference date", "16 February 2027", "10 February 2027"]
    assert "Handed over by Gemma Stiles" in dialog.changes_note.text()
    assert "2 changes since" in dialog.changes_note.text()


def test_on_a_shared_screen_professionals_only_words_are_hidden(
    qtbot: QtBot, chair_window: MainWindow, demo_id: int
) -> None:
    chair_window.open_conference(demo_id)
    chair_window.set_presentation(True)
    dialog = open_audit(qtbot, chair_window)
    model = dialog.trail_model
    rows = [r for r in range(model.rowCount()) if model.lines[r].what == "Professionals-only note"]
    assert rows
    for row in rows:
        assert cells(model, row)[7] == HIDDEN
        assert "third party" not in str(model.index(row, 7).data(Qt.ItemDataRole.ToolTipRole))
    chair_window.set_presentation(False)


def test_the_audit_model_is_a_sound_table_model(qtmodeltester: object) -> None:
    model = AuditTableModel()
    at = dt.datetime(2026, 11, 25, 10, 0)
    model.set_lines(
        [
            ReadableEntry(
                1,
                at,
                "Ruth Calloway",
                "Chair",
                "rc",
                "Changed",
                "The conference",
                "Chair's summary",
                "Old words " * 20,
                "New words",
            ),
            ReadableEntry(
                2,
                at,
                "Gemma Stiles",
                "Minute-taker",
                "gs",
                "Added",
                "Action “Ring Nana”",
                "",
                "—",
                "Ring Nana",
            ),
        ]
    )
    model.mark_broken(2)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.index(0, 6).data().endswith("…")
    assert model.index(0, 6).data(Qt.ItemDataRole.ToolTipRole) == "Old words " * 20


def test_the_exports_tab_lists_who_exported_what_and_where(
    qtbot: QtBot,
    chair_window: MainWindow,
    store: Store,
    chair: Actor,
    demo_id: int,
    tmp_path: Path,
) -> None:
    from cprecorder.export import document_bytes
    from cprecorder.files import ProtectedAreas
    from cprecorder.operations.export import deliver

    with store.read() as session:
        data = document_bytes(load_conference(session, demo_id), "summary")
    target = tmp_path / "Ashdown plan summary.docx"
    deliver(
        store,
        actor=chair,
        conference_id=demo_id,
        document="summary",
        data=data,
        path=target,
        protected=ProtectedAreas(),
    )
    chair_window.open_conference(demo_id)
    dialog = open_audit(qtbot, chair_window)
    bar = dialog.tabs.tabBar()
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_Right)
    qtbot.keyClick(bar, Qt.Key.Key_Right)
    assert dialog.tabs.currentWidget() is dialog.exports_table
    assert dialog.exports_model.rowCount() == 1
    row = cells(dialog.exports_model, 0)
    assert row[2].startswith(chair.name) and row[3] == "Exported"
    assert row[4] == "Plan summary" and dialog.exports_model.lines[0].new == str(target)
