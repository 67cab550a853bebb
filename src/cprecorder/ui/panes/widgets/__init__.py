"""Widgets that belong to one pane (or to the two scaling panes).

The action table, the scaling grid, the pictures of scores, the choice of pictures.
"""
