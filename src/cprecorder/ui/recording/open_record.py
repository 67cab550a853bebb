"""The conference open in the window: its record in memory, and the one way changes come back.

:class:`OpenRecord` is not a widget. It owns, for one open conference:

* the record as loaded (:attr:`OpenRecord.conference`), which only it changes;
* the :class:`~.recorder.Recorder` that saves every edit and runs every operation;
* the editing hold (claimed on opening, kept alive by a heartbeat, released on
  closing) and the read-only state when another window holds the record;
* the replay of text kept in the recovery file after a failed save.

Every change, whether a field's autosave or an operation (sign-off and addenda
included), reaches the screens through :meth:`OpenRecord.dispatch`, in this order:

1. the record in memory is brought up to date: the saved values of an update are
   set on it, and after any other operation it is read again;
2. the screens are told, in the order of :class:`Stage`: the conference view (its
   header, agenda marks and every built pane), then the chair's review, then the
   window's actions.

Screens never set attributes on the record; a pane that wants the record to show
what is being typed before it is saved has it: :meth:`OpenRecord.typed` keeps the
record in step with each keystroke.
"""

from __future__ import annotations

import contextlib
import enum
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from ...actor import Actor
from ...agenda.record_index import record_parts
from ...editing import HEARTBEAT, claim, heartbeat, new_token, release
from ...errors import KnownError, ValidationError
from ...model import Conference, Operation
from ...model.base import Base
from ...model.registry import ENTITIES, coerce
from ...operations import Change
from ...queries import load_conference
from ...recovery import RecoveryJournal
from ...store import Store
from .recorder import Recorder

log = logging.getLogger(__name__)

Listener = Callable[[Change], None]

#: How often a read-only window looks for what the window holding the record saved.
LIVE_POLL_MS = 500

LOST_HOLD = (
    "This window lost its hold on the record (it was opened elsewhere while this one "
    "was not responding). It is read-only here now; close and reopen it to edit."
)


class Stage(enum.IntEnum):
    """The order in which the screens hear of a change (lowest first)."""

    #: The conference view: its header and agenda marks, then every built pane.
    VIEW = 1
    #: The chair's review beside the record.
    REVIEW = 2
    #: The window's menus and toolbar (what is offered).
    ACTIONS = 3


def _screen_exists(listener: Listener) -> bool:
    """Whether the screen a listener is a method of still exists (not gone, nor going)."""
    screen = getattr(listener, "__self__", None)
    return not isinstance(screen, QObject) or shiboken6.isValid(screen)


class OpenRecord(QObject):
    """One conference open in the window, and the dispatcher of its changes."""

    #: A refusal or a failure to show the person, in words.
    problem = Signal(str)
    #: The record became read-only here (the reason), or editable again ("").
    read_only_changed = Signal(str)
    #: The record was read again for changes saved by another window (read-only here).
    reloaded = Signal()

    def __init__(
        self,
        store: Store,
        actor: Actor,
        conference_id: int,
        journal: RecoveryJournal | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.conference_id = conference_id
        self.journal = journal
        self.recorder = Recorder(store, actor, conference_id, journal)
        self.recorder.changed.connect(self.dispatch)
        self.recorder.typed.connect(self.typed)
        self.recorder.problem.connect(self.problem)
        self._listeners: list[tuple[Stage, Listener]] = []
        self._parts: dict[tuple[str, int], Base] = {}
        self.conference = self._load()
        self._token = ""
        self._beat: QTimer | None = None

    @property
    def actor(self) -> Actor:
        return self.recorder.actor

    @actor.setter
    def actor(self, actor: Actor) -> None:
        self.recorder.actor = actor

    @property
    def read_only(self) -> str:
        """Why this window may not change the record, or ""."""
        return self.recorder.read_only

    # -- the record in memory ---------------------------------------------------
    def _load(self) -> Conference:
        from ...conflicts import revisions_in

        with self.store.read() as session:
            conference = load_conference(session, self.conference_id)
            # What the words on screen are based on: a save says so, and one based on
            # words someone else has changed since is refused, never written over theirs.
            self.recorder.note_loaded(revisions_in(session))
        self._index(conference)
        return conference

    def _index(self, conference: Conference) -> None:
        names = {cls: name for name, cls in ENTITIES.items()}
        self._parts = {
            (names[type(part)], int(getattr(part, "id"))): part  # noqa: B009
            for part in record_parts(conference)
            if type(part) in names
        }

    def reload(self) -> Conference:
        """Read the whole record again (after a change that is not a plain update)."""
        self.conference = self._load()
        return self.conference

    def part(self, entity: str, entity_id: int | None) -> Base | None:
        """The loaded part of the record with this name and id, if it holds it."""
        if entity_id is None:
            return None
        return self._parts.get((entity, entity_id))

    def typed(self, entity: str, entity_id: int, field: str, value: Any) -> None:
        """What is being typed, set on the record in memory before it is saved.

        So the quoracy line, names and marks follow the keyboard. A value the record
        cannot hold is left for the save to refuse (the field keeps it, marked).
        """
        part = self.part(entity, entity_id)
        if part is None:
            return
        try:
            setattr(part, field, coerce(type(part), field, value))
        except ValidationError:
            return

    def _patch(self, entity: str, entity_id: int | None, values: dict[str, Any]) -> None:
        part = self.part(entity, entity_id)
        if part is not None:
            for field, value in values.items():
                setattr(part, field, value)

    def apply(self, change: Change) -> None:
        """Bring the record in memory up to date with a saved change."""
        if change.operation is Operation.UPDATE:
            self._patch(change.entity, change.entity_id, change.values)
            for (entity, entity_id), values in change.also.items():
                self._patch(entity, entity_id, values)
            return
        self.reload()

    # -- the screens ------------------------------------------------------------
    def listen(self, stage: Stage, listener: Listener) -> None:
        """Tell ``listener`` of every change, after the record and the earlier stages.

        A listener is a screen's method: it is told for as long as its screen exists.
        """
        self._listeners.append((stage, listener))
        self._listeners.sort(key=lambda entry: entry[0])

    def forget(self, listener: Listener) -> None:
        self._listeners = [(s, known) for s, known in self._listeners if known != listener]

    def dispatch(self, change: Change) -> None:
        """The one way back: update the record, then each screen in :class:`Stage` order."""
        self.apply(change)
        for _stage, listener in list(self._listeners):
            if not _screen_exists(listener):
                # A window deleted without being closed: its field saved what it held as
                # the cursor left it, but the window is half gone and can show nothing.
                self.forget(listener)
                continue
            listener(change)

    # -- changes ----------------------------------------------------------------
    def run(
        self, operation: Callable[..., Change], *, initiator: object = None, **kwargs: Any
    ) -> Change | None:
        """Run one operation on this record; a refusal is shown, and None returned."""
        return self.recorder.run(operation, initiator=initiator, **kwargs)

    def attempt(
        self, operation: Callable[..., Change], *, initiator: object = None, **kwargs: Any
    ) -> Change | str:
        """Run one operation; a refusal is returned in words (for a dialog to show)."""
        return self.recorder.attempt(operation, initiator=initiator, **kwargs)

    # -- the editing hold -------------------------------------------------------
    def hold(self, reading_only: str = "") -> None:
        """Hold the record for this window, or make it read-only saying who has it (or,
        with ``reading_only``, why this person may only read: a data officer's login)."""
        self._token = new_token()
        if reading_only:
            self.set_read_only(reading_only)
            self.follow_changes()
            return
        try:
            holder = claim(
                self.store, actor=self.actor, conference_id=self.conference_id, token=self._token
            )
        except KnownError as exc:
            if self.store.read_only:  # damaged, or on a disk that takes nothing more
                self.set_read_only(self.store.read_only)  # it says why, and how to restore
            else:
                self.problem.emit(str(exc))
            return
        if holder is not None:
            self.set_read_only(holder.sentence())
            self.follow_changes()
            return
        self._beat = QTimer(self)
        self._beat.setInterval(int(HEARTBEAT.total_seconds() * 1000))
        self._beat.timeout.connect(self.keep_hold)
        self._beat.start()

    def keep_hold(self) -> None:
        try:
            still = heartbeat(
                self.store, actor=self.actor, conference_id=self.conference_id, token=self._token
            )
        except KnownError:
            return  # the store is busy or unavailable; the save state already says so
        if not still:
            self.set_read_only(LOST_HOLD)

    def follow_changes(self) -> None:
        """Read-only here: show what the window holding the record saves, within two seconds."""
        from ...live import ChangeWatch

        try:
            watch = ChangeWatch(self.store)
        except (KnownError, OSError):
            return  # the record is still shown, read-only, without following changes
        timer = QTimer(self)
        timer.setInterval(LIVE_POLL_MS)

        def poll() -> None:
            try:
                changed = self.conference_id in watch.poll()
            except Exception:  # the server went away: stop following, keep the window
                timer.stop()
                watch.close()
                return
            if changed and self.read_only:
                self.reload()
                self.reloaded.emit()

        timer.timeout.connect(poll)
        self.destroyed.connect(watch.close)
        timer.start()

    def set_read_only(self, reason: str) -> None:
        """Another window holds this record: nothing typed here is saved."""
        if self._beat is not None and reason:
            self._beat.stop()
        self.recorder.read_only = reason
        self.read_only_changed.emit(reason)

    def close(self) -> None:
        """Let the hold go (a hold not released lapses by itself)."""
        if self._beat is not None:
            self._beat.stop()
        if self.read_only or not self._token:
            return
        with contextlib.suppress(KnownError):
            release(
                self.store, actor=self.actor, conference_id=self.conference_id, token=self._token
            )

    # -- recovery ---------------------------------------------------------------
    @staticmethod
    def replay_recovery(
        store: Store, actor: Actor, conference_id: int, journal: RecoveryJournal | None
    ) -> str:
        """Text kept after a failed save is saved now, before the record opens; in words."""
        if journal is None:
            return ""
        try:
            waiting = journal.pending(conference_id)
            if not waiting:
                return ""
            problems = journal.replay(store, actor, conference_id)
        except KnownError as exc:
            return f"Text kept from an earlier session could not be saved yet: {exc}"
        saved = len(waiting) - len(problems)
        if problems:
            return f"{saved} kept edit(s) saved; {len(problems)} still kept: " + "; ".join(
                str(p) for p in problems[:3]
            )
        return f"{saved} edit(s) that had not been saved before were recovered and saved."


def open_record(
    store: Store, actor: Actor, conference_id: int, journal: RecoveryJournal | None = None
) -> tuple[OpenRecord, str]:
    """Replay what recovery kept, load the record and hold it; with what recovery said."""
    recovered = OpenRecord.replay_recovery(store, actor, conference_id, journal)
    record = OpenRecord(store, actor, conference_id, journal)
    return record, recovered


__all__ = ["OpenRecord", "Stage", "open_record"]
