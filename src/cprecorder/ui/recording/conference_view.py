"""The recording view: the agenda on the left, one pane on the right, a header on top."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...agenda import Agenda, load_agenda
from ...agenda.items import ENTITY_PANE, known_item
from ...agenda.record_index import free_text_only
from ...dates import local_moment, moment_in_short_words, moment_in_words
from ...model import Conference, Operation, RecordStatus
from ...operations import Change
from ...operations.change import NAME_FIELDS
from ...sharing import family_may_see
from ..panes import Pane, PaneContext, pane_class, pane_keys
from ..panes.base import control_name
from ..shell.theme import BASE_POINT_SIZE, TYPE_SCALES, TypeHold
from ..widgets.fields import FieldKey
from ..widgets.labels import FamilyName, shared_screen_banner
from .agenda_list import AgendaList
from .open_record import OpenRecord, Stage
from .recorder import ANSWER_KEY

log = logging.getLogger(__name__)

MARKS = ("○", "◔", "◑", "◕", "●")

#: After these, the cursor goes to the item added, put back or moved.
ADDS_OR_MOVES = (Operation.ADD, Operation.RESTORE, Operation.MOVE, Operation.CHILDRENS_PLAN)

#: The agenda's marks of the items not on screen (the quoracy rules) and the review date
#: (the bank holidays) are worked out once the view is first painted, with the cursor in
#: its field; or after this long if it is not painted.
MARKS_AFTER_OPEN_MS = 150
#: After an edit, the marks follow once typing pauses.
MARKS_AFTER_EDIT_MS = 800


def facts_line(phrases: list[str]) -> str:
    """Phrases joined by dots into one line that wraps only between phrases: a phrase's
    own spaces do not break ("1 March 2027" is never split into "1" and "March 2027"),
    and a dot stays at the end of the line it closes."""
    whole = (p.replace(" ", "\N{NO-BREAK SPACE}") for p in phrases if p)
    return "\N{NO-BREAK SPACE}\N{NO-BREAK SPACE}·  ".join(whole)


def completeness_mark(filled: int, expected: int) -> str:
    if expected <= 0:
        return " "
    ratio = filled / expected
    return MARKS[min(4, int(ratio * 4 + 0.0001))] if ratio < 1 else "●"


class Header(QWidget):
    """Family, children, kind, date, chair, status, and whether everything is saved."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        left = QVBoxLayout()
        self.family = FamilyName()
        self.family.setObjectName("headerFamily")
        # Three children's names at presentation size must not widen the window.
        self.family.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("headerMeta")
        self.meta.setWordWrap(True)
        left.addWidget(self.family)
        left.addWidget(self.meta)
        layout.addLayout(left, 1)
        self.save_state = QLabel("All changes saved")
        self.save_state.setObjectName("saveState")
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.save_state.setAccessibleName("Save state")
        self.save_state.setWordWrap(True)
        self.save_state.setMinimumWidth(220)
        layout.addWidget(self.save_state)

    def show_conference(self, conference: Conference, extra: str = "", *, due: bool = True) -> None:
        """``due=False`` leaves out when the review is due (it needs the bank holidays)."""
        children = ", ".join(c.name for c in conference.children) or "no children added yet"
        self.family.setText(f"{conference.family_name} family — {children}")
        moment = conference.scheduled_at
        when = moment_in_short_words(moment)  # "Wed 2 Dec 2026, 15:30"
        parts = [
            conference.kind.label,
            when,
            f"Chair: {conference.chair or 'not named'}",
            conference.status.label,
        ]
        if extra:
            parts.append(extra)
        if due:  # the bank holidays: imported once the first frame is on screen
            from ...rules.timescales import review_due_words

            parts.append(review_due_words(conference))
        self.meta.setText(facts_line(parts))

    def show_save_state(self, state: str, sentence: str) -> None:
        # Told on every keystroke ("Saving…"): restyling the same words each time is waste.
        if self.save_state.property("state") == state and self.save_state.text() == sentence:
            return
        self.save_state.setText(sentence)
        self.save_state.setProperty("state", state)
        self.save_state.style().unpolish(self.save_state)
        self.save_state.style().polish(self.save_state)


#: The agenda's share of the window's width at the most, and its least width in pixels.
AGENDA_SHARE = 0.25
AGENDA_LEAST = 260


class ConferenceView(QWidget):
    """Records one conference. Owns the recorder; panes are built when first shown."""

    pane_changed = Signal(str)
    message = Signal(str)
    #: The first frame is on screen and the agenda's marks and the review date are in.
    settled = Signal()

    def __init__(self, record: OpenRecord) -> None:
        super().__init__()
        self.record = record
        self.store = record.store
        self.recorder = record.recorder
        self.conference_id = record.conference_id
        self._collect_names()
        self.agenda: Agenda = load_agenda(self.conference.agenda_key)
        self.presentation = False
        self.panes: dict[str, Pane] = {}
        self.stale: set[str] = set()
        #: Panes not on screen since an F5 or a zoom: their fields take the type size when
        #: next shown (:meth:`hold_the_type`), as the shared screen's hiding is done then.
        self.type_held: dict[str, TypeHold] = {}
        self.presentation_behind: set[str] = set()
        #: Where the person was typing in each pane (see :meth:`restore_focus`).
        self.places: dict[str, FieldKey] = {}
        #: The cursor is in the agenda list because the pane had nothing to take it, not
        #: because the person Tabbed there: the next pane stepped to takes it back.
        self.parked_in_agenda = False
        self.last_removed: Change | None = None
        #: "Someone else changed this" questions shown beside the window (F6 goes to one).
        self.questions: list[QMessageBox] = []
        answer = QShortcut(QKeySequence(ANSWER_KEY), self)
        answer.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        answer.activated.connect(self.answer_question)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = shared_screen_banner()
        layout.addWidget(self.banner)
        self.header = Header()
        layout.addWidget(self.header)

        self.find_bar = QLineEdit()
        self.find_bar.setObjectName("findBar")
        self.find_bar.setPlaceholderText(
            "Find in the whole record — Enter for the next match, Esc to close"
        )
        self.find_bar.setAccessibleName("Find in record")
        self.find_bar.returnPressed.connect(self.find_next)
        self.find_bar.hide()
        self.find_bar.installEventFilter(self)
        layout.addWidget(self.find_bar)
        self._find_from = 0

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.nav = AgendaList()
        self.nav.setObjectName("agenda")
        self.nav.setAccessibleName("Agenda")
        # A click chooses a pane and the cursor goes into it; the list takes the keys (and
        # its type-ahead) only when the person Tabs into it.
        self.nav.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.nav.setMinimumWidth(AGENDA_LEAST)
        self.stack = QStackedWidget()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 1000])
        layout.addWidget(self.splitter, 1)

        self.keys: list[str] = []
        available = pane_keys()
        for item in self.agenda.items:
            if item.key not in available:
                continue
            self.keys.append(item.key)
            entry = QListWidgetItem(f"{completeness_mark(0, 0)}  {item.title}")
            entry.setData(Qt.ItemDataRole.UserRole, item.key)
            self.nav.addItem(entry)
        self.nav.fit_entries()
        self.nav.currentRowChanged.connect(self._show_row)

        record.listen(Stage.VIEW, self.on_change)
        record.read_only_changed.connect(self._on_read_only)
        record.reloaded.connect(self.refresh_all)
        record.problem.connect(self.message)
        self.recorder.save_state_changed.connect(self.header.show_save_state)
        self.recorder.conflict.connect(self._on_conflict)
        self.header.show_conference(self.conference, due=False)
        self._marks_timer = QTimer(self)
        self._marks_timer.setSingleShot(True)
        self._marks_timer.timeout.connect(self.refresh_marks)
        # The marks need the rules, the review date the bank holidays: both once the
        # first pane is on screen with the cursor in it.
        self._after_open = QTimer(self)
        self._after_open.setSingleShot(True)
        self._after_open.timeout.connect(self._fill_in)
        self._after_open.start(MARKS_AFTER_OPEN_MS)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._after_open.isActive():
            self._after_open.start(0)  # once this frame is on screen

    def _fill_in(self) -> None:
        self.refresh_marks()
        self.header.show_conference(self.conference)
        self.settled.emit()

    # -- the record -------------------------------------------------------------
    @property
    def conference(self) -> Conference:
        """The record as loaded and kept up to date by its owner (never changed here)."""
        return self.record.conference

    def names(self) -> frozenset[str]:
        """People's and children's names, never flagged as misspelt."""
        return self._names

    def _collect_names(self) -> None:
        self._names = frozenset(
            [p.name for p in self.conference.people]
            + [c.name for c in self.conference.children]
            + [self.conference.family_name, self.conference.chair, self.conference.minute_taker]
        )

    def pane(self, key: str) -> Pane:
        if key not in self.panes:
            item = self.agenda.item(key)
            assert item is not None
            pane = pane_class(key)(
                PaneContext(
                    self.recorder, self.agenda, item, self.reload, self.names, self.go_to_control
                )
            )
            self.panes[key] = pane
            self.stack.addWidget(pane)
            pane.set_presentation(self.presentation)
            pane.load(self.conference)
            self.stack.setCurrentWidget(pane)
            self._apply_lock(pane)
            self.refresh_marks([key])
        else:
            self._catch_up(key)
            if key in self.stale:
                self.panes[key].load(self.conference)
        self.stale.discard(key)
        return self.panes[key]

    def _catch_up(self, key: str) -> None:
        """A pane that was off screen at an F5 or a zoom takes the type and the mode now,
        before it is shown, so that it is laid out once, at the size it is seen in."""
        pane = self.panes[key]
        hold = self.type_held.pop(key, None)
        if hold is not None:
            hold.let_go()
        if key in self.presentation_behind:
            self.presentation_behind.discard(key)
            pane.apply_presentation()

    def hold_the_type(self) -> None:
        """Before a new type size: the panes built but not on screen keep their fields'
        type until next shown (a pane held since an earlier F5 or zoom stays held)."""
        shown = self.stack.currentWidget()
        for key, pane in self.panes.items():
            if pane is not shown and key not in self.type_held:
                self.type_held[key] = TypeHold(pane)

    def let_the_type_go(self) -> None:
        """Every pane's fields take the type now (the palette changed: all is restyled)."""
        for hold in self.type_held.values():
            hold.let_go()
        self.type_held.clear()

    def reload(self) -> None:
        """Read the whole record again and rebuild the visible pane."""
        self.record.reload()
        self.refresh_all()

    def refresh_all(self) -> None:
        """The record was read again: every pane out of date, the one on screen rebuilt."""
        self.rebuild(set(self.panes))

    def rebuild(self, keys: set[str]) -> None:
        """Mark these panes out of date and rebuild the one on screen if it is among them."""
        self._collect_names()
        self.stale |= keys & set(self.panes)
        for key, pane in self.panes.items():
            if key not in self.stale:  # still right: it reads the record as read again
                pane.conference = self.conference
        current = self.current_key()
        if current in self.stale:
            self.pane(current)
        self.header.show_conference(self.conference)
        self.refresh_marks()

    # -- navigation -----------------------------------------------------------
    def current_key(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def show_pane(self, key: str) -> Pane | None:
        if key not in self.keys or (self.presentation and not family_may_see(key)):
            return None
        row = self.keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)
        return self.panes.get(key)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        # Asked before the switch (a pane built now is switched to as it is built): a pane
        # with nothing to take the cursor hands it on along the focus chain, sometimes to
        # the agenda list.
        in_agenda = self.nav.hasFocus()
        self.recorder.flush()
        key = self.keys[row]
        pane = self.pane(key)
        self.stack.setCurrentWidget(pane)
        self.pane_changed.emit(key)
        if not in_agenda:  # chosen by a key or a click: the cursor goes there too
            self.restore_focus()

    # -- focus has an owner -----------------------------------------------------
    def remember_place(self, widget: QWidget) -> None:
        """The field the person is typing in, per pane, to come back to after anything.

        (The pane's :class:`~cprecorder.ui.panes.base.PageScroller` keeps it in view.)
        """
        if widget is not self.nav:
            self.parked_in_agenda = False
        key = widget.property("field_key")
        current = self.current_key()
        pane = self.panes.get(current)
        if key and pane is not None and pane.isAncestorOf(widget):
            entity, entity_id, field = str(key).split(":")
            self.places[current] = (entity, int(entity_id), field)

    def keep_in_view(self, widget: QWidget) -> None:
        """The field with the cursor on screen in the pane shown, if it is still focused."""
        pane = self.panes.get(self.current_key())
        if pane is not None and QApplication.focusWidget() is widget:
            pane.keep_in_view(widget)

    def restore_focus(self) -> None:
        """The cursor back where the person was typing in this pane, else its first field,
        scrolled into view; never nowhere."""
        pane = self.panes.get(self.current_key())
        if pane is None:
            return
        place = self.places.get(self.current_key())
        if place is not None and pane.focus_field(place):
            return
        first = pane.first_field() or self._first_control(pane)
        if first is None and pane.locked:
            # Signed off or read-only, with nothing to read in a field (no children, no
            # items): the banner that says why nothing can be typed here.
            first = pane.lock_label
        if first is None:  # nothing in the pane takes keys: its entry in the agenda does
            self.nav.setFocus(Qt.FocusReason.OtherFocusReason)
            self.parked_in_agenda = True
            return
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        pane.keep_in_view(first)

    @staticmethod
    def _first_control(pane: Pane) -> QWidget | None:
        """A pane with no field (its last item removed): its first button ("Add …")."""
        for widget in pane.page.findChildren(QWidget):
            if (
                widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.isEnabled()
                and widget.isVisibleTo(pane)
            ):
                return widget
        return None

    def step(self, offset: int) -> None:
        """Ctrl+PgDown / Ctrl+PgUp: the next (or previous) agenda item shown."""
        parked = self.nav.hasFocus() and self.parked_in_agenda
        row = self.nav.currentRow()
        for _ in range(len(self.keys)):
            row = (row + offset) % len(self.keys)
            if not self.nav.item(row).isHidden():
                self.nav.setCurrentRow(row)
                if parked:  # put in the agenda by the pane before, not by the person
                    self.restore_focus()
                return

    def go_to_number(self, number: int) -> None:
        visible = [i for i in range(self.nav.count()) if not self.nav.item(i).isHidden()]
        if 1 <= number <= len(visible):
            self.nav.setCurrentRow(visible[number - 1])
            self.restore_focus()

    def go_to_control(self, pane_key: str, name: str) -> bool:
        """Show a pane with the cursor on its control of this name ("Add a child")."""
        self.show_pane(pane_key)
        pane = self.panes.get(pane_key)
        return pane is not None and pane.focus_control(name)

    def focus_field(self, pane_key: str, key: FieldKey) -> bool:
        self.show_pane(pane_key)
        pane = self.panes.get(pane_key)
        return pane.focus_field(key) if pane is not None else False

    # -- changes --------------------------------------------------------------
    def _on_conflict(self, conflict: object) -> None:
        """A save refused because someone else changed the words first: ask, then show."""
        from ...conflicts import EditConflictError
        from ..dialogs.conflict import ask_which

        assert isinstance(conflict, EditConflictError)

        def chosen(choice: str) -> None:
            self.recorder.resolve(conflict, choice)
            self.reload()
            self.restore_focus()  # the pane is built anew: the cursor back in its field

        part = self.record.part(conflict.entity, conflict.entity_id)
        for_the_family = part is not None and all(
            family_may_see(part, field) for field in (*conflict.theirs, *conflict.yours)
        )
        self.questions.append(
            ask_which(self, conflict, chosen, words_shown=for_the_family or not self.presentation)
        )

    def answer_question(self) -> None:
        """F6: the open "Someone else changed this" question takes the keyboard, the
        cursor on its default button once its buttons take keys (it is shown beside the
        field, so typing goes on into the field until then)."""
        self.questions = [q for q in self.questions if isValid(q) and q.isVisible()]
        if not self.questions:
            return
        box = self.questions[-1]
        box.raise_()
        box.activateWindow()
        if box.defaultButton().isEnabled():
            box.defaultButton().setFocus()

    def on_change(self, change: Change) -> None:
        """A saved change (the record is already up to date): refresh what shows it.

        An update patches: panes showing other words for it are marked out of date.
        Anything else rebuilds only the panes that show the parts it touched (all of
        them after a change to people or to the record's status), then each built
        pane hears of it, in the agenda's order.
        """
        if change.operation is Operation.UPDATE:
            self._mark_stale(change, change.values)
            self._marks_timer.start(MARKS_AFTER_EDIT_MS)
            if change.entity in ("conference", "child"):
                self.header.show_conference(self.conference)
            if change.people:
                self._collect_names()
            self._tell_panes(change)
            return
        if change.operation is Operation.REMOVE:
            self.last_removed = change
            if not self.presentation:  # a note for the minute-taker, not the family
                self.message.emit("Item removed. Ctrl+Alt+Z puts it back.")
        focused = QApplication.focusWidget()
        had_focus_key = focused.property("field_key") if focused is not None else None
        control = control_name(focused) if focused is not None and not had_focus_key else ""
        neighbour = (
            self._neighbour_of(focused, change) if change.operation is Operation.REMOVE else None
        )
        self.rebuild(self.touched(change))
        if change.lifecycle:
            self.apply_lock_everywhere()
        self._tell_panes(change)
        current = self.panes.get(self.current_key())
        if current is None:
            return
        if (
            change.operation in ADDS_OR_MOVES
            and change.entity_id is not None
            and current.focus_item(change.entity, change.entity_id)
        ):
            return
        if had_focus_key:
            entity, entity_id, field = str(had_focus_key).split(":")
            if current.focus_field((entity, int(entity_id), field)):
                return
        # An item of the same list: its main field, where Ctrl+Delete removes the next.
        if (
            neighbour is not None
            and neighbour[0] == change.entity
            and current.focus_item(neighbour[0], neighbour[1])
        ):
            return
        if neighbour is not None and current.focus_field(neighbour):
            return
        if current.focus_control(control):  # the button used, to add the next one
            return
        self.restore_focus()  # the field typed in is gone: never leave the cursor nowhere

    def touched(self, change: Change) -> set[str]:
        """The agenda items (panes) that show what a change other than an update touched."""
        if change.people or change.lifecycle or change.entity not in ENTITY_PANE:
            return set(self.keys)
        keys = {ENTITY_PANE[change.entity]}
        for key in self.keys:
            known = known_item(key)
            if known is not None and change.entity in known.also_shows:
                keys.add(key)
        return keys

    def _tell_panes(self, change: Change) -> None:
        for key in self.keys:
            pane = self.panes.get(key)
            if pane is not None and key not in self.stale:
                pane.on_change(change)

    def _neighbour_of(self, focused: QWidget | None, change: Change) -> FieldKey | None:
        """The field before the removed item's (or the next one), to carry on typing in
        (an item of the same list is focused in its main field)."""
        if focused is None:
            return None
        for step in ("previousInFocusChain", "nextInFocusChain"):
            widget: QWidget = focused
            for _ in range(200):
                widget = getattr(widget, step)()
                if widget is focused:
                    break
                key = widget.property("field_key")
                if not key:
                    continue
                entity, entity_id, field = str(key).split(":")
                if (entity, int(entity_id)) != (change.entity, change.entity_id):
                    return (entity, int(entity_id), field)
        return None

    def _mark_stale(self, change: Change, values: dict[str, object]) -> None:
        """Mark for rebuilding the panes (other than this one) that show the edit out of date.

        Free text is shown only in its own field, so a pane needs rebuilding only if it
        has a field for the same text showing other words. A name (or role, or agency) is
        shown by the panes that say so, and those that can put it in place do (they hear
        of the change next). Anything else (attendance, a date, a choice) may be shown
        anywhere: every pane.
        """
        current = self.current_key()
        if change.entity in ("person", "child") and NAME_FIELDS.issuperset(change.fields):
            # A name: only the panes that show it and cannot put the new one in place.
            for key, pane in self.panes.items():
                if key != current and change.entity in pane.shows_names - pane.renames:
                    self.stale.add(key)
            return
        if change.entity_id is None or not free_text_only(change.entity, change.fields):
            # Added to, never set: a pane out of date stays so until it is built again,
            # even the one being switched to (the switch saves first, as it becomes
            # current, and it was shown as it was, a removed child's plan and all).
            self.stale |= set(self.panes) - {current}
            return
        for key, pane in self.panes.items():
            if key == current or key in self.stale:
                continue
            for field in change.fields:
                shown = pane.fields.get((change.entity, change.entity_id, field))
                if shown is not None and shown.text_for_search() != (values.get(field) or ""):
                    self.stale.add(key)
                    break

    def undo_remove(self) -> None:
        if self.last_removed is None:
            self.message.emit("There is nothing to put back.")
            return
        from ... import operations as op

        change = self.last_removed
        self.last_removed = None
        self.recorder.run(op.restore_item, conference_id=self.conference_id, change=change)

    def refresh_marks(self, keys: list[str] | None = None) -> None:
        """The quiet mark beside each agenda entry (``keys``: only these entries)."""
        for row, key in enumerate(self.keys):
            if keys is not None and key not in keys:
                continue
            item = self.agenda.item(key)
            known = known_item(key)
            assert item is not None and known is not None  # the agenda's items are known
            try:
                filled, expected = known.completeness(item, self.conference)
            except Exception:  # an estimate must never stop the window
                log.exception("completeness of %s", key)
                filled, expected = 0, 0
            entry = self.nav.item(row)
            entry.setText(f"{completeness_mark(filled, expected)}  {item.title}")
            entry.setToolTip(f"{filled} of {expected} parts filled" if expected else item.title)
            entry.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{item.title}, {filled} of {expected} filled" if expected else item.title,
            )
        self.nav.fit_entries()

    # -- modes ----------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        self.presentation = on
        self.banner.setVisible(on)
        if on:  # a Find from before, and where it got to, are not for the shared screen
            self.find_bar.clear()
            self.find_bar.hide()
            self._find_from = 0
        for row, key in enumerate(self.keys):
            self.nav.item(row).setHidden(on and not family_may_see(key))
        shown = self.stack.currentWidget()
        for key, pane in self.panes.items():
            if pane is shown:
                pane.set_presentation(on)
            else:  # what it hides, it hides when next shown (before it is painted)
                pane.presentation = on
                self.presentation_behind.add(key)
        if on and not family_may_see(self.current_key()):
            self.step(1)

    @contextmanager
    def laid_out_once(self) -> Iterator[None]:
        """The page on screen is laid out once, at the end, for what changed meanwhile
        (the agenda's width, the type): its fields are not moved to a new width, made to
        lay their words out there, and then moved again as their neighbours take the
        new type."""
        pane = self.stack.currentWidget()
        if not isinstance(pane, Pane):
            yield
            return
        layout = pane.page_layout
        layout.setEnabled(False)
        try:
            yield
        finally:
            margins = layout.contentsMargins()
            body = pane.scroller.viewport().width() - margins.left() - margins.right()
            pane.fit_to(body)
            layout.setEnabled(True)
            layout.invalidate()
            layout.activate()

    def before_theme(self, zoom_percent: int) -> None:
        """Before a new type size: the agenda takes the width it has at that size, so
        that the pane's fields, narrowed first, lay their words out once at the new type
        and the new width, not at the new type and then again at the new width."""
        sizes = self.splitter.sizes()
        total = sum(sizes) or 1280
        # As wide as its longest title needs at that size, at most a share of the window
        # (the pane is what is read; a longer title wraps at a word), never below the
        # least that reads.
        point_size = round(BASE_POINT_SIZE * zoom_percent / 100 * TYPE_SCALES["AgendaList"], 1)
        width = min(
            480,
            int(270 * zoom_percent / 100),
            self.nav.width_for_titles(point_size),
            int(total * AGENDA_SHARE),
        )
        width = max(AGENDA_LEAST, width)
        self.nav.setMinimumWidth(width)
        self.splitter.setSizes([width, max(400, total - width)])

    def after_theme(self, zoom_percent: int) -> None:
        """Type size changed: fit the agenda's entries to their words again.

        (Each text field fits its words itself when its font changes.)"""
        self.nav.refit()

    def set_read_only(self, reason: str) -> None:
        """Another window holds this conference: show it, change nothing."""
        self.record.set_read_only(reason)

    def _on_read_only(self, reason: str) -> None:
        self.apply_lock_everywhere()
        if reason:
            self.message.emit(reason)

    def _apply_lock(self, pane: Pane) -> None:
        status = self.conference.status
        reason = self.record.read_only
        if reason and status is not RecordStatus.SIGNED_OFF:
            pane.set_locked(True, reason)
            return
        if status is RecordStatus.SIGNED_OFF:
            when = (
                moment_in_words(local_moment(self.conference.signed_off_at))
                if self.conference.signed_off_at
                else ""
            )
            pane.set_locked(
                True,
                f"This record was signed off by "
                f"{self.conference.signed_off_by} on {when} and can no longer "
                "be changed. An addendum can be added from the Record menu.",
            )
        else:
            pane.set_locked(False)

    def apply_lock_everywhere(self) -> None:
        for pane in self.panes.values():
            self._apply_lock(pane)

    # -- find -----------------------------------------------------------------
    def open_find(self) -> None:
        self.find_bar.show()
        self.find_bar.setFocus()
        self.find_bar.selectAll()

    def find_next(self) -> bool:
        needle = self.find_bar.text().strip().casefold()
        if not needle:
            return False
        from ...agenda.record_index import text_places

        self.recorder.flush()
        places = [
            p
            for p in text_places(self.conference)
            if needle in p.text.casefold()
            and not (self.presentation and p.confidential)
            and p.pane in self.keys
        ]
        if not places:
            self.message.emit("No match in this record.")
            return False
        place = places[self._find_from % len(places)]
        self._find_from += 1
        item = self.agenda.item(place.pane)
        where = item.title if item is not None else place.pane
        number = (self._find_from - 1) % len(places) + 1
        self.message.emit(f"Match {number} of {len(places)} — {where}")
        found = self.focus_field(place.pane, (place.entity, place.entity_id, place.field))
        if found:
            self._select_in_focus(needle)
        return found

    @staticmethod
    def _select_in_focus(needle: str) -> None:
        from PySide6.QtGui import QTextCursor
        from PySide6.QtWidgets import QTextEdit

        widget = QApplication.focusWidget()
        if isinstance(widget, QLineEdit):
            start = widget.text().casefold().find(needle)
            if start >= 0:
                widget.setSelection(start, len(needle))
        elif isinstance(widget, QTextEdit):
            text = widget.toPlainText().casefold()
            start = text.find(needle)
            if start >= 0:
                cursor = widget.textCursor()
                cursor.setPosition(start)
                cursor.setPosition(start + len(needle), QTextCursor.MoveMode.KeepAnchor)
                widget.setTextCursor(cursor)

    def eventFilter(self, watched: object, event: object) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if (
            watched is self.find_bar
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            self.find_bar.hide()
            self.restore_focus()
            return True
        return False
