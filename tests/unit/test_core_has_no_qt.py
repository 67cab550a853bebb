"""The core never imports Qt: the record, store, rules, agenda and exports are plain Python."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import cprecorder

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(cprecorder.__path__, "cprecorder.")
    if not m.name.startswith(("cprecorder.ui", "cprecorder.migrations.env"))
)


def test_core_modules_listed() -> None:
    for expected in (
        "cprecorder.agenda",
        "cprecorder.export",
        "cprecorder.store",
        "cprecorder.model",
        "cprecorder.cli",
    ):
        assert expected in CORE


def test_importing_the_core_does_not_import_pyside6() -> None:
    code = (
        "import sys, importlib\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
