"""CP Recorder: record UK Child Protection Conferences live.

The core package (record model, store, rules, operations) is plain Python and
never imports Qt; the window lives in :mod:`cprecorder.ui`.
"""

__version__ = "0.1.0"
