"""Write a PNG of every pane, in normal and presentation mode, with the demo conference.

Usage: python scripts/screenshots.py docs/screenshots
Files: start.png, <pane>-normal.png, <pane>-presentation.png; the same at 1280×720 in
1280x720/ (a council laptop, or a window Teams has scaled); and the Marlowe case's
panes that differ for an unborn child and several children in marlowe-<pane>.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cprecorder.actor import Actor
from cprecorder.demo import add_demo_conference
from cprecorder.demo_marlowe import add_marlowe_conference
from cprecorder.model import Role
from cprecorder.store import Store
from cprecorder.ui.shell.app import create_main_window
from cprecorder.ui.shell.settings import Settings

SIZE = (1440, 900)
SMALL = (1280, 720)
#: The Marlowe case's panes worth a look: an unborn child, each parent, several children.
MARLOWE_PANES = ("family", "involvement", "decision", "childrens_plan")


def settle() -> None:
    """Let layouts and text fields fit their words before the picture is taken."""
    QTest.qWait(120)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open_sqlite(Path(folder) / "demo.sqlite3")
        conference_id = add_demo_conference(store)
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window = create_main_window(
            store, Actor("Gemma Stiles", Role.MINUTE_TAKER, "demo"), settings, reopen=False
        )
        window.resize(*SIZE)
        window.show()
        settle()
        window.grab().save(str(out / "start.png"))
        window.open_conference(conference_id)
        view = window.view
        assert view is not None
        for mode in ("normal", "presentation"):
            window.set_presentation(mode == "presentation")
            for key in view.keys:
                if view.show_pane(key) is None:
                    continue  # professionals-only is never on a shared screen
                settle()
                window.grab().save(str(out / f"{key}-{mode}.png"))
        small = out / "1280x720"
        small.mkdir(exist_ok=True)
        window.resize(*SMALL)
        for mode in ("normal", "presentation"):
            window.set_presentation(mode == "presentation")
            for key in view.keys:
                if view.show_pane(key) is None:
                    continue
                window.resize(*SMALL)
                settle()
                window.grab().save(str(small / f"{key}-{mode}.png"))
        window.set_presentation(False)
        window.resize(*SIZE)
        window.open_conference(add_marlowe_conference(store))
        view = window.view
        assert view is not None
        for key in MARLOWE_PANES:
            view.show_pane(key)
            settle()
            window.grab().save(str(out / f"marlowe-{key}.png"))
        window.close()
        store.close()
    written = sorted(p.name for p in out.rglob("*.png"))
    print(f"{len(written)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
