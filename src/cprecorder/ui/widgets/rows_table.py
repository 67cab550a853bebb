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
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
)
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
    """Draws a cell without the dotted frame of the current cell: a whole row is chosen,
    and the table's own border shows that it has the keyboard."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.state = option.state & ~QStyle.StateFlag.State_HasFocus


#: A row of one line is this many lines of type tall: room around the words.
ROW_LINES = 1.9


class RowsTable(QTableView):
    """A read-only table of whole rows. With ``every_row``, as tall as all its rows (no
    scroll bar of its own: the page around it scrolls)."""

    def __init__(self, *, every_row: bool = False) -> None:
        super().__init__()
        self.every_row = every_row
        self.fit_rows_to_type()
        if every_row:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.verticalHeader().sectionResized.connect(lambda *_: self.updateGeometry())
            self.horizontalHeader().geometriesChanged.connect(self.updateGeometry)

    def fit_rows_to_type(self) -> None:
        """Rows of one line get room around their words, at every type size."""
        self.verticalHeader().setMinimumSectionSize(round(self.fontMetrics().height() * ROW_LINES))
        self.verticalHeader().setDefaultSectionSize(round(self.fontMetrics().height() * ROW_LINES))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a zoom step, or F5
            self.fit_rows_to_type()
            # Columns and rows measured again once every part has its new type (the
            # header may have measured the cells while they still had the old one).
            QTimer.singleShot(0, self, self.measure_again)

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
    share the width left; the others are as wide as their longest line. With ``wrap``
    (for a few rows: every row is measured), the ``stretch`` columns wrap their words
    and each row is as tall as its tallest cell."""
    table = RowsTable(every_row=every_row)
    table.setObjectName("rowsTable")
    table.setModel(model)
    table.setItemDelegate(WholeRowDelegate(table))
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table: whole rows are chosen
    table.setWordWrap(wrap)
    rows = table.verticalHeader()
    rows.hide()
    if wrap:
        table.setTextElideMode(Qt.TextElideMode.ElideNone)  # words are wrapped, never cut
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table
