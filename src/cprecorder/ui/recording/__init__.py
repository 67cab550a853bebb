"""Recording one conference.

The view (agenda, header, one pane at a time) and the recorder that saves every edit.
"""
