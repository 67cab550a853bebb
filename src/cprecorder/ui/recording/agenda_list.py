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
        #: The width and type size the entries were last fitted at.
        self._fitted: tuple[int, float] = (-1, 0.0)

    def fit_entries(self) -> None:
        """Size every entry to its words at the list's present width and type size."""
        width = self.viewport().width()
        if width <= 0 or self.count() == 0:
            return
        self._fitted = (width, self.font().pointSizeF())
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        # Qt draws an entry's words this far inside its text rectangle, at each side.
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        for row in range(self.count()):
            entry = self.item(row)
            option.rect = QRect(0, 0, width, 1000)
            option.text = entry.text()
            words = self.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, self)
            around = option.rect.height() - words.height()  # the entry's padding
            needed = option.fontMetrics.boundingRect(
                QRect(0, 0, max(words.width() - 2 * margin, 1), 10_000),
                Qt.TextFlag.TextWordWrap,
                entry.text(),
            )
            entry.setSizeHint(QSize(width, needed.height() + around))
        # Taller or shorter entries move the one chosen: laid out again now, it stays in sight.
        if self.currentItem() is not None:
            self.doItemsLayout()
            self.scrollToItem(self.currentItem())

    def refit(self) -> None:
        """Fit the entries again if the list's width or type size is not what they were
        fitted at (F5 or a zoom changes both; the new width is fitted as it is set)."""
        if (self.viewport().width(), self.font().pointSizeF()) != self._fitted:
            self.fit_entries()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()
        if self.currentItem() is not None:  # shorter (the banner of F5): still in sight
            self.scrollToItem(self.currentItem())
