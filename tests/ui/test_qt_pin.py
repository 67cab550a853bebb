"""PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void Qt call."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_none_alive() -> None:
    obj = QObject()
    before = sys.getrefcount(None)
    for i in range(20_000):
        obj.setObjectName("x" if i % 2 else "y")  # a void call: returns None
    after = sys.getrefcount(None)
    # Other code may take references meanwhile; a leak would lose about 20,000.
    assert after >= before - 100
