"""Start the Qt application over a store."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cli.context import CommandContext


def run_app(context: CommandContext) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv)
    store = context.store
    label = QLabel(f"CP Recorder — {store.url}")
    label.show()
    return int(app.exec())
