"""The spread of 0-10 scores as a picture everyone on the call can read.

A danger statement is scaled by everyone present. A column of numbers hides
what matters in the room: whether the family and the professionals see things
alike, and how far apart the scores are. This widget draws a 0-10 axis with a
dot per person (their initials inside, family and network in one colour,
professionals in another), stacked where several people gave the same score,
and marks the middle score.

Everything is measured from the widget's own font, so the picture grows with
the zoom of the shared screen; the colours come from the theme (``qproperty-``
rules in :mod:`cprecorder.ui.shell.theme`).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Property, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Titles left out of initials and short names ("PC Aaron Blake" is AB, Aaron).
TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "pc", "ds", "dc", "sgt", "prof", "rev"})


@dataclass(frozen=True)
class ScoreMark:
    """One person's score, as drawn."""

    name: str
    score: int
    family: bool = False
    #: Who they are, beside the name where there is room ("Mother", "Health visitor").
    detail: str = ""

    @property
    def initials(self) -> str:
        return initials(self.name)


def _name_words(name: str) -> list[str]:
    words = [w for w in name.replace(".", " ").split() if w]
    kept = [w for w in words if w.casefold() not in TITLES]
    return kept or words


def initials(name: str) -> str:
    """Two letters for a dot: first and last name ("Kerry Ashdown" is KA)."""
    words = _name_words(name)
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].capitalize()
    return (words[0][0] + words[-1][0]).upper()


def middle_score(scores: Iterable[int]) -> float | None:
    """The median: half the people scored at or below it, half at or above."""
    values = list(scores)
    return float(statistics.median(values)) if values else None


def shown_score(value: float) -> str:
    return f"{value:g}"


def ink_on(fill: QColor) -> QColor:
    """Black or white, whichever reads on the fill (the high-contrast marks are yellow)."""
    light = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue()
    return QColor("#000000") if light > 150 else QColor("#ffffff")


@dataclass(frozen=True)
class Axis:
    """How the 0-10 line is drawn, in ems of the widget's font (so it grows with the zoom)."""

    #: The line's pen, and the least it may be in pixels.
    pen: float = 0.1
    least_pen: float = 1.0
    #: The numbers' type, against the widget's.
    numbers: float = 1.0
    #: How far each tick reaches above and below the line.
    tick: float = 0.25
    #: Where the numbers start below the line, and their height.
    gap: float = 0.3
    number_height: float = 1.2
    #: Where what comes after the axis starts, below the line.
    below: float = 1.5


class ScoreSpread(QWidget):
    """A 0-10 dot plot of everyone's score, with the middle score marked."""

    def __init__(
        self,
        marks: Sequence[ScoreMark] = (),
        *,
        low_caption: str = "0",
        high_caption: str = "10",
        name: str = "Spread of scores",
    ) -> None:
        super().__init__()
        self.setObjectName("scoreSpread")
        #: How the axis is drawn; a larger picture (the safety line) draws it larger.
        self.axis = Axis()
        self.marks: list[ScoreMark] = []
        #: Last time's scores, drawn as greyed rings above today's.
        self.previous: list[ScoreMark] = []
        self.low_caption = low_caption
        self.high_caption = high_caption
        self._title = name
        self._mark = QColor("#1f6f78")
        self._family = QColor("#b5562b")
        self._line = QColor("#5b6b7c")
        self._median = QColor("#1d2733")
        self.setAccessibleName(name)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_marks(marks)

    # -- colours from the theme ------------------------------------------------
    def _get_mark(self) -> QColor:
        return self._mark

    def _set_mark(self, color: QColor) -> None:
        self._mark = QColor(color)
        self.update()

    def _get_family(self) -> QColor:
        return self._family

    def _set_family(self, color: QColor) -> None:
        self._family = QColor(color)
        self.update()

    def _get_line(self) -> QColor:
        return self._line

    def _set_line(self, color: QColor) -> None:
        self._line = QColor(color)
        self.update()

    def _get_median(self) -> QColor:
        return self._median

    def _set_median(self, color: QColor) -> None:
        self._median = QColor(color)
        self.update()

    markColor = Property(QColor, _get_mark, _set_mark)
    familyColor = Property(QColor, _get_family, _set_family)
    lineColor = Property(QColor, _get_line, _set_line)
    medianColor = Property(QColor, _get_median, _set_median)

    # -- data -----------------------------------------------------------------
    def set_marks(self, marks: Sequence[ScoreMark]) -> None:
        self.marks = sorted(marks, key=lambda m: (m.score, not m.family, m.name))
        self.setAccessibleDescription(self.summary())
        self.setToolTip(self.summary())
        self.updateGeometry()
        self.update()

    def set_previous(self, marks: Sequence[ScoreMark]) -> None:
        """Last time's scores beside today's: hollow, greyed, stacked above them."""
        self.previous = sorted(marks, key=lambda m: (m.score, not m.family, m.name))
        self.setAccessibleDescription(self.summary())
        self.setToolTip(self.summary())
        self.updateGeometry()
        self.update()

    @property
    def middle(self) -> float | None:
        return middle_score(m.score for m in self.marks)

    def summary(self) -> str:
        """The picture in words, for a screen reader and the tooltip."""
        before = (
            " Last time: " + "; ".join(f"{m.name} {m.score}" for m in self.previous) + "."
            if self.previous
            else ""
        )
        if not self.marks:
            return f"{self._title}: no scores yet.{before}"
        scores = "; ".join(f"{m.name} {m.score}" for m in self.marks)
        middle = self.middle
        assert middle is not None
        return f"{self._title}: {scores}. Middle score {shown_score(middle)}.{before}"

    def groups(self) -> dict[int, list[ScoreMark]]:
        found: dict[int, list[ScoreMark]] = {}
        for mark in self.marks:
            found.setdefault(mark.score, []).append(mark)
        return found

    # -- geometry ---------------------------------------------------------------
    def em(self) -> float:
        return QFontMetricsF(self.font()).height()

    def margin(self) -> float:
        return self.em() * 1.4

    def x_of(self, score: float, width: float) -> float:
        left = self.margin()
        return left + (width - 2 * left) * score / 10

    def dot_size(self, width: float) -> float:
        spacing = (width - 2 * self.margin()) / 10
        return max(self.em(), min(spacing * 0.86, self.em() * 2.0))

    def stack_height(self, width: float) -> float:
        groups = self.groups()
        for mark in self.previous:
            groups.setdefault(mark.score, []).append(mark)
        tallest = max((len(g) for g in groups.values()), default=1)
        gap = self.em() * 0.15
        return tallest * (self.dot_size(width) + gap)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        em = self.em()
        # captions, dots, axis, numbers, middle score, legend
        captions = self.caption_height(width)
        return int(captions + self.stack_height(width) + em * 0.6 + em * 1.4 + em * 1.5 + em * 1.5)

    def sizeHint(self) -> QSize:
        width = max(480, int(self.em() * 30))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        width = int(self.em() * 16)
        return QSize(width, self.heightForWidth(width))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()

    # -- painting ---------------------------------------------------------------
    def text_color(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.WindowText)

    def muted_color(self) -> QColor:
        return self._line

    def scaled_font(self, factor: float, *, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(1.0, font.pointSizeF() * factor))
        font.setBold(bold)
        return font

    def caption_height(self, width: float) -> float:
        """What 0 and 10 mean, each in half the width, wrapped rather than cut off."""
        metrics = QFontMetricsF(self.scaled_font(0.92))
        flags = int(Qt.TextFlag.TextWordWrap)
        half = QRectF(0, 0, max(1.0, width / 2 - self.em() * 0.5), 10_000)
        tallest = max(
            metrics.boundingRect(half, flags, self.low_caption).height(),
            metrics.boundingRect(half, flags, self.high_caption).height(),
        )
        return tallest + self.em() * 0.3

    def paint_captions(self, painter: QPainter, top: float, width: float) -> float:
        painter.setFont(self.scaled_font(0.92))
        painter.setPen(self.muted_color())
        height = self.caption_height(width)
        half = width / 2 - self.em() * 0.5
        left = QRectF(0, top, half, height)
        right = QRectF(width - half, top, half, height)
        wrap = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop
        painter.drawText(left, int(wrap | Qt.AlignmentFlag.AlignLeft), self.low_caption)
        painter.drawText(right, int(wrap | Qt.AlignmentFlag.AlignRight), self.high_caption)
        return height

    def paint_axis(self, painter: QPainter, axis_y: float, width: float) -> float:
        """The line, its ticks and numbers, as :attr:`axis` says; the y below the numbers."""
        em, axis = self.em(), self.axis
        pen = QPen(self._line, max(axis.least_pen, em * axis.pen))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(
            QPointF(self.x_of(0, width), axis_y), QPointF(self.x_of(10, width), axis_y)
        )
        painter.setFont(self.scaled_font(axis.numbers, bold=True))
        for score in range(11):
            x = self.x_of(score, width)
            painter.setPen(pen)
            painter.drawLine(
                QPointF(x, axis_y - em * axis.tick), QPointF(x, axis_y + em * axis.tick)
            )
            painter.setPen(self.text_color())
            box = QRectF(x - em * 1.5, axis_y + em * axis.gap, em * 3, em * axis.number_height)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), str(score))
        return axis_y + em * axis.below

    def paint_middle(self, painter: QPainter, top: float, axis_y: float, below: float) -> None:
        middle = self.middle
        if middle is None:
            return
        width = float(self.width())
        em = self.em()
        x = self.x_of(middle, width)
        pen = QPen(self._median, max(1.5, em / 8), Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, top), QPointF(x, axis_y))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._median)
        size = em * 0.45
        painter.drawPolygon(
            [
                QPointF(x, below - size * 0.2),
                QPointF(x - size, below + size * 1.2),
                QPointF(x + size, below + size * 1.2),
            ]
        )
        painter.setPen(self._median)
        painter.setFont(self.scaled_font(0.95, bold=True))
        text = f"Middle score {shown_score(middle)}"
        text_width = QFontMetricsF(painter.font()).horizontalAdvance(text) + em
        left = min(max(x + size * 1.4, 0), width - text_width)
        if left < x + size * 1.4:  # no room on the right: write it on the left of the mark
            left = max(0.0, x - size * 1.4 - text_width)
        painter.drawText(
            QRectF(left, below, text_width, em * 1.4),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            text,
        )

    def paint_legend(self, painter: QPainter, top: float) -> None:
        em = self.em()
        painter.setFont(self.scaled_font(0.9))
        x = 0.0
        legend = [(self._family, "Family and network"), (self._mark, "Professionals")]
        if self.previous:
            legend.append((QColor(Qt.GlobalColor.transparent), "Last time"))
        for color, words in legend:
            if color.alpha() == 0:  # the ring last time's scores are drawn with
                painter.setPen(QPen(self._line, max(1.0, em / 10), Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color)
            painter.drawEllipse(QPointF(x + em * 0.4, top + em * 0.7), em * 0.35, em * 0.35)
            painter.setPen(self.muted_color())
            advance = QFontMetricsF(painter.font()).horizontalAdvance(words)
            painter.drawText(
                QRectF(x + em * 1.0, top, advance + em, em * 1.4),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                words,
            )
            x += em * 2.0 + advance

    def paint_empty(self, painter: QPainter, top: float, height: float) -> None:
        painter.setPen(self.muted_color())
        painter.setFont(self.scaled_font(1.0))
        painter.drawText(
            QRectF(0, top, float(self.width()), height),
            int(Qt.AlignmentFlag.AlignCenter),
            "No scores yet",
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        width = float(self.width())
        em = self.em()
        top = self.paint_captions(painter, 0, width)
        stack = self.stack_height(width)
        axis_y = top + stack + em * 0.6
        below = self.paint_axis(painter, axis_y, width)
        if not self.marks and not self.previous:
            self.paint_empty(painter, top, stack)
            painter.end()
            return
        self.paint_middle(painter, top, axis_y, below)
        self.paint_dots(painter, axis_y, width)
        self.paint_legend(painter, below + em * 1.5)
        painter.end()

    def paint_dots(self, painter: QPainter, axis_y: float, width: float) -> None:
        size = self.dot_size(width)
        gap = self.em() * 0.15
        letters = self.scaled_font(1.0, bold=True)
        metrics = QFontMetricsF(letters)
        wanted = metrics.horizontalAdvance("WW")
        if wanted > size * 0.72:
            letters.setPointSizeF(max(1.0, letters.pointSizeF() * size * 0.72 / wanted))
        painter.setFont(letters)
        outline = QPen(self.palette().color(QPalette.ColorRole.Base), max(1.0, size / 16))
        for score, group in self.groups().items():
            x = self.x_of(score, width)
            for index, mark in enumerate(group):
                centre_y = axis_y - gap - size / 2 - index * (size + gap)
                box = QRectF(x - size / 2, centre_y - size / 2, size, size)
                painter.setPen(outline)
                fill = self._family if mark.family else self._mark
                painter.setBrush(fill)
                painter.drawEllipse(box)
                painter.setPen(ink_on(fill))
                painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), mark.initials)
        ring = QPen(self._line, max(1.0, size / 14), Qt.PenStyle.DashLine)
        today = {score: len(group) for score, group in self.groups().items()}
        stacked: dict[int, int] = {}
        for mark in self.previous:
            index = today.get(mark.score, 0) + stacked.get(mark.score, 0)
            stacked[mark.score] = stacked.get(mark.score, 0) + 1
            x = self.x_of(mark.score, width)
            centre_y = axis_y - gap - size / 2 - index * (size + gap)
            box = QRectF(x - size / 2, centre_y - size / 2, size, size)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(box)
            painter.setPen(self._line)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), mark.initials)
