"""The main window: the start view or a conference being recorded, menus, shortcuts.

The window is painted before the records are opened: :class:`MainWindow` can be
built without a store (menus, toolbar and "Opening your records…"), and
:meth:`MainWindow.attach` adds the store, the start view and the record menu
once it is open. So this module imports only Qt at its top; SQLAlchemy, the
store, the panes and the dialogs are imported where they are first needed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Not ``Qt`` (the namespace of every enum): building it takes longer than a tenth of the
# first paint; the code that runs after the first frame imports it where it needs it.
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
    QPaintEvent,
    QShortcut,
    QWindow,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .settings import (
    GEOMETRY,
    HIGH_CONTRAST,
    LAST_CONFERENCE,
    LAST_FIELD,
    LAST_PANE,
    PRESENTATION_ZOOM,
    SHARED_HIGH_CONTRAST,
    ZOOM,
    ZOOM_MAX,
    ZOOM_MIN,
    ZOOM_STEP,
    Settings,
)
from .theme import apply_theme
from .window_actions import (
    JOURNEY_ACTIONS,
    MENU_TITLES,
    SHARED_ACTIONS,
    ActionId,
    WindowState,
    build_actions,
    offered,
)

if TYPE_CHECKING:
    from ...actor import Actor
    from ...operations import Change
    from ...recovery import RecoveryJournal
    from ...store import Store
    from ...team_server import ServerLogin
    from ..recording.conference_view import ConferenceView
    from ..shared.window import SharedWindow
    from .button_keys import ButtonKeys
    from .journey_view import JourneyView
    from .start_view import StartView

log = logging.getLogger(__name__)

#: How long a status message that only answers a key ("Zoom 120%", "Saved.") stays.
PASSING_MESSAGE_MS = 4000

#: Asked on closing a conference when changes could neither be saved nor kept in the
#: recovery file: Yes loses them, so No is what Enter answers.
NOT_SAVED = (
    "Some changes could not be saved, nor kept in the recovery file. "
    "If you close now they are lost. Close anyway?"
)


def signed_in_as(store: Store) -> ServerLogin | None:
    """The team server's login of this window (None on SQLite, or if it cannot be read)."""
    from ...errors import KnownError
    from ...team_server import server_login

    try:
        return server_login(store)
    except KnownError:  # the server cannot be read now: its first refusal will say why
        return None


class OpeningNote(QLabel):
    """ "Opening your records…": what the window shows until the store is open.

    Its first paint tells the window the frame is on screen, so the slow work
    (SQLAlchemy, the store, the last conference) starts only after a person can
    see the window.
    """

    painted = Signal()

    def __init__(self) -> None:
        super().__init__("Opening your records…")
        self.setObjectName("emptyNote")
        self._told = False

    def centred(self) -> QWidget:
        """The note in the middle of an otherwise empty page (stretches, not alignment flags)."""
        page = QWidget()
        rows = QVBoxLayout(page)
        line = QHBoxLayout()
        line.addStretch(1)
        line.addWidget(self)
        line.addStretch(1)
        rows.addStretch(1)
        rows.addLayout(line)
        rows.addStretch(1)
        return page

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._told:
            self._told = True
            # After this paint pass ends (the frame is flushed), not inside it.
            QTimer.singleShot(0, self.painted.emit)


def kept_for_the_field(event: QKeyEvent) -> bool:
    """A key that types or moves between fields, not a shortcut (Ctrl, Alt) or a bare modifier."""
    from PySide6.QtCore import Qt

    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return False
    moves = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter)
    return bool(event.text().strip("\r\t\x1b")) or event.key() in (*moves, Qt.Key.Key_Backspace)


class MainWindow(QMainWindow):
    #: The window's first frame is on screen (only for a window built without a store).
    first_painted = Signal()
    #: The records are open and the start view or the last conference is shown.
    ready = Signal()
    #: After ``ready`` and its first frame: the menus and the status bar are complete.
    settled = Signal()
    #: What the actions offer was worked out again (after a change, a person, a screen).
    actions_changed = Signal()

    store: Store
    actor: Actor

    def __init__(
        self,
        store: Store | None,
        actor: Actor | None,
        settings: Settings,
        journal: RecoveryJournal | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.journal = journal
        self.view: ConferenceView | None = None
        #: The window shared in Teams, once opened (View → Open the shared window).
        self.shared: SharedWindow | None = None
        self.login: ServerLogin | None = None
        self.reading_only = ""
        self.presentation = False
        #: Presentation mode is being switched: another F5 now was pressed before the
        #: first was answered (nothing seemed to happen), and is not a second wish.
        self._switching = False
        #: "Close anyway?" was answered Yes: the conference closes without saving again.
        self._closing_unsaved = False
        self.attached = False
        self.record_menu_wired = False
        self._start: StartView | None = None
        self.journey_view: JourneyView | None = None
        #: Keys typed while "Opening your records…" shows, for the field once it is ready.
        self._typed_ahead: list[QKeyEvent] | None = None
        self.setWindowTitle("CP Recorder")
        self.resize(1360, 860)
        geometry = settings.get(GEOMETRY)
        if geometry:
            self.restoreGeometry(geometry)

        self.actions_ = build_actions(self)
        self._build_menus()
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.status = QLabel()
        self.statusBar().addWidget(self.status, 1)
        # A message that only answers a key ("Zoom 120%") goes after a while; one that
        # stays true until something changes stays until then.
        self._message_passes = QTimer(self)
        self._message_passes.setSingleShot(True)
        self._message_passes.timeout.connect(lambda: self.status.setText(""))
        #: Whether the message shown stays true whichever record is open ("You are …").
        self._message_lasts = False
        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.activated.connect(lambda n=number: self._in_view("go_to_number", n))
        #: Made when a button first has the focus (it needs Qt's enums, slow to build).
        self._button_keys: ButtonKeys | None = None
        QApplication.instance().focusChanged.connect(self._remember_focus)  # type: ignore[union-attr]
        QApplication.instance().focusWindowChanged.connect(self._focus_to_a_closed_menu)  # type: ignore[union-attr]
        self.apply_theme()
        if store is not None and actor is not None:
            self.attach(store, actor, journal)
        else:
            self.opening = OpeningNote()
            self.opening.painted.connect(self.first_painted)
            self._typed_ahead = []
            self.ready.connect(self.type_ahead)  # at once: before any key typed later
            self.stack.addWidget(self.opening.centred())
            self.update_actions()

    def attach(
        self,
        store: Store,
        actor: Actor,
        journal: RecoveryJournal | None = None,
        *,
        wire_record_menu: bool = True,
    ) -> None:
        """The records are open: conferences can be listed and opened.

        ``wire_record_menu=False`` leaves the review, sign-off, addendum and audit
        actions off until :meth:`wire_record_menu` (they bring in the review rules and
        their dialogs, which the first keystroke does not need).
        """
        self.store = store
        from ...team_server import as_the_server_says

        self.login = signed_in_as(store)
        self.actor = as_the_server_says(actor, self.login)
        #: Why this window changes nothing at all (a data officer's login), or "".
        self.reading_only = self.login.read_only if self.login is not None else ""
        self.journal = journal
        self.attached = True
        if wire_record_menu:
            self.wire_record_menu()
        self.update_actions()

    def wire_record_menu(self) -> None:
        """Connect the Record menu's review, sign-off, addendum and audit actions."""
        from ..review.record_menu import connect_record_actions

        if self.record_menu_wired or not self.attached:
            return
        self.record_menu_wired = True
        connect_record_actions(self)
        self.update_actions()

    @property
    def start(self) -> StartView:
        """The list of conferences, built the first time it is needed."""
        if self._start is None:
            from .start_view import StartView

            self._start = StartView(self.store)
            self._start.open_requested.connect(self.open_conference)
            self._start.new_requested.connect(self.new_conference)
            self._start.case_requested.connect(self.show_journey)
            self._start.review_requested.connect(self.start_review)
            self._start.withdraw_requested.connect(self.withdraw_conference)
            self._start.set_presentation(self.presentation)
            self.stack.addWidget(self._start)
        return self._start

    def tell_if_spelling_is_off(self) -> None:
        """Say in the status bar why words are not checked, if they are not."""
        from ..widgets.language_marks import spelling_unavailable_reason

        spelling_off = spelling_unavailable_reason()
        if spelling_off:
            self.show_message(spelling_off, lasting=True)

    # -- menus ----------------------------------------------------------------
    def _build_menus(self) -> None:
        a = self.actions_
        file_menu = self.menuBar().addMenu(MENU_TITLES["file"])
        for action_id in (
            ActionId.NEW_CONFERENCE,
            ActionId.OPEN_CONFERENCES,
            ActionId.SAVE,
            ActionId.EXPORT,
            ActionId.CALENDAR,
        ):
            file_menu.addAction(a[action_id])
        file_menu.addSeparator()
        for action_id in JOURNEY_ACTIONS:
            file_menu.addAction(a[action_id])
        file_menu.addSeparator()
        file_menu.addAction(a[ActionId.WHO_AM_I])
        file_menu.addAction(a[ActionId.QUIT])
        edit_menu = self.menuBar().addMenu(MENU_TITLES["edit"])
        for action_id in (ActionId.FIND, ActionId.FIND_NEXT, ActionId.UNDO_REMOVE):
            edit_menu.addAction(a[action_id])
        view_menu = self.menuBar().addMenu(MENU_TITLES["view"])
        for action_id in (
            ActionId.PRESENTATION,
            ActionId.HIGH_CONTRAST,
            ActionId.ZOOM_IN,
            ActionId.ZOOM_OUT,
            ActionId.NEXT_ITEM,
            ActionId.PREVIOUS_ITEM,
        ):
            view_menu.addAction(a[action_id])
        view_menu.addSeparator()
        for action_id in SHARED_ACTIONS:
            view_menu.addAction(a[action_id])
        self.record_menu = self.menuBar().addMenu(MENU_TITLES["record"])
        for action_id in (
            ActionId.HAND_OVER,
            ActionId.TAKE_BACK,
            ActionId.REVIEW,
            ActionId.SIGN_OFF,
            ActionId.ADDENDUM,
            ActionId.AUDIT,
        ):
            self.record_menu.addAction(a[action_id])

        # The actions have no icons, so the toolbar shows their words as it is.
        toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        for action_id in (
            ActionId.OPEN_CONFERENCES,
            ActionId.FIND,
            ActionId.PRESENTATION,
            ActionId.SHARED_WINDOW,
            ActionId.EXPORT,
        ):
            toolbar.addAction(a[action_id])
        self.addToolBar(toolbar)

        a[ActionId.NEW_CONFERENCE].triggered.connect(self.new_conference)
        a[ActionId.OPEN_CONFERENCES].triggered.connect(self.show_start)
        a[ActionId.SAVE].triggered.connect(self.save_now)
        a[ActionId.QUIT].triggered.connect(self.close)
        a[ActionId.FIND].triggered.connect(lambda: self._in_view("open_find"))
        a[ActionId.FIND_NEXT].triggered.connect(lambda: self._in_view("find_next"))
        a[ActionId.UNDO_REMOVE].triggered.connect(lambda: self._in_view("undo_remove"))
        a[ActionId.PRESENTATION].toggled.connect(self.set_presentation)
        a[ActionId.HIGH_CONTRAST].setChecked(self.settings.get(HIGH_CONTRAST))
        a[ActionId.HIGH_CONTRAST].toggled.connect(self._set_high_contrast)
        a[ActionId.ZOOM_IN].triggered.connect(lambda: self.zoom(ZOOM_STEP))
        a[ActionId.ZOOM_OUT].triggered.connect(lambda: self.zoom(-ZOOM_STEP))
        a[ActionId.NEXT_ITEM].triggered.connect(lambda: self._in_view("step", 1))
        a[ActionId.PREVIOUS_ITEM].triggered.connect(lambda: self._in_view("step", -1))
        a[ActionId.HAND_OVER].triggered.connect(self.hand_over)
        a[ActionId.TAKE_BACK].triggered.connect(self.take_back)
        a[ActionId.EXPORT].triggered.connect(self.export)
        a[ActionId.CALENDAR].triggered.connect(self.save_calendar)
        a[ActionId.WHO_AM_I].triggered.connect(self.ask_identity)
        a[ActionId.JOURNEY].triggered.connect(lambda: self.show_journey())
        a[ActionId.START_REVIEW].triggered.connect(lambda: self.start_review())
        a[ActionId.START_CORE_GROUP].triggered.connect(lambda: self.start_core_group())
        a[ActionId.SHARED_WINDOW].triggered.connect(self.open_shared_window)
        a[ActionId.SHARED_PAUSE].toggled.connect(lambda on: self._with_shared("set_paused", on))
        a[ActionId.SHARED_BLANK].toggled.connect(lambda on: self._with_shared("set_blanked", on))
        a[ActionId.SHARED_ZOOM_IN].triggered.connect(lambda: self.zoom_shared(1))
        a[ActionId.SHARED_ZOOM_OUT].triggered.connect(lambda: self.zoom_shared(-1))
        a[ActionId.SHARED_HIGH_CONTRAST].setChecked(self.settings.get(SHARED_HIGH_CONTRAST))
        a[ActionId.SHARED_HIGH_CONTRAST].toggled.connect(
            lambda on: self._with_shared("set_high_contrast", on)
        )

    def _in_view(self, method: str, *args: object) -> None:
        """Run a conference view's method if a conference is open."""
        if self.view is not None:
            getattr(self.view, method)(*args)

    def follow_record(self, _what: object = None) -> None:
        """A change saved, or the record read-only here (or editable again): the actions
        offered follow it. A method of the window, so that it is called only while the
        window exists (a lambda would be called on a window half deleted)."""
        self.update_actions()

    def update_actions(self) -> None:
        """Offer each action as :func:`offered` says, for this record, person and status."""
        view = self.view
        state = WindowState(
            records_open=self.attached,
            record_menu=self.record_menu_wired,
            journey_on_screen=(
                self.journey_view is not None and self.stack.currentWidget() is self.journey_view
            ),
            reading_only=bool(self.reading_only),
        )
        offers = offered(
            view.conference if view is not None else None,
            getattr(self, "actor", None),
            state,
            read_only=view.record.read_only if view is not None else "",
        )
        for action_id, (enabled, words) in offers.items():
            action = self.actions_[action_id]
            if action.text() != words:
                action.setText(words)
            if action.isEnabled() != enabled:
                action.setEnabled(enabled)
        self.actions_changed.emit()

    # -- the family's journey -------------------------------------------------
    def _rules(self) -> object:
        from ...rules.authority import load_authority_settings

        return load_authority_settings().rules()

    def _case_in_view(self) -> int | None:
        """The case of the open conference, or of the journey on screen."""
        from ...journey import case_of

        if self.view is not None:
            with self.store.read() as session:
                return case_of(session, self.view.conference_id)
        if self.journey_view is not None and self.stack.currentWidget() is self.journey_view:
            return self.journey_view.journey.case_id
        return None

    def show_journey(self, case_id: int | None = None) -> None:
        """Every meeting of the family's case, what is due, and the scores over time."""
        from ...errors import KnownError
        from ...journey import load_journey
        from .journey_view import JourneyView

        if not self.attached:
            return
        # The meeting it was opened from: what is changed in the journey is audited there.
        made_from = self.view.conference_id if self.view is not None and case_id is None else None
        try:
            case = case_id if case_id is not None else self._case_in_view()
            if case is None or not self.close_conference(
                lambda: self.show_journey(case)  # the same case, once closed
            ):
                return
            with self.store.read() as session:
                journey = load_journey(session, case, self._rules())  # type: ignore[arg-type]
        except KnownError as exc:
            self.show_message(str(exc))
            return
        view = JourneyView(journey)
        view.set_presentation(self.presentation)
        view.open_meeting.connect(self.open_conference)
        view.start_review.connect(self.start_review)
        view.start_core_group.connect(self.start_core_group)
        view.back.connect(self.show_start)
        view.reference_edited.connect(
            lambda typed, v=view, m=made_from: self._keep_case_reference(v, typed, m)
        )
        if self.journey_view is not None:
            self.stack.removeWidget(self.journey_view)
            self.journey_view.deleteLater()
        self.journey_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self.setWindowTitle(f"{journey.family_name} family's journey — CP Recorder")
        view.table.setFocus()
        self.update_actions()

    def _keep_case_reference(
        self, view: JourneyView, reference: str, made_from: int | None = None
    ) -> None:
        """The case reference typed in the journey, kept for the whole case (and audited in
        the meeting the journey was opened from, else the case's latest meeting)."""
        from ... import operations as op
        from ...errors import KnownError

        if not self.attached or not view.journey.entries:
            return
        try:
            op.set_case_details(
                self.store,
                actor=self.actor,
                meeting_id=made_from or view.journey.entries[-1].meeting_id,
                reference=reference,
            )
        except KnownError as exc:
            self.show_message(str(exc))  # the words typed stay in the field
            return
        view.reference_saved(reference)
        self.show_message(
            f"Case reference {reference} kept." if reference else "Case reference taken out."
        )

    def _meeting_in_view(self) -> int | None:
        if self.view is not None:
            return self.view.conference_id
        if self.journey_view is not None and self.stack.currentWidget() is self.journey_view:
            return self.journey_view.reviewable() or (
                self.journey_view.journey.entries[-1].meeting_id
                if self.journey_view.journey.entries
                else None
            )
        return None

    def start_review(self, conference_id: int | None = None) -> None:
        """The review conference of a signed-off conference, opened ready to record."""
        from ... import operations as op

        self._start_meeting(op.start_review, "conference_id", conference_id)

    def start_core_group(self, meeting_id: int | None = None) -> None:
        """The next core group meeting of the case, opened ready to record."""
        from ... import operations as op

        self._start_meeting(op.start_core_group, "meeting_id", meeting_id)

    def _start_meeting(
        self, operation: Callable[..., Change], name: str, from_id: int | None
    ) -> None:
        from ...errors import KnownError

        if not self.attached:
            return
        source = from_id if from_id is not None else self._meeting_in_view()
        if source is None:
            self.show_message("Open a conference or a family's journey first.")
            return
        if self.view is not None and not self.view.recorder.flush():
            self.show_message("Saving is not working right now, so nothing was started.")
            return
        try:
            change = operation(self.store, actor=self.actor, rules=self._rules(), **{name: source})
        except KnownError as exc:
            self.show_message(str(exc))
            return
        self.open_conference(change.conference_id)

    # -- conferences ----------------------------------------------------------
    def show_start(self) -> None:
        if not self.attached or not self.close_conference(self.show_start):
            return
        self.start.refresh()
        self.stack.setCurrentWidget(self.start)
        self.start.take_focus()

    def withdraw_conference(self, conference_id: int) -> None:
        """A conference created by mistake leaves the lists, asked why and audited."""
        from PySide6.QtCore import Qt

        from ... import operations as op
        from ...errors import KnownError
        from ..dialogs.form import open_over
        from ..dialogs.withdraw import WithdrawDialog

        chosen = next((c for c in self.start.model.rows if c.id == conference_id), None)
        if chosen is None:
            return

        def submit(reason: str) -> str | None:
            try:
                op.withdraw(
                    self.store, actor=self.actor, conference_id=conference_id, reason=reason
                )
            except KnownError as exc:
                return str(exc)
            return None

        def closed(result: int) -> None:
            from ...dates import long_date

            self.start.refresh()
            self.activateWindow()
            # On the list while it has a conference to open; the last one withdrawn, the
            # cursor goes where the next search is typed (an empty list shows no cursor).
            start = self.start
            (start.table if start.model.rows else start.search).setFocus()
            if result == WithdrawDialog.DialogCode.Accepted:
                on = long_date(chosen.scheduled_at.date())
                self.show_message(
                    f"The {chosen.family_name} family's conference of {on} "
                    "is withdrawn; its record and audit trail are kept."
                )

        dialog = WithdrawDialog(self, chosen, submit)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(closed)
        open_over(dialog)

    def new_conference(self) -> None:
        from PySide6.QtCore import Qt

        from ..dialogs.form import open_over
        from .start_view import NewConferenceDialog

        if not self.attached:
            return
        dialog = NewConferenceDialog(self, minute_taker=self.actor.name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._start_conference(dialog.values()))
        open_over(dialog)

    def _start_conference(self, values: dict[str, Any]) -> None:
        """Start recording: the conference the New conference dialog describes."""
        from ... import operations as op
        from ...errors import KnownError

        try:
            from ...rules.authority import load_authority_settings

            # New conferences follow the nation the authority's settings name.
            nation = load_authority_settings().nation
            change = op.create_conference(self.store, actor=self.actor, nation=nation, **values)
        except KnownError as exc:
            self.show_message(str(exc))
            return
        self.open_conference(change.conference_id)

    def open_conference(self, conference_id: int, pane: str = "", field: str = "") -> bool:
        from ...errors import KnownError
        from ..recording.conference_view import ConferenceView
        from ..recording.open_record import Stage, open_record

        if not self.attached or not self.close_conference(
            lambda: self.open_conference(conference_id, pane, field)
        ):
            return False
        if not self._message_lasts:
            self.show_message("")  # what it said was about the record closed ("Handed over…")
        try:
            record, recovered = open_record(self.store, self.actor, conference_id, self.journal)
            view = ConferenceView(record)
        except KnownError as exc:
            self.show_message(str(exc))
            return False
        record.setParent(view)  # the record goes when its view goes
        record.listen(Stage.ACTIONS, self.follow_record)
        record.read_only_changed.connect(self.follow_record)
        self.view = view
        view.message.connect(self.show_message)
        view.pane_changed.connect(lambda key: self.settings.set(LAST_PANE, key))
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        view.set_presentation(self.presentation)
        view.before_theme(self.zoom_percent())
        view.after_theme(self.zoom_percent())
        self.settings.set(LAST_CONFERENCE, conference_id)
        keys = view.keys
        view.show_pane(pane if pane in keys else keys[0])
        if field:
            entity, _, rest = field.partition(":")
            entity_id, _, name = rest.partition(":")
            if entity_id.isdigit():
                view.focus_field(pane or keys[0], (entity, int(entity_id), name))
        else:
            view.restore_focus()  # the pane's first field, or wherever its keys go
        self.setWindowTitle(f"{view.conference.family_name} family — CP Recorder")
        if self.shared is not None:
            self.shared.follow(view)
        self.update_actions()
        if recovered:
            self.show_message(recovered)
        record.hold(self.reading_only)
        return True

    # -- the shared window ------------------------------------------------------
    def open_shared_window(self) -> SharedWindow:
        """The window to share in Teams: it only ever shows what the family may see."""
        from ..shared.window import SharedWindow

        if self.shared is None:
            self.shared = SharedWindow(self.settings)
            self.shared.set_paused(self.actions_[ActionId.SHARED_PAUSE].isChecked())
            self.shared.set_blanked(self.actions_[ActionId.SHARED_BLANK].isChecked())
        self.shared.follow(self.view)
        self.shared.open()
        self.show_message(
            "The shared window is open: in Teams, share the window called "
            "“CP Recorder — shared with the family”."
        )
        return self.shared

    def _with_shared(self, method: str, on: bool) -> None:
        """Pause, blank or restyle the shared window (remembered for when it opens)."""
        if method == "set_high_contrast":
            self.settings.set(SHARED_HIGH_CONTRAST, on)
        if self.shared is not None:
            getattr(self.shared, method)(on)
        words = {
            ("set_paused", True): "The shared window is paused.",
            ("set_paused", False): "The shared window follows again.",
            ("set_blanked", True): "The shared window says “One moment, please”.",
            ("set_blanked", False): "The shared window shows the meeting again.",
        }
        if (method, on) in words:
            self.show_message(words[(method, on)])

    def zoom_shared(self, steps: int) -> None:
        """The shared window's type ``steps`` steps larger (or smaller, below 0)."""
        from ..shared.window import SHARED_ZOOM_STEP

        if self.shared is None:
            self.open_shared_window()
        assert self.shared is not None
        self.show_message(
            f"Shared window type {self.shared.zoom(steps * SHARED_ZOOM_STEP)}%", passing=True
        )

    def close_conference(self, then: Callable[[], object] | None = None) -> bool:
        """Save everything and close the conference; True when it is closed.

        If some changes could not be saved nor kept for recovery, it asks first and
        returns False (the conference stays open); "Yes" closes it, losing them, and runs
        ``then``, what closing it was for. Enter and Esc answer No.
        """
        if self.view is None:
            return True
        recorder = self.view.recorder
        if not self._closing_unsaved and not (recorder.flush() or recorder.all_kept_for_recovery()):
            from ..dialogs.form import YES_NO, ask

            def answered(choice: int) -> None:
                if choice != 0:
                    self.restore_focus()
                    return
                self._closing_unsaved = True
                try:
                    if self.close_conference() and then is not None:
                        then()
                finally:
                    self._closing_unsaved = False

            ask(
                self,
                "Not saved yet",
                NOT_SAVED,
                YES_NO,
                answered,
                default=1,  # No: Enter or Esc keeps the conference and the words open
                icon=QMessageBox.Icon.Warning,
            )
            return False
        if recorder.unanswered:
            # "Someone else changed this" is still asked: its answer decides which words
            # are kept, so the conference closes only once it is answered.
            def carry_on() -> None:
                if self.view is view and self.close_conference(then) and then is not None:
                    then()

            view = self.view
            recorder.when_answered(lambda: QTimer.singleShot(0, self, carry_on))
            return False
        view = self.view
        view.record.close()
        self.view = None
        if self.shared is not None:
            self.shared.follow(None)
        self.stack.removeWidget(view)
        view.deleteLater()
        self.setWindowTitle("CP Recorder")
        self.update_actions()
        return True

    def save_now(self) -> None:
        if self.view is not None and self.view.recorder.flush():
            self.show_message("Saved.", passing=True)

    def hand_over(self) -> None:
        """Asks first: the record goes to the chair (the minute-taker may take it back)."""
        from ... import operations as op

        if self.view is None:
            return
        from ..dialogs.form import YES_NO, ask

        def answered(choice: int) -> None:
            self.restore_focus()
            if (
                choice == 0
                and self.view is not None
                and self.view.record.run(op.hand_over, conference_id=self.view.conference_id)
            ):
                self.show_message("Handed over to the chair for review.")

        ask(
            self,
            "Hand over to the chair",
            "Hand the record to the chair for review? You can take it back until the "
            "chair changes something.",
            YES_NO,
            answered,
            default=1,  # No: a record is handed over only when the person says so
        )

    def take_back(self) -> None:
        from ... import operations as op

        if self.view is not None and self.view.record.run(
            op.take_back, conference_id=self.view.conference_id
        ):
            self.show_message("The hand-over is taken back: the record is a draft again.")

    def restore_focus(self) -> None:
        """After a dialog, the cursor goes back to the field it was in (the window's owner
        of focus), or to the first field of the pane shown."""
        if self.view is not None:
            self.activateWindow()
            self.view.restore_focus()

    def export(self) -> None:
        """File → Export…: the dialog saves everything and exports from the store."""
        if self.view is None:
            return
        from PySide6.QtCore import Qt

        from ..dialogs.export import ExportDialog
        from ..dialogs.form import open_over

        dialog = ExportDialog(self, self.view)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.restore_focus())
        open_over(dialog)

    def save_calendar(self) -> None:
        """File → Save dates to a calendar…: an .ics file for Outlook or any calendar."""
        if self.view is None:
            return
        from ...calendar_export import conference_calendar
        from ...queries import load_conference
        from ..dialogs.form import choose_where_to_save

        self.view.recorder.flush()
        with self.store.read() as session:
            conference = load_conference(session, self.view.conference_id)
        suggested = str(Path.home() / f"{conference.family_name} family dates.ics")
        choose_where_to_save(
            self,
            "Save the dates as",
            suggested,
            "Calendar file (*.ics)",
            lambda chosen: self._save_calendar_to(chosen, conference_calendar(conference)),
        )

    def _save_calendar_to(self, chosen: str, data: bytes) -> None:
        from ...errors import KnownError
        from ...operations.export import deliver, protected_for

        self.restore_focus()
        if not chosen or self.view is None:
            return
        try:
            delivered = deliver(
                self.store,
                actor=self.view.recorder.actor,
                conference_id=self.view.conference_id,
                document="calendar",
                data=data,
                path=Path(chosen),
                protected=protected_for(self.store),
                force=True,  # the Save dialog has asked before replacing a file
            )
        except KnownError as exc:
            self.show_message(str(exc))
            return
        self.show_message(
            f"Dates saved to {chosen}. Open it to add them to your calendar."
            + (f" {delivered.warning}" if delivered.warning else "")
        )

    # -- modes ----------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        if self._switching:
            # F5 again while the first press is being answered: ignored, not undone.
            action = self.actions_[ActionId.PRESENTATION]
            blocked = action.blockSignals(True)
            action.setChecked(self.presentation)
            action.blockSignals(blocked)
            return
        self._switching = True
        try:
            self._switch_presentation(on)
            # Keys pressed during the switch are answered now, while it still counts as
            # switching: the words typed go to the field, a second F5 is ignored.
            QApplication.processEvents()
        finally:
            self._switching = False

    def _switch_presentation(self, on: bool) -> None:
        focused = QApplication.focusWidget()
        self.presentation = on
        self.show_message("")  # what the status bar said was for the minute-taker
        if self.view is not None:
            self.view.set_presentation(on)
            self.view.banner.repaint()  # the banner is on screen before the type is resized
        if self.journey_view is not None:
            self.journey_view.set_presentation(on)
        if self._start is not None:
            self._start.set_presentation(on)
        self.apply_theme()
        if focused is not None and focused.isVisible() and focused.window() is self:
            focused.setFocus()
        else:
            self.restore_focus()

    def _set_high_contrast(self, on: bool) -> None:
        self.settings.set(HIGH_CONTRAST, on)
        self.apply_theme()

    def zoom(self, step: int) -> None:
        option = PRESENTATION_ZOOM if self.presentation else ZOOM
        value = max(ZOOM_MIN, min(ZOOM_MAX, self.settings.get(option) + step))
        self.settings.set(option, value)
        self.apply_theme()
        self.show_message(f"Zoom {value}%", passing=True)

    def zoom_percent(self) -> int:
        return self.settings.get(PRESENTATION_ZOOM if self.presentation else ZOOM)

    def apply_theme(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        zoom, high_contrast = self.zoom_percent(), self.settings.get(HIGH_CONTRAST)
        if self.view is None:
            apply_theme(app, zoom_percent=zoom, high_contrast=high_contrast)
            return
        self.view.hold_the_type()
        # The agenda's new width and the new type, then one layout of the page on screen.
        with self.view.laid_out_once():
            self.view.before_theme(zoom)
            restyled = apply_theme(app, zoom_percent=zoom, high_contrast=high_contrast)
        if restyled:
            self.view.let_the_type_go()
        self.view.after_theme(self.zoom_percent())
        # The type size changed the layout: the field being typed in stays in view.
        focused = QApplication.focusWidget()
        if focused is not None:  # the field's own call: dropped if the field goes first
            QTimer.singleShot(0, focused, lambda: self._in_view("keep_in_view", focused))

    # -- identity, messages, focus ---------------------------------------------
    def ask_identity(self) -> None:
        from PySide6.QtCore import Qt

        from ..dialogs.form import open_over
        from .identity import IdentityDialog

        if not self.attached:
            return
        dialog = IdentityDialog(self, self.actor)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.restore_focus())
        dialog.accepted.connect(lambda: self._now_you_are(dialog.actor()))
        open_over(dialog)

    def _now_you_are(self, actor: Actor) -> None:
        """File → Who are you…? answered: changes from now on are this person's."""
        from ...team_server import as_the_server_says
        from .identity import remember_actor

        self.actor = as_the_server_says(actor, self.login)
        remember_actor(self.settings, self.actor)
        if self.view is not None:
            self.view.record.actor = self.actor
        self.update_actions()
        self.show_message(
            f"You are {self.actor.name}, {self.actor.role.label.lower()}.", lasting=True
        )

    def show_message(self, text: str, *, passing: bool = False, lasting: bool = False) -> None:
        """A sentence in the status bar; ``passing`` for one that answers a key and is
        not true for long (a zoom step, "Saved."): it goes after a few seconds; ``lasting``
        for one that stays true when another record is opened (who is using the app)."""
        self.status.setText(text)
        self._message_lasts = lasting
        if passing:
            self._message_passes.start(PASSING_MESSAGE_MS)
        else:
            self._message_passes.stop()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """While the records open there is no field yet, so keys reach the window itself:
        they are kept (words, Tab, Enter, Backspace) and typed where the cursor lands."""
        if self._typed_ahead is not None and kept_for_the_field(event):
            self._typed_ahead.append(
                QKeyEvent(
                    event.type(),
                    event.key(),
                    event.modifiers(),
                    event.text(),
                    event.isAutoRepeat(),
                    event.count(),
                )
            )
            event.accept()
            return
        super().keyPressEvent(event)

    def type_ahead(self) -> None:
        """The records are open and the cursor is in its field: type what was kept, in order,
        each key where the cursor is then (a Tab kept moves it on)."""
        from PySide6.QtCore import QEvent, QObject

        kept, self._typed_ahead = self._typed_ahead or [], None
        # Each to the window, as the keyboard sends it: to the field its cursor is in, or
        # into a dialog opened over it ("Who is using CP Recorder?" at the first start).
        into: QObject = self.windowHandle() or self
        for press in kept:
            QApplication.sendEvent(into, press)
            release = QKeyEvent(
                QEvent.Type.KeyRelease, press.key(), press.modifiers(), press.text()
            )
            QApplication.sendEvent(into, release)

    def _remember_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QAbstractButton):
            # Enter presses the focused button ("+ Add…" included), as it does in a dialog.
            if self._button_keys is None:
                from .button_keys import ButtonKeys

                self._button_keys = ButtonKeys(self)
            self._button_keys.watch(new)
        if new is None or self.view is None:
            return
        self.view.remember_place(new)
        key = new.property("field_key")
        if key:
            self.settings.set(LAST_FIELD, str(key))

    def _focus_to_a_closed_menu(self, window: QWindow | None) -> None:
        """A menu item chosen by its letter (View → High contrast, a zoom step): the
        window system can make the menu, already closed, the active window a moment later,
        and then nothing has the focus and the keys typed go nowhere. The cursor goes back
        to the field it was in, scrolled into view."""
        if window is None or window.isVisible() or not self.isVisible():
            return
        self.activateWindow()
        self.restore_focus()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_conference(self.close):
            event.ignore()
            return
        self.settings.set(GEOMETRY, bytes(self.saveGeometry().data()))
        if self.shared is not None:
            self.shared.remember_geometry()
            self.shared.close()
        self.settings.sync()
        event.accept()
