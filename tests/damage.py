"""Damage as a disk does it: one whole page of a table scrambled, not just a header byte."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def integrity(path: Path) -> str:
    """What SQLite's full integrity check says of the database file at ``path``, opened as
    the app opens it (so a WAL left by a killed process is read too): "ok" when sound."""
    with closing(sqlite3.connect(path)) as conn:
        return "; ".join(str(row[0]) for row in conn.execute("PRAGMA integrity_check"))


def scramble_root_page(path: Path, table: str) -> None:
    """XOR every byte of ``table``'s root page in the closed database file at ``path``."""
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()[0]
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    start = (root - 1) * page
    data[start : start + page] = bytes(b ^ 0x5A for b in data[start : start + page])
    path.write_bytes(bytes(data))
