"""The audit trail of one conference, readable, with a Verify button.

Three tabs: what changed since the minute-taker handed over (what the chair
checks), the whole trail, and every document exported (who, which, when, to which
file). **Verify** reads the trail again and checks its
hash chain, then says plainly whether it is intact or where it breaks, and
shows that entry.

On a shared screen, the values of professionals-only notes (and worries marked
confidential) are hidden here too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...audit import ChainReport, verify_chain
from ...changes import (
    ReadableEntry,
    changes_since_hand_over,
    exports,
    hand_over_entry,
    readable_trail,
    shorten,
    when_text,
)
from ...queries import load_conference
from ...store import Store
from ..widgets.labels import DialogTitle

ModelIndex = QModelIndex | QPersistentModelIndex

HIDDEN = "(hidden on a shared screen)"
BROKEN = QColor("#f9dedc")


class AuditTableModel(QAbstractTableModel):
    """Audit lines as a table: entry, when, who, what, field, before, after."""

    COLUMNS = ("No.", "When", "Who", "Change", "Part of the record", "Field", "Before", "After")
    #: How much of a value a cell shows; the tooltip has all of it.
    SHORT = 60

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[ReadableEntry] = []
        #: On a shared screen: the words of lines the family may not see are hidden.
        self.presentation = False
        self.broken_entry: int | None = None

    def set_lines(self, lines: list[ReadableEntry], *, presentation: bool = False) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.presentation = presentation
        self.endResetModel()

    def mark_broken(self, entry_id: int | None) -> int | None:
        """Highlight the entry where the chain breaks; its row, if it is listed."""
        self.broken_entry = entry_id
        if self.lines:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.lines) - 1, len(self.COLUMNS) - 1)
            )
        for row, line in enumerate(self.lines):
            if line.entry_id == entry_id:
                return row
        return None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]
        return None

    def _value(self, line: ReadableEntry, text: str) -> str:
        return HIDDEN if self.presentation and not line.for_the_family else text

    def full_text(self, line: ReadableEntry, column: int) -> str:
        if column == 0:
            return str(line.entry_id)
        if column == 1:
            return when_text(line.at)
        if column == 2:
            return line.who_with_role
        if column == 3:
            return line.action
        if column == 4:
            return line.what
        if column == 5:
            return line.field
        if column == 6:
            return self._value(line, line.old)
        return self._value(line, line.new)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.full_text(line, column)
            return shorten(text, self.SHORT) if column >= 4 else text
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.full_text(line, column)
            if column >= 4 and len(text) > self.SHORT:
                return text
            if column == 2 and (line.login or line.os_user):
                return signed_in(line)
            if column == 1 and line.edits > 1 and line.first_at is not None:
                return f"{line.edits} saves from {when_text(line.first_at)}"
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.COLUMNS[column]}: {self.full_text(line, column)}"
        if role == Qt.ItemDataRole.BackgroundRole and line.entry_id == self.broken_entry:
            return QBrush(BROKEN)
        if role == Qt.ItemDataRole.ForegroundRole and line.entry_id == self.broken_entry:
            return QBrush(QColor("#1d2733"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def signed_in(line: ReadableEntry) -> str:
    """Where the person was signed in: the team server's login, the computer's account."""
    places = [f"to the team server as {line.login}"] if line.login else []
    if line.os_user:
        places.append(f"to the computer as {line.os_user}")
    return "Signed in " + " and ".join(places)


def audit_table(model: AuditTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    return table


class AuditDialog(QDialog):
    """The conference's trail and the changes since hand-over, with Verify."""

    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        conference_id: int,
        *,
        presentation: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle("Audit trail")
        self.resize(1280, 680)
        self.store = store
        self.conference_id = conference_id
        self.presentation = presentation
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        self.title = DialogTitle("Audit trail")
        self.title.setObjectName("dialogTitle")
        layout.addWidget(self.title)
        self.about = QLabel()
        self.about.setObjectName("sectionHint")
        self.about.setWordWrap(True)
        layout.addWidget(self.about)

        self.tabs = QTabWidget()
        self.changes_model = AuditTableModel(self)
        self.trail_model = AuditTableModel(self)
        changes_page = QWidget()
        changes_layout = QVBoxLayout(changes_page)
        changes_layout.setContentsMargins(0, 8, 0, 0)
        self.changes_note = QLabel()
        self.changes_note.setObjectName("sectionHint")
        self.changes_note.setWordWrap(True)
        changes_layout.addWidget(self.changes_note)
        self.changes_table = audit_table(self.changes_model, "changesTable")
        self.changes_table.setAccessibleName("Changes since the meeting")
        changes_layout.addWidget(self.changes_table)
        self.trail_table = audit_table(self.trail_model, "trailTable")
        self.trail_table.setAccessibleName("Whole audit trail")
        self.exports_model = AuditTableModel(self)
        self.exports_table = audit_table(self.exports_model, "exportsTable")
        self.exports_table.setAccessibleName("Documents exported")
        self.tabs.addTab(changes_page, "&Changes since the meeting")
        self.tabs.addTab(self.trail_table, "&Whole audit trail")
        self.tabs.addTab(self.exports_table, "&Exports")
        layout.addWidget(self.tabs, 1)

        bottom = QHBoxLayout()
        self.verdict = QLabel(
            "Verify checks that no entry was changed, removed or reordered after it was written."
        )
        self.verdict.setObjectName("status")
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName("Result of the check")
        bottom.addWidget(self.verdict, 1)
        self.verify_button = QPushButton("&Verify")
        self.verify_button.setObjectName("primary")
        self.verify_button.setAccessibleName("Verify the audit trail")
        self.verify_button.setDefault(True)
        self.verify_button.clicked.connect(self.verify)
        close = QPushButton("Close")
        close.setAccessibleName("Close the audit trail")
        close.clicked.connect(self.close)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.load()

    def load(self) -> None:
        """Read the trail again from the store."""
        with self.store.read() as session:
            conference = load_conference(session, self.conference_id)
            trail = readable_trail(session, conference)
            changes = changes_since_hand_over(session, conference)
            handed = hand_over_entry(session, self.conference_id)
            exported = exports(session, self.conference_id)
        self.trail_model.set_lines(trail, presentation=self.presentation)
        self.changes_model.set_lines(changes, presentation=self.presentation)
        self.exports_model.set_lines(exported, presentation=self.presentation)
        self.title.setText(f"Audit trail — {conference.family_name} family")
        login = "" if self.store.is_sqlite else " (and the team-server login that made it)"
        self.about.setText(
            f"Every change to this record: when (on this computer's clock), who and in what "
            f"role{login}, and what it was before and after. {len(trail)} entries."
        )
        if handed is None:
            self.changes_note.setText(
                "The record has not been handed over to the chair yet, so there is nothing "
                "to compare with. The whole trail is on the next tab."
            )
        else:
            count = len(changes)
            self.changes_note.setText(
                f"Handed over by {handed.actor or 'the minute-taker'} on {when_text(handed.at)}. "
                + (
                    f"{count} {'change' if count == 1 else 'changes'} since, field by field "
                    "(a run of typing in one field is one change)."
                    if count
                    else "Nothing has changed since."
                )
            )
        for table in (self.trail_table, self.changes_table, self.exports_table):
            header = table.horizontalHeader()
            # Before and after share what is left; the rest fit their words, up to a limit.
            for column in range(6):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            for column in (6, 7):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            unit = table.fontMetrics().averageCharWidth()
            for column, most in ((2, 26), (3, 12), (4, 34), (5, 22)):
                table.resizeColumnToContents(column)
                table.setColumnWidth(column, min(table.columnWidth(column), most * unit))
            table.resizeColumnToContents(0)
            table.resizeColumnToContents(1)

    def verify(self) -> ChainReport:
        """Check the chain and say what was found, pointing at a broken entry."""
        self.load()
        with self.store.read() as session:
            report = verify_chain(session, self.conference_id)
        self.verdict.setText(report.sentence())
        self.verdict.setProperty("kind", "good" if report.intact else "bad")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        row = self.trail_model.mark_broken(report.broken_at)
        self.changes_model.mark_broken(report.broken_at)
        if row is not None:
            self.tabs.setCurrentWidget(self.trail_table)
            index = self.trail_model.index(row, 0)
            self.trail_table.selectRow(row)
            self.trail_table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return report
