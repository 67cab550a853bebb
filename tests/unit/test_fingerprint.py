"""A fingerprint that leaves the machine, and every export in the audit trail.

At sign-off the head of the conference's audit chain is printed on every document
exported from then on (footer, sign-off block, custom properties). A trail rewritten
afterwards, every hash recomputed, verifies on its own but no longer agrees with the
documents already sent: ``audit verify ID --against FILE.docx`` says so.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select, text, update

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.audit import CHAINED_FIELDS, entry_hash, verify_chain
from cprecorder.changes import changes_since_hand_over, exports
from cprecorder.cli import main
from cprecorder.export import (
    ENTRIES_PROPERTY,
    FINGERPRINT_PROPERTY,
    HEAD_PROPERTY,
    DocumentKind,
    document_bytes,
)
from cprecorder.export.word import read_custom_properties
from cprecorder.model import AuditEntry, Conference
from cprecorder.queries import load_conference
from cprecorder.store import Store

pytestmark = pytest.mark.both_backends


@pytest.fixture
def signed_off(store: Store, actor: Actor, chair: Actor, demo_id: int) -> int:
    op.hand_over(store, actor=actor, conference_id=demo_id)
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    return demo_id


def head_at_sign_off(store: Store, conference_id: int) -> tuple[str, int, str]:
    with store.read() as session:
        conference = session.get(Conference, conference_id)
        assert conference is not None
        return (
            conference.signed_off_head_hash,
            conference.signed_off_head_count,
            conference.fingerprint,
        )


def test_sign_off_keeps_the_head_of_the_chain(store: Store, signed_off: int) -> None:
    with store.read() as session:
        trail = session.scalars(
            select(AuditEntry).where(AuditEntry.conference_id == signed_off).order_by(AuditEntry.id)
        ).all()
    head, count, shown = head_at_sign_off(store, signed_off)
    assert (head, count) == (trail[-1].hash, len(trail))
    assert trail[-1].operation == "sign_off"
    assert shown == f"{'-'.join(head[i : i + 4].upper() for i in range(0, 16, 4))}/{count}"


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_every_document_of_a_signed_off_record_carries_the_fingerprint(
    store: Store, signed_off: int, kind: DocumentKind
) -> None:
    head, count, shown = head_at_sign_off(store, signed_off)
    # Later entries (an addendum, exports) do not move the fingerprint.
    op.add_addendum(
        store,
        actor=Actor.current("Ruth"),
        conference_id=signed_off,
        author="R",
        reason="r",
        text="t",
    )
    with store.read() as session:
        data = document_bytes(load_conference(session, signed_off), kind)
    properties = read_custom_properties(data)
    assert properties[HEAD_PROPERTY] == head
    assert properties[ENTRIES_PROPERTY] == str(count)
    assert properties[FINGERPRINT_PROPERTY] == shown
    footer = " ".join(p.text for p in Document(io.BytesIO(data)).sections[0].footer.paragraphs)
    assert f"Audit {shown}" in footer


def test_a_draft_carries_no_fingerprint(store: Store, demo_id: int) -> None:
    with store.read() as session:
        data = document_bytes(load_conference(session, demo_id), DocumentKind.RECORD)
    assert read_custom_properties(data) == {}
    footer = " ".join(p.text for p in Document(io.BytesIO(data)).sections[0].footer.paragraphs)
    assert "Audit" not in footer


def rewrite_history(store: Store, conference_id: int) -> None:
    """What someone who can write the file could do: change an old entry, and recompute
    every hash after it and the head on the record, so the trail verifies again."""
    with store.engine.begin() as conn:
        rows = conn.execute(
            select(AuditEntry)
            .where(AuditEntry.conference_id == conference_id)
            .order_by(AuditEntry.id)
        ).all()
        prev = ""
        for number, row in enumerate(rows):
            values = {field: getattr(row, field) for field in CHAINED_FIELDS}
            if number == 5:
                values["new_value"] = "Rewritten"
            digest = entry_hash(prev, values)
            conn.execute(
                update(AuditEntry)
                .where(AuditEntry.id == row.id)
                .values(new_value=values["new_value"], prev_hash=prev, hash=digest)
            )
            prev = digest
        conn.execute(
            text("UPDATE conferences SET audit_head_hash = :h WHERE id = :id"),
            {"h": prev, "id": conference_id},
        )


def run(capsys: pytest.CaptureFixture[str], store: Store, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", store.url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_verify_against_a_document_sent_out(
    store: Store, signed_off: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sent = tmp_path / "sent to the family.docx"
    code, _, _ = run(capsys, store, "export", str(signed_off), "--as", "family", "-o", str(sent))
    assert code == 0
    code, out, err = run(capsys, store, "audit", "verify", str(signed_off), "--against", str(sent))
    assert (code, err) == (0, "")
    assert "The document matches this record" in out

    rewrite_history(store, signed_off)
    with store.read() as session:
        assert verify_chain(session, signed_off).intact  # the rewrite hides itself here…
    code, out, err = run(capsys, store, "audit", "verify", str(signed_off), "--against", str(sent))
    assert code == 2 and err == ""
    assert "The audit trail is intact" in out  # …but not from the copy already sent
    assert "The document does not match this record" in out and "rewritten" in out


def test_verify_against_what_carries_no_fingerprint(
    store: Store, demo_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.docx"
    assert run(capsys, store, "export", str(demo_id), "--as", "record", "-o", str(draft))[0] == 0
    code, out, err = run(capsys, store, "audit", "verify", str(demo_id), "--against", str(draft))
    assert code == 1 and out == "" and "carries no audit fingerprint" in err
    not_word = tmp_path / "notes.docx"
    not_word.write_bytes(b"plain text")
    code, out, err = run(capsys, store, "audit", "verify", str(demo_id), "--against", str(not_word))
    assert code == 1 and "is not a Word document" in err


EXPORTS = {
    "record": ["export", "{id}", "--as", "record", "-o", "{dir}/record.docx"],
    "family": ["export", "{id}", "--as", "family", "-o", "{dir}/family.docx"],
    "children": ["export", "{id}", "--as", "children", "-o", "{dir}/children.docx"],
    "summary": ["export", "{id}", "--as", "summary", "-o", "{dir}/summary.docx"],
    "calendar": ["calendar", "{id}", "-o", "{dir}/dates.ics"],
    "dump": ["dump", "{id}", "-o", "{dir}/record.json"],
}


def test_every_export_is_in_the_trail(
    store: Store, signed_off: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for document, argv in EXPORTS.items():
        args = [a.format(id=signed_off, dir=tmp_path) for a in argv]
        assert run(capsys, store, *args)[0] == 0, document
    assert run(capsys, store, "dump", str(signed_off))[0] == 0  # to the screen: audited too
    with store.read() as session:
        listed = exports(session, signed_off)
        report = verify_chain(session, signed_off)
        since = changes_since_hand_over(session, load_conference(session, signed_off))
    assert report.intact
    assert [line.raw_field for line in reversed(listed)] == [*EXPORTS, "dump"]
    assert all(line.action == "Exported" and line.who for line in listed)
    assert listed[-1].what == "Conference record (professionals)"
    assert listed[-1].new == str(tmp_path / "record.docx")
    assert listed[0].new == "(standard output)"
    assert listed[1].what == "The whole record as JSON"
    assert not any(line.action == "Exported" for line in since)  # not a change to the record
