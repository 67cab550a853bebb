"""The recovery file: unsaved text survives on disk until it is saved, and is never dropped."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from cprecorder.actor import Actor
from cprecorder.model import Child, Conference
from cprecorder.operations import sign_off, update
from cprecorder.queries import load_conference
from cprecorder.recovery import PendingEdit, RecoveryFileError, RecoveryJournal
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends

HOSTILE = "Mum said \u202eno\u202c.\x00 \U0001f468\u200d\U0001f469\u200d\U0001f467 \uffff \"'\n"


def test_keep_writes_a_private_file_that_a_new_journal_reads(data_dir: Path) -> None:
    journal = RecoveryJournal(data_dir)
    journal.keep(7, "conference", 7, "parents_views", "first")
    journal.keep(7, "worry", 3, "text", HOSTILE)
    path = journal.path_for(7)
    assert path == data_dir / "recovery" / "7.json"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again = RecoveryJournal(data_dir).pending(7)
    assert [(e.entity, e.entity_id, e.field, e.text) for e in again] == [
        ("conference", 7, "parents_views", "first"),
        ("worry", 3, "text", HOSTILE),
    ]
    assert json.loads(path.read_text(encoding="utf-8"))["conference_id"] == 7
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


def test_a_newer_text_replaces_the_older_one(data_dir: Path) -> None:
    journal = RecoveryJournal(data_dir)
    journal.keep(1, "conference", 1, "chair_summary", "draft one")
    journal.keep(1, "conference", 1, "chair_summary", "draft two")
    assert [e.text for e in journal.pending(1)] == ["draft two"]
    assert journal.pending(2) == []
    assert journal.conferences() == [1]


def test_discard_forgets_only_what_was_saved(data_dir: Path) -> None:
    journal = RecoveryJournal(data_dir)
    journal.keep(1, "conference", 1, "chair_summary", "newer")
    # An older save finishing late must not discard the newer text.
    assert journal.discard(1, "conference", 1, "chair_summary", text="older") is False
    assert [e.text for e in journal.pending(1)] == ["newer"]
    assert journal.discard(1, "conference", 1, "chair_summary", text="newer") is True
    assert journal.pending(1) == []
    assert not journal.path_for(1).exists()
    assert journal.discard(1, "conference", 1, "chair_summary") is False


def test_a_damaged_recovery_file_is_set_aside_not_overwritten(data_dir: Path) -> None:
    journal = RecoveryJournal(data_dir)
    journal.keep(4, "conference", 4, "observers", "kept")
    path = journal.path_for(4)
    path.write_text('{"edits": [{"text": "half a fi', encoding="utf-8")
    assert journal.pending(4) == []
    aside = list(path.parent.glob("4.damaged-*.json"))
    assert len(aside) == 1 and "half a fi" in aside[0].read_text(encoding="utf-8")
    journal.keep(4, "conference", 4, "observers", "new")
    assert [e.text for e in journal.pending(4)] == ["new"]


def test_a_recovery_file_that_cannot_be_written_says_so(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "recovery").write_text("a file where the folder should be", encoding="utf-8")
    journal = RecoveryJournal(data_dir)
    with pytest.raises(RecoveryFileError, match="still on screen"):
        journal.keep(1, "conference", 1, "observers", "text")


def test_replay_saves_and_forgets(store: Store, actor: Actor, demo_id: int, data_dir: Path) -> None:
    with store.read() as session:
        record = load_conference(session, demo_id)
        child_id = record.children[0].id
        worry_id = record.worries[0].id
    journal = RecoveryJournal(data_dir)
    journal.keep(demo_id, "conference", demo_id, "chair_summary", HOSTILE)
    journal.keep(demo_id, "child", child_id, "views", "Wants to stay at Nan's.")
    journal.keep(demo_id, "worry", worry_id, "text", "A worry typed while the disk was full.")

    assert journal.replay(store, actor, demo_id) == []

    assert journal.pending(demo_id) == []
    with store.read() as session:
        held = HOSTILE.replace("\x00", "")  # U+0000 is never stored, on any backend
        assert session.get(Conference, demo_id).chair_summary == held  # type: ignore[union-attr]
        assert session.get(Child, child_id).views == "Wants to stay at Nan's."  # type: ignore[union-attr]
        worries = load_conference(session, demo_id).worries
        assert worries[0].text == "A worry typed while the disk was full."


def test_replay_reports_and_keeps_what_a_signed_off_record_refuses(
    store: Store, actor: Actor, chair: Actor, demo_id: int, data_dir: Path
) -> None:
    sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    journal = RecoveryJournal(data_dir)
    journal.keep(demo_id, "conference", demo_id, "chair_summary", "Too late for the record.")
    journal.keep(demo_id, "worry", 999_999, "text", "For an item since removed.")

    problems = journal.replay(store, actor, demo_id)

    assert len(problems) == 2
    assert "signed off" in str(problems[0]) and "kept in" in str(problems[0])
    assert "no longer exists" in str(problems[1])
    assert all(isinstance(p.edit, PendingEdit) for p in problems)
    assert [e.text for e in journal.pending(demo_id)] == [
        "Too late for the record.",
        "For an item since removed.",
    ]


def test_replay_stops_while_the_store_is_unavailable(
    store: Store, actor: Actor, demo_id: int, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cprecorder.errors import StoreUnavailableError

    calls = []

    def unavailable(*_args: object, **_kwargs: object) -> None:
        calls.append(1)
        raise StoreUnavailableError("The disk is full.")

    monkeypatch.setattr("cprecorder.operations.update", unavailable)
    journal = RecoveryJournal(data_dir)
    journal.keep(demo_id, "conference", demo_id, "chair_summary", "one")
    journal.keep(demo_id, "conference", demo_id, "observers", "two")
    problems = journal.replay(store, actor, demo_id)
    assert len(calls) == 1 and len(problems) == 1 and "disk is full" in str(problems[0])
    assert len(journal.pending(demo_id)) == 2
    # Saving works again: the real operation takes both.
    monkeypatch.setattr("cprecorder.operations.update", update)
    assert journal.replay(store, actor, demo_id) == []
    assert journal.pending(demo_id) == []
