"""A real CP Recorder window that types into the chair's summary until it is killed.

Run by ``test_kill_while_typing.py`` as a child process, which kills it with
SIGKILL at a random moment and then checks what reached the database.

    python typist.py DB_PATH CONFERENCE_ID SETTINGS_INI SEED

It builds the real main window over a real ``Store`` (nothing is mocked), opens
the conference, goes to the summary as a person does (a click on its entry in the
agenda), puts the cursor at the end of the chair's summary (Ctrl+End in the field the
pane gives the cursor to) and types,
key by key with ``QTest.keyClicks`` (one character a call), the words
``" w0001 w0002 …"`` — a stream that only ever appends, so every earlier text is
a prefix of every later one. Between keys the event loop runs (``QTest.qWait``),
so the recorder's autosave timer fires whenever it would for a person.

The typing is a minute-taker's: 15-40 ms between keys, and after a sentence of
2-14 words a pause of 0.65-1.0 s (listening), long enough for an autosave.
The pauses are what lets saves be confirmed during a trial; the sentences are
long enough (up to about 2.5 s of unbroken typing) that a save policy which
waits for a pause would lose more than a second.

Every line on stdout is one ``os.write`` (nothing buffered, so a kill loses at
most the line being written); times are ``time.monotonic()``, which on Linux is
one clock for every process, so the parent can compare them with the moment it
sent the kill:

* ``READY <t> <len>`` — the window is up and the cursor in the field;
  ``<len>`` characters are already there (the demo's summary).
* ``TYPED <t> <len>`` — after every keystroke: the field holds ``<len>`` characters.
* ``CONFIRMED <t> <len> <sha1>`` — a save of the summary has committed
  (``Recorder.changed`` is emitted only after ``operations.update`` returned,
  i.e. after the SQLite commit). ``<len>`` and ``<sha1>`` are of the exact value
  that save wrote: the recorder's pending value for the field, taken when the
  save began (``save_state_changed("saving")``).
* ``MISMATCH …`` — the committed value differed from what was on screen when
  the save ended (the typing is synchronous with saving, so it never should).
* ``STATE <t> <state> <sentence>`` — a save failed (shown to the person).
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cprecorder.ui.recording.conference_view import ConferenceView

#: Keys (not words) between which the event loop runs for this many ms.
KEY_GAP_MS = (15, 40)
#: Words in a sentence before the typist pauses to listen.
SENTENCE_WORDS = (2, 14)
#: The pause after a sentence, in ms: longer than the autosave interval (600 ms).
PAUSE_MS = (650, 1000)
#: A typist nobody kills stops after this long (the parent has failed).
GIVE_UP_S = 60.0


def say(*parts: object) -> None:
    """One line on stdout in one write, so a kill never leaves half of two lines."""
    os.write(1, (" ".join(str(part) for part in parts) + "\n").encode())


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def words() -> Iterator[str]:
    """The text typed: " w0001 w0002 …", one character at a time."""
    number = 0
    while True:
        number += 1
        yield from f" w{number:04d}"


def go_to(view: ConferenceView, key: str) -> bool:
    """Choose the agenda item ``key`` as a person does: a click on its entry in the agenda
    down the left (tests/by_keyboard.py's ``go_to``, without qtbot). Only that pane is
    built, as with a method call: Ctrl+PgUp round to it built two and cost every trial
    about two seconds on a busy machine."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # a person clicks once the window has caught up
    nav = view.nav
    entry = nav.item(view.keys.index(key))
    nav.scrollToItem(entry)  # the list's scroll bar, if the agenda is longer than it
    spot = nav.visualItemRect(entry).center()
    QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    QApplication.processEvents()
    return view.current_key() == key


def main(argv: list[str]) -> int:
    db_path, conference_id, ini, seed = Path(argv[1]), int(argv[2]), argv[3], int(argv[4])
    rng = random.Random(seed)

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from cprecorder.actor import Actor
    from cprecorder.model import Role
    from cprecorder.store import Store
    from cprecorder.ui.recording.open_record import Stage
    from cprecorder.ui.shell.app import create_main_window
    from cprecorder.ui.shell.settings import Settings
    from cprecorder.ui.widgets.fields import TextField

    app = QApplication([argv[0], "-platform", "offscreen"])
    store = Store.open_sqlite(db_path)
    actor = Actor(name="Tamsin Oakes", role=Role.MINUTE_TAKER, os_user="toakes")
    settings = Settings(QSettings(ini, QSettings.Format.IniFormat))
    window = create_main_window(store, actor, settings, reopen=False)
    window.resize(1200, 800)
    window.show()
    if not window.open_conference(conference_id):
        say("FAILED could not open conference", conference_id)
        return 2
    view = window.view
    assert view is not None
    window.activateWindow()
    app.processEvents()
    if not go_to(view, "summary"):
        print("A click did not show the summary:", view.current_key(), file=sys.stderr)
        return 2
    field = view.panes["summary"].fields[("conference", conference_id, "chair_summary")]
    assert isinstance(field, TextField)
    recorder = view.recorder
    key = ("conference", conference_id)

    # What the save now under way is writing: the pending value when it began.
    writing: list[str | None] = [None]

    def on_state(state: str, sentence: str) -> None:
        if state == "saving":
            value = recorder.pending.get(key, {}).get("chair_summary")
            writing[0] = value if isinstance(value, str) else None
        elif state == "failed":
            say("STATE", time.monotonic(), state, sentence)

    def on_changed(change: object) -> None:
        if getattr(change, "entity", "") != "conference" or "chair_summary" not in getattr(
            change, "fields", ()
        ):
            return
        committed = writing[0]
        if committed is None:
            return
        on_screen = field.toPlainText()
        if committed != on_screen:
            say("MISMATCH", len(committed), len(on_screen))
        say("CONFIRMED", time.monotonic(), len(committed), sha1(committed))

    recorder.save_state_changed.connect(on_state)
    view.record.listen(Stage.ACTIONS, on_changed)  # after every screen has been told

    if QApplication.focusWidget() is not field:
        print("The summary left the cursor in", QApplication.focusWidget(), file=sys.stderr)
        return 2
    QTest.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    app.processEvents()
    say("READY", time.monotonic(), len(field.toPlainText()))

    started = time.monotonic()
    stream = words()
    sentence_left = rng.randint(*SENTENCE_WORDS)
    while time.monotonic() - started < GIVE_UP_S:
        char = next(stream)
        if char == " ":
            sentence_left -= 1
            if sentence_left == 0:
                QTest.qWait(rng.randint(*PAUSE_MS))
                sentence_left = rng.randint(*SENTENCE_WORDS)
        QTest.keyClicks(field, char)  # one key press and release
        say("TYPED", time.monotonic(), len(field.toPlainText()))
        QTest.qWait(rng.randint(*KEY_GAP_MS))
    say("GAVE_UP")
    return 3


if __name__ == "__main__":
    sys.exit(main(sys.argv))
