"""An ordered list of items typed at speed.

Enter in an item adds the next one below it; Ctrl+Up/Down moves the item;
Ctrl+Delete removes it (the window offers to put it back). The order is the
record's order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ... import operations as op
from ..recording.recorder import Recorder
from .fields import Bound

RowBuilder = Callable[[Any, QHBoxLayout], Bound]


class ItemKeys(QObject):
    """Keyboard handling for one item's main field."""

    def __init__(self, owner: ItemList, entity_id: int) -> None:
        super().__init__(owner)
        self.owner = owner
        self.entity_id = entity_id

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or self.owner.locked:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not shift and not ctrl:
            self.owner.add_after(self.entity_id)
            return True
        if ctrl and key == Qt.Key.Key_Up:
            self.owner.move_item(self.entity_id, -1)
            return True
        if ctrl and key == Qt.Key.Key_Down:
            self.owner.move_item(self.entity_id, 1)
            return True
        if ctrl and key == Qt.Key.Key_Delete:
            self.owner.remove(self.entity_id)
            return True
        return False


class ItemList(QWidget):
    """Rows of items from one of the conference's lists, optionally filtered."""

    def __init__(
        self,
        recorder: Recorder,
        *,
        conference_id: int,
        entity: str,
        items: list[Any],
        build_row: RowBuilder,
        new_values: dict[str, Any] | None = None,
        add_label: str = "Add",
        add_text: str = "",
        all_items: list[Any] | None = None,
        register: Callable[[Bound], Any] | None = None,
        empty_text: str = "",
    ) -> None:
        super().__init__()
        self.recorder = recorder
        self.conference_id = conference_id
        self.entity = entity
        self.items = items
        self.all_items = all_items if all_items is not None else items
        self.new_values = new_values or {}
        self.locked = False
        self.main_fields: dict[int, Bound] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        if not items and empty_text:
            empty = QLabel(empty_text)
            empty.setObjectName("emptyNote")
            layout.addWidget(empty)
        for number, item in enumerate(items, start=1):
            row = QHBoxLayout()
            row.setSpacing(8)
            bullet = QLabel(f"{number}.")
            bullet.setObjectName("itemNumber")
            bullet.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            bullet.setMinimumWidth(24)
            row.addWidget(bullet)
            main = build_row(item, row)
            if register is not None:
                register(main)
            self.main_fields[item.id] = main
            widget = main.as_widget()
            widget.installEventFilter(ItemKeys(self, item.id))
            if isinstance(widget, QTextEdit | QLineEdit):
                widget.setToolTip("Enter: add the next item · Ctrl+↑/↓: move · Ctrl+Delete: remove")
            holder = QWidget()
            holder.setLayout(row)
            holder.setObjectName("itemRow")
            if getattr(main, "confidential", False):
                holder.setProperty("confidential", True)
            layout.addWidget(holder)
        # add_text: shorter words on the button where the full label would widen the pane.
        self.add_button = QPushButton(f"+ {add_text or add_label}")
        self.add_button.setObjectName("editButton")
        self.add_button.setAccessibleName(add_label)
        self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.add_button.clicked.connect(lambda: self.add_after(None))
        self.add_button.setProperty("flat", True)
        layout.addWidget(self.add_button, alignment=Qt.AlignmentFlag.AlignLeft)

    def add_after(self, entity_id: int | None) -> None:
        at = None
        if entity_id is not None:
            ids = [i.id for i in self.all_items]
            at = ids.index(entity_id) + 1 if entity_id in ids else None
            if at is not None:
                # Positions are in the conference's whole list, not this filtered view.
                at = self.all_items[at - 1].position + 1
        self.recorder.run(
            op.add_item,
            conference_id=self.conference_id,
            entity=self.entity,
            values=dict(self.new_values),
            at=at,
        )

    def move_item(self, entity_id: int, offset: int) -> None:
        # Within a filtered view (one heading), step over items of other headings.
        ids = [i.id for i in self.items]
        index = ids.index(entity_id)
        target = index + offset
        if not 0 <= target < len(ids):
            return
        whole = [i.id for i in self.all_items]
        step = whole.index(ids[target]) - whole.index(entity_id)
        self.recorder.run(op.move_item, entity=self.entity, entity_id=entity_id, offset=step)

    def remove(self, entity_id: int) -> None:
        self.recorder.run(op.remove_item, entity=self.entity, entity_id=entity_id)

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self.add_button.setVisible(not locked)
