"""The agenda down the left of the recording window."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QStyle,
    QStyleOptionViewItem,
    QWidget,
)


class AgendaList(QListWidget):
    """The agenda's entries, each as tall as its title needs at the list's width.

    A wrapping list view wraps a title at the whole width of the list, but the theme
    pads each entry and gives it a coloured edge: a title a little shorter than the
    list ("Child and parents' involvement") was laid out on one line wider than the
    list and cut with an ellipsis. Here each entry's size is set from the width its
    words really get (the text rectangle less the margin Qt keeps at each side of it),
    so a long title wraps onto a second line instead.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # By pixel: scrolled an entry at a time, entries of one and two lines left the last
        # one chosen half below the list's edge.
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        #: What the entries were last fitted to (see :meth:`_fitting`), the height of the
        #: entries shown at the list's whole width, and the width they were given.
        self._fitted: tuple[int, float, tuple[bool, ...]] = (-1, 0.0, ())
        self._shown_height = 0
        self._width = -1

    def fit_entries(self) -> None:
        """Size every entry to its words at the list's present width and type size.

        Fitted once for the width the entries will have: the list's whole width if they
        fit its height, else the width a scroll bar leaves. Fitted at the width of the
        moment, entries made shorter by a smaller type took the scroll bar away (or taller
        ones brought it), which gave them another width, fitted again: two to four fits
        an F5.
        """
        self._fitted = self._fitting()
        room = self._fitted[0]
        if self.count() == 0 or room <= 0:
            return
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        # Qt draws an entry's words this far inside its text rectangle, at each side.
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        entries = [self.item(row) for row in range(self.count())]

        def heights(width: int) -> list[int]:
            found = []
            for entry in entries:
                option.rect = QRect(0, 0, width, 1000)
                option.text = entry.text()
                words = self.style().subElementRect(
                    QStyle.SubElement.SE_ItemViewItemText, option, self
                )
                around = option.rect.height() - words.height()  # the entry's padding
                needed = option.fontMetrics.boundingRect(
                    QRect(0, 0, max(words.width() - 2 * margin, 1), 10_000),
                    Qt.TextFlag.TextWordWrap,
                    entry.text(),
                )
                found.append(needed.height() + around)
            return found

        tall = heights(room)
        self._shown_height = sum(
            h for entry, h in zip(entries, tall, strict=True) if not entry.isHidden()
        )
        self._width = self._width_for(room)
        if self._width != room:
            tall = heights(self._width)
        for entry, height in zip(entries, tall, strict=True):
            entry.setSizeHint(QSize(self._width, height))
        # Taller or shorter entries move the one chosen: laid out again now, it stays in sight.
        if self.currentItem() is not None:
            self.doItemsLayout()
            self.scrollToItem(self.currentItem())

    def _fitting(self) -> tuple[int, float, tuple[bool, ...]]:
        """What the entries' heights depend on: the list's width without a scroll bar,
        its type size and which entries are shown."""
        bar = self.verticalScrollBar()
        room = self.viewport().width() + (bar.sizeHint().width() if bar.isVisible() else 0)
        shown = tuple(self.item(row).isHidden() for row in range(self.count()))
        return (room, self.font().pointSizeF(), shown)

    def _width_for(self, room: int) -> int:
        """The entries' width: the whole room, or what a scroll bar leaves of it when the
        entries shown are taller than the list."""
        extent = self.verticalScrollBar().sizeHint().width()
        if self._shown_height > self.viewport().height() and room > extent:
            return room - extent
        return room

    def refit(self) -> None:
        """Fit the entries again if the list's width or type size is not what they were
        fitted at (F5 or a zoom changes both; the new width is fitted as it is set), or
        its height now calls for a scroll bar where there was none, or the other way."""
        fitting = self._fitting()
        if fitting != self._fitted or self._width_for(fitting[0]) != self._width:
            self.fit_entries()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()
        if self.currentItem() is not None:  # shorter (the banner of F5): still in sight
            self.scrollToItem(self.currentItem())
