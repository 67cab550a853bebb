"""Choosing the pictures of a children's plan: a row of toggle buttons with the drawings.

The value is the comma-separated picture keys the exports understand, in the
order the pictures are offered. A key this version does not ship (from an
imported record) is kept as it is, never dropped silently.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QLayout, QLayoutItem, QToolButton, QWidget

from ....export.pictures import available_pictures, picture_png
from ...recording.recorder import Recorder
from ...widgets.fields import Bound


def picture_icon(key: str) -> QIcon:
    """The shipped drawing as an icon; an empty icon if it is missing (logged by exports)."""
    data = picture_png(key)
    pixmap = QPixmap()
    if data is not None:
        pixmap.loadFromData(data, "PNG")
    return QIcon(pixmap)


class FlowLayout(QLayout):
    """Items left to right, wrapping to the next line: pictures fit any width and zoom."""

    def __init__(self, spacing: int = 10) -> None:
        super().__init__()
        self.entries: list[QLayoutItem] = []
        self.gap = spacing

    def addItem(self, item: QLayoutItem) -> None:
        self.entries.append(item)

    def count(self) -> int:
        return len(self.entries)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self.entries[index] if 0 <= index < len(self.entries) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self.entries.pop(index) if 0 <= index < len(self.entries) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self.entries:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self.entries:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self.gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.gap
            line = max(line, hint.height())
        return y + line - rect.y()


class PictureChoice(QWidget, Bound):
    """Bound to ``childrens_plan.pictures``; each picture is a checkable button."""

    def __init__(
        self, recorder: Recorder, entity: str, entity_id: int, field: str, value: str | None
    ) -> None:
        super().__init__()
        self.bind(recorder, entity, entity_id, field)
        self.setAccessibleName("Pictures for the plan")
        stored = [k.strip() for k in (value or "").split(",") if k.strip()]
        pictures = available_pictures()
        self.kept = [k for k in stored if k not in pictures]
        self.buttons: dict[str, QToolButton] = {}
        layout = FlowLayout()
        self.setLayout(layout)
        for key, label in pictures.items():
            button = QToolButton()
            button.setObjectName("picture")
            button.setCheckable(True)
            button.setChecked(key in stored)
            button.setIcon(picture_icon(key))
            button.setText(label)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setAccessibleName(f"Picture: {label}")
            button.setToolTip(f"{label} — Space to choose or remove")
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.toggled.connect(self._toggled)
            layout.addWidget(button)
            self.buttons[key] = button
        self._size_icons()

    def value(self) -> str:
        chosen = [k for k, b in self.buttons.items() if b.isChecked()]
        return ",".join(chosen + self.kept)

    def _toggled(self, _checked: bool) -> None:
        self.send(self.value())
        self.recorder.flush()  # a click is a finished choice: save it now

    def _size_icons(self) -> None:
        """Pictures grow with the text, so they stay in proportion when zoomed."""
        metrics = self.fontMetrics()
        side = metrics.height() * 3
        # One width for every button, so the pictures line up in a tidy grid.
        width = max(metrics.horizontalAdvance(b.text()) for b in self.buttons.values())
        width = max(width, side) + metrics.height() * 2
        for button in self.buttons.values():
            button.setIconSize(QSize(side, side))
            button.setFixedWidth(width)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._size_icons()

    def set_locked(self, locked: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not locked)

    def text_for_search(self) -> str:
        pictures = available_pictures()
        return ", ".join(pictures[k] for k, b in self.buttons.items() if b.isChecked())
