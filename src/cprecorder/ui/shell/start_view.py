"""The start view: every conference, searchable as you type, with New and Open."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...agenda import DEFAULT_AGENDA, available_agendas
from ...model import ConferenceKind, HowHeld
from ...queries import ConferenceSummary, list_conferences
from ...store import Store

#: The start view shows this many; searching reaches all of them.
LIST_LIMIT = 200

Index = QModelIndex | QPersistentModelIndex


class ConferenceListModel(QAbstractTableModel):
    """Conferences as table rows: family, children, kind, date, status."""

    HEADERS = ("Family", "Children", "Kind", "Date", "Status")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ConferenceSummary] = []

    def set_rows(self, rows: list[ConferenceSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                f"{row.family_name} family",
                row.children,
                row.kind.label,
                row.scheduled_at.strftime("%d %b %Y %H:%M"),
                row.status.label,
            )[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class StartView(QWidget):
    """Lists conferences; Enter or double-click opens one."""

    open_requested = Signal(int)
    new_requested = Signal()

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(14)
        title = QLabel("Child protection conferences")
        title.setObjectName("paneTitle")
        layout.addWidget(title)
        hint = QLabel("Find a conference by family or child name, or start a new one.")
        hint.setObjectName("panePrompt")
        layout.addWidget(hint)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by family or child name")
        self.search.setAccessibleName("Search conferences")
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.new_button = QPushButton("New conference")
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self.open_selected)
        bar.addWidget(self.new_button)
        bar.addWidget(self.open_button)
        layout.addLayout(bar)

        self.model = ConferenceListModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Conferences")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        layout.addWidget(self.table, 1)
        self.empty = QLabel("No conferences yet. Choose New conference to start one.")
        self.empty.setObjectName("emptyNote")
        layout.addWidget(self.empty)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._enter_from_search)
        self.setTabOrder(self.search, self.table)
        self.refresh()

    def refresh(self) -> None:
        with self.store.read() as session:
            rows = list_conferences(session, self.search.text(), limit=LIST_LIMIT)
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)

    def _enter_from_search(self) -> None:
        self._search_timer.stop()
        self.refresh()
        if self.model.rows:
            self.table.setFocus()

    def open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_requested.emit(int(self.model.data(index, Qt.ItemDataRole.UserRole)))


class NewConferenceDialog(QDialog):
    """Kind, date and time, how held, chair, minute-taker, family name, children."""

    def __init__(self, parent: QWidget | None = None, *, minute_taker: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("New conference")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        layout.addLayout(form)

        self.family = QLineEdit()
        self.family.setAccessibleName("Family name")
        self.family.setPlaceholderText("e.g. Ashdown")
        form.addRow("&Family name", self.family)
        self.children_edit = QPlainTextEdit()
        self.children_edit.setAccessibleName("Children, one per line")
        self.children_edit.setPlaceholderText("One child per line: first name and surname")
        self.children_edit.setTabChangesFocus(True)
        self.children_edit.setFixedHeight(90)
        form.addRow("C&hildren", self.children_edit)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of conference")
        for kind in ConferenceKind:
            self.kind.addItem(kind.label, kind)
        form.addRow("&Kind", self.kind)
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setAccessibleName("Date and time")
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when.setCalendarPopup(True)
        form.addRow("&Date and time", self.when)
        self.how = QComboBox()
        self.how.setAccessibleName("How held")
        for how in HowHeld:
            self.how.addItem(how.label, how)
        form.addRow("&How held", self.how)
        self.chair = QLineEdit()
        self.chair.setAccessibleName("Chair")
        form.addRow("&Chair", self.chair)
        self.minute_taker = QLineEdit(minute_taker)
        self.minute_taker.setAccessibleName("Minute-taker")
        form.addRow("&Minute-taker", self.minute_taker)
        self.agenda = QComboBox()
        self.agenda.setAccessibleName("Agenda")
        for key, title in sorted(
            available_agendas().items(), key=lambda kv: kv[0] != DEFAULT_AGENDA
        ):
            self.agenda.addItem(title, key)
        form.addRow("&Agenda", self.agenda)
        self.error = QLabel()
        self.error.setObjectName("flag")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Start recording")
        ok.setObjectName("primary")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.family.text().strip():
            self.error.setText("Type the family name to start.")
            self.error.show()
            self.family.setFocus()
            return
        self.accept()

    def values(self) -> dict[str, Any]:
        when = self.when.dateTime().toPython()
        assert isinstance(when, dt.datetime)
        return {
            "family_name": self.family.text().strip(),
            "children": [
                line.strip()
                for line in self.children_edit.toPlainText().splitlines()
                if line.strip()
            ],
            "kind": ConferenceKind(self.kind.currentData()),
            "scheduled_at": when.replace(second=0, microsecond=0),
            "how_held": HowHeld(self.how.currentData()),
            "chair": self.chair.text().strip(),
            "minute_taker": self.minute_taker.text().strip(),
            "agenda_key": self.agenda.currentData(),
        }
