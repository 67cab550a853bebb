"""What every agenda pane has: a title, the agenda's prompt, bound fields, a lock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...agenda import Agenda, AgendaItem
from ...model import Conference, Operation, Person
from ...model.base import Base
from ...model.registry import PERSON_FIELDS
from ...operations import Change
from ...operations.change import NAME_FIELDS
from ...sharing import family_may_see
from ..recording.recorder import Recorder
from ..widgets.fields import Bound, FieldKey
from ..widgets.labels import PanePrompt, PaneTitle, SectionTitle


def control_name(widget: QWidget) -> str:
    """What a control is called: its accessible name, else a button's words."""
    if widget.accessibleName():
        return widget.accessibleName()
    return widget.text() if isinstance(widget, QAbstractButton) else ""


def _hidden_below(widget: QWidget, top: QWidget) -> bool:
    """Whether the widget, or a parent of it below ``top``, was hidden on purpose.

    A body just built is not shown until the event loop runs, so being visible is
    not yet the question.
    """
    current: QWidget | None = widget
    while current is not None and current is not top:
        if current.isHidden() and current.testAttribute(
            Qt.WidgetAttribute.WA_WState_ExplicitShowHide
        ):
            return True
        current = current.parentWidget()
    return False


READ_ONLY_PLACEHOLDER = "Read only"


class LockedTyping(QObject):
    """Typing into a field of a locked pane is answered in the field: why nothing changes.

    A read-only record (another window holds it, or it is signed off) shows its fields
    greyed and dashed; a key that would change words shows the reason where the cursor
    is, instead of being ignored without a word.
    """

    def __init__(self, pane: Pane) -> None:
        super().__init__(pane)
        self.pane = pane

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not self.pane.locked:
            return False
        assert isinstance(event, QKeyEvent)
        editing = bool(event.text().strip()) or event.key() in (
            Qt.Key.Key_Backspace,
            Qt.Key.Key_Delete,
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        )
        if not editing or event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        if isinstance(watched, QWidget):
            spot = (
                watched.cursorRect().bottomLeft()
                if isinstance(watched, QTextEdit)
                else watched.rect().bottomLeft()
            )
            QToolTip.showText(watched.mapToGlobal(spot), self.pane.lock_reason, watched)
        return True


class PageScroller(QScrollArea):
    """A pane's scroll area: the view follows the cursor, never an arrow key.

    It never has the keyboard itself; an arrow a field does not use (Ctrl+↓ in a box that
    is not an item to move) came up to it and scrolled the page a step, and four of them
    took the field being typed in off screen. The wheel and the scroll bar still scroll.

    It is the one place the view follows the cursor: when the focus moves into its page
    (by Tab, a click, or the app putting the cursor back), and when the page is laid out
    anew, the field with the cursor is scrolled into view by :meth:`keep_in_view`.
    """

    def __init__(self) -> None:
        super().__init__()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_moved)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ARROWS:
            event.ignore()
            return
        super().keyPressEvent(event)

    def keep_in_view(self, widget: QWidget) -> None:
        """Scroll so the field (for long text, the line with the cursor) is on screen.

        A line field is shown whole (its left end first if it is wider than the view), not
        where it says its cursor is: a line field places its cursor from where its words
        were last painted, and one whose cursor went to the end of words longer than the
        field (Tab selects them all) without being painted since (it is off screen) says
        its cursor is far right of the field. Qt's own scrolling to a focused widget goes
        there, and the field itself was left off screen (the keyboard monkey's 145277).
        """
        page = self.widget()
        if page is None or not page.isAncestorOf(widget):
            return
        if isinstance(widget, QTextEdit):
            spot = widget.cursorRect()
            centre = widget.viewport().mapTo(page, spot.center())
            self.ensureVisible(centre.x(), centre.y(), 50, max(60, spot.height() * 2))
            return
        field = QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())
        shown = QRect(-page.pos(), self.viewport().size())
        if shown.contains(field):
            return  # on screen already: the view stays where the person left it
        wanted = field.adjusted(-50, -60, 50, 60)
        for bar, start, end, length in (
            (self.horizontalScrollBar(), wanted.left(), wanted.right(), shown.width()),
            (self.verticalScrollBar(), wanted.top(), wanted.bottom(), shown.height()),
        ):
            if end - start + 1 > length or start < bar.value():
                bar.setValue(start)  # what does not fit shows its start
            elif end >= bar.value() + length:
                bar.setValue(end - length + 1)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab move as anywhere; the view follows as :meth:`keep_in_view`
        says, not as Qt's scroll area would (to where a line field last painted its cursor)."""
        return QWidget.focusNextPrevChild(self, next)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.isAncestorOf(new):
            return
        # In view now, and again once the page has laid out what the move changed (a
        # field deleted meanwhile, its pane rebuilt, drops the call).
        self.keep_in_view(new)
        QTimer.singleShot(0, new, lambda: self._still_focused(new))

    def _still_focused(self, widget: QWidget) -> None:
        if QApplication.focusWidget() is widget:
            self.keep_in_view(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The page laid out anew (fields fitting their words once a pane rebuilt off
        screen is shown, or in a new type size): the field with the cursor, scrolled into
        view before, is kept there, at the page's final layout."""
        handled = super().eventFilter(watched, event)
        if event.type() == QEvent.Type.Resize and watched is self.widget():
            focused = QApplication.focusWidget()
            if focused is not None:
                self.keep_in_view(focused)
        return handled


ARROWS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)


@dataclass
class PaneContext:
    """What a pane may use: the recorder, the agenda, and who is at the keyboard."""

    recorder: Recorder
    agenda: Agenda
    item: AgendaItem
    #: Ask the window to reload the record and refresh (after a structural change).
    refresh: Callable[[], None]
    #: Words never flagged as misspelt: the names of the people in the conference.
    names: Callable[[], frozenset[str]] = frozenset
    #: Show another agenda item with the cursor on its control of this
    #: :func:`control_name` (where a pane with nothing to type in yet is filled from).
    go_to_control: Callable[[str, str], bool] = lambda _key, _control: False


class Pane(QWidget):
    """One agenda item. Subclasses build their widgets in :meth:`build`."""

    key = ""
    #: Whose names this pane shows ("person", "child"): renaming one makes it out of date,
    #: unless it is in :attr:`renames` (the pane puts the new name in place itself).
    shows_names: frozenset[str] = frozenset({"person", "child"})
    #: The names it puts in place on a rename (:meth:`rename_person`), without a rebuild.
    renames: frozenset[str] = frozenset()
    #: Whether its choices of people name their agency (see :func:`people_choices`).
    people_agency = True

    def __init__(self, context: PaneContext) -> None:
        super().__init__()
        self.context = context
        self.recorder = context.recorder
        self.conference: Conference | None = None
        self.fields: dict[FieldKey, Bound] = {}
        self.locked = False
        self.lock_reason = ""
        self.presentation = False
        #: Whether confidential widgets of the body are hidden now (by presentation mode).
        self._confidential_hidden = False
        self.setObjectName(f"pane-{self.key}")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroller = PageScroller()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        # Tab goes from field to field; the scroll area itself never takes the keys.
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(self.scroller)
        self.page = QWidget()
        self.page.setObjectName("page")
        self.scroller.setWidget(self.page)
        self.page_layout = QVBoxLayout(self.page)
        self.page_layout.setContentsMargins(32, 24, 32, 32)
        self.page_layout.setSpacing(12)

        self.title_label = PaneTitle(context.item.title)
        self.title_label.setObjectName("paneTitle")
        self.title_label.setWordWrap(True)
        self.prompt_label = PanePrompt(context.item.prompt)
        self.prompt_label.setObjectName("panePrompt")
        self.prompt_label.setWordWrap(True)
        self._locked_typing = LockedTyping(self)
        self.lock_label = QLabel()
        self.lock_label.setObjectName("lockBanner")
        self.lock_label.setWordWrap(True)
        # Where the cursor goes in a locked pane with no field to read (see
        # ConferenceView.restore_focus); keys typed there are answered with why.
        self.lock_label.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.lock_label.installEventFilter(self._locked_typing)
        self.lock_label.hide()
        self.page_layout.addWidget(self.title_label)
        self.page_layout.addWidget(self.prompt_label)
        self.page_layout.addWidget(self.lock_label)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 8, 0, 0)
        self.body_layout.setSpacing(16)
        self.page_layout.addWidget(self.body)
        self.page_layout.addStretch(1)

    # -- building ------------------------------------------------------------
    def load(self, conference: Conference) -> None:
        """Rebuild from the record."""
        self.conference = conference
        self.fields.clear()
        self.__dict__.pop("_alt_letters", None)  # the new body hands out Alt+letters afresh
        fresh = QWidget()
        layout = QVBoxLayout(fresh)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(16)
        self.body_layout = layout
        self.build(conference, layout)
        top = self.scroller.verticalScrollBar().value()
        self.page_layout.replaceWidget(self.body, fresh)
        # Hidden at once: until it is deleted it would still be laid out and painted.
        self.body.hide()
        self.body.deleteLater()
        self.body = fresh
        self._confidential_hidden = False  # a fresh body shows everything
        self.apply_lock()
        self.apply_presentation()
        self._lay_out_now(top)

    def _lay_out_now(self, top: int) -> None:
        """Lay the new body out before anything is painted, at the place the person was.

        Added to a page on screen, the body would be shown only once control returns to
        the event loop, and until then the layout counts it as empty: the page shrinks,
        the scroll bar goes back to the top, and a field the cursor is put in would be
        scrolled to with the geometry of a body not laid out yet. The view jumped.
        """
        if not self.page.isVisible():
            return
        self.body.show()
        for _ in range(3):  # text fields fit their words once they have a width
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.scroller.verticalScrollBar().setValue(top)

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        raise NotImplementedError

    def register(self, field: Bound, *, part: Base | None = None) -> Bound:
        """Make a field findable, lockable, and checked for jargon and spelling.

        ``part`` is the part of the record the field shows, when the family may not
        see every such part (a worry may be confidential): the field then hides on a
        shared screen and has no jargon marks, as :func:`family_may_see` decides.
        """
        self.fields[field.key] = field
        confidential = part is not None and not family_may_see(part, field.key[2])
        if confidential:
            field.confidential = True
            field.as_widget().setProperty("confidential", True)
        widget = field.as_widget()
        if self.locked:  # otherwise installed when the pane is locked (see apply_lock)
            widget.installEventFilter(self._locked_typing)
        if isinstance(widget, QTextEdit):  # the line being typed never scrolls off screen
            widget.cursorPositionChanged.connect(lambda w=widget: self._typing_in(w))
        if isinstance(widget, QTextEdit | QLineEdit):
            from ..widgets.language_marks import attach_language_tools

            # The family never reads professionals-only text: no jargon marks there.
            attach_language_tools(widget, extra_words=self.context.names, jargon=not confidential)
        return field

    def section(
        self, title: str, layout: QVBoxLayout, hint: str = "", *, confidential: bool = False
    ) -> QVBoxLayout:
        """A titled group inside the pane; a confidential one hides on a shared screen."""
        frame = QFrame()
        frame.setObjectName("section")
        if confidential:
            frame.setProperty("confidential", True)
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(16, 12, 16, 16)
        inner.setSpacing(8)
        heading = SectionTitle(title)
        heading.setObjectName("sectionTitle")
        heading.setWordWrap(True)
        inner.addWidget(heading)
        if hint:
            note = QLabel(hint)
            note.setObjectName("sectionHint")
            note.setWordWrap(True)
            inner.addWidget(note)
        layout.addWidget(frame)
        return inner

    @staticmethod
    def form(layout: QVBoxLayout) -> QFormLayout:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        layout.addLayout(form)
        return form

    def label_for(self, text: str, buddy: QWidget) -> QLabel:
        """A label that takes the cursor to ``buddy`` with Alt+its letter, if that letter is
        still free in this pane (not a menu's, not an earlier label's): one key, one place."""
        from ..shell.window_actions import MENU_TITLES, alt_letter

        taken = self.__dict__.setdefault(
            "_alt_letters", {alt_letter(title) for title in MENU_TITLES.values()}
        )
        letter = alt_letter(text)
        if letter and letter in taken:
            text = text.replace("&&", "\0").replace("&", "").replace("\0", "&&")
        elif letter:
            taken.add(letter)
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # -- state ---------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        """A saved change to the record (already applied to it), told to every built pane
        that is not out of date, after the view's own refresh: patch in place if it
        matters here. A pane that shows something derived from the record extends it."""
        if (
            change.operation is Operation.UPDATE
            and change.entity == "person"
            and "person" in self.renames
            and NAME_FIELDS.intersection(change.fields)
            and self.conference is not None
        ):
            person = next((p for p in self.conference.people if p.id == change.entity_id), None)
            if person is not None:
                self.rename_person(person)

    def rename_person(self, person: Person) -> None:
        """A person's name (or role, or agency) changed: show the new words where they are.

        Every choice of people (a field that holds a person) is relabelled here; a pane
        showing names elsewhere extends this and lists "person" in :attr:`renames`.
        """
        for field in self.fields.values():
            if isinstance(field, QComboBox) and field.key[2] in PERSON_FIELDS:
                index = field.findData(person.id)
                if index >= 0:
                    field.setItemText(index, person_choice(person, agency=self.people_agency))

    def keep_in_view(self, widget: QWidget) -> None:
        """Scroll so the field (for long text, the line with the cursor) is on screen."""
        self.scroller.keep_in_view(widget)

    def _typing_in(self, widget: QWidget) -> None:
        if widget.hasFocus():
            self.keep_in_view(widget)

    def focus_field(self, key: FieldKey) -> bool:
        field = self.fields.get(key)
        if field is None:
            return False
        widget = field.as_widget()
        if not widget.isVisible() and self.presentation and field.confidential:
            return False
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.keep_in_view(widget)  # had it the focus already, the move scrolled nothing
        return True

    def focus_item(self, entity: str, entity_id: int) -> bool:
        """Focus an item's main field (the one Enter and Ctrl+arrows work in)."""
        from ..widgets.item_list import ItemList

        for item_list in self.findChildren(ItemList):
            field = item_list.main_fields.get(entity_id)
            if item_list.entity == entity and field is not None:
                return self.focus_field(field.key)
        for key in self.fields:
            if key[0] == entity and key[1] == entity_id:
                return self.focus_field(key)
        return False

    def focus_control(self, name: str) -> bool:
        """Focus the enabled control (a button, a choice) of this :func:`control_name`.

        After an addition that has no field of its own (a member of the core group), the
        cursor goes back to the control the person used, to add the next one.
        """
        if not name:
            return False
        for widget in self.body.findChildren(QWidget):
            if (
                control_name(widget) == name
                and widget.isEnabled()
                and not _hidden_below(widget, self.body)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                self.keep_in_view(widget)
                return True
        return False

    def first_field(self) -> QWidget | None:
        for field in self.fields.values():
            widget = field.as_widget()
            if widget.isEnabled() and not (self.presentation and field.confidential):
                return widget
        return None

    def set_locked(self, locked: bool, reason: str = "") -> None:
        self.locked = locked
        self.lock_reason = reason
        self.apply_lock()

    def apply_lock(self) -> None:
        self.lock_label.setText(self.lock_reason)
        self.lock_label.setVisible(self.locked)
        for field in self.fields.values():
            field.set_locked(self.locked)
            widget = field.as_widget()
            # Only a locked field answers keys with why; an editable one is not slowed by it.
            if self.locked:
                widget.installEventFilter(self._locked_typing)
            else:
                widget.removeEventFilter(self._locked_typing)
            if isinstance(widget, QTextEdit | QLineEdit):  # an empty field says so too
                prompt = widget.property("typingPlaceholder")
                if prompt is None:
                    prompt = widget.placeholderText()
                    widget.setProperty("typingPlaceholder", prompt)
                widget.setPlaceholderText(READ_ONLY_PLACEHOLDER if self.locked else str(prompt))
        for button in self.findChildren(QWidget, "editButton"):
            button.setVisible(not self.locked)

    def set_presentation(self, on: bool) -> None:
        self.presentation = on
        self.apply_presentation()

    def apply_presentation(self) -> None:
        """On a shared screen, everything marked confidential is hidden."""
        if not self.presentation and not self._confidential_hidden:
            return  # nothing hidden, nothing to show again: no walk over every widget
        for widget in self.findChildren(QWidget):
            if widget.property("confidential"):
                widget.setVisible(not self.presentation)
        self._confidential_hidden = self.presentation


def people_choices(
    conference: Conference, *, professionals_only: bool = False, agency: bool = True
) -> list[tuple[str, Any]]:
    """People as choices for a combo box: "Name (role, agency)"; without the agency
    "Name (role)", where a half-width column must show the name and role whole."""
    from ...model import PersonKind

    return [
        (person_choice(p, agency=agency), p.id)
        for p in conference.people
        if not professionals_only or p.kind is PersonKind.PROFESSIONAL
    ]


def person_choice(person: Person, *, agency: bool = True) -> str:
    """How a combo box names a person (see :func:`people_choices`)."""
    if agency or not person.role:
        return person.label or "(no name yet)"
    return f"{person.name or '(no name yet)'} ({person.role})"
