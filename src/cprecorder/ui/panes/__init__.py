"""One pane per agenda item; the agenda file decides which appear and in what order.

A pane's module is named after its agenda item's key, as declared in
:mod:`cprecorder.agenda.items`. Modules are imported only when their pane is first
shown, so opening a conference costs the one pane on screen, not all of them.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

from ...agenda.items import KNOWN_ITEMS
from .base import Pane, PaneContext

#: Agenda item key → pane class, filled as panes are first used.
_REGISTRY: dict[str, type[Pane]] = {}


@functools.cache
def pane_keys() -> frozenset[str]:
    """The keys that have a pane module here (a missing module is skipped)."""
    present = {m.name for m in pkgutil.iter_modules(__path__)}
    return frozenset(key for key in KNOWN_ITEMS if key in present)


def pane_class(key: str) -> type[Pane]:
    """The pane class for one agenda item, importing only its module."""
    if key not in _REGISTRY:
        if key not in pane_keys():
            raise KeyError(key)
        module = importlib.import_module(f"{__name__}.{key}")
        _REGISTRY[module.PANE.key] = module.PANE
    return _REGISTRY[key]


__all__ = ["Pane", "PaneContext", "pane_class", "pane_keys"]
