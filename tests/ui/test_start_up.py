"""Starting the app as the ``cprecorder`` command does: what waits until the cursor is in
its field, and what the person sees once it is.

The app runs in a process of its own (a fresh interpreter, as a person starting it has),
reopening the demo conference where work stopped; a few lines of the script only listen
to the window's signals and print what is on screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

import by_keyboard
from cprecorder.actor import Actor
from cprecorder.store import Store
from cprecorder.ui.shell.app import create_main_window
from cprecorder.ui.shell.settings import Settings, remember_actor

#: Not needed to put the cursor in a reopened field: imported after it is there.
LATER = (
    "docx",  # the exports
    "cprecorder.export",
    "cprecorder.journey",
    "holidays",  # the review date and the reports' due dates
    "cprecorder.rules.working_days",
    "sqlalchemy.dialects.postgresql",  # only for the authority's server
    "cprecorder.ui.dialogs.form",  # the dialogs (the person's name is read, not asked)
)

WATCHED_START = """
import json, sys
import cprecorder.ui.shell.app as ui_app
from cprecorder.cli import main

LATER = %r
show_then_open = ui_app.show_then_open
seen = {}

def watched(*args, **kwargs):
    window = show_then_open(*args, **kwargs)
    from PySide6.QtWidgets import QApplication

    def ready():
        focus = QApplication.focusWidget()
        seen["ready"] = {
            "field": focus.property("field_key") if focus is not None else None,
            "text": focus.toPlainText() if hasattr(focus, "toPlainText") else None,
            "pane": window.view.current_key(),
            "imported": sorted(m for m in LATER if m in sys.modules),
        }

    def settled():
        view = window.view
        seen["settled"] = {
            "meta": view.header.meta.text(),
            "marks": [view.nav.item(i).text() for i in range(view.nav.count())],
        }
        print(json.dumps(seen), flush=True)
        window.close()

    window.ready.connect(ready)
    window.settled.connect(settled)
    return window

ui_app.show_then_open = watched
sys.exit(main(["--data-dir", sys.argv[1], "--db", sys.argv[2]]))
"""


def test_the_cursor_is_in_its_field_before_the_rest_is_imported_and_nothing_is_missing(
    qtbot: QtBot, store: Store, actor: Actor, demo_id: int, tmp_path: Path
) -> None:
    from cprecorder.agenda.items import known_item
    from cprecorder.queries import load_conference
    from cprecorder.rules.timescales import review_due_words
    from cprecorder.ui.recording.conference_view import completeness_mark

    # Work stops in "Reason for the conference" under Worries; the window remembers it
    # where the app started afresh reads its settings.
    config = tmp_path / "config"
    conf = config / "cprecorder" / "cprecorder.conf"
    settings = Settings(QSettings(str(conf), QSettings.Format.IniFormat))
    remember_actor(settings, actor)
    window = create_main_window(store, actor, settings, reopen=False)
    qtbot.addWidget(window)
    window.show()
    window.open_conference(demo_id, "worries", f"conference:{demo_id}:reason_for_conference")
    qtbot.waitUntil(lambda: by_keyboard.focused().property("field_key") is not None)
    window.close()
    settings.sync()
    env = dict(os.environ, XDG_CONFIG_HOME=str(config), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", WATCHED_START % (LATER,), str(tmp_path / "data"), store.url],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])

    with store.read() as session:
        conference = load_conference(session, demo_id)
        reason = conference.reason_for_conference
        due = review_due_words(conference)
        agenda = [(key, known_item(key)) for key in ("worries", "danger", "plan")]
        marks = {
            key: completeness_mark(*item.completeness(item_in(conference, key), conference))
            for key, item in agenda
            if item is not None
        }
    ready = seen["ready"]
    assert ready["pane"] == "worries"
    assert ready["field"] == f"conference:{demo_id}:reason_for_conference"
    assert ready["text"] == reason
    assert ready["imported"] == []
    # Once settled, the header and the agenda say what they always said.
    assert due and due in seen["settled"]["meta"].replace("\N{NO-BREAK SPACE}", " ")
    shown = seen["settled"]["marks"]
    for key, mark in marks.items():
        title = item_in(conference, key).title
        assert f"{mark}  {title}" in shown


def item_in(conference: object, key: str) -> Any:
    """The agenda's entry for ``key`` in the conference's agenda."""
    from cprecorder.agenda import load_agenda

    item = load_agenda(getattr(conference, "agenda_key")).item(key)  # noqa: B009
    assert item is not None
    return item
