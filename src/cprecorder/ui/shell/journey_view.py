"""A family's journey: every meeting of the case in time order, and the scores over time.

Where each child's plan stands and what is due next come first. The table lists each
meeting with its date, kind, chair, status and the outcome for each child, and the rules
of the plan's rhythm broken there (in red). Below it, a chart of the safety scale and
one of each danger statement, meeting by meeting, each reached by Tab. It is one page
that scrolls, with the shared-screen banner across it in presentation mode.
Enter opens the chosen meeting; the buttons start the review conference of a
signed-off conference and the next core group meeting. The authority's case reference
is typed at the top (Alt+S) and kept when the cursor leaves it.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QHideEvent,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...dates import date_in_short_words, long_date
from ...journey import Journey, JourneyEntry
from ...model import RecordStatus
from ..widgets.labels import PanePrompt, PaneTitle, SectionTitle, shared_screen_banner
from ..widgets.rows_table import rows_table
from ..widgets.score_chart import ChartData, ScoreChart

Index = QModelIndex | QPersistentModelIndex


class JourneyModel(QStandardItemModel):
    """The meetings of the case, each row's words put together once: the table asks a
    cell for its words, colour and size many times as it lays out and paints, and a
    standard item answers without calling back into Python. The table is read-only
    (:func:`rows_table`); a row's meeting is ``rows[row]``. A cell of several things
    (each child's outcome, each rule broken) has one line for each."""

    HEADERS = ("Meeting", "Outcome for each child", "The plan's rhythm")
    #: The columns whose words wrap; the others are as wide as their longest line.
    WRAPPED = (1, 2)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[JourneyEntry] = []
        self.setHorizontalHeaderLabels(list(self.HEADERS))

    def set_rows(self, rows: list[JourneyEntry]) -> None:
        self.rows = rows
        self.setRowCount(0)
        for entry in rows:
            meeting = [date_in_short_words(entry.on.date()), entry.kind.label]
            if entry.chair:
                meeting.append(f"Chaired by {entry.chair}")
            meeting.append(entry.status.label)
            if entry.outcomes:
                outcomes = "\n".join(f"{o.name}: {o.words}" for o in entry.outcomes)
            elif entry.kind.is_conference:
                outcomes = "No decision yet"
            else:
                outcomes = "No decision: a core group follows the plan"
            words = (
                "\n".join(meeting),
                outcomes,
                "\n".join(f.message for f in entry.flags) or "On time",
            )
            items = [QStandardItem(text) for text in words]
            for item in items:  # the whole of a cell's words on hover too
                item.setToolTip(item.text())
                item.setTextAlignment(TOP_LEFT)  # a row reads from its first line
            if entry.flags:
                items[2].setForeground(FLAGGED)
            self.appendRow(items)


TOP_LEFT = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
#: The colour of a rule broken, in the plan's rhythm column.
FLAGGED = QBrush(QColor("#b00020"))


class JourneyView(QWidget):
    """One family's case, read as the story of its meetings: where each child's plan
    stands and what is due, every meeting with what it decided, and the scores over time,
    on one page that scrolls (nothing in it is cut, at any type size)."""

    open_meeting = Signal(int)
    start_review = Signal(int)
    start_core_group = Signal(int)
    back = Signal()
    #: The case reference as typed, when the cursor leaves it changed.
    reference_edited = Signal(str)

    def __init__(self, journey: Journey) -> None:
        super().__init__()
        self.setObjectName("journeyView")
        self.journey = journey
        whole = QVBoxLayout(self)
        whole.setContentsMargins(0, 0, 0, 0)
        whole.setSpacing(0)
        self.banner = shared_screen_banner()
        whole.addWidget(self.banner)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        whole.addWidget(self.scroller)
        page = QWidget()
        page.setObjectName("page")
        self.scroller.setWidget(page)
        self.page = page
        outer = QVBoxLayout(page)
        outer.setContentsMargins(24, 16, 24, 24)
        outer.setSpacing(10)
        title = PaneTitle(f"The {journey.family_name} family's journey")
        title.setObjectName("paneTitle")
        title.setWordWrap(True)
        outer.addWidget(title)
        facts = PanePrompt(self.facts())
        facts.setObjectName("panePrompt")
        facts.setWordWrap(True)
        outer.addWidget(facts)
        self.facts_label = facts
        self.plans = QLabel("\n".join(self.plan_lines()))
        self.plans.setObjectName("dueNote")
        self.plans.setAccessibleName("Where each child's plan stands")
        self.plans.setWordWrap(True)
        outer.addWidget(self.plans)
        self.due = QLabel(self.due_words())
        self.due.setObjectName("dueNext")
        self.due.setWordWrap(True)
        if journey.due is not None and journey.due.overdue:
            self.due.setProperty("overdue", True)
            self.due.setStyleSheet("color: #b00020; font-weight: bold;")
        outer.addWidget(self.due)
        line = QHBoxLayout()
        self.reference = QLineEdit(journey.reference)
        self.reference.setObjectName("caseReference")
        self.reference.setAccessibleName("Case reference")
        self.reference.setPlaceholderText("The authority's reference for this family's case")
        self.reference.setMaxLength(100)
        self.reference.setEnabled(bool(journey.entries))
        self.saved_reference = journey.reference
        self.reference.editingFinished.connect(self.reference_done)
        label = QLabel("Ca&se reference")
        label.setBuddy(self.reference)
        line.addWidget(label)
        line.addWidget(self.reference, 1)
        outer.addLayout(line)

        meetings = SectionTitle("The meetings, in time order")
        meetings.setObjectName("sectionTitle")
        outer.addWidget(meetings)
        self.model = JourneyModel()
        self.model.set_rows(list(journey.entries))
        self.table = rows_table(
            self.model,
            "Meetings of the case, in time order",
            self.model.WRAPPED,
            every_row=True,
            wrap=True,
        )
        self.table.setShowGrid(False)
        if not any(entry.flags for entry in journey.entries):  # "On time" all down
            self.table.horizontalHeader().setSectionResizeMode(
                2, QHeaderView.ResizeMode.ResizeToContents
            )
        self.table.activated.connect(self._open)
        self.table.selectionModel().currentRowChanged.connect(self._row_in_view)
        if self.model.rows:
            self.table.selectRow(len(self.model.rows) - 1)
        outer.addWidget(self.table)

        self.buttons = QGridLayout()
        self.open_button = QPushButton("&Open the meeting")
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        self.review_button = QPushButton("Start the review &conference")
        self.review_button.clicked.connect(self._review)
        self.core_group_button = QPushButton("Start a core &group meeting")
        self.core_group_button.clicked.connect(
            lambda: self.start_core_group.emit(self.journey.entries[-1].meeting_id)
        )
        back = QPushButton("&Back to the list")
        back.clicked.connect(self.back.emit)
        self.button_row = (self.open_button, self.review_button, self.core_group_button, back)
        for button in self.button_row:
            button.setAccessibleName(button.text().replace("&", ""))
        self._arrange_buttons()
        outer.addLayout(self.buttons)
        self.review_button.setEnabled(self.reviewable() is not None)
        self.core_group_button.setEnabled(bool(journey.entries))

        self.charts: list[ScoreChart] = []
        #: Each chart with its heading: Tab reaches it, and the page scrolls to show it.
        self.chart_cards: list[QFrame] = []
        dates = journey.scores.dates
        for chart in journey.scores.charts():
            title_text = f"{chart.title} over time"
            card = QFrame()
            card.setObjectName("section")
            card.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            card.setAccessibleName(title_text)
            card.installEventFilter(self)
            inside = QVBoxLayout(card)
            heading = SectionTitle(title_text)
            heading.setObjectName("sectionTitle")
            inside.addWidget(heading)
            drawn = ScoreChart(ChartData.of(chart, dates, title_text))
            self.charts.append(drawn)
            inside.addWidget(drawn)
            card.setAccessibleDescription(drawn.accessibleDescription())
            self.chart_cards.append(card)
            outer.addWidget(card)
        if not self.charts:
            outer.addWidget(QLabel("No scores yet: the charts appear once people scale."))
        outer.addStretch(1)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _arrange_buttons(self) -> None:
        """The buttons in one row where they fit, else two to a row (large type on a small
        screen): the page never scrolls sideways to reach one."""
        # The page's width: the view's, less its margins and the scroll bar beside it.
        room = self.width() - 48 - self.scroller.verticalScrollBar().sizeHint().width()
        spacing = max(self.buttons.horizontalSpacing(), 0)
        wide = sum(b.sizeHint().width() + spacing for b in self.button_row)
        across = len(self.button_row) if wide <= room else 2
        for index, button in enumerate(self.button_row):
            self.buttons.addWidget(button, index // across, index % across)
        self.buttons.setColumnStretch(len(self.button_row), 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_buttons()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a zoom step, or F5: once the
            QTimer.singleShot(0, self, self._arrange_buttons)  # buttons have their type

    def set_presentation(self, on: bool) -> None:
        """The shared-screen banner across the top while the family sees this screen."""
        self.banner.setVisible(on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self.scroller.ensureWidgetVisible(watched, 0, 0)  # a chart reached by Tab
        return super().eventFilter(watched, event)

    def _row_in_view(self, current: QModelIndex) -> None:
        """The meeting chosen with the arrows is scrolled into sight on the page."""
        if not current.isValid() or not self.table.isVisible():
            return
        cell = self.table.visualRect(current)
        top = self.table.viewport().mapTo(self.page, cell.topLeft())
        self.scroller.ensureVisible(top.x(), top.y() + cell.height() // 2, 0, cell.height())

    def plan_lines(self) -> list[str]:
        """Where each child's plan stands, a line for each child."""
        return [plan.words for plan in self.journey.plans] or ["No children named yet"]

    def facts(self) -> str:
        """ "Maisie Ashdown and Leo Ashdown · 4 meetings, from 24 November 2026 to …"."""
        j = self.journey
        names = list(j.children)
        children = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
        count = len(j.entries)
        meetings = f"{count} meeting{'s' if count != 1 else ''}"
        if j.entries:
            first, last = (long_date(e.on.date()) for e in (j.entries[0], j.entries[-1]))
            meetings += f", from {first} to {last}" if count > 1 else f", on {first}"
        return f"{children or 'No children named yet'} · {meetings}"

    def reference_done(self) -> None:
        """The cursor left the case reference: ask for it to be kept if it changed."""
        typed = self.reference.text().strip()
        if typed != self.saved_reference:
            self.reference_edited.emit(typed)

    def reference_saved(self, reference: str) -> None:
        self.saved_reference = reference

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the journey by a key that takes no focus (a menu's shortcut) keeps it too.
        self.reference_done()
        super().hideEvent(event)

    def due_words(self) -> str:
        due = self.journey.due
        if due is None:
            return "Nothing due: no child is on a child protection plan."
        return f"Next: {due.words}" + (" — overdue" if due.overdue else "")

    def reviewable(self) -> int | None:
        """The latest conference, when it is signed off and not yet reviewed."""
        conferences = [e for e in self.journey.entries if e.kind.is_conference]
        if not conferences:
            return None
        latest = conferences[-1]
        return latest.meeting_id if latest.status is RecordStatus.SIGNED_OFF else None

    def _review(self) -> None:
        conference = self.reviewable()
        if conference is not None:
            self.start_review.emit(conference)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_meeting.emit(self.model.rows[index.row()].meeting_id)
