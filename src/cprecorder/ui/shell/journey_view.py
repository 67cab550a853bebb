"""A family's journey: every meeting of the case in time order, and the scores over time.

The table lists each meeting with its kind, date, chair, status and the outcome for
each child, and the rules of the plan's rhythm broken there (in red). Below it, a
chart of the safety scale and one of each danger statement, meeting by meeting.
Enter opens the chosen meeting; the buttons start the review conference of a
signed-off conference and the next core group meeting.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...journey import Journey, JourneyEntry
from ...model import RecordStatus
from ..widgets.rows_table import RowsModel, rows_table
from ..widgets.score_chart import ChartData, ScoreChart

Index = QModelIndex | QPersistentModelIndex


class JourneyModel(RowsModel[JourneyEntry]):
    HEADERS = ("Date", "Meeting", "Chair", "Status", "Outcome for each child", "Rules")

    def cell(self, entry: JourneyEntry, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                f"{entry.on:%a} {entry.on.day} {entry.on:%b %Y}",
                entry.kind.label,
                entry.chair,
                entry.status.label,
                entry.outcome_line,
                " ".join(f.message for f in entry.flags) or "On time",
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and entry.flags:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.UserRole:
            return entry.meeting_id
        return None


class JourneyView(QWidget):
    """One family's case: its meetings, what is due, and the charts of scores."""

    open_meeting = Signal(int)
    start_review = Signal(int)
    start_core_group = Signal(int)
    back = Signal()

    def __init__(self, journey: Journey) -> None:
        super().__init__()
        self.setObjectName("journeyView")
        self.journey = journey
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        title = QLabel(f"The {journey.family_name} family's journey")
        title.setObjectName("paneTitle")
        outer.addWidget(title)
        facts = QLabel(self.facts())
        facts.setObjectName("panePrompt")
        facts.setWordWrap(True)
        outer.addWidget(facts)
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
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.review_button.setEnabled(self.reviewable() is not None)
        self.core_group_button.setEnabled(bool(journey.entries))

        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        self.charts: list[ScoreChart] = []
        dates = tuple(on for _, on in journey.scores.meetings)
        for title_text, series in (
            ("The safety scale over time", journey.scores.safety),
            *(
                (f"Danger statement {s.number} over time", s.series)
                for s in journey.scores.statements
            ),
        ):
            if not any(line.points for line in series):
                continue
            heading = QLabel(title_text)
            heading.setObjectName("sectionTitle")
            charts_layout.addWidget(heading)
            chart = ScoreChart(ChartData(title_text, dates, tuple(series)))
            self.charts.append(chart)
            charts_layout.addWidget(chart)
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
        if j.reference:
            parts.append(f"case reference {j.reference}")
        parts.append(f"{len(j.entries)} meeting{'s' if len(j.entries) != 1 else ''}")
        return " · ".join(parts)

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
            self.open_meeting.emit(int(self.model.data(index, Qt.ItemDataRole.UserRole)))
