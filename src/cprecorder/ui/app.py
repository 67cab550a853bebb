"""Start the Qt application over a store, reopening where work stopped."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..actor import Actor
    from ..cli.context import CommandContext
    from ..recovery import RecoveryJournal
    from ..store import Store
    from .main_window import MainWindow
    from .settings import Settings

log = logging.getLogger(__name__)


def create_main_window(
    store: Store,
    actor: Actor,
    settings: Settings,
    *,
    reopen: bool = True,
    journal: RecoveryJournal | None = None,
) -> MainWindow:
    """The window over a store; reopens the last conference at its pane and field."""
    from ..errors import KnownError
    from .main_window import MainWindow
    from .settings import LAST_CONFERENCE, LAST_FIELD, LAST_PANE

    window = MainWindow(store, actor, settings, journal=journal)
    last = settings.get(LAST_CONFERENCE)
    if reopen and last:
        try:
            window.open_conference(last, settings.get(LAST_PANE), settings.get(LAST_FIELD))
        except KnownError:
            window.show_start()
    else:
        window.show_start()
    return window


def install_excepthook(log_path: object) -> None:
    """A bug never shows a traceback: it is logged, and the person told in a sentence.

    The text being typed is safe: every edit is in the recorder (and saved or in the
    recovery file) before any handler runs.
    """
    from PySide6.QtWidgets import QApplication, QMessageBox

    def hook(kind: type[BaseException], value: BaseException, tb: object) -> None:
        log.error("unexpected error", exc_info=(kind, value, tb))  # type: ignore[arg-type]
        if QApplication.instance() is not None:
            QMessageBox.warning(
                None,
                "Something went wrong",
                "CP Recorder met a problem it did not expect. Your typing is kept. "
                f"The details are in the log file: {log_path}",
            )

    sys.excepthook = hook


def run_app(context: CommandContext) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ..errors import KnownError
    from ..logfile import configure_logging
    from .identity import IdentityDialog, remember_actor, remembered_actor
    from .settings import Settings

    log_path = configure_logging(context.data_dir)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("CP Recorder")
    app.setOrganizationName("cprecorder")
    install_excepthook(log_path)
    settings = Settings()
    try:
        store = context.store
    except KnownError as exc:
        QMessageBox.critical(None, "CP Recorder cannot open its records", str(exc))
        return 1
    actor = remembered_actor(settings)
    if actor is None:
        dialog = IdentityDialog()
        if dialog.exec() != IdentityDialog.DialogCode.Accepted:
            return 0
        actor = dialog.actor()
        remember_actor(settings, actor)
    from ..backup import backup_if_due
    from ..recovery import RecoveryJournal

    try:
        backup_if_due(store)  # at most one a day, the oldest pruned
    except KnownError as exc:
        log.warning("no daily backup: %s", exc)
    window = create_main_window(store, actor, settings, journal=RecoveryJournal(context.data_dir))
    window.show()
    code = int(app.exec())
    shut_down(window)
    return code


def shut_down(window: MainWindow) -> None:
    """Delete the window while Qt still exists; left to the interpreter's exit it can crash."""
    from PySide6.QtCore import QCoreApplication, QEvent

    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
