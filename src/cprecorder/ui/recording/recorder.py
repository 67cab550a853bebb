"""The live link between the window and the store: autosave, operations, save state.

Every keystroke lands in ``pending`` and a single-shot timer saves it within a
second of the last keystroke; leaving a field, switching pane, closing and
Ctrl+S save at once. A save that fails keeps the text (on screen, in
``pending``, and in the recovery journal) and is retried.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ... import operations as op
from ...actor import Actor
from ...conflicts import EditConflictError
from ...errors import KnownError, NotFoundError, StoreUnavailableError, ValidationError
from ...operations import Change
from ...store import Store

log = logging.getLogger(__name__)

#: Save this long after the last keystroke (the promise is within one second).
AUTOSAVE_MS = 600
#: However fast the typing, nothing waits longer than this to be saved.
MAX_UNSAVED_MS = 600
RETRY_MS = 3000


class SaveState:
    SAVED = "saved"
    PENDING = "pending"
    SAVING = "saving"
    FAILED = "failed"


#: The key that takes the person to an open "Someone else changed this" question.
ANSWER_KEY = "F6"


class Recorder(QObject):
    """Holds unsaved edits for one conference and writes them through operations."""

    #: A saved change (a :class:`Change`); the open record is its only listener.
    changed = Signal(object)
    #: Each keystroke's value, before it is saved: (entity, id, field, value).
    typed = Signal(str, int, str, object)
    #: A save refused because someone else changed the same words first (EditConflictError).
    conflict = Signal(object)
    save_state_changed = Signal(str, str)  # SaveState, sentence for the header
    problem = Signal(str)  # a refusal or failure to show the person

    def __init__(
        self, store: Store, actor: Actor, conference_id: int, journal: Any | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.actor = actor
        self.conference_id = conference_id
        self.journal = journal
        self.pending: dict[tuple[str, int], dict[str, Any]] = {}
        #: Fields with text in the recovery file, forgotten there once saved.
        self.kept: set[tuple[str, int, str]] = set()
        self.state = SaveState.SAVED
        self._sentence = ""
        #: Why this window may not change the record (another window holds it), or "".
        self.read_only = ""
        #: The revision of each part of the record the words on screen are based on.
        self.revisions: dict[tuple[str, int], int] = {}
        self.changed.connect(self._note_change)
        #: Conflicts asked and not yet answered: the conference stays open under them.
        self.unanswered: list[EditConflictError] = []
        #: What to do once the last of them is answered (closing the conference).
        self._once_answered: Callable[[], object] | None = None
        self.last_saved: dt.datetime | None = None
        #: Where the time of the last save shown in the header is read (a picture of the
        #: window, made again and again, sets one that does not move).
        self.clock: Callable[[], dt.datetime] = dt.datetime.now
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        # During unbroken typing the pause never comes: save at least this often.
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(MAX_UNSAVED_MS)
        self._deadline.timeout.connect(self.flush)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.flush)

    # -- edits ---------------------------------------------------------------
    def edit(self, entity: str, entity_id: int, field: str, value: Any) -> None:
        """A person changed a field: remember it and save shortly."""
        if self.read_only:
            self.problem.emit(self.read_only)
            return
        self.pending.setdefault((entity, entity_id), {})[field] = value
        self.typed.emit(entity, entity_id, field, value)
        if self.state != SaveState.FAILED:
            self._set_state(SaveState.PENDING, "Saving…")
        self._timer.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def note_loaded(self, revisions: dict[tuple[str, int], int]) -> None:
        """Rows read from the store: their revisions, but never under unsaved words."""
        for key, revision in revisions.items():
            if key not in self.pending:
                self.revisions[key] = revision

    def _note_change(self, change: Change) -> None:
        self.revisions.update(change.revisions)

    def resolve(self, conflict: EditConflictError, choice: str) -> None:
        """Keep theirs, keep yours or put both, after a refused save."""
        key = (conflict.entity, conflict.entity_id)
        self.revisions[key] = conflict.revision
        # Yours are the words as they are now: typed on while the question was up.
        typed_on = self.pending.pop(key, {})
        now = {**conflict.yours, **typed_on}
        self._discard_recovery(conflict.entity, conflict.entity_id, now)
        self.unanswered = [c for c in self.unanswered if c is not conflict]
        if choice == "theirs":  # theirs replace the words asked about, nothing else
            asked = {*conflict.yours, *conflict.theirs}
            values = {field: v for field, v in typed_on.items() if field not in asked}
        else:
            values = now if choice == "yours" else conflict.both(now)
        if values:
            self.pending[key] = values
            self.flush()  # may ask again, if someone else changed it once more
        elif not self.pending:
            self._saved()  # nothing waits for the answer any more
        if not self.unanswered and self._once_answered is not None:
            then, self._once_answered = self._once_answered, None
            then()

    def when_answered(self, then: Callable[[], object]) -> None:
        """Do ``then`` once every conflict asked is answered (what closing waits for)."""
        self._once_answered = then

    def asked(self, key: tuple[str, int]) -> bool:
        """A conflict on this part is asked and not yet answered: its edits wait."""
        return any((c.entity, c.entity_id) == key for c in self.unanswered)

    def has_pending(self) -> bool:
        return bool(self.pending)

    def all_kept_for_recovery(self) -> bool:
        """Every unsaved text is in the recovery file, so closing loses nothing."""
        return self.journal is not None and all(
            (entity, entity_id, field) in self.kept
            for (entity, entity_id), values in self.pending.items()
            for field, value in values.items()
            if isinstance(value, str)
        )

    def flush(self) -> bool:
        """Save every pending edit now. True when nothing is left unsaved but what waits
        for the answer to "Someone else changed this" (kept in the recovery file)."""
        self._timer.stop()
        self._deadline.stop()
        if not self.pending:
            return True
        self._set_state(SaveState.SAVING, "Saving…")
        failed: str | None = None
        waiting = False
        for key in list(self.pending):
            entity, entity_id = key
            values = self.pending[key]
            if self.asked(key):
                # Typed on under the question: saved with its answer, kept till then.
                self._keep_for_recovery(entity, entity_id, values)
                waiting = True
                continue
            try:
                change = op.update(
                    self.store,
                    actor=self.actor,
                    entity=entity,
                    entity_id=entity_id,
                    values=dict(values),
                    revision=self.revisions.get(key),
                )
            except EditConflictError as exc:
                # Nobody's words are lost: yours stay in the recovery file until chosen.
                self.pending.pop(key, None)
                self._keep_for_recovery(entity, entity_id, values)
                self.unanswered.append(exc)
                self.conflict.emit(exc)
                continue
            except (ValidationError, NotFoundError) as exc:
                # The value cannot be held (it stays on screen, marked), or the part it was
                # typed into has been removed meanwhile (no save would ever find it): say
                # so; other edits go on, never held back behind it.
                self.pending.pop(key, None)
                self.problem.emit(str(exc))
                continue
            except KnownError as exc:
                failed = str(exc)
                self._keep_for_recovery(entity, entity_id, values)
                break
            except Exception as exc:  # a bug: log it, keep the text, say so plainly
                log.exception("saving %s %s failed", entity, entity_id)
                failed = f"The change could not be saved ({type(exc).__name__})."
                self._keep_for_recovery(entity, entity_id, values)
                break
            if self.pending.get(key) is values:
                del self.pending[key]
            self._discard_recovery(entity, entity_id, values)
            self.changed.emit(change)
        if failed is not None:
            self._set_state(
                SaveState.FAILED,
                f"Not saved — {failed} Your text is kept and will be saved as soon as possible.",
            )
            self._retry.start()
            return False
        if waiting or self.unanswered:  # what waits is in the recovery file
            self._set_state(
                SaveState.PENDING, f"Someone else changed this — {ANSWER_KEY} to answer."
            )
            return True
        self._saved()
        return True

    def _saved(self) -> None:
        self.last_saved = self.clock()
        self._set_state(SaveState.SAVED, f"All changes saved {self.last_saved:%H:%M:%S}")

    # -- structural operations ---------------------------------------------
    def run(
        self, operation: Callable[..., Change], *, initiator: object = None, **kwargs: Any
    ) -> Change | None:
        """Save pending text, then run one operation; refusals become a message."""
        outcome = self.attempt(operation, initiator=initiator, **kwargs)
        if isinstance(outcome, str):
            self.problem.emit(outcome)
            return None
        return outcome

    def attempt(
        self, operation: Callable[..., Change], *, initiator: object = None, **kwargs: Any
    ) -> Change | str:
        """Save pending text, then run one operation; a refusal is returned in words.

        ``initiator`` (the pane or dialog asking) is written on the change, so the
        screen that asked can tell its own change from another's.
        """
        if self.read_only:
            return self.read_only
        if not self.flush():
            return "Saving is not working right now, so this change was not made."
        try:
            change = operation(self.store, actor=self.actor, **kwargs)
        except KnownError as exc:
            return str(exc)
        except StoreUnavailableError as exc:  # pragma: no cover - a KnownError already
            return str(exc)
        if initiator is not None:
            change = dataclasses.replace(change, initiator=initiator)
        self._saved()
        self.changed.emit(change)
        return change

    # -- recovery ------------------------------------------------------------
    def _keep_for_recovery(self, entity: str, entity_id: int, values: dict[str, Any]) -> None:
        if self.journal is None:
            return
        for field, value in values.items():
            if isinstance(value, str):
                try:
                    self.journal.keep(self.conference_id, entity, entity_id, field, value)
                    self.kept.add((entity, entity_id, field))
                except (OSError, KnownError):
                    log.exception("the recovery file could not be written")

    def _discard_recovery(self, entity: str, entity_id: int, values: dict[str, Any]) -> None:
        if self.journal is None:
            return
        for field in values:
            if (entity, entity_id, field) not in self.kept:
                continue
            try:
                self.journal.discard(self.conference_id, entity, entity_id, field)
                self.kept.discard((entity, entity_id, field))
            except (OSError, KnownError):
                log.exception("the recovery file could not be updated")

    def _set_state(self, state: str, sentence: str) -> None:
        # Every keystroke says "Saving…" again: told once, until the state or words change.
        if (state, sentence) == (self.state, self._sentence):
            return
        self.state = state
        self._sentence = sentence
        self.save_state_changed.emit(state, sentence)
