"""The safety scale as a line from 0 to 10 with every person's mark and name.

The picture the family and professionals look at together when the chair asks
"where are things today?". Each person has their own row, so names never run
into each other: their mark sits above the point they chose, their name beside
it (on the left of the mark near 10, where there is no room on the right).
People who chose the same score are stacked one above the other in the same
column. Below is the scale itself, large, with what 0 and 10 mean and the
middle score marked.

Sizes come from the widget's font, so the line grows with the zoom.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen

from .score_spread import Axis, ScoreMark, ScoreSpread, ink_on

LOW = "0 — no safety: the children cannot stay at home"
HIGH = "10 — safe enough to close"


class SafetyLine(ScoreSpread):
    """Everyone's safety score on one large 0-10 line."""

    def __init__(self, marks: Sequence[ScoreMark] = ()) -> None:
        super().__init__(marks, low_caption=LOW, high_caption=HIGH, name="Safety scale")
        self.setObjectName("safetyLine")
        # The picture the room looks at together: a heavier line and larger numbers.
        self.axis = Axis(
            pen=0.2, least_pen=2.0, numbers=1.3, tick=0.35, gap=0.45, number_height=1.5, below=1.9
        )

    def row_height(self) -> float:
        return self.em() * 1.9

    def dot_size(self, width: float) -> float:
        return self.em() * 1.55

    def rows_top(self) -> float:
        return self.em() * 0.4

    def heightForWidth(self, width: int) -> int:
        em = self.em()
        rows = max(1, len(self.marks)) * self.row_height()
        captions = self.caption_height(width)
        # rows, the line and its numbers, middle score, captions, legend
        return int(self.rows_top() + rows + em * 1.0 + em * 1.9 + em * 1.6 + captions + em * 1.6)

    def sizeHint(self) -> QSize:
        width = max(560, int(self.em() * 40))
        return QSize(width, self.heightForWidth(width))

    def label_of(self, mark: ScoreMark) -> tuple[str, str]:
        return mark.name or "(no name)", mark.detail

    def paint_grid(self, painter: QPainter, top: float, bottom: float, width: float) -> None:
        grid = QColor(self._line)
        grid.setAlpha(60)
        painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
        for score in range(11):
            x = self.x_of(score, width)
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        width = float(self.width())
        em = self.em()
        top = self.rows_top()
        rows_bottom = top + max(1, len(self.marks)) * self.row_height()
        axis_y = rows_bottom + em * 1.0
        self.paint_grid(painter, top, axis_y, width)
        below = self.paint_axis(painter, axis_y, width)
        if not self.marks:
            self.paint_empty(painter, top, rows_bottom - top)
        else:
            # the middle score is marked at the line only, clear of the names above
            self.paint_middle(painter, axis_y - em * 0.9, axis_y + em * 0.4, below)
            self.paint_rows(painter, top, axis_y, width)
        captions = self.paint_captions(painter, below + em * 1.6, width)
        if self.marks:
            self.paint_legend(painter, below + em * 1.6 + captions)
        painter.end()

    def paint_rows(self, painter: QPainter, top: float, axis_y: float, width: float) -> None:
        em = self.em()
        size = self.dot_size(width)
        name_font = self.scaled_font(1.1, bold=True)
        detail_font = self.scaled_font(1.0)
        names = QFontMetricsF(name_font)
        details = QFontMetricsF(detail_font)
        score_font = self.scaled_font(0.95, bold=True)
        for index, mark in enumerate(self.marks):
            x = self.x_of(mark.score, width)
            centre_y = top + (index + 0.5) * self.row_height()
            fill = self._family if mark.family else self._mark
            # the mark's own tick on the line, so the line alone still shows every score
            painter.setPen(QPen(fill, max(2.0, em / 6)))
            painter.drawLine(QPointF(x, axis_y - em * 0.55), QPointF(x, axis_y + em * 0.05))
            box = QRectF(x - size / 2, centre_y - size / 2, size, size)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawEllipse(box)
            painter.setFont(score_font)
            painter.setPen(ink_on(fill))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), str(mark.score))

            name, detail = self.label_of(mark)
            detail_text = f"  {detail}" if detail else ""
            name_width = names.horizontalAdvance(name)
            detail_width = details.horizontalAdvance(detail_text)
            room_right = width - (x + size / 2 + em * 0.5)
            room_left = x - size / 2 - em * 0.5
            if name_width + detail_width > room_right and (
                name_width > room_right or room_left > room_right
            ):
                if name_width + detail_width > room_left:
                    detail_text, detail_width = "", 0.0
                right = x - size / 2 - em * 0.5
                left = right - name_width - detail_width
            else:
                left = x + size / 2 + em * 0.5
                if name_width + detail_width > room_right:
                    detail_text, detail_width = "", 0.0
            line = QRectF(left, centre_y - em, name_width + 2, em * 2)
            align = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
            painter.setFont(name_font)
            painter.setPen(self.text_color())
            painter.drawText(line, align, name)
            if detail_text:
                painter.setFont(detail_font)
                painter.setPen(self.muted_color())
                painter.drawText(
                    QRectF(left + name_width, centre_y - em, detail_width + 2, em * 2),
                    align,
                    detail_text,
                )
