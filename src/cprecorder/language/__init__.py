"""Plain language: jargon with everyday alternatives, reading ease, British spelling.

All of it is plain Python; the window's underlines and menus are in
:mod:`cprecorder.ui.widgets.language_marks`.
"""
