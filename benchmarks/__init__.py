"""Benchmarks: every performance figure the project promises, as a ratio to a floor.

Each ``bench_*.py`` module here has ``run() -> list[Figure]``. A figure is
measured against a floor taken in the same run on the same machine (a bare
PySide6 window, a raw sqlite3 commit, a bare python-docx script), so the ratio
means the same on a fast laptop and a tired one.
"""
