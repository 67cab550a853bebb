"""The start view: every conference, searchable as you type, with New and Open."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...agenda import DEFAULT_AGENDA, available_agendas
from ...dates import DateNotReadError, moment_in_short_words, read_time
from ...journey.cases import CaseSummary, list_cases
from ...lifecycle import withdraw_refusal
from ...model import ConferenceKind, HowHeld, RecordStatus
from ...queries import ConferenceSummary, list_conferences
from ...store import Store
from ..dialogs.form import FormDialog
from ..widgets.dates import DateEntry
from ..widgets.labels import PanePrompt, PaneTitle, SectionTitle
from ..widgets.rows_table import RowsModel, rows_table

#: The start view shows this many; searching reaches all of them.
LIST_LIMIT = 200

Index = QModelIndex | QPersistentModelIndex


class ConferenceListModel(RowsModel[ConferenceSummary]):
    """Conferences as table rows: family, children, meeting, date, where the record is."""

    HEADERS = ("Family", "Children", "Meeting", "Date", "Record")

    def cell(self, row: ConferenceSummary, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                f"{row.family_name} family",
                row.children,
                row.kind.label,
                moment_in_short_words(row.scheduled_at),
                row.status.label,
            )[column]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class CaseListModel(RowsModel[CaseSummary]):
    """Families' cases as table rows: family, children, meetings, what is due next."""

    HEADERS = ("Family", "Children", "Meetings", "Due next")

    def cell(self, row: CaseSummary, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            due = ""
            if row.due is not None:
                due = row.due.words + (" — overdue" if row.due.overdue else "")
            family = f"{row.family_name} family"
            if row.reference:
                family += f" ({row.reference})"
            return (family, row.children, str(row.meetings), due or "Nothing due")[column]
        overdue = row.due is not None and row.due.overdue
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and overdue:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.FontRole and column == 3 and overdue:
            return OVERDUE_TYPE
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


#: What is overdue stands out in bold, not by its colour alone.
OVERDUE_TYPE = QFont()
OVERDUE_TYPE.setBold(True)


def next_step(chosen: ConferenceSummary) -> str:
    """What Enter does with the chosen conference, and what else its record offers."""
    what = f"the {chosen.family_name} family's {chosen.kind.label.lower()}"
    when = moment_in_short_words(chosen.scheduled_at)
    if chosen.status is RecordStatus.SIGNED_OFF:
        step = f"Enter opens {what} of {when}, signed off: it can be read, not changed."
        if chosen.kind.is_conference:
            step += " Alt+C starts its review conference."
        return step
    if chosen.status is RecordStatus.IN_REVIEW:
        return f"Enter opens {what} of {when}, with the chair for review."
    step = f"Enter opens {what} of {when} to go on recording."
    if withdraw_refusal(chosen.status) is None:
        step += " Delete withdraws it, if it was made by mistake."
    return step


def case_step(chosen: CaseSummary) -> str:
    """What Enter does with the chosen family's case."""
    due = ""
    if chosen.due is not None:
        due = f" {chosen.due.words}" + (", and it is overdue." if chosen.due.overdue else ".")
    return f"Enter shows the {chosen.family_name} family's journey.{due}"


class StartView(QWidget):
    """Lists conferences and families' cases; Enter or double-click opens one."""

    open_requested = Signal(int)
    new_requested = Signal()
    #: A family's case to show as a journey.
    case_requested = Signal(int)
    #: A signed-off conference whose review conference to start.
    review_requested = Signal(int)
    #: A conference created by mistake, to withdraw (the window asks why).
    withdraw_requested = Signal(int)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        # One page that scrolls where the window is short (large type on a small screen):
        # the lists keep room for their rows, never cut through one.
        whole = QVBoxLayout(self)
        whole.setContentsMargins(0, 0, 0, 0)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        whole.addWidget(scroller)
        page = QWidget()
        page.setObjectName("startPage")
        scroller.setWidget(page)
        self.scroller = scroller
        layout = QVBoxLayout(page)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(14)
        title = PaneTitle("Child protection conferences")
        title.setObjectName("paneTitle")
        layout.addWidget(title)
        hint = PanePrompt("Find a conference by family or child name, or start a new one.")
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
        self.new_button.setAccessibleName("New conference")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button = QPushButton("Open")
        self.open_button.setAccessibleName("Open the chosen conference")
        self.open_button.clicked.connect(self.open_selected)
        self.review_button = QPushButton("Start the review &conference")
        self.review_button.setAccessibleName("Start the review conference")
        self.review_button.setToolTip("The review of the chosen signed-off conference")
        self.review_button.clicked.connect(self.review_selected)
        self.withdraw_button = QPushButton("&Withdraw…")
        self.withdraw_button.setAccessibleName("Withdraw the chosen conference")
        self.withdraw_button.setToolTip(
            "Withdraw the chosen conference if it was created by mistake (Delete in the list); "
            "never once signed off"
        )
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)

        self.model = ConferenceListModel()
        self.table = rows_table(self.model, "Conferences")
        self.table.least_rows = 3
        self.table.setShowGrid(False)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        withdraw_key = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        withdraw_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        withdraw_key.activated.connect(self.withdraw_selected)
        layout.addWidget(self.table, 2)
        self.empty = QLabel("No conferences yet. Choose New conference to start one.")
        self.empty.setObjectName("emptyNote")
        layout.addWidget(self.empty)
        #: What Enter does with the chosen conference (and what else it offers).
        self.next_step = QLabel()
        self.next_step.setObjectName("sectionHint")
        self.next_step.setWordWrap(True)
        # What Enter does with the chosen conference, beside what else can be done with it.
        chosen = QHBoxLayout()
        chosen.addWidget(self.next_step, 1)
        chosen.addWidget(self.open_button)
        chosen.addWidget(self.review_button)
        chosen.addWidget(self.withdraw_button)
        layout.addLayout(chosen)

        cases_title = SectionTitle("Families' cases: what is due next")
        cases_title.setObjectName("sectionTitle")
        layout.addWidget(cases_title)
        self.case_model = CaseListModel()
        self.cases = rows_table(self.case_model, "Families' cases")
        self.cases.least_rows = 2
        self.cases.setShowGrid(False)
        self.cases.doubleClicked.connect(lambda _i: self.open_case())
        self.cases.activated.connect(lambda _i: self.open_case())
        cases_title.setBuddy(self.cases)
        layout.addWidget(self.cases, 1)
        self.case_step = QLabel()
        self.case_step.setObjectName("sectionHint")
        self.case_step.setWordWrap(True)
        layout.addWidget(self.case_step)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._enter_from_search)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.cases)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._offer_review())
        self.cases.selectionModel().currentRowChanged.connect(lambda *_: self._say_case_step())
        # ↓ from the search goes down into the list; ↑ from its first row comes back.
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        self.refresh()

    def refresh(self) -> None:
        from ...errors import KnownError
        from ...rules.authority import load_authority_settings

        try:
            rules = load_authority_settings().rules()
        except KnownError:
            rules = None  # the nation's own rules; the window says what is wrong elsewhere
        with self.store.read() as session:
            rows = list_conferences(session, self.search.text(), limit=LIST_LIMIT)
            cases = list_cases(session, self.search.text(), rules, limit=LIST_LIMIT)
        self.model.set_rows(rows)
        self.case_model.set_rows(cases)
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)
        if cases:
            self.cases.selectRow(0)
        self._offer_review()
        self._say_case_step()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
            if watched is self.search and plain and event.key() == Qt.Key.Key_Down:
                self._enter_from_search()  # the list as searched, the first row chosen
                return True
            if (
                watched is self.table
                and plain
                and event.key() == Qt.Key.Key_Up
                and self.table.currentIndex().row() <= 0
            ):
                self.search.setFocus(Qt.FocusReason.BacktabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _say_case_step(self) -> None:
        index = self.cases.currentIndex()
        rows = self.case_model.rows
        chosen = rows[index.row()] if index.isValid() and index.row() < len(rows) else None
        self.case_step.setText(case_step(chosen) if chosen is not None else "")
        self.case_step.setVisible(chosen is not None)

    def selected_conference(self) -> ConferenceSummary | None:
        index = self.table.currentIndex()
        if not index.isValid() or not 0 <= index.row() < len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def _offer_review(self) -> None:
        from ...lifecycle import withdraw_refusal

        chosen = self.selected_conference()
        self.next_step.setText(next_step(chosen) if chosen is not None else "")
        self.next_step.setVisible(chosen is not None)
        self.review_button.setEnabled(
            chosen is not None
            and chosen.status is RecordStatus.SIGNED_OFF
            and chosen.kind.is_conference
        )
        self.withdraw_button.setEnabled(
            chosen is not None and withdraw_refusal(chosen.status) is None
        )

    def withdraw_selected(self) -> None:
        from ...lifecycle import withdraw_refusal

        chosen = self.selected_conference()
        if chosen is not None and withdraw_refusal(chosen.status) is None:
            self.withdraw_requested.emit(chosen.id)

    def review_selected(self) -> None:
        chosen = self.selected_conference()
        if chosen is not None:
            self.review_requested.emit(chosen.id)

    def open_case(self) -> None:
        index = self.cases.currentIndex()
        if index.isValid():
            self.case_requested.emit(int(self.case_model.data(index, Qt.ItemDataRole.UserRole)))

    def _enter_from_search(self) -> None:
        self._search_timer.stop()
        self.refresh()
        if self.model.rows:
            self.table.setFocus()

    def open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_requested.emit(int(self.model.data(index, Qt.ItemDataRole.UserRole)))


class NewConferenceDialog(FormDialog):
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
            if kind.is_conference:  # a core group starts from the case's latest meeting
                self.kind.addItem(kind.label, kind)
        form.addRow("&Kind", self.kind)
        now = dt.datetime.now()
        self.day = DateEntry(now.date(), label="Date")
        day_label = QLabel("&Date")
        day_label.setBuddy(self.day)
        form.addRow(day_label, self.day.beside())
        self.time = QLineEdit(f"{now:%H}:00")
        self.time.setAccessibleName("Time")
        self.time.setPlaceholderText("10:30, or 2pm")
        form.addRow("&Time", self.time)
        self.how = QComboBox()
        self.how.setAccessibleName("How held")
        for how in HowHeld:
            self.how.addItem(how.label, how)
        form.addRow("Ho&w held", self.how)
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
        ok.setAccessibleName("Start recording")
        ok.setObjectName("primary")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        ok.setDefault(True)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _refuse(self, sentence: str, field: QWidget) -> None:
        self.error.setText(sentence)
        self.error.show()
        field.setFocus()

    def _accept(self) -> None:
        if not self.family.text().strip():
            self._refuse("Type the family name to start.", self.family)
            return
        if not self.day.read_typed() or self.day.date_value() is None:
            self._refuse(self.day.problem() or "Type the date of the conference.", self.day)
            return
        try:
            read_time(self.time.text())
        except DateNotReadError as exc:
            self._refuse(str(exc), self.time)
            return
        self.accept()

    def values(self) -> dict[str, Any]:
        day = self.day.date_value()
        assert day is not None
        when = dt.datetime.combine(day, read_time(self.time.text()))
        return {
            "family_name": self.family.text().strip(),
            "children": [
                line.strip()
                for line in self.children_edit.toPlainText().splitlines()
                if line.strip()
            ],
            "kind": ConferenceKind(self.kind.currentData()),
            "scheduled_at": when,
            "how_held": HowHeld(self.how.currentData()),
            "chair": self.chair.text().strip(),
            "minute_taker": self.minute_taker.text().strip(),
            "agenda_key": self.agenda.currentData(),
        }
