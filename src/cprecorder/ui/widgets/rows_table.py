"""A read-only table of rows (conferences, cases, meetings): its model and its view.

A model subclass names its ``HEADERS`` and says what each row shows in
:meth:`RowsModel.cell`; the table selects whole rows, one at a time, and Enter
or a double-click activates the row. A cell's words are never cut: a column is as
wide as its longest line, or wraps its words and its row grows to hold them; a
table of a few rows on a page that scrolls can be as tall as all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    Property,
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")

#: A cell whose words are a warning (a rule broken, something overdue) answers ``True``
#: to this role; the table draws its words in the theme's warning colour.
WARNING_ROLE = Qt.ItemDataRole.UserRole + 1


class RowsModel(QAbstractTableModel, Generic[Row]):
    HEADERS: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.rows: Sequence[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        """The rows to show; a lazy sequence is only asked for the rows on screen."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.cell(self.rows[index.row()], index.column(), role)

    def cell(self, row: Row, column: int, role: int) -> Any:
        """What one cell shows for a role (display, colour, tooltip, the row's id)."""
        raise NotImplementedError

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class WholeRowDelegate(QStyledItemDelegate):
    """Draws a cell without the dotted frame of the current cell: a whole row is chosen.
    Where the keyboard is shows: the chosen row of the table with the keyboard is marked
    with a bar of the focus colour at its start; in a table without it, the chosen row is
    paler (Enter does not go there)."""

    def __init__(self, table: RowsTable) -> None:
        super().__init__(table)
        self.table = table

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.state = option.state & ~QStyle.StateFlag.State_HasFocus
        if index.data(WARNING_ROLE):
            option.palette.setColor(QPalette.ColorRole.Text, self.table.warning)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        chosen = bool(option.state & QStyle.StateFlag.State_Selected)
        if chosen and not self.table.hasFocus():
            # Paler: the style sheet's selection colour is the same with or without focus.
            painter.fillRect(option.rect, self.table.pale_choice())
            unchosen = QStyleOptionViewItem(option)
            unchosen.state = option.state & ~QStyle.StateFlag.State_Selected
            super().paint(painter, unchosen, index)
            return
        super().paint(painter, option, index)
        if chosen and index.column() == 0:
            cell = option.rect
            bar = max(4, self.table.fontMetrics().height() // 5)
            painter.fillRect(QRect(cell.left(), cell.top(), bar, cell.height()), self.table.focus)


#: A row of one line is this many lines of type tall: room around the words.
ROW_LINES = 1.9


class RowsTable(QTableView):
    """A read-only table of whole rows. With ``every_row``, as tall as all its rows (no
    scroll bar of its own: the page around it scrolls)."""

    def __init__(self, *, every_row: bool = False) -> None:
        super().__init__()
        self.every_row = every_row
        #: How many rows the table always has room for (a page around it scrolls).
        self.least_rows = 0
        #: The columns whose words wrap in rows of one height (see :func:`rows_table`).
        self.wrapping: tuple[int, ...] = ()
        self._fitting = False
        #: A new type came while the table was not on screen: it is fitted when next shown.
        self._type_behind = False
        #: The colour that marks where the keyboard is (the style sheet's accent).
        self.focus = QColor("#1d6f78")
        #: The colour of a warning's words (the style sheet's warning colour).
        self.warning = QColor("#b3261e")
        self.fit_rows_to_type()
        if every_row:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.verticalHeader().sectionResized.connect(lambda *_: self.updateGeometry())
            self.horizontalHeader().geometriesChanged.connect(self.updateGeometry)

    def fit_rows_to_type(self) -> None:
        """Rows get room around their words, at every type size; where a row on screen
        wraps its words (a narrow window, large type), every row is as tall as the
        tallest of them, so no word is cut and no row is measured off screen."""
        rows = self.verticalHeader()
        one_line = round(self.fontMetrics().height() * ROW_LINES)
        rows.setMinimumSectionSize(one_line)
        height = max(one_line, self.wrapped_height() if self.wrapping else 0)
        rows.setDefaultSectionSize(height)
        measured = (
            rows.count() and rows.sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents
        )
        if not measured:
            for row in range(rows.count()):  # a new default does not reach every row
                if rows.sectionSize(row) != height:
                    rows.resizeSection(row, height)
        self.updateGeometry()

    def wrapped_height(self) -> int:
        """The height of the tallest words of the rows on screen, wrapped in their columns."""
        model = self.model()
        if model is None or not model.rowCount():
            return 0
        first = max(0, self.rowAt(0))
        last = self.rowAt(self.viewport().height())
        last = model.rowCount() - 1 if last < 0 else last
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        tallest = 0
        for column in self.wrapping:
            option.rect = QRect(0, 0, self.horizontalHeader().sectionSize(column), 1)
            for row in range(first, last + 1):
                index = model.index(row, column)
                hint = self.itemDelegateForIndex(index).sizeHint(option, index)
                tallest = max(tallest, hint.height())
        return tallest

    def _fit_rows_later(self) -> None:
        if not self._fitting:
            self._fitting = True
            QTimer.singleShot(0, self, self._fit_rows_now)

    def _fit_rows_now(self) -> None:
        self._fitting = False
        self.fit_rows_to_type()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a zoom step, or F5
            if not self.isVisible():  # a view behind another (a journey left open)
                self._type_behind = True  # costs nothing now; fitted when next shown
                return
            self.fit_rows_to_type()
            # Columns and rows measured again once every part has its new type (the
            # header may have measured the cells while they still had the old one).
            QTimer.singleShot(0, self, self.measure_again)

    def showEvent(self, event: QShowEvent) -> None:
        if self._type_behind:
            self._type_behind = False
            self.fit_rows_to_type()
            self.measure_again()
        super().showEvent(event)

    def pale_choice(self) -> QColor:
        """The chosen row's colour while the keyboard is elsewhere: a third of the way
        from the page to the selection colour."""
        chosen = self.palette().color(QPalette.ColorRole.Highlight)
        base = self.palette().color(QPalette.ColorRole.Base)
        return QColor(
            (chosen.red() + 2 * base.red()) // 3,
            (chosen.green() + 2 * base.green()) // 3,
            (chosen.blue() + 2 * base.blue()) // 3,
        )

    def _get_focus(self) -> QColor:
        return self.focus

    def _set_focus(self, colour: QColor) -> None:
        self.focus = QColor(colour)
        self.viewport().update()

    focusColor = Property(QColor, _get_focus, _set_focus)

    def _get_warning(self) -> QColor:
        return self.warning

    def _set_warning(self, colour: QColor) -> None:
        self.warning = QColor(colour)
        self.viewport().update()

    warningColor = Property(QColor, _get_warning, _set_warning)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()  # the chosen row marked as where the keyboard is

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def measure_again(self) -> None:
        self.horizontalHeader().resizeSections()
        self.verticalHeader().resizeSections()
        self.updateGeometry()

    def rows_height(self) -> int:
        """The height that shows the header and every row whole."""
        header = self.horizontalHeader()
        heading = header.sizeHint().height() if not header.isHidden() else 0
        return heading + self.verticalHeader().length() + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.every_row:
            hint.setHeight(self.rows_height())
        return hint

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.every_row:
            hint.setHeight(self.rows_height())
        elif self.least_rows:  # never so short that a row is cut off
            rows = self.verticalHeader().defaultSectionSize() * self.least_rows
            header = self.horizontalHeader().sizeHint().height()
            hint.setHeight(header + rows + 2 * self.frameWidth())
        return hint


def rows_table(
    model: QAbstractItemModel,
    name: str,
    stretch: tuple[int, ...] = (1,),
    *,
    every_row: bool = False,
    wrap: bool = False,
) -> RowsTable:
    """A table of whole rows, read-only, one chosen at a time. The ``stretch`` columns
    share the width left and wrap their words; the others are as wide as their longest
    line. With ``wrap`` (for a few rows: every row is measured) each row is as tall as
    its tallest cell; without it, every row is as tall as the tallest on screen."""
    table = RowsTable(every_row=every_row)
    table.setObjectName("rowsTable")
    table.setModel(model)
    table.setItemDelegate(WholeRowDelegate(table))
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table: whole rows are chosen
    table.setWordWrap(True)
    rows = table.verticalHeader()
    rows.hide()
    table.setTextElideMode(Qt.TextElideMode.ElideNone)  # words are wrapped, never cut
    if wrap:
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    else:  # rows of one height, as tall as the words on screen need
        table.wrapping = stretch
        table.horizontalHeader().sectionResized.connect(lambda *_: table._fit_rows_later())
        model.modelReset.connect(table._fit_rows_later)
        table.verticalScrollBar().valueChanged.connect(lambda _v: table._fit_rows_later())
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table
