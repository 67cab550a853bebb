"""Scores over time: one line per person across the meetings of a case.

Drawn with QPainter from the widget's own font, so it grows with the zoom of the
shared screen: the 0-10 scale up the side, each meeting's date along the
bottom, a coloured line with a dot at each score, and a legend of names in the
same colours (the colours of the documents' charts, told apart by people with the
common kinds of colour blindness). Names and scores only: nothing here is
professionals-only.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...export.chart import colour_of
from ...journey.scores import Series


@dataclass(frozen=True)
class ChartData:
    title: str
    dates: tuple[dt.date, ...]
    series: tuple[Series, ...]


class ScoreChart(QWidget):
    """A line chart of 0-10 scores over the meetings of a case."""

    def __init__(self, data: ChartData) -> None:
        super().__init__()
        self.setObjectName("scoreChart")
        self.data = data
        self.setAccessibleName(f"Chart: {data.title}")
        self.setAccessibleDescription(describe(data))
        self.setToolTip(describe(data))
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.setAccessibleName(f"Chart: {data.title}")
        self.setAccessibleDescription(describe(data))
        self.setToolTip(describe(data))
        self.updateGeometry()
        self.update()

    def _line_height(self) -> float:
        return QFontMetricsF(self.font()).height()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        line = self._line_height()
        return int(line * (12 + len(self.data.series) * 1.3))

    def sizeHint(self) -> QSize:
        return QSize(int(self._line_height() * 30), self.heightForWidth(0))

    def minimumSizeHint(self) -> QSize:
        return QSize(int(self._line_height() * 16), int(self._line_height() * 10))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        text = self.palette().color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlpha(60)
        left = metrics.horizontalAdvance("10") + line
        top = line * 0.6
        plot_h = line * 9
        right = self.width() - line
        bottom = top + plot_h
        dates = self.data.dates
        painter.setPen(QPen(grid, max(1.0, line / 16)))
        for score in range(11):
            y = bottom - score * plot_h / 10
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - line / 2, left - line / 3, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(score),
            )
            painter.setPen(QPen(grid, max(1.0, line / (8 if score in (0, 5, 10) else 16))))

        def x_of(day: dt.date) -> float:
            if len(dates) <= 1:
                return (left + right) / 2
            return left + dates.index(day) * (right - left) / (len(dates) - 1)

        painter.setPen(text)
        for day in dates:
            label = f"{day.day} {day:%b %y}"
            width = metrics.horizontalAdvance(label)
            x = min(max(x_of(day) - width / 2, 0.0), self.width() - width)
            painter.drawText(QPointF(x, bottom + line * 1.2), label)
        radius = line / 4
        for index, series in enumerate(self.data.series):
            colour = QColor(f"#{colour_of(index)}")
            points = [
                QPointF(x_of(p.on), bottom - p.score * plot_h / 10)
                for p in series.points
                if p.on in dates
            ]
            painter.setPen(QPen(colour, max(2.0, line / 7)))
            for a, b in itertools.pairwise(points):
                painter.drawLine(a, b)
            painter.setBrush(colour)
            for point in points:
                painter.drawEllipse(point, radius, radius)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            y = bottom + line * (2.6 + index * 1.3)
            painter.fillRect(QRectF(left, y - line * 0.6, line * 1.2, line * 0.4), colour)
            painter.setPen(text)
            scores = " → ".join(str(p.score) for p in series.points)
            painter.drawText(QPointF(left + line * 1.6, y), f"{series.label}: {scores}")
        painter.end()


def describe(data: ChartData) -> str:
    """The chart in words, for a screen reader and the tooltip."""
    if not data.series:
        return f"{data.title}: no scores yet."
    return f"{data.title}: " + "; ".join(
        f"{s.label} {' then '.join(str(p.score) for p in s.points)}" for s in data.series
    )
