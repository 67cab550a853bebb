"""The chair's review: a side panel listing what stops a sound sign-off.

It sits beside the record (a dock on the right), so the chair can work down the
list: a click or Enter on an item shows the agenda item and puts the cursor in
the field that fixes it, and the list updates as the record is saved. Items
that must be fixed come first, then warnings, then jargon the family will read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...agenda import Agenda
from ...dates import local_moment, moment_in_words
from ...errors import KnownError
from ...model import Conference
from ...review import ReviewItem, review_record
from ...rules.authority import load_authority_settings
from ...rules.nation import NationRules
from ...sharing import family_may_see
from ..recording.open_record import Stage
from ..widgets.labels import SideTitle

if TYPE_CHECKING:
    from ...journey import MeetingFacts
    from ...store import Store
    from ..recording.conference_view import ConferenceView

ModelIndex = QModelIndex | QPersistentModelIndex

#: Custom data roles of the review model.
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
PLACE_ROLE = Qt.ItemDataRole.UserRole + 3

HEADING, BLOCKING, WARNING, JARGON = "heading", "blocking", "warning", "jargon"

#: The stripe beside each item: red must be fixed, amber worth checking, slate jargon.
STRIPE = {BLOCKING: QColor("#b3261e"), WARNING: QColor("#c77700"), JARGON: QColor("#5b6b7c")}

GROUPS = (
    (BLOCKING, "Must be fixed before sign-off"),
    (WARNING, "Worth checking"),
    (JARGON, "Jargon and acronyms the family will read"),
)


def kind_of(item: ReviewItem) -> str:
    if item.blocking:
        return BLOCKING
    return JARGON if item.check == "jargon" else WARNING


def meetings_of_case(store: Store, conference: Conference) -> list[MeetingFacts] | None:
    """The case's meetings, for the rules of the plan's rhythm; none for a first meeting."""
    from ...journey import meetings_of_cases

    if conference.previous_conference_id is None and conference.kind.is_conference:
        return None
    with store.read() as session:
        return meetings_of_cases(session, [conference.case_id]).get(conference.case_id, [])


def rules_for(conference: Conference) -> NationRules | None:
    """The authority's rules when its settings file can be used; else the nation's."""
    try:
        return load_authority_settings().rules(conference.nation or None)
    except KnownError:  # a broken settings file is reported elsewhere; review with defaults
        return None


class ReviewModel(QAbstractListModel):
    """Group headings and review items, in one list a screen reader reads in order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, Any]] = []
        self.items: list[ReviewItem] = []
        self.agenda: Agenda | None = None

    def set_items(self, items: list[ReviewItem], agenda: Agenda | None) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.agenda = agenda
        self.rows = []
        for kind, title in GROUPS:
            members = [i for i in items if kind_of(i) == kind]
            if not members:
                continue
            self.rows.append((HEADING, f"{title} ({len(members)})"))
            self.rows.extend((kind, item) for item in members)
        self.endResetModel()

    def place(self, item: ReviewItem) -> str:
        found = self.agenda.item(item.pane) if self.agenda is not None else None
        return found.title if found is not None else item.pane.replace("_", " ").capitalize()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        kind, _ = self.rows[index.row()]
        if kind == HEADING:  # read, but skipped by the arrow keys
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        kind, value = self.rows[index.row()]
        if role == KIND_ROLE:
            return kind
        if kind == HEADING:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return value
            return None
        item: ReviewItem = value
        if role == Qt.ItemDataRole.DisplayRole:
            return item.sentence
        if role == ITEM_ROLE:
            return item
        if role == PLACE_ROLE:
            return self.place(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.sentence}\nIn {self.place(item)}. Press Enter or click to go there."
        if role == Qt.ItemDataRole.AccessibleTextRole:
            words = {BLOCKING: "Must fix", WARNING: "Warning", JARGON: "Jargon"}[kind]
            return f"{words}: {item.sentence} In {self.place(item)}."
        return None


class ReviewDelegate(QStyledItemDelegate):
    """Each item as a card line: a coloured stripe, the sentence, where it is."""

    PAD = 10
    STRIPE_WIDTH = 4

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        body = QFont(option.font)
        place = QFont(body)
        place.setPointSizeF(max(1.0, body.pointSizeF() * 0.88))
        heading = QFont(body)
        heading.setBold(True)
        return body, place, heading

    def _text_width(self) -> int:
        return max(120, self.view.viewport().width() - 2 * self.PAD - self.STRIPE_WIDTH - 8)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        body, place, heading = self._fonts(option)
        width = self._text_width()
        flags = int(Qt.TextFlag.TextWordWrap)
        if index.data(KIND_ROLE) == HEADING:
            metrics = QFontMetrics(heading)
            text = metrics.boundingRect(QRect(0, 0, width, 100000), flags, index.data())
            return QSize(width, text.height() + self.PAD * 2 + 4)
        sentence = QFontMetrics(body).boundingRect(QRect(0, 0, width, 100000), flags, index.data())
        where = QFontMetrics(place).height()
        return QSize(width, sentence.height() + where + self.PAD * 2 + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        body, place_font, heading = self._fonts(option)
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        kind = index.data(KIND_ROLE)
        text_color = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text_color)
        muted.setAlpha(170)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        flags = int(Qt.TextFlag.TextWordWrap)
        if kind == HEADING:
            painter.setFont(heading)
            painter.setPen(muted)
            area = rect.adjusted(self.PAD, self.PAD + 4, -self.PAD, -self.PAD)
            painter.drawText(area, flags | int(Qt.AlignmentFlag.AlignBottom), index.data())
            painter.restore()
            return
        card = rect.adjusted(4, 2, -4, -2)
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(card, palette.color(QPalette.ColorRole.Highlight))
            text_color = palette.color(QPalette.ColorRole.HighlightedText)
            muted = QColor(text_color)
            muted.setAlpha(190)
        elif state & QStyle.StateFlag.State_MouseOver:
            hover = QColor(palette.color(QPalette.ColorRole.Highlight))
            hover.setAlpha(60)
            painter.fillRect(card, hover)
        painter.fillRect(
            QRect(card.left(), card.top(), self.STRIPE_WIDTH, card.height()), STRIPE[kind]
        )
        left = card.left() + self.STRIPE_WIDTH + self.PAD
        width = card.right() - left - self.PAD
        painter.setFont(body)
        painter.setPen(text_color)
        metrics = QFontMetrics(body)
        sentence = metrics.boundingRect(QRect(0, 0, width, 100000), flags, index.data())
        top = rect.top() + self.PAD
        painter.drawText(QRect(left, top, width, sentence.height()), flags, index.data())
        painter.setFont(place_font)
        painter.setPen(muted)
        place_height = QFontMetrics(place_font).height()
        painter.drawText(
            QRect(left, top + sentence.height() + 2, width, place_height),
            int(Qt.AlignmentFlag.AlignLeft),
            f"→ {index.data(PLACE_ROLE)}",
        )
        if state & QStyle.StateFlag.State_HasFocus:
            pen = painter.pen()
            pen.setColor(STRIPE[kind])
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(card.adjusted(1, 1, -1, -1))
        painter.restore()


class ReviewList(QListView):
    """The review items; Enter or a click goes to the field."""

    item_chosen = Signal(object)  # ReviewItem
    leave = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reviewList")
        self.setAccessibleName("Review before sign-off")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMouseTracking(True)
        self.setItemDelegate(ReviewDelegate(self))
        self.activated.connect(self._choose)
        self.clicked.connect(self._choose)

    def _choose(self, index: QModelIndex) -> None:
        item = index.data(ITEM_ROLE)
        if isinstance(item, ReviewItem):
            self.item_chosen.emit(item)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:  # back to the record, the list stays open
            self.leave.emit()
            return
        super().keyPressEvent(event)


class ReviewPanel(QWidget):
    """Title, a sentence on whether the record can be signed off, the list, buttons."""

    item_chosen = Signal(object)  # ReviewItem
    sign_off_requested = Signal()
    changes_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        top = QHBoxLayout()
        title = SideTitle("Review before sign-off")
        title.setObjectName("reviewTitle")
        top.addWidget(title, 1)
        self.close_button = QToolButton()
        self.close_button.setObjectName("closeReview")
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close the review (Ctrl+R)")
        self.close_button.setAccessibleName("Close the review")
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Whether the record can be signed off")
        layout.addWidget(self.status)
        self.hint = QLabel(
            "Click an item, or press Enter on it, to go to the place that needs it. "
            "The list updates as the record is saved."
        )
        self.hint.setObjectName("sectionHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.model = ReviewModel(self)
        self.list = ReviewList()
        self.list.setModel(self.model)
        self.list.item_chosen.connect(self.item_chosen)
        layout.addWidget(self.list, 1)
        self.check_again = QPushButton("Check &again")
        self.check_again.setAccessibleName("Check the record again")
        self.changes = QPushButton("C&hanges since the meeting…")
        self.changes.setAccessibleName("Changes since the meeting")
        self.changes.setToolTip(
            "What changed after the record was handed over, from the audit trail"
        )
        self.changes.clicked.connect(self.changes_requested)
        self.sign_off = QPushButton("&Sign off…")
        self.sign_off.setAccessibleName("Sign off the record")
        self.sign_off.setObjectName("primary")
        self.sign_off.clicked.connect(self.sign_off_requested)
        tools = QHBoxLayout()
        tools.addWidget(self.check_again)
        tools.addWidget(self.changes)
        tools.addStretch(1)
        layout.addLayout(tools)
        finish = QHBoxLayout()
        finish.addStretch(1)
        finish.addWidget(self.sign_off)
        layout.addLayout(finish)
        self.items: list[ReviewItem] = []

    def show_items(self, items: list[ReviewItem], agenda: Agenda | None) -> None:
        selected = self.list.currentIndex().data(ITEM_ROLE)
        self.items = list(items)
        self.model.set_items(items, agenda)
        blocking = sum(1 for i in items if i.blocking)
        others = len(items) - blocking
        if blocking:
            things = "thing" if blocking == 1 else "things"
            text = f"{blocking} {things} must be fixed before the record can be signed off."
            kind = "bad"
        elif others:
            text = (
                "Nothing stops sign-off. "
                f"{others} {'warning' if others == 1 else 'warnings'} to look over first."
            )
            kind = "good"
        else:
            text = "Nothing stops sign-off, and there is nothing to look over."
            kind = "good"
        self.status.setText(text)
        self.status.setProperty("kind", kind)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        if isinstance(selected, ReviewItem):
            for row, (_kind, value) in enumerate(self.model.rows):
                if value == selected:
                    self.list.setCurrentIndex(self.model.index(row))
                    break

    def blocking(self) -> list[ReviewItem]:
        return [i for i in self.items if i.blocking]

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.list.currentIndex().isValid():
            for row, (kind, _value) in enumerate(self.model.rows):
                if kind != HEADING:
                    self.list.setCurrentIndex(self.model.index(row))
                    break


def go_to(view: ConferenceView, item: ReviewItem) -> bool:
    """Show the place of a review item and put the cursor in its field.

    The review knows which agenda item shows a part of the record; if that pane
    shows the part in another way (or another pane shows it), the nearest field
    of the same item is chosen, and at worst the pane itself is shown.
    """
    if item.pane in view.keys and view.focus_field(item.pane, item.target):
        return True
    for key in view.keys:
        if key == item.pane or (view.presentation and not family_may_see(key)):
            continue
        if item.target in view.pane(key).fields:
            return view.focus_field(key, item.target)
    if item.pane not in view.keys:
        return False
    view.show_pane(item.pane)
    pane = view.panes.get(item.pane)
    if pane is None:
        return False
    for field_key in pane.fields:
        if field_key[0] == item.entity and field_key[1] == item.entity_id:
            return pane.focus_field(field_key)
    first = pane.first_field()
    if first is not None:
        first.setFocus(Qt.FocusReason.OtherFocusReason)
    return False


class ReviewDock(QDockWidget):
    """The review panel, docked beside the record, following the open conference."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Review", parent)
        self.setObjectName("reviewDock")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.panel = ReviewPanel()
        self.setWidget(self.panel)
        # The panel has its own title and close button; the dock's bar would repeat them.
        self.setTitleBarWidget(QWidget())
        self.panel.close_button.clicked.connect(self.close_to_the_record)
        self.setMinimumWidth(340)
        self.view: ConferenceView | None = None
        self.today: dt.date | None = None
        self.panel.item_chosen.connect(self._go)
        self.panel.check_again.clicked.connect(self.refresh)
        self.panel.list.leave.connect(self.return_focus)
        self.came_from: QWidget | None = None

    def remember_focus(self) -> None:
        """Where the cursor was in the record, to go back to with Esc; from outside the
        record (the panel's own buttons), nothing: Esc then goes where the person was
        typing in the pane shown. A place kept from an earlier time took the cursor back
        to the agenda list the person had left long since (the keyboard monkey's 463829)."""
        widget = QApplication.focusWidget()
        in_record = widget is not None and self.view is not None and self.view.isAncestorOf(widget)
        self.came_from = widget if in_record else None

    def close_to_the_record(self) -> None:
        """The ✕: the review goes, and the cursor back to the record (hidden with the
        cursor in it, the panel would hand the cursor to whatever came next, the agenda)."""
        self.hide()
        self.return_focus()

    def return_focus(self) -> None:
        view = self.view
        if view is None:
            return
        target = self.came_from
        # The widget remembered may be gone: a pane rebuilt since deleted it ("Internal C++
        # object already deleted", and the cursor stayed in the review list).
        if (
            target is not None
            and shiboken6.isValid(target)
            and view.isAncestorOf(target)
            and target.isVisible()
        ):
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        # Where the person was typing in the pane shown, else its first field, else its
        # first control (a pane whose last item was removed): the view's owner of focus.
        view.restore_focus()

    def attach(self, view: ConferenceView | None) -> None:
        """Follow a conference view (or none), refreshing after each change to its record
        (after the view and its panes, before the window's actions)."""
        if view is self.view:
            return
        if self.view is not None:
            # The view may have gone already, and its record with it.
            with contextlib.suppress(RuntimeError):
                self.view.record.forget(self._on_change)
        self.view = view
        self.came_from = None
        if view is not None:
            view.record.listen(Stage.REVIEW, self._on_change)
        self.refresh()

    def _on_change(self, _change: object) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        view = self.view
        if view is None:
            self.panel.show_items([], None)
            self.panel.status.setText("Open a conference to review it.")
            return
        conference = view.conference
        items = review_record(
            conference,
            today=self.today,
            rules=rules_for(conference),
            meetings=meetings_of_case(view.store, conference),
        )
        self.panel.show_items(items, view.agenda)
        if conference.is_signed_off:
            when = local_moment(conference.signed_off_at) if conference.signed_off_at else None
            on = f" on {moment_in_words(when)}" if when else ""
            self.panel.status.setText(
                f"Signed off by {conference.signed_off_by or 'the chair'}{on}. The record is "
                "locked; what is listed below can only be answered in an addendum."
            )
            self.panel.status.setProperty("kind", "good")
            self.panel.status.style().unpolish(self.panel.status)
            self.panel.status.style().polish(self.panel.status)

    def _go(self, item: ReviewItem) -> None:
        if self.view is not None and go_to(self.view, item):
            self.came_from = QApplication.focusWidget()
