"""Agendas are data: headings, order, prompts and limits come from TOML files.

The Signs of Safety agenda is the default; an authority can ship its own file.
"""

from .agenda import Agenda, AgendaHeading, AgendaItem, available_agendas, load_agenda

DEFAULT_AGENDA = "signs-of-safety"

__all__ = [
    "DEFAULT_AGENDA",
    "Agenda",
    "AgendaHeading",
    "AgendaItem",
    "available_agendas",
    "load_agenda",
]
