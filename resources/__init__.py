"""Data files shipped with CP Recorder: agendas, rules, word lists, pictures, templates.

Read them with :func:`importlib.resources.files` on ``cprecorder.resources``.
"""
