"""Widgets any pane may use: bound fields, typed lists, spelling and jargon marks."""
