"""File → Export…: choose the document (and the child), where to save it, and export.

The document is always built from the record as saved: everything typed is
saved first, then the whole conference is read fresh from the store. Nothing
is ever read from the widgets on screen.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import KnownError
from ...export import DocumentKind, document_bytes, plan_summary_text, suggested_filename
from ...model import Conference
from ...queries import load_conference
from ..widgets.labels import SectionTitle
from .form import choose_where_to_save

if TYPE_CHECKING:
    from ..recording.conference_view import ConferenceView

log = logging.getLogger(__name__)

#: Who each document is for, in a sentence under the choice.
PURPOSES = {
    DocumentKind.RECORD: "Everything, with the professionals-only section marked "
    "confidential. For the file; never for the family.",
    DocumentKind.FAMILY: "The record without any professionals-only information. For the family.",
    DocumentKind.CHILDREN: "The plan in words and pictures, written to the child. "
    "Large friendly type.",
    DocumentKind.SUMMARY: "The short letter everyone receives soon after the conference: "
    "the outcome, the plan, the dates, what happens next.",
}


class ExportDialog(QDialog):
    """Exports one document of the open conference to a Word file."""

    #: The folder used last in this session, offered first next time.
    last_folder: Path | None = None

    def __init__(self, parent: QWidget | None, view: ConferenceView) -> None:
        super().__init__(parent)
        self.view = view
        self.setWindowTitle("Export")
        self.setObjectName("exportDialog")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self.exported: Path | None = None
        self.conference = self._fresh_conference()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        title = SectionTitle(f"Export the {self.conference.family_name} family's conference")
        title.setObjectName("sectionTitle")
        title.setWordWrap(True)
        layout.addWidget(title)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Document")
        for kind in DocumentKind:
            self.kind.addItem(kind.label, kind.value)
        self.purpose = QLabel()
        self.purpose.setObjectName("sectionHint")
        self.purpose.setWordWrap(True)
        kind_label = QLabel("&Document")
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, self.kind)
        form.addRow("", self.purpose)

        self.child = QComboBox()
        self.child.setAccessibleName("Child")
        self.child.addItem("All the children (one document, each from a new page)", None)
        for child in self.conference.children:
            if not child.unborn:  # an unborn child has no children's plan
                self.child.addItem(child.name, child.id)
        child_label = QLabel("C&hild")
        child_label.setBuddy(self.child)
        form.addRow(child_label, self.child)
        self.reading = QLabel()
        self.reading.setObjectName("sectionHint")
        self.reading.setAccessibleName("How easy it is to read")
        self.reading.setWordWrap(True)
        form.addRow("Reading ease", self.reading)
        # Before it is sent: jargon replaced or explained, children left out, plans
        # nobody has written for the child yet.
        self.notes = QLabel()
        self.notes.setObjectName("sectionHint")
        self.notes.setAccessibleName("Before you send it")
        self.notes.setWordWrap(True)
        form.addRow("Before you send it", self.notes)
        self.form = form

        self.path = QLineEdit()
        self.path.setAccessibleName("Save to")
        self.path.setObjectName("exportPath")
        choose = QPushButton("&Browse…")
        choose.setAccessibleName("Choose where to save")
        choose.clicked.connect(self.choose_path)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(choose)
        path_label = QLabel("&Save to")
        path_label.setBuddy(self.path)
        form.addRow(path_label, where)
        layout.addLayout(form)

        self.problem = QLabel()
        self.problem.setObjectName("flag")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)

        self.saved_note = QLabel()
        self.saved_note.setObjectName("exportResult")
        self.saved_note.setWordWrap(True)
        self.saved_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved_note.hide()
        layout.addWidget(self.saved_note)
        after = QHBoxLayout()
        self.open_folder = QPushButton("&Open folder")
        self.open_folder.setAccessibleName("Open the folder")
        self.open_folder.clicked.connect(self.show_folder)
        self.open_folder.hide()
        self.copy_text = QPushButton("&Copy as text for an email")
        self.copy_text.setAccessibleName("Copy as text for an email")
        self.copy_text.clicked.connect(self.copy_summary)
        self.copy_text.hide()
        after.addWidget(self.open_folder)
        after.addWidget(self.copy_text)
        after.addStretch(1)
        layout.addLayout(after)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close")
        self.close_button.clicked.connect(self.reject)
        self.export_button = QPushButton("&Export")
        self.export_button.setAccessibleName("Export")
        self.export_button.setObjectName("primary")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)

        self.kind.currentIndexChanged.connect(self._choice_changed)
        self.child.currentIndexChanged.connect(self._choice_changed)
        self._choice_changed()
        self.kind.setFocus()

    # -- choices ---------------------------------------------------------------
    def selected_kind(self) -> DocumentKind:
        return DocumentKind(self.kind.currentData())

    def selected_child_id(self) -> int | None:
        if self.selected_kind() is not DocumentKind.CHILDREN:
            return None
        data = self.child.currentData()
        return int(data) if data is not None else None

    def set_kind(self, kind: DocumentKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def _choice_changed(self) -> None:
        kind = self.selected_kind()
        # A new choice is a new export: the last one's result no longer applies.
        self.exported = None
        self.saved_note.hide()
        self.open_folder.hide()
        self.close_button.setText("Close")
        self.purpose.setText(PURPOSES[kind])
        self.form.setRowVisible(self.child, kind is DocumentKind.CHILDREN)
        self.child.setEnabled(bool(self.conference.children))
        self.copy_text.setVisible(kind is DocumentKind.SUMMARY and self.exported is not None)
        folder = self._folder()
        self.path.setText(str(folder / self._suggested_name()))
        self._show_reading_ease(kind)

    def _show_reading_ease(self, kind: DocumentKind) -> None:
        """Before a family or child reads it: how easy are the words, and what to check."""
        shown = kind is not DocumentKind.RECORD
        self.form.setRowVisible(self.reading, shown)
        self.form.setRowVisible(self.notes, shown)
        if not shown:
            return
        # Only here: the reading-ease counter (textstat) takes seconds to import on a busy
        # machine, and the dialog opens on the professionals' record, which needs none of
        # it. Keys typed while a dialog is still opening are lost to the window behind it.
        from ...errors import KnownError
        from ...export.documents import export_notes, worded_document
        from ...export.plaintext import write_text
        from ...language.readability import CHILDRENS_PLAN_READING_AGES, reading_ease
        from ...rules.authority import DEFAULT_FAMILY_READING_AGE, load_authority_settings

        child_id = self.selected_child_id()
        try:
            content, wording = worded_document(
                self.conference, kind, child_id=child_id, looking_back=self.looking_back
            )
            notes = [*export_notes(self.conference, kind, child_id=child_id), wording.sentence]
            family_age = load_authority_settings().family.reading_age
        except KnownError as exc:
            self.reading.setText("")
            self.notes.setText(str(exc))
            return
        ease = reading_ease(write_text(content, marking=""))
        if kind is DocumentKind.CHILDREN:
            low, high = CHILDRENS_PLAN_READING_AGES
            aim = f" The children's plan aims at a reading age of {low} to {high}."
        else:
            age = family_age or DEFAULT_FAMILY_READING_AGE
            aim = f" What the family reads aims at a reading age of {age} or under."
        self.reading.setText(f"{ease.sentence} Flesch reading ease {ease.flesch:.0f}.{aim}")
        self.notes.setText("\n".join(notes))

    def _suggested_name(self) -> str:
        child_id = self.selected_child_id()
        child = next((c for c in self.conference.children if c.id == child_id), None)
        return suggested_filename(self.conference, self.selected_kind(), child)

    def _folder(self) -> Path:
        typed = self.path.text().strip()
        if typed:
            return Path(typed).expanduser().parent
        if ExportDialog.last_folder is not None:
            return ExportDialog.last_folder
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents) if documents else Path.home()

    def choose_path(self) -> None:
        def chosen(path: str) -> None:
            if path:
                self.path.setText(path)

        choose_where_to_save(
            self, "Save the document as", self.path.text(), "Word document (*.docx)", chosen
        )

    # -- exporting -------------------------------------------------------------
    def _fresh_conference(self) -> Conference:
        """Everything typed is saved, then the record is read again from the store,
        with the meetings of its case (for what has changed since the last one)."""
        from ...journey import looking_back

        self.view.recorder.flush()
        with self.view.store.read() as session:
            conference = load_conference(session, self.view.conference_id)
            self.looking_back = looking_back(session, conference.id)
            return conference

    def target_path(self) -> Path | None:
        typed = self.path.text().strip()
        if not typed:
            return None
        target = Path(typed).expanduser()
        if target.is_dir():
            target = target / self._suggested_name()
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        return target

    def export(self) -> bool:
        self.problem.hide()
        target = self.target_path()
        if target is None:
            return self._fail("Choose where to save the document first.")
        if not self.view.recorder.flush():
            return self._fail(
                "Some changes are not saved yet, so the document would miss them. "
                "Try again in a moment."
            )
        try:
            from ...operations.export import deliver, protected_for

            self.conference = self._fresh_conference()
            kind = self.selected_kind()
            delivered = deliver(
                self.view.store,
                actor=self.view.recorder.actor,
                conference_id=self.view.conference_id,
                document=kind.value,
                data=document_bytes(
                    self.conference,
                    kind,
                    child_id=self.selected_child_id(),
                    looking_back=self.looking_back,
                ),
                path=target,
                protected=protected_for(self.view.store),
                force=True,  # the Save dialog has asked before replacing a file
            )
            assert delivered.path is not None
            written = delivered.path
        except KnownError as exc:
            return self._fail(str(exc))
        except Exception as exc:  # a bug: logged with its traceback, said plainly
            log.exception("export of %s to %s failed", self.selected_kind(), target)
            return self._fail(
                f"The document could not be written ({type(exc).__name__}). "
                "Nothing was saved; the details are in the log file."
            )
        self.exported = written
        ExportDialog.last_folder = written.parent
        self.saved_note.setText(
            f"Saved {written.name}\nin {written.parent}"
            + (f"\n\n{delivered.warning}" if delivered.warning else "")
        )
        self.saved_note.setAccessibleName(f"Saved to {written}")
        self.saved_note.show()
        self.open_folder.show()
        self.copy_text.setVisible(self.selected_kind() is DocumentKind.SUMMARY)
        self.close_button.setText("Done")
        return True

    def _fail(self, sentence: str) -> bool:
        self.problem.setText(sentence)
        self.problem.show()
        return False

    def show_folder(self) -> None:
        if self.exported is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported.parent)))

    def copy_summary(self) -> None:
        """The plan summary as plain text, for the email the family receives."""
        clipboard = QApplication.clipboard()
        clipboard.setText(plan_summary_text(self.conference))
        self.saved_note.setText(
            self.saved_note.text().split("\n\nCopied")[0]
            + "\n\nCopied the plan summary as text: paste it into your email."
        )
