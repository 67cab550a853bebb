"""Scores over time: one line per person across the meetings of a case.

Drawn with QPainter from the widget's own font, so it grows with the zoom of the
shared screen: the 0-10 scale up the side, each meeting's date along the
bottom, a coloured line with a dot at each score, and a legend of names in the
same colours (the colours of the documents' charts, told apart by people with the
common kinds of colour blindness). Names and scores only: nothing here is
professionals-only.

Everything the painting needs that does not depend on the size (the labels, the
legend's words, the colours, each point's column and score) is worked out once,
when the chart is given its data; a paint only places it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...dates import short_date
from ...export.chart import colour_of
from ...journey.scores import Chart


@dataclass(frozen=True)
class ChartLine:
    """One person's line, ready to draw: (column, score) pairs, colour and legend words."""

    colour: QColor
    points: tuple[tuple[int, int], ...]
    legend: str


@dataclass(frozen=True)
class ChartData:
    title: str
    dates: tuple[dt.date, ...]
    lines: tuple[ChartLine, ...] = ()
    #: The chart in words, for a screen reader and the tooltip.
    description: str = ""
    date_labels: tuple[str, ...] = ()

    @classmethod
    def of(cls, chart: Chart, dates: tuple[dt.date, ...], title: str = "") -> ChartData:
        title = title or chart.title
        lines = tuple(
            ChartLine(
                QColor(f"#{colour_of(index)}"),
                tuple((p.column, p.score) for p in series.points),
                f"{series.label}: " + " → ".join(str(p.score) for p in series.points),
            )
            for index, series in enumerate(chart.series)
        )
        said = "; ".join(
            f"{s.label} {' then '.join(str(p.score) for p in s.points)}" for s in chart.series
        )
        return cls(
            title,
            dates,
            lines,
            f"{title}: {said}" if chart.series else f"{title}: no scores yet.",
            tuple(short_date(day) for day in dates),
        )


class ScoreChart(QWidget):
    """A line chart of 0-10 scores over the meetings of a case."""

    def __init__(self, data: ChartData) -> None:
        super().__init__()
        self.setObjectName("scoreChart")
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_data(data)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.setAccessibleName(f"Chart: {data.title}")
        self.setAccessibleDescription(data.description)
        self.setToolTip(data.description)
        self.updateGeometry()
        self.update()

    def _line_height(self) -> float:
        return QFontMetricsF(self.font()).height()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        line = self._line_height()
        return int(line * (12 + len(self.data.lines) * 1.3))

    def sizeHint(self) -> QSize:
        return QSize(int(self._line_height() * 30), self.heightForWidth(0))

    def minimumSizeHint(self) -> QSize:
        return QSize(int(self._line_height() * 16), int(self._line_height() * 10))

    def paintEvent(self, _event: QPaintEvent) -> None:
        data = self.data
        painter = QPainter(self)
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
        columns = len(data.dates)
        step = (right - left) / (columns - 1) if columns > 1 else 0.0

        def x_of(column: int) -> float:
            return left + column * step if columns > 1 else (left + right) / 2

        # The grid as filled rows of pixels (a thin translucent pen takes Qt's slow path),
        # the scale's numbers, then the dates along the bottom.
        thin, strong = max(1.0, round(line / 16)), max(2.0, round(line / 8))
        for score in range(11):
            weight = strong if score in (0, 5, 10) else thin
            row = round(bottom - score * plot_h / 10 - weight / 2)
            painter.fillRect(QRectF(left, row, right - left, weight), grid)
        painter.setPen(text)
        align = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for score in range(11):
            y = bottom - score * plot_h / 10
            painter.drawText(QRectF(0, y - line / 2, left - line / 3, line), align, str(score))
        for column, label in enumerate(data.date_labels):
            wide = metrics.horizontalAdvance(label)
            x = min(max(x_of(column) - wide / 2, 0.0), self.width() - wide)
            painter.drawText(QPointF(x, bottom + line * 1.2), label)
        # Each person's line with a dot at each score, and the legend beneath.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = line / 4
        pen_width = max(2.0, line / 7)
        for index, person in enumerate(data.lines):
            points = [QPointF(x_of(c), bottom - s * plot_h / 10) for c, s in person.points]
            painter.setPen(QPen(person.colour, pen_width))
            # Segments, not a polyline: the dots cover the joins, and a wide antialiased
            # polyline costs several times as much to draw.
            painter.drawLines([QLineF(a, b) for a, b in itertools.pairwise(points)])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(person.colour)
            for point in points:
                painter.drawEllipse(point, radius, radius)
            y = bottom + line * (2.6 + index * 1.3)
            painter.fillRect(QRectF(left, y - line * 0.6, line * 1.2, line * 0.4), person.colour)
            painter.setPen(text)
            painter.drawText(QPointF(left + line * 1.6, y), person.legend)
        painter.end()
