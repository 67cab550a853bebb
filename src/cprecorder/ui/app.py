"""Start the Qt application over a store, reopening where work stopped."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..actor import Actor
    from ..cli.context import CommandContext
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
    journal: object | None = None,
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


def run_app(context: CommandContext) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ..errors import KnownError
    from .identity import IdentityDialog, remember_actor, remembered_actor
    from .settings import Settings

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("CP Recorder")
    app.setOrganizationName("cprecorder")
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
    window = create_main_window(store, actor, settings)
    window.show()
    return int(app.exec())
