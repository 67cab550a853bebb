"""File → Export…: the document is built from the record as saved, and lands where asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QTextEdit
from pytestqt.qtbot import QtBot

from by_keyboard import answering, go_to
from cprecorder.changes import exports
from cprecorder.ui.dialogs.export import ExportDialog
from cprecorder.ui.shell.main_window import MainWindow

SENTENCE = "Everyone agreed to meet again before Christmas."
POLICE_NOTE = "Police hold information from a third party"


def document_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def dialog_of(window: MainWindow) -> ExportDialog:
    assert window.view is not None
    dialog = ExportDialog(window, window.view)
    dialog.show()
    return dialog


def test_export_the_familys_version_from_the_menu(
    qtbot: QtBot,
    demo_window: MainWindow,
    demo_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = demo_window.view
    assert view is not None
    go_to(qtbot, demo_window, "summary")
    summary = view.panes["summary"].fields[("conference", demo_id, "chair_summary")].as_widget()
    assert isinstance(summary, QTextEdit)
    qtbot.waitUntil(summary.isVisible, timeout=2000)
    summary.setFocus()
    summary.moveCursor(summary.textCursor().MoveOperation.End)
    qtbot.keyClicks(summary, " " + SENTENCE)  # not saved yet: the export must save it first
    assert view.recorder.has_pending()

    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    target = tmp_path / "out" / "family.docx"
    target.parent.mkdir()
    seen: dict[str, Any] = {}

    def use(dialog: ExportDialog) -> None:
        assert dialog.focusWidget() is dialog.kind  # the dialog opens at the choice
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # the family's version
        assert "without any professionals-only" in dialog.purpose.text()
        assert dialog.path.text().endswith("conference record (family) DRAFT.docx")
        dialog.path.setFocus()
        dialog.path.selectAll()
        qtbot.keyClicks(dialog.path, str(target))
        qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # Export is the default button
        seen["note"] = dialog.saved_note.text()
        seen["problem"] = dialog.problem.text()
        qtbot.mouseClick(dialog.open_folder, Qt.MouseButton.LeftButton)
        seen["copy"] = dialog.copy_text.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # done: the dialog closes

    with answering(ExportDialog, use):
        qtbot.keyClick(summary, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)

    assert seen["problem"] == ""
    assert "family.docx" in seen["note"] and str(target.parent) in seen["note"]
    assert seen["copy"] is False  # only the plan summary is offered as email text
    assert opened == [QUrl.fromLocalFile(str(target.parent))]
    assert target.is_file()
    text = document_text(target)
    assert SENTENCE in text  # saved first, then read fresh from the store
    assert POLICE_NOTE not in text
    with demo_window.store.read() as session:  # and the export is in the audit trail
        [line] = exports(session, demo_id)
    assert (line.raw_field, line.new, line.who) == ("family", str(target), view.recorder.actor.name)


def test_the_plan_summary_is_copied_as_text_for_an_email(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    dialog = dialog_of(demo_window)
    qtbot.addWidget(dialog)
    dialog.kind.setFocus()
    qtbot.keyClicks(dialog.kind, "P")  # Plan summary
    assert dialog.selected_kind().value == "summary"
    dialog.path.setText(str(tmp_path / "summary.docx"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "summary.docx").is_file()
    assert dialog.copy_text.isVisible()
    qtbot.mouseClick(dialog.copy_text, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert "Ashdown" in copied and "Maisie" in copied
    assert POLICE_NOTE not in copied
    assert "paste it into your email" in dialog.saved_note.text()


def test_one_childs_plan(qtbot: QtBot, demo_window: MainWindow, tmp_path: Path) -> None:
    dialog = dialog_of(demo_window)
    qtbot.addWidget(dialog)
    dialog.kind.setFocus()
    qtbot.keyClicks(dialog.kind, "Ch")
    assert dialog.selected_kind().value == "children" and dialog.child.isVisible()
    dialog.child.setFocus()
    qtbot.keyClicks(dialog.child, "Leo")
    assert dialog.path.text().endswith("Leo's plan.docx")
    dialog.path.setText(str(tmp_path))  # a folder: the suggested name goes in it
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = dialog.exported
    assert written is not None and written.parent == tmp_path and written.is_file()
    text = document_text(written)
    assert "Leo" in text and "Maisie's plan" not in text


def test_a_place_that_cannot_be_written_is_a_plain_sentence(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder.txt"
    blocker.write_text("a file where a folder should be")
    dialog = dialog_of(demo_window)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(blocker / "record.docx"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.exported is None and dialog.saved_note.isHidden()
    assert dialog.problem.isVisible()
    assert dialog.problem.text().startswith(str(blocker / "record.docx"))
    assert "could not be written" in dialog.problem.text()
    assert "Traceback" not in dialog.problem.text()

    dialog.path.clear()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "Choose where to save the document first."


def test_the_database_itself_is_never_an_export(
    qtbot: QtBot, demo_window: MainWindow, data_dir: Path
) -> None:
    database = demo_window.store.path
    assert database is not None
    before = database.read_bytes()[:100]
    dialog = dialog_of(demo_window)
    qtbot.addWidget(dialog)
    dialog.path.setFocus()
    (database.parent / "backups").mkdir(exist_ok=True)
    for target in (database.parent / "backups" / "x.docx", database.with_suffix(".docx")):
        dialog.path.selectAll()
        qtbot.keyClicks(dialog.path, str(target))
        qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
        assert dialog.exported is None and "data folder" in dialog.problem.text()
        assert not target.exists()
    assert database.read_bytes()[:100] == before


def test_reading_ease_is_shown_before_exporting_for_the_family(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    from cprecorder.export import DocumentKind
    from cprecorder.ui.dialogs.export import ExportDialog

    assert demo_window.view is not None
    dialog = ExportDialog(demo_window, demo_window.view)
    qtbot.addWidget(dialog)
    dialog.set_kind(DocumentKind.FAMILY)
    assert dialog.reading.text().startswith("Reading age about")
    dialog.set_kind(DocumentKind.CHILDREN)
    assert "reading age of 7 to 9" in dialog.reading.text()
    dialog.set_kind(DocumentKind.RECORD)
    assert not dialog.reading.isVisibleTo(dialog)
