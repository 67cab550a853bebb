"""Dialogs opened from the window's menus: export, sign-off, addendum."""
