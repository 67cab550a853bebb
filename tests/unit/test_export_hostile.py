"""Hostile text exports without error, and a failed export leaves no file behind."""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path

import docx
import pytest

from cprecorder.export import DocumentKind, ExportError, document_bytes, export_document
from cprecorder.export import word as word_module
from cprecorder.export.characters import CharacterFilter
from cprecorder.model import Conference
from cprecorder.queries import load_conference
from cprecorder.store import Store

FAMILY_EMOJI = "👩\u200d👩\u200d👧\u200d👦"
RIGHT_TO_LEFT = "\u202eevil.exe\u202c"
ILLEGAL = "\x00\x01\x08\x0e\x1f\ufffe\uffff\ud800\udfff"


@pytest.fixture
def conference(store: Store, demo_id: int) -> Conference:
    with store.read() as session:
        return load_conference(session, demo_id)


def read_back(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def test_character_filter_keeps_text_and_reports_what_went(
    caplog: pytest.LogCaptureFixture,
) -> None:
    chars = CharacterFilter()
    assert chars.clean(f"a{ILLEGAL}b\r\nc\x0bd\x0ce\tf") == "ab\nc\nd\ne\tf"
    assert chars.clean(FAMILY_EMOJI + RIGHT_TO_LEFT) == FAMILY_EMOJI + RIGHT_TO_LEFT
    with caplog.at_level(logging.WARNING, logger="cprecorder.export.characters"):
        chars.report("test document")
    assert "Removed 9 character(s)" in caplog.text
    assert "U+0000 ×1" in caplog.text and "U+FFFF ×1" in caplog.text
    assert "ab" not in caplog.text  # counts and code points only, never the text


def test_hostile_text_exports_in_every_document(
    conference: Conference, caplog: pytest.LogCaptureFixture
) -> None:
    nasty = f"Start{ILLEGAL} {FAMILY_EMOJI} {RIGHT_TO_LEFT} end"
    big_paste = ("A long paste from a report. " * 40_000)[:1_000_000]
    conference.family_name = f"Ash{ILLEGAL}down {FAMILY_EMOJI}"
    conference.chair_summary = big_paste
    conference.decision_statement = nasty
    conference.worries[0].text = nasty
    conference.actions[0].what = nasty + big_paste[:200_000]
    conference.plan_items[0].text = nasty
    conference.children[0].first_name = f"Mai{ILLEGAL}sie {RIGHT_TO_LEFT}"
    plan = conference.children[0].childrens_plan
    assert plan is not None
    plan.worries = nasty
    plan.pictures = f"house,{ILLEGAL},{FAMILY_EMOJI}"
    conference.authority = f"Northshire{ILLEGAL}"

    with caplog.at_level(logging.WARNING):
        for kind in DocumentKind:
            text = read_back(document_bytes(conference, kind))
            assert "Start end" not in text
            assert "\x00" not in text and "\ufffe" not in text and "\uffff" not in text
            if kind is not DocumentKind.CHILDREN:
                assert f"Start {FAMILY_EMOJI} {RIGHT_TO_LEFT} end" in text
            assert "Ashdown" in text  # the footer's family name, cleaned
    assert "Removed" in caplog.text
    record = read_back(document_bytes(conference, DocumentKind.RECORD))
    assert big_paste in record


def test_failed_export_leaves_the_old_file_and_no_temporary_files(
    conference: Conference, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    target = out / "record.docx"
    target.write_bytes(b"the previous export")

    def broken_table(self: object, block: object) -> None:
        raise RuntimeError("disk gremlin halfway through the document")

    monkeypatch.setattr(word_module._Writer, "table", broken_table)
    with pytest.raises(RuntimeError, match="gremlin"):
        export_document(conference, DocumentKind.RECORD, target)
    with pytest.raises(RuntimeError, match="gremlin"):
        export_document(conference, DocumentKind.FAMILY, out / "new.docx")
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in out.iterdir()) == ["record.docx"]


def test_failure_while_saving_leaves_no_file(
    conference: Conference, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    out = tmp_path / "exports"
    out.mkdir()
    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(ExportError, match="No space left on device"):
        export_document(conference, DocumentKind.SUMMARY, out / "summary.docx")
    assert list(out.iterdir()) == []


def test_export_into_a_file_that_is_a_folder_is_a_plain_error(
    conference: Conference, tmp_path: Path
) -> None:
    out = tmp_path / "exports"
    folder = out / "taken.docx"
    folder.mkdir(parents=True)
    with pytest.raises(ExportError, match="could not be saved"):
        export_document(conference, DocumentKind.SUMMARY, folder)
    assert [p.name for p in out.iterdir()] == ["taken.docx"]
