"""Start the Qt application over a store, reopening where work stopped.

The window is painted first and the records opened after: :func:`show_then_open`
shows an empty window ("Opening your records…") as soon as Qt exists, and
opens the store (SQLAlchemy, the schema check) and the last conference only
once that first frame is on screen. A person sees the app start at once, and
the text they were typing appears with the cursor in it a moment later.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from ...actor import Actor
    from ...recovery import RecoveryJournal
    from ...store import Store
    from .main_window import MainWindow
    from .settings import Settings

log = logging.getLogger(__name__)

#: If the window is never painted (started minimised, no screen), open anyway after this.
OPEN_WITHOUT_PAINT_MS = 1000


class Records(NamedTuple):
    """What the window needs once it is painted: the store, who is typing (``None``: not
    known yet, asked over the window), the recovery file."""

    store: Store
    actor: Actor | None
    journal: RecoveryJournal | None = None


def create_main_window(
    store: Store,
    actor: Actor,
    settings: Settings,
    *,
    reopen: bool = True,
    journal: RecoveryJournal | None = None,
) -> MainWindow:
    """The window over an open store; reopens the last conference at its pane and field."""

    from .main_window import MainWindow

    window = MainWindow(store, actor, settings, journal=journal)
    window.tell_if_spelling_is_off()
    reopen_or_start(window, reopen=reopen)
    return window


def reopen_or_start(window: MainWindow, *, reopen: bool = True) -> None:
    """The last conference at the pane and field where work stopped, else the start view."""
    from ...errors import KnownError
    from .settings import LAST_CONFERENCE, LAST_FIELD, LAST_PANE

    settings = window.settings
    last = settings.get(LAST_CONFERENCE)
    if reopen and last:
        try:
            if window.open_conference(last, settings.get(LAST_PANE), settings.get(LAST_FIELD)):
                return
        except KnownError:
            pass
    window.show_start()


def show_then_open(
    settings: Settings,
    open_records: Callable[[], Records],
    *,
    reopen: bool = True,
) -> MainWindow:
    """Show the window now; open the records once its first frame is painted.

    ``open_records`` runs on the event loop after the first paint; it raises a
    ``KnownError`` when the records cannot be opened: the window says so, and closes
    once the person has read it. If it does not know who is typing, "Who is using CP
    Recorder?" is asked over the window (keys typed while the window opened go into it),
    and cancelling it closes the window. ``window.ready`` is emitted when the start view or
    the last conference is shown, ``window.settled`` once that is on screen and
    the rest (the Record menu, the spelling notice) is done.
    """
    from PySide6.QtCore import QTimer

    from ...errors import KnownError
    from .main_window import MainWindow

    window = MainWindow(None, None, settings)
    started = False

    def open_now() -> None:
        nonlocal started
        if started:
            return
        started = True
        # What exists now (Qt's and Python's modules, the window) lives as long as the
        # app: frozen, the garbage collector stops walking it again and again while the
        # records load (measured: that walking took longer than the loading itself).
        gc.freeze()
        try:
            records = open_records()
        except KnownError as exc:
            tell(window, "CP Recorder cannot open its records", str(exc), then=window.close)
            return
        gc.freeze()  # the same for SQLAlchemy, the model and the store just imported
        if records.actor is None:
            ask_identity_over(window, settings, lambda actor: go_on(records._replace(actor=actor)))
            window.type_ahead()  # what was typed while the window opened: the person's name
            return
        go_on(records)

    def go_on(records: Records) -> None:
        assert records.actor is not None
        window.attach(records.store, records.actor, records.journal, wire_record_menu=False)
        reopen_or_start(window, reopen=reopen)
        window.ready.emit()
        # What typing does not need waits until the cursor is on screen.
        if window.view is not None:
            window.view.settled.connect(settle)  # emitted once, after the view's first frame
        else:
            QTimer.singleShot(0, settle)

    def settle() -> None:
        window.wire_record_menu()
        window.tell_if_spelling_is_off()
        window.settled.emit()

    # The next turn of the event loop after the first frame, so that frame is on screen.
    window.first_painted.connect(lambda: QTimer.singleShot(0, open_now))
    QTimer.singleShot(OPEN_WITHOUT_PAINT_MS, open_now)
    window.show()
    return window


def install_excepthook(log_path: object) -> None:
    """A bug never shows a traceback: it is logged, and the person told in a sentence.

    The text being typed is safe: every edit is in the recorder (and saved or in the
    recovery file) before any handler runs. ``log_path`` is shown as it is, or called
    (when the log file is set up later) to get the path.
    """
    from PySide6.QtWidgets import QApplication, QMainWindow

    #: The sentence on screen (None when none is): the same bug again (each key typed
    #: on) is logged, not told over and over.
    telling: list[object | None] = [None]

    def hook(kind: type[BaseException], value: BaseException, tb: object) -> None:
        log.error("unexpected error", exc_info=(kind, value, tb))  # type: ignore[arg-type]
        if QApplication.instance() is not None and telling[0] is None:
            this = telling[0] = object()

            def told() -> None:
                if telling[0] is this:  # not a later sentence's
                    telling[0] = None

            where = log_path() if callable(log_path) else log_path
            # Over the main window, not the active one: that may be a dialog closing for
            # good (its Enter ran into the bug), which would take the sentence with it.
            over = next(
                (
                    w
                    for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMainWindow) and w.isVisible()
                ),
                None,
            )
            box = tell(
                over,
                "Something went wrong",
                "CP Recorder met a problem it did not expect. Your typing is kept. "
                f"The details are in the log file: {where}",
                then=told,
            )
            box.destroyed.connect(told)  # gone unanswered: the next bug is told again

    sys.excepthook = hook


def tell(
    parent: QWidget | None, title: str, sentence: str, *, then: Callable[[], object] | None = None
) -> QMessageBox:
    """A sentence the person must read, with OK (Enter or Esc); ``then`` once it is read.
    Returns it, already on screen."""
    from PySide6.QtWidgets import QMessageBox

    from ..dialogs.form import ask

    return ask(
        parent,
        title,
        sentence,
        (("OK", QMessageBox.ButtonRole.AcceptRole),),
        lambda _choice: then() if then is not None else None,
        icon=QMessageBox.Icon.Warning,
    )


def ask_identity_over(window: QWidget, settings: Settings, then: Callable[[Actor], object]) -> None:
    """The person's name and role, asked over ``window`` and remembered, then ``then``;
    cancelled, the window closes (nothing can be written without a name)."""
    from PySide6.QtCore import Qt

    from ..dialogs.form import open_over
    from .identity import IdentityDialog, remember_actor

    dialog = IdentityDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(result: int) -> None:
        if result != IdentityDialog.DialogCode.Accepted:
            window.close()
            return
        actor = dialog.actor()
        remember_actor(settings, actor)
        then(actor)

    dialog.finished.connect(answered)
    open_over(dialog)


def bring_forward(window: QWidget) -> None:
    """Another start of the app asked for this window: show it on top."""
    window.showNormal()
    window.raise_()
    window.activateWindow()


def run_app(data_dir: Path, db_url: str) -> int:
    """The window over the store at ``db_url``; logs, backups and recovery in ``data_dir``."""
    from PySide6.QtWidgets import QApplication

    from .settings import Settings

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("CP Recorder")
    app.setOrganizationName("cprecorder")
    # The log file is set up just after the first frame (its rotating handler brings in
    # half the standard library); a bug before that is still caught and told, on stderr.
    log_paths: list[Path] = []
    install_excepthook(lambda: log_paths[0] if log_paths else data_dir / "logs")
    from .single_instance import FirstInstance, ask_first_instance, server_name

    instance_name = server_name(data_dir)
    if ask_first_instance(instance_name):
        return 0  # the window already open on these records comes forward instead
    settings = Settings()
    opened: list[Store] = []
    exit_code = 0

    def open_records() -> Records:
        nonlocal exit_code
        from ...errors import KnownError
        from ...logfile import configure_logging
        from ...recovery import RecoveryJournal
        from ...store import Store
        from .settings import remembered_actor

        log_paths.append(configure_logging(data_dir))
        try:
            store = Store(db_url)
        except KnownError:
            exit_code = 1
            raise
        opened.append(store)
        # Nobody named yet (the first start): the window asks, over itself.
        return Records(store, remembered_actor(settings), RecoveryJournal(data_dir))

    def daily_backup() -> None:
        from ...backup import backup_if_due
        from ...errors import KnownError

        try:
            backup_if_due(opened[0])  # at most one a day, the oldest pruned
        except KnownError as exc:
            log.warning("no daily backup: %s", exc)

    from PySide6.QtCore import QTimer

    window = show_then_open(settings, open_records)
    listener = FirstInstance(instance_name)
    listener.raise_requested.connect(lambda: bring_forward(window))
    # Once the cursor is on screen: a backup never delays the first keystroke.
    window.settled.connect(lambda: QTimer.singleShot(0, daily_backup))
    code = int(app.exec()) or exit_code
    shut_down(window)
    for store in opened:
        store.close()
    return code


def shut_down(window: MainWindow) -> None:
    """Delete the window while Qt still exists; left to the interpreter's exit it can crash."""
    from PySide6.QtCore import QCoreApplication, QEvent

    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
