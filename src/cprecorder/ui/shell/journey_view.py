"""A family's journey: every meeting of the case in time order, and the scores over time.

The table lists each meeting with its kind, date, chair, status and the outcome for
each child, and the rules of the plan's rhythm broken there (in red). Below it, a
chart of the safety scale and one of each danger statement, meeting by meeting.
Enter opens the chosen meeting; the buttons start the review conference of a
signed-off conference and the next core group meeting. The authority's case reference
is typed at the top (Alt+S) and kept when the cursor leaves it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QHideEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...journey import Journey, JourneyEntry
from ...model import RecordStatus
from ..widgets.labels import PanePrompt, PaneTitle, SectionTitle
from ..widgets.rows_table import rows_table
from ..widgets.score_chart import ChartData, ScoreChart

Index = QModelIndex | QPersistentModelIndex


class JourneyModel(QStandardItemModel):
    """The meetings of the case, each row's words put together once: the table asks a
    cell for its words, colour and size many times as it lays out and paints, and a
    standard item answers without calling back into Python. The table is read-only
    (:func:`rows_table`); a row's meeting is ``rows[row]``."""

    HEADERS = ("Date", "Meeting", "Chair", "Status", "Outcome for each child", "Rules")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[JourneyEntry] = []
        self.setHorizontalHeaderLabels(list(self.HEADERS))

    def set_rows(self, rows: list[JourneyEntry]) -> None:
        self.rows = rows
        self.setRowCount(0)
        for entry in rows:
            words = (
                f"{entry.on:%a} {entry.on.day} {entry.on:%b %Y}",
                entry.kind.label,
                entry.chair,
                entry.status.label,
                entry.outcome_line,
                " ".join(f.message for f in entry.flags) or "On time",
            )
            items = [QStandardItem(text) for text in words]
            for item in items:  # a cell too narrow for its words shows them all on hover
                item.setToolTip(item.text())
            if entry.flags:
                items[5].setForeground(FLAGGED)
            self.appendRow(items)


#: The colour of a rule broken, in the Rules column.
FLAGGED = QBrush(QColor("#b00020"))


class JourneyView(QWidget):
    """One family's case: its meetings, what is due, and the charts of scores."""

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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        title = PaneTitle(f"The {journey.family_name} family's journey")
        title.setObjectName("paneTitle")
        outer.addWidget(title)
        facts = PanePrompt(self.facts())
        facts.setObjectName("panePrompt")
        facts.setWordWrap(True)
        outer.addWidget(facts)
        self.facts_label = facts
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
        self.due = QLabel(self.due_words())
        self.due.setObjectName("dueNext")
        if journey.due is not None and journey.due.overdue:
            self.due.setProperty("overdue", True)
            self.due.setStyleSheet("color: #b00020; font-weight: bold;")
        outer.addWidget(self.due)

        self.model = JourneyModel()
        self.model.set_rows(list(journey.entries))
        self.table = rows_table(self.model, "Meetings of the case, in time order", (4, 5))
        self.table.setWordWrap(True)
        self.table.activated.connect(self._open)
        if self.model.rows:
            self.table.selectRow(len(self.model.rows) - 1)
        outer.addWidget(self.table, 2)

        buttons = QHBoxLayout()
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
        for button in (self.open_button, self.review_button, self.core_group_button, back):
            button.setAccessibleName(button.text().replace("&", ""))
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.review_button.setEnabled(self.reviewable() is not None)
        self.core_group_button.setEnabled(bool(journey.entries))

        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        self.charts: list[ScoreChart] = []
        dates = journey.scores.dates
        for chart in journey.scores.charts():
            title_text = f"{chart.title} over time"
            heading = SectionTitle(title_text)
            heading.setObjectName("sectionTitle")
            charts_layout.addWidget(heading)
            drawn = ScoreChart(ChartData.of(chart, dates, title_text))
            self.charts.append(drawn)
            charts_layout.addWidget(drawn)
        if not self.charts:
            charts_layout.addWidget(QLabel("No scores yet: the charts appear once people scale."))
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(charts)
        outer.addWidget(scroller, 3)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def facts(self) -> str:
        j = self.journey
        parts = [", ".join(j.children) or "No children named yet"]
        parts += [plan.words for plan in j.plans if plan.plan is not None]
        parts.append(f"{len(j.entries)} meeting{'s' if len(j.entries) != 1 else ''}")
        return " · ".join(parts)

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
